"""Contributors' mistakes fail loudly, naming the file (and line where there is one).

Each test copies the project to a scratch directory, breaks one thing the way a contributor
might, and runs the real check: `mkdocs build --strict` or the example tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docsite.config import LOCKED_LINE, OUTPUT_SUFFIX, ROOT, SQLALCHEMY_LINES, rel
from docsite.site import mkdocs_build
from docsite.sources import example_programs, inline_python_blocks, pages_showing

COPIED = [
    "docs",
    "examples",
    "hooks",
    "overrides",
    "tests",
    "mkdocs.yml",
    "pyproject.toml",
    # SQLAlchemy's inventories, which the build links names through.
    "docsite/inventories",
    # The footer states the versions the lock files pin.
    *(rel(line.lock) for line in SQLALCHEMY_LINES),
]


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, tmp_path / name)
    return tmp_path.resolve()


def build_fails(scratch: Path) -> str:
    build = mkdocs_build(scratch / "mkdocs.yml", scratch / "site")
    assert build.returncode != 0, "the build passed though the input was broken"
    return build.stdout + build.stderr


def example_tests_fail(scratch: Path, program: Path) -> str:
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_examples.py", "-n", "0",
         "-p", "no:cacheprovider", "-q", "-k", program.stem],
        cwd=scratch, capture_output=True, text=True, check=False,
        env={**os.environ, "SESSION_DOCS_ROOT": str(scratch)},
    )  # fmt: skip
    assert tests.returncode == 1, f"the example tests did not fail:\n{tests.stdout}"
    return tests.stdout


def append(path: Path, text: str) -> int:
    """Append text to a file; return the line number where it starts."""
    old = path.read_text()
    path.write_text(old + text)
    return old.count("\n") + 1


def test_an_include_of_a_missing_file_names_page_and_line(scratch: Path):
    line = append(
        scratch / "docs/index.md",
        '\n```python\n--8<-- "examples/no_such_file.py"\n```\n',
    )
    log = build_fails(scratch)
    assert (
        f"docs/index.md:{line + 2}: snippet 'examples/no_such_file.py' does not exist"
        in log
    )


def test_a_broken_internal_link_names_the_page(scratch: Path):
    append(scratch / "docs/index.md", "\nSee [nowhere](nowhere.md#missing).\n")
    log = build_fails(scratch)
    assert "'index.md'" in log and "nowhere.md" in log


def test_a_broken_anchor_names_the_page(scratch: Path):
    append(scratch / "docs/index.md", "\nSee [here](#no-such-heading).\n")
    log = build_fails(scratch)
    assert "'index.md'" in log and "#no-such-heading" in log


def test_a_sqlalchemy_name_the_reference_lacks_names_page_and_line(scratch: Path):
    line = append(scratch / "docs/index.md", "\nThen call `Session.comit()`.\n") + 1
    log = build_fails(scratch)
    assert (
        f"docs/index.md:{line}: `Session.comit()`: sqlalchemy.orm.Session.comit" in log
    )
    assert "is not in SQLAlchemy" in log


def test_a_stale_inventory_fails_the_build_naming_it_and_the_lock(scratch: Path):
    from docsite.reference import inventory_path

    path = scratch / rel(inventory_path(LOCKED_LINE))
    path.write_bytes(path.read_bytes().replace(b"# Version: 2.", b"# Version: 1.", 1))
    log = build_fails(scratch)
    assert (
        f"{rel(inventory_path(LOCKED_LINE))}:3: the inventory is of SQLAlchemy 1."
        in log
    )
    assert f"{rel(LOCKED_LINE.lock)} locks SQLAlchemy {LOCKED_LINE.version}" in log


def test_a_failing_notebook_cell_names_the_notebook(scratch: Path):
    notebook = (
        scratch / "examples/notebooks" / next(ROOT.glob("examples/notebooks/*.py")).name
    )
    line = append(
        notebook, '\n# %%\nraise RuntimeError("a cell that fails by mistake")\n'
    )
    log = build_fails(scratch)
    where = f"{notebook.relative_to(scratch).as_posix()}:{line + 2}"
    assert (
        f"{where}: a notebook cell raised RuntimeError: a cell that fails by mistake"
        in log
    )


def test_an_example_that_raises_names_file_and_line(scratch: Path):
    program = scratch / rel(example_programs()[0])
    line = append(program, 'raise RuntimeError("an example broken by mistake")\n')
    report = example_tests_fail(scratch, program)
    assert (
        f"{program.name}:{line}" in report or f'{program.name}", line {line}' in report
    )
    assert "an example broken by mistake" in report


LEAKY = """
import subprocess, sys, threading, time
threading.Thread(target=time.sleep, args=(60,), daemon=True, name="forgotten").start()
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
open("leftover.txt", "w").close()
"""


def test_an_example_leaving_a_thread_process_or_file_fails_naming_them(scratch: Path):
    program = scratch / rel(example_programs()[0])
    append(program, LEAKY)
    report = example_tests_fail(scratch, program)
    assert f"{rel(example_programs()[0])} left behind on SQLite" in report, report
    assert "file leftover.txt" in report
    assert "thread 'forgotten' (threading.Thread)" in report
    assert re.search(
        r"process \d+ \(\S+python\S* -c import time; time.sleep\(60\)\)", report
    )


def test_a_coroutine_never_awaited_names_file_and_line(scratch: Path):
    """A forgotten `await` runs nothing and only warns (RuntimeWarning, on stderr): the
    example's test fails at the line of the call, not at the output it changes."""
    program = scratch / "examples/async/commit_as_you_go.py"
    source = program.read_text()
    call = "        await conn.commit()\n"
    line = source[: source.index(call)].count("\n") + 1
    program.write_text(source.replace(call, "        conn.commit()\n", 1))
    report = example_tests_fail(scratch, program)
    assert (
        f"examples/async/commit_as_you_go.py:{line}: RuntimeWarning: coroutine "
        "'AsyncConnection.commit' was never awaited" in report
    ), report


