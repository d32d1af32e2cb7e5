"""The project's configuration, read from the [tool.session-docs] table of pyproject.toml:
where pages and examples live, and the verification matrix (backends x SQLAlchemy lines).

The build hooks import this module, and so does tests/harness.py, so the site's "Verified
on" badges and the test matrix come from one declaration and cannot disagree.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

with open(ROOT / "pyproject.toml", "rb") as _f:
    _CONFIG = tomllib.load(_f)["tool"]["session-docs"]

DOCS_DIR = ROOT / _CONFIG["docs-dir"]
EXAMPLES_DIR = ROOT / _CONFIG["examples-dir"]
NOTEBOOKS_DIR = ROOT / _CONFIG["notebooks-dir"]
OUTPUT_SUFFIX = _CONFIG["output-suffix"]
BROWSER = Path(_CONFIG["browser"])


@dataclass(frozen=True)
class Backend:
    name: str  # as in `--backend postgresql` and in recorded-output file names
    label: str  # as on the pages
    url: str  # where the examples' create_engine("sqlite://") is pointed

    @property
    def dialect(self) -> str:
        return self.url.split(":", 1)[0].split("+", 1)[0]

    def env_var(self) -> str:
        return f"SESSION_DOCS_{self.name.upper()}_URL"


@dataclass(frozen=True)
class SQLAlchemyLine:
    version: str  # "2.0.58"
    lock: Path  # the lock file that pins it

    @property
    def name(self) -> str:  # "2.0"
        return ".".join(self.version.split(".")[:2])


def _backend(name: str, table: dict[str, str]) -> Backend:
    backend = Backend(name, table["label"], table["url"])
    # Another machine's servers (CI service containers, say) without editing this file.
    return Backend(name, backend.label, os.environ.get(backend.env_var(), backend.url))


BACKENDS: dict[str, Backend] = {
    name: _backend(name, table) for name, table in _CONFIG["backends"].items()
}
DEFAULT_BACKEND = next(iter(BACKENDS.values()))  # what `make test` and the pages use
SQLALCHEMY_LINES = [
    SQLAlchemyLine(line["version"], ROOT / line["lock"])
    for line in _CONFIG["sqlalchemy"]
]
LOCKED_LINE = SQLALCHEMY_LINES[0]  # what the pages show


@dataclass(frozen=True)
class Benchmark:
    program: Path  # readers run it; its output is timings, so nothing is recorded
    results: Path  # what the Performance page's chart and table are built from
    backends: list[Backend]
    rows: int
    rounds: int  # timed rounds; each runs every layer of a group once


BENCHMARK = Benchmark(
    ROOT / _CONFIG["benchmark"]["program"],
    ROOT / _CONFIG["benchmark"]["results"],
    [BACKENDS[name] for name in _CONFIG["benchmark"]["backends"]],
    _CONFIG["benchmark"]["rows"],
    _CONFIG["benchmark"]["rounds"],
)
_ONLY_ON = {ROOT / path: names for path, names in _CONFIG.get("only-on", {}).items()}


@dataclass(frozen=True)
class BrowserRun:
    """What the Run buttons load (see [tool.session-docs.browser-run])."""

    pyodide: str  # the npm package's version
    pyodide_integrity: str  # npm's "sha512-<base64>" of its tarball
    packages: list[str]  # versions and hashes come from the locked line's lock file
    drop_from_packages: list[str]  # regular expressions over paths in the wheels
    drop_from_stdlib: list[str]  # ... and over paths in Pyodide's python_stdlib.zip
    not_runnable: dict[Path, str]  # example -> why it has no Run button


_BROWSER_RUN = _CONFIG["browser-run"]
BROWSER_RUN = BrowserRun(
    _BROWSER_RUN["pyodide"],
    _BROWSER_RUN["pyodide-integrity"],
    _BROWSER_RUN["packages"],
    _BROWSER_RUN["drop-from-packages"],
    _BROWSER_RUN["drop-from-stdlib"],
    {ROOT / path: why for path, why in _BROWSER_RUN["not-runnable"].items()},
)


# `# --8<-- [start:focus]` / `[end:focus]`: section markers, which pages never show.
SECTION_MARKER = re.compile(
    r"^\s*#\s*-+8<-+\s*\[(?P<kind>start|end):(?P<name>[a-z][-_0-9a-z]*)\]"
)


def shown_source(program: Path) -> str:
    """A program as the page shows it (and its copy button copies it): markers removed."""
    lines = program.read_text().splitlines(keepends=True)
    return "".join(line for line in lines if not SECTION_MARKER.match(line))


def backends_for(program: Path) -> list[Backend]:
    """The backends an example is verified on: all, unless [only-on] narrows it. The
    benchmark is smoke-tested on the backends it measures."""
    if program.resolve() == BENCHMARK.program:
        return BENCHMARK.backends
    names = _ONLY_ON.get(program.resolve(), list(BACKENDS))
    return [BACKENDS[name] for name in names]


def why_not_in_browser(program: Path) -> str | None:
    """None if the program gets a Run button, else what the page says instead. The
    browser has SQLite alone (Python's sqlite3, inside Pyodide)."""
    if (why := BROWSER_RUN.not_runnable.get(program.resolve())) is not None:
        return why
    backends = backends_for(program)
    if DEFAULT_BACKEND not in backends:
        return "it runs on " + " and ".join(b.label for b in backends) + " only"
    return None


# --- Which recorded output belongs to which cell of the matrix -----------------------------
#
# examples/x.py's expected output, for a backend and a SQLAlchemy line, is the first file
# of this chain that exists (a variant is recorded only where the output really differs):
#
#   x.<backend>.sqlalchemy-<line>.out   (lines other than the locked one)
#   x.<backend>.out                     (backends other than the default)
#   x.out                               (the default backend on the locked line: the page)


def output_chain(program: Path, backend: Backend, line: SQLAlchemyLine) -> list[Path]:
    stem = program.with_suffix("")
    chain = []
    if line != LOCKED_LINE:
        chain.append(
            Path(f"{stem}.{backend.name}.sqlalchemy-{line.name}{OUTPUT_SUFFIX}")
        )
    if backend != DEFAULT_BACKEND:
        chain.append(Path(f"{stem}.{backend.name}{OUTPUT_SUFFIX}"))
    chain.append(Path(f"{stem}{OUTPUT_SUFFIX}"))
    return chain


def expected_output_path(
    program: Path, backend: Backend, line: SQLAlchemyLine
) -> Path | None:
    return next((p for p in output_chain(program, backend, line) if p.is_file()), None)


_VARIANT = re.compile(
    rf"^(?P<stem>[^.]+)(?:\.(?P<backend>[a-z0-9]+))?"
    rf"(?:\.sqlalchemy-(?P<line>\d+\.\d+))?{re.escape(OUTPUT_SUFFIX)}$"
)


def cell_of_output(path: Path) -> tuple[Path, Backend, SQLAlchemyLine] | None:
    """The example and matrix cell a recorded-output file belongs to; None if the name
    fits no cell of an existing example (an orphan)."""
    m = _VARIANT.match(path.name)
    if not m:
        return None
    program = path.with_name(m["stem"] + ".py")
    backend = BACKENDS.get(m["backend"]) if m["backend"] else DEFAULT_BACKEND
    lines = [line for line in SQLALCHEMY_LINES if line.name == m["line"]]
    line = lines[0] if m["line"] else LOCKED_LINE
    if (
        not program.is_file()
        or backend is None
        or (m["line"] and (not lines or line == LOCKED_LINE))
        or (m["backend"] and backend == DEFAULT_BACKEND and not m["line"])
        or backend not in backends_for(program)
    ):
        return None
    return program, backend, line
