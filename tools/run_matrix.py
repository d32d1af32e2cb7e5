"""The verification matrix: every example on every backend with every SQLAlchemy line.

    python tools/run_matrix.py test      # make test-matrix: run it, print a table per cell
    python tools/run_matrix.py update    # make update-matrix: record outputs in every cell
    python tools/run_matrix.py lock      # make lock: one lock file per SQLAlchemy line,
                                         # and make inventory's

Backends and lines come from pyproject.toml ([tool.session-docs], read by
docsite/config.py). Each SQLAlchemy line gets its own venv (.venv for the locked line,
.venv-sqlalchemy-<line> for the others), made by `make venv` from that line's lock file.
The locked line runs the whole suite on every backend; the other lines run the tests that
depend on the SQLAlchemy version: each example's recorded output and each notebook.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from docsite.config import (
    BACKENDS,
    LOCKED_LINE,
    REFERENCE,
    ROOT,
    SQLALCHEMY_LINES,
    SQLAlchemyLine,
    rel,
)

UV = "uv==0.13.9"
PER_CELL_TESTS = [
    "tests/test_examples.py::test_recorded_output",
    "tests/test_examples.py::test_notebook_runs",
    "tests/test_benchmark.py::test_benchmark_smoke",
]


def venv_of(line: SQLAlchemyLine) -> Path:
    return ROOT / (".venv" if line == LOCKED_LINE else f".venv-sqlalchemy-{line.name}")


def make_venv(line: SQLAlchemyLine) -> Path:
    venv = venv_of(line)
    subprocess.run(
        ["make", "--no-print-directory", "venv", f"VENV={rel(venv)}",
         f"LOCK={rel(line.lock)}"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    return venv


def pytest_args(line: SQLAlchemyLine, update: bool) -> list[str]:
    if update:  # one process: pytest-examples rewrites files at session end
        tests = ["tests/test_examples.py", "--update-examples", "-n", "0"]
        if line != LOCKED_LINE:
            tests[:1] = PER_CELL_TESTS
        return tests
    return [] if line == LOCKED_LINE else PER_CELL_TESTS


def run_line(line: SQLAlchemyLine, update: bool) -> tuple[int, float, Counter]:
    venv = make_venv(line)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp, "junit.xml")
        command = [
            str(venv / "bin/python"), "-m", "pytest", "--backend", "all",
            f"--junitxml={report}", "-o", "junit_family=xunit1",
            *pytest_args(line, update),
        ]  # fmt: skip
        print(f"\n=== SQLAlchemy {line.version}: {' '.join(command[3:])}", flush=True)
        started = time.perf_counter()
        returncode = subprocess.run(command, cwd=ROOT, check=False).returncode
        seconds = time.perf_counter() - started
        cells = count_per_cell(report) if report.exists() else Counter()
    return returncode, seconds, cells


def count_per_cell(report: Path) -> Counter:
    """(backend, kind, outcome) -> number of tests, from pytest's JUnit XML report."""
    cells: Counter = Counter()
    for case in ET.parse(report).iter("testcase"):
        m = re.match(r"(test_recorded_output|test_notebook_runs)\[.* on (\w+)\]$",
                     case.get("name", ""))  # fmt: skip
        if not m:
            continue
        kind = "examples" if m[1] == "test_recorded_output" else "notebooks"
        failed = case.find("failure") is not None or case.find("error") is not None
        skipped = case.find("skipped") is not None
        outcome = "failed" if failed else "skipped" if skipped else "passed"
        cells[(m[2], kind, outcome)] += 1
    return cells


def test_or_update(update: bool) -> int:
    started, failures, rows = time.perf_counter(), 0, []
    for line in SQLALCHEMY_LINES:  # the locked line first: its files are the fallbacks
        returncode, seconds, cells = run_line(line, update)
        failures += returncode != 0
        for backend in BACKENDS.values():
            n = {
                (kind, outcome): cells[(backend.name, kind, outcome)]
                for kind in ("examples", "notebooks")
                for outcome in ("passed", "failed", "skipped")
            }
            rows.append((f"{backend.label} · SQLAlchemy {line.version}", n))
        rows.append(
            (f"  (SQLAlchemy {line.version}: {seconds:.0f} s, exit {returncode})", None)
        )
    print("\nVerification matrix" + (" (outputs recorded)" if update else ""))
    print(
        f"{'cell':<36}{'examples passed':>17}{'failed':>8}{'notebooks':>11}{'failed':>8}"
    )
    for name, n in rows:
        if n is None:
            print(name)
            continue
        print(
            f"{name:<36}{n[('examples', 'passed')]:>17}"
            f"{n[('examples', 'failed')] + n[('examples', 'skipped')]:>8}"
            f"{n[('notebooks', 'passed')]:>11}"
            f"{n[('notebooks', 'failed')] + n[('notebooks', 'skipped')]:>8}"
        )
    print(f"wall time: {time.perf_counter() - started:.0f} s")
    return 1 if failures else 0


def sqlalchemy_requirement(line: SQLAlchemyLine) -> str:
    """pyproject.toml's SQLAlchemy requirement, extras kept ("sqlalchemy[asyncio]"), at
    the line's version: a uv override replaces the whole requirement, extras included.
    """
    with open(ROOT / "pyproject.toml", "rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    declared = next(
        d for d in dependencies if re.match(r"sqlalchemy\b", d, re.IGNORECASE)
    )
    return re.sub(r"==.*", f"=={line.version}", declared)


def lock() -> int:
    """requirements.lock for the locked line (docs and tests), and for each other line a
    lock of the test tools with that SQLAlchemy."""
    python = ROOT / ".venv/bin/python"
    subprocess.run([python, "-m", "pip", "install", "-qq", UV], check=True)
    for line in SQLALCHEMY_LINES:
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as override:
            override.write(sqlalchemy_requirement(line) + "\n")
            override.flush()
            extras = ["--extra", "test"]
            if line == LOCKED_LINE:
                extras[:0] = ["--extra", "docs"]
            subprocess.run(
                [python, "-m", "uv", "pip", "compile", "pyproject.toml", *extras,
                 "--override", override.name, "--universal", "--python-version", "3.11",
                 "--generate-hashes", "--quiet", "--custom-compile-command", "make lock",
                 "-o", rel(line.lock)],
                cwd=ROOT, check=True,
            )  # fmt: skip
        print(f"wrote {rel(line.lock)} (SQLAlchemy {line.version})")
    # The Sphinx tooling of `make inventory` (tools/build_inventory.py): a lock of its
    # own, so that readers and contributors never install Sphinx.
    subprocess.run(
        [python, "-m", "uv", "pip", "compile", "-", "--universal",
         "--python-version", "3.11", "--generate-hashes", "--quiet",
         "--custom-compile-command", "make lock", "-o", rel(REFERENCE.tools_lock)],
        input="\n".join(REFERENCE.tools) + "\n", text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    print(f"wrote {rel(REFERENCE.tools_lock)} (make inventory's Sphinx)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["test", "update", "lock"])
    command = parser.parse_args().command
    if command == "lock":
        return lock()
    return test_or_update(update=command == "update")


if __name__ == "__main__":
    sys.exit(main())