def test_a_changed_recorded_output_line_names_file_and_line(scratch: Path):
    program = scratch / rel(example_programs()[0])
    output = program.with_suffix(OUTPUT_SUFFIX)
    lines = output.read_text().splitlines(keepends=True)
    lines[1] = "a line the program never printed\n"
    output.write_text("".join(lines))
    report = example_tests_fail(scratch, program)
    assert f"{output.relative_to(scratch).as_posix()}:2: the output of" in report


def test_a_changed_printed_value_names_file_and_line(scratch: Path):
    program = next(
        scratch / rel(p) for p in example_programs() if "#> " in p.read_text()
    )
    source = program.read_text()
    line = source[: source.index("#> ")].count("\n") + 1
    program.write_text(re.sub(r"#> .*", "#> not what it prints", source, count=1))
    report = example_tests_fail(scratch, program)
    assert (
        f"{program.relative_to(scratch).as_posix()}:{line}: Print output changed"
        in report
    )


def test_python_typed_into_a_page_is_found_with_its_line(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(
        '# Title\n\n```python\n--8<-- "examples/x.py"\n```\n\n'
        '=== "Tab"\n\n    ```py title="typed.py"\n    print(1)\n    ```\n'
    )
    assert [(b.line, b.lang) for b in inline_python_blocks(page)] == [(9, "py")]


def example_tests_on(backend: str, url_variable: str = "", url: str = ""):
    """The recorded-output test of one example, on a backend, from the real project."""
    env = {**os.environ, url_variable: url} if url_variable else dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_examples.py::test_recorded_output",
         "-k", "guide_example", "--backend", backend, "-n", "0",
         "-p", "no:cacheprovider", "-q"],
        cwd=ROOT, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip


def test_an_unreachable_backend_fails_naming_its_url():
    url = "postgresql+psycopg://nobody@127.0.0.1:9/nowhere"  # nothing listens on port 9
    tests = example_tests_on("postgresql", "SESSION_DOCS_POSTGRESQL_URL", url)
    assert tests.returncode == 1, tests.stdout
    assert f"{url} cannot be used" in tests.stdout
    assert "skipped" not in tests.stdout.splitlines()[-1]


def test_a_url_naming_no_installed_driver_fails_naming_it():
    url = "mariadb+nosuchdriver://root@127.0.0.1:3306/test"
    tests = example_tests_on("mariadb", "SESSION_DOCS_MARIADB_URL", url)
    assert tests.returncode == 1, tests.stdout
    assert f"{url} cannot be used: Can't load plugin" in tests.stdout


def test_a_backend_not_declared_is_refused():
    tests = example_tests_on("oracle")
    assert tests.returncode == 4, tests.stdout  # pytest's usage error
    assert "--backend oracle: not declared in pyproject.toml" in tests.stderr


def test_a_fence_asking_for_unknown_outputs_names_page_and_line(scratch: Path):
    program = rel(example_programs()[0])
    line = append(
        scratch / "docs/index.md",
        f'\n```python outputs="os"\n--8<-- "{program}"\n```\n',
    )
    log = build_fails(scratch)
    assert f'docs/index.md:{line + 2}: outputs="os"' in log


def test_a_benchmark_figure_the_results_do_not_hold_is_found_with_its_line(
    scratch: Path,
):
    page = scratch / "docs" / "performance.md"
    lines = page.read_text().splitlines(keepends=True)
    line = next(
        i for i, text in enumerate(lines, 1) if "{{ sqlite.insert.orm }}" in text
    )
    lines[line - 1] = lines[line - 1].replace(
        "sqlite.insert.orm", "sqlite.insert.orrm", 1
    )
    page.write_text("".join(lines))
    output = build_fails(scratch)
    assert (
        f"docs/performance.md:{line}: '{{{{ sqlite.insert.orrm }}}}' names no figure"
        in output
    )


@pytest.mark.parametrize(
    ("claim", "error"),
    [
        ("sqlite.insert.orm >> sqlite.insert.core", "is not a claim"),
        (
            "sqlite.insert.orrm > sqlite.insert.core",
            "names no figure 'sqlite.insert.orrm'",
        ),
        ("sqlite.insert.orm > sqlite.rows", "is not a claim"),
    ],
    ids=["malformed", "naming no figure", "naming no layer"],
)
def test_a_bad_benchmark_claim_fails_the_build_naming_page_and_line(
    scratch: Path, claim: str, error: str
):
    page = scratch / "docs" / "performance.md"
    line = append(page, f"\nA sentence that compares.\n<!-- claim: {claim} -->\n")
    output = build_fails(scratch)
    assert f"docs/performance.md:{line + 2}: " in output and error in output, output


def test_a_benchmark_claim_the_figures_deny_fails_the_build_naming_page_and_line(
    scratch: Path,
):
    """Flip the page's first claim: whatever the figures say, it no longer holds."""
    page = scratch / "docs" / "performance.md"
    lines = page.read_text().splitlines(keepends=True)
    line, m = next(
        (i, m)
        for i, text in enumerate(lines, 1)
        if (m := re.search(r"<!-- claim: (\S+) ([<>~]) (\S+) -->", text))
    )
    flipped = {"<": ">", ">": "<", "~": "<"}[m[2]]
    lines[line - 1] = lines[line - 1].replace(
        m[0], f"<!-- claim: {m[1]} {flipped} {m[3]} -->"
    )
    page.write_text("".join(lines))
    output = build_fails(scratch)
    assert f"docs/performance.md:{line}: claims {m[1]} {flipped} {m[3]}, but" in output


def test_a_missing_benchmark_results_file_fails_the_build_naming_it(scratch: Path):
    (scratch / "examples" / "performance" / "results.json").unlink()
    output = build_fails(scratch)
    assert "docs/performance.md:" in output and "results.json" in output


def test_a_build_from_a_shallow_clone_refuses_to_guess_dates(tmp_path: Path):
    """Last-updated dates come from git; a shallow clone would date every page alike."""
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(clone)], check=True
    )
    output = build_fails(clone)
    assert "this clone is shallow: run `git fetch --unshallow`" in output


def test_a_pyodide_not_matching_its_pinned_hash_fails_the_build(scratch: Path):
    """The Run buttons' Pyodide must be the npm tarball pyproject.toml pins."""
    pyproject = scratch / "pyproject.toml"
    text = pyproject.read_text()
    pinned = re.search(
        r'^pyodide-integrity = "sha512-(?P<hash>[^"]+)"', text, re.MULTILINE
    )
    wrong = "A" * len(pinned["hash"])
    pyproject.write_text(text.replace(pinned["hash"], wrong))
    output = build_fails(scratch)
    assert "does not match pyproject.toml's pyodide-integrity" in output, output


def test_a_sqlalchemy_wheel_the_lock_does_not_allow_fails_the_build(scratch: Path):
    """The Run buttons' SQLAlchemy must be a wheel requirements.lock pins by hash."""
    lock = scratch / rel(SQLALCHEMY_LINES[0].lock)
    text = lock.read_text()
    entry = re.search(
        r"^sqlalchemy==\S+(?:\s*\\\s*--hash=sha256:\w+)+", text, re.MULTILINE
    )
    pinned = re.findall(r"sha256:(\w+)", entry[0])
    changed = entry[0]
    for digest in pinned:  # every wheel the lock allows, the pure-Python one included
        changed = changed.replace(digest, "0" * 64, 1)
    lock.write_text(text.replace(entry[0], changed))
    output = build_fails(scratch)
    wheel = f"sqlalchemy-{SQLALCHEMY_LINES[0].version}-py3-none-any.whl"
    assert f"{wheel}: its sha256 is not one of the hashes" in output, output


def test_a_focus_marker_left_open_fails_the_build_naming_page_program_and_line(
    scratch: Path,
):
    original = next(p for p in example_programs() if "[start:focus]" in p.read_text())
    program = scratch / rel(original)
    lines = program.read_text().splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines) if "[end:focus]" in line)
    start = max(i for i, line in enumerate(lines[:end]) if "[start:focus]" in line)
    program.write_text("".join(lines[:end] + lines[end + 1 :]))  # its end marker gone
    log = build_fails(scratch)
    shown_at = pages_showing()[original][0].where
    assert (
        f"{shown_at}: {rel(original)}, line {start + 1}: [start:focus] is never closed"
        in log
    ), log


def test_a_highlighted_line_that_would_be_folded_fails_the_build(scratch: Path):
    program = next(p for p in example_programs() if "[start:focus]" in p.read_text())
    line = append(
        scratch / "docs/index.md",
        f'\n```python hl_lines="1"\n--8<-- "{rel(program)}"\n```\n',
    )
    log = build_fails(scratch)
    assert (
        f"docs/index.md:{line + 2}: {rel(program)}: line 1 is highlighted but folded"
        in log
    )


def test_a_picture_of_a_program_that_records_no_events_names_page_and_line(
    scratch: Path,
):
    program = "examples/connections/autocommit.py"  # a page shows it, with no picture
    assert not (scratch / program).with_suffix(".events").exists()
    line = append(
        scratch / "docs/index.md",
        f'\n```python picture="timeline"\n--8<-- "{program}"\n```\n',
    )
    log = build_fails(scratch)
    assert (
        f'docs/index.md:{line + 2}: picture="timeline": {program} records no events '
        "(examples/connections/autocommit.events)" in log
    ), log


def test_a_fence_asking_for_an_unknown_picture_names_page_and_line(scratch: Path):
    program = rel(example_programs()[0])
    line = append(
        scratch / "docs/index.md",
        f'\n```python picture="pie"\n--8<-- "{program}"\n```\n',
    )
    log = build_fails(scratch)
    assert f'docs/index.md:{line + 2}: picture="pie": use picture="timeline"' in log


def test_a_recorded_event_edited_by_hand_fails_naming_the_events_file(scratch: Path):
    program = scratch / "examples/transactions/connection_savepoint.py"
    events = program.with_suffix(".events")
    lines = events.read_text().splitlines(keepends=True)
    assert '"sql": "INSERT INTO employee' in lines[2]
    lines[2] = lines[2].replace("INSERT INTO employee", "INSERT INTO manager")
    events.write_text("".join(lines))
    report = example_tests_fail(scratch, program)
    where = events.relative_to(scratch).as_posix()
    # against the output it is shown beside, without a run; and against a new run
    assert (
        f"{where}:3: 'INSERT INTO manager (id, name) VALUES (?, ?)' is not in" in report
    )
    assert f"{where}:3: the events of" in report


def test_an_error_code_marker_no_output_shows_fails_the_build_naming_page_and_line(
    scratch: Path,
):
    line = append(scratch / "docs/index.md", "\nSee [why](error:zz99).\n")
    log = build_fails(scratch)
    assert (
        f"docs/index.md:{line + 1}: (error:zz99) names an error code no output on the "
        "page shows" in log
    ), log


def test_an_error_code_an_output_shows_unlinked_fails_the_build_naming_page_and_line(
    scratch: Path,
):
    """The Pool page's only marker removed: its output still shows the code."""
    page = scratch / "docs/pool.md"
    text = page.read_text()
    marker = re.search(r"\]\(error:(\w+)\)", text)
    page.write_text(text.replace(marker[0], "](https://sqlalche.me)"))
    include = next(
        n
        for n, line in enumerate(text.splitlines(), 1)
        if '"examples/pool/exhaustion.py"' in line
    )
    log = build_fails(scratch)
    assert (
        f"docs/pool.md:{include}: examples/pool/exhaustion.out:2 shows "
        f"sqlalchemy.exc.TimeoutError with error code {marker[1]}, which the page's "
        "prose never links" in log
    ), log


def test_a_typed_link_to_an_error_explanation_fails_the_build_naming_page_and_line(
    scratch: Path,
):
    url = "https://docs.sqlalchemy.org/en/21/errors.html#error-3o7r"
    line = append(scratch / "docs/pool.md", f"\nSee [why]({url}).\n")
    log = build_fails(scratch)
    assert (
        f"docs/pool.md:{line + 1}: a link to SQLAlchemy's explanation of error 3o7r "
        "typed by hand; write [text](error:3o7r)" in log
    ), log


def test_an_error_code_printed_apart_from_its_exception_fails_naming_the_output_line(
    scratch: Path,
):
    output = scratch / "examples/pool/exhaustion.out"
    output.write_text(output.read_text().replace(" (Background", "\n(Background", 1))
    log = build_fails(scratch)
    assert (
        "examples/pool/exhaustion.out:3: an error code with no exception name and "
        "message before it on its line" in log
    ), log


def test_a_glossary_term_defined_twice_fails_the_build_naming_both_lines(
    scratch: Path,
):
    glossary = scratch / "docs/glossary.md"
    first = glossary.read_text().splitlines().index("## Flush {#flush}") + 1
    line = append(
        glossary,
        "\n## Flush {#flush-again}\n\nAgain.\n\n"
        "Shown in [Autoflush](sessions.md#autoflush). SQLAlchemy:"
        " [Flushing](https://docs.sqlalchemy.org/en/21/orm/session_basics.html).\n",
    )
    log = build_fails(scratch)
    assert (
        f"docs/glossary.md:{line + 1}: 'Flush' is defined twice: here and at"
        f" docs/glossary.md:{first}" in log
    ), log


def test_a_glossary_entry_linking_to_no_section_of_the_site_fails_the_build(
    scratch: Path,
):
    line = append(
        scratch / "docs/glossary.md",
        "\n## Engine {#engine}\n\nThe pool and the dialect.\n\n"
        "SQLAlchemy: [Engine](https://docs.sqlalchemy.org/en/21/core/engines.html).\n",
    )
    log = build_fails(scratch)
    assert (
        f"docs/glossary.md:{line + 1}: the entry 'Engine' links to no page of this site"
        in log
    ), log


def test_a_term_defined_on_a_page_instead_of_the_glossary_names_page_and_line(
    scratch: Path,
):
    line = append(scratch / "docs/index.md", "\n*[ORM]: Object Relational Mapper\n")
    log = build_fails(scratch)
    assert f"docs/index.md:{line + 1}: 'ORM' is defined on the page" in log, log
