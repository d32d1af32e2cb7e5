"""Every example program: linted, its `#>` comments checked, and its full output (prints and
SQL log) compared with the recorded `.out` file beside it, on every backend asked for
(`--backend`) and with the SQLAlchemy installed (one venv per line of the matrix).

`make update-outputs` (pytest --update-examples) rewrites `#>` comments and `.out` files
after a deliberate change; without it, any difference fails with the file and line.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample

from docsite.config import (
    BENCHMARK,
    DEFAULT_BACKEND,
    LOCKED_LINE,
    Backend,
    backends_for,
    installed_line,
    rel,
)
from docsite.events import (
    EventsError,
    disagreement,
    events_path,
    normalise_events,
    parse_events,
)
from docsite.example_blocks import UPDATE_COMMAND
from docsite.outputs import (
    expected_output_path,
    log_lines,
    log_lines_of_run,
    normalise,
    output_chain,
    output_diff,
    record_output,
)
from docsite.redirected import redirecting
from docsite.running import notebook_as_program, run_as_reader
from docsite.servers import BackendUnavailable, private_database, selected_backends
from docsite.sources import (
    example_id,
    example_programs,
    notebooks,
    pictured_programs,
)

PROGRAMS = example_programs()
NOTEBOOKS = notebooks()
by_page = pytest.mark.parametrize(
    "program", PROGRAMS, ids=[example_id(p) for p in PROGRAMS]
)
# Notebook sources are linted like programs; the site build executes them cell by cell.
LINTED = PROGRAMS + NOTEBOOKS + [BENCHMARK.program]


UPDATE_HINT = f"If the change is deliberate, run `{UPDATE_COMMAND}`."


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests taking `backend` run once per backend asked for with --backend, for each
    program verified there ([tool.session-docs.only-on] in pyproject.toml). `#>` comments
    record SQLite; a program verified on servers only records its first server's, and is
    checked when that server is asked for."""
    chosen = selected_backends(metafunc.config.getoption("backend"))
    if "print_backend" in metafunc.fixturenames:
        cells = [(p, b) for p in PROGRAMS if (b := print_backend(p, chosen))]
        metafunc.parametrize(
            ["program", "print_backend"], cells, ids=[example_id(p) for p, _ in cells]
        )
    if "backend" not in metafunc.fixturenames:
        return
    programs = NOTEBOOKS if "notebook" in metafunc.fixturenames else PROGRAMS
    cells = [(p, b) for p in programs for b in chosen if b in backends_for(p)]
    metafunc.parametrize(
        ["notebook" if programs is NOTEBOOKS else "program", "backend"],
        cells,
        ids=[f"{example_id(p)} on {b.name}" for p, b in cells],
    )


class ExampleFile(CodeExample):
    """A whole example file. pytest-examples assumes .py examples sit in docstrings and
    squeezes PEP 8's double blank lines; a whole program keeps them."""

    def in_py_file(self) -> bool:
        return False


def as_code_example(program: Path) -> ExampleFile:
    example = ExampleFile.create(program.read_text(), path=program)
    example.group = program  # any hashable id; --update-examples groups edits by it
    return example


@pytest.fixture
def configured(
    eval_example: EvalExample, monkeypatch: pytest.MonkeyPatch
) -> EvalExample:
    # One line per ruff finding, "path:line:col: code message".
    monkeypatch.setenv("RUFF_OUTPUT_FORMAT", "concise")
    # ruff's rules come from pyproject.toml ([tool.ruff]); black as pytest-examples runs it.
    eval_example.set_config(line_length=88, quotes="double", target_version="py311")
    # `#>` comments hold what was printed, with addresses (0x7f...) shown as 0x...
    eval_example.print_callback = normalise
    return eval_example


@pytest.mark.parametrize("program", LINTED, ids=[example_id(p) for p in LINTED])
def test_lint(program: Path, configured: EvalExample):
    if configured.update_examples and program in PROGRAMS:
        # pytest-examples lets only one test rewrite a file: test_printed_values formats.
        pytest.skip("--update-examples: formatted by test_printed_values")
    example = as_code_example(program)
    if configured.update_examples:
        configured.format_black(example)
    else:
        configured.lint(example)


def print_backend(program: Path, chosen: list[Backend]) -> Backend | None:
    """Where a program's `#>` comments are checked: SQLite if it runs there, else the
    first server it is verified on, if that server was asked for (--backend)."""
    verified = backends_for(program)
    if DEFAULT_BACKEND in verified:
        return DEFAULT_BACKEND
    return next((b for b in verified if b in chosen and b == verified[0]), None)


def test_printed_values(
    program: Path,
    print_backend: Backend,
    configured: EvalExample,
    monkeypatch: pytest.MonkeyPatch,
):
    """Each print() is followed by `#> ` comments holding what it printed."""
    if installed_line() != LOCKED_LINE:
        pytest.skip(
            f"`#>` comments record SQLAlchemy {LOCKED_LINE.version}; with "
            f"{installed_line().version} test_recorded_output checks every printed line"
        )
    example = as_code_example(program)
    configured.print_callback = lambda text: normalise(text, print_backend)
    try:
        with private_database(print_backend) as redirect:
            if redirect is not None:  # the program's own server, in a private schema
                import sqlalchemy

                to_server = redirecting(sqlalchemy.create_engine, redirect)
                monkeypatch.setattr(sqlalchemy, "create_engine", to_server)
            if configured.update_examples:
                in_own_thread(lambda: configured.run_print_update(example))
                configured.format_black(example)
            else:
                in_own_thread(lambda: configured.run_print_check(example))
    except pytest.fail.Exception as changed:  # the #> comments differ from the prints
        diff = str(changed)
        failure = f"{rel(program)}:{first_changed_line(diff)}: {diff}\n" + UPDATE_HINT
    except Exception as exc:  # noqa: BLE001 - any exception is the example's failure
        failure = f"{raised_at(exc, program)}: {exc!r}"
    else:
        return
    # Outside the except block: pytest must not format the rewritten traceback (see below).
    pytest.fail(failure, pytrace=False)


def in_own_thread(function) -> None:
    """function() in a thread of its own, its exception re-raised here. An asyncio example
    calls asyncio.run(), which refuses to start where an event loop is already running,
    and Playwright's sync API keeps one running in the thread of a worker that has run a
    browser test."""
    raised: list[BaseException] = []

    def call() -> None:
        try:
            function()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            raised.append(exc)

    thread = threading.Thread(target=call)
    thread.start()
    thread.join()
    if raised:
        raise raised[0]


def first_changed_line(diff: str) -> int | str:
    """The file line of the first change in the indented unified diff pytest-examples
    reports: the first '-' line, or where the first '+' line goes when `#>` comments are
    only missing ('?' if the diff has neither). Blank context lines arrive unindented.
    """
    line, added_at = None, None
    for text in diff.splitlines():
        if hunk := re.match(r"\s*@@ -(\d+)", text):
            line = int(hunk[1])
        elif line is None:
            continue
        elif re.match(r"\s{2}\+", text):
            added_at = added_at or line
        elif re.match(r"\s{2}-", text):
            return line
        else:
            line += 1
    return added_at or "?"


def raised_at(exc: BaseException, program: Path) -> str:
    """'examples/x.py:12', the example's line where exc was raised. pytest-examples rewrites
    the traceback with synthetic code objects that crash pytest's own formatter on
    Python 3.11, so the frames are walked by hand."""
    tb, line = exc.__traceback__, None
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).stem.startswith(program.stem):
            line = tb.tb_lineno
        tb = tb.tb_next
    return f"{rel(program)}:{line}" if line else rel(program)


# How Python prints a warning on stderr: "path/x.py:12: RuntimeWarning: message".
WARNING_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): (?P<what>\w*Warning: .*)$", re.MULTILINE
)


def warnings_of(stderr: str, program: Path) -> list[str]:
    """The warnings a run printed, each as "examples/x.py:12: RuntimeWarning: ...": at
    the program's line when the warning points into it (the run used a copy of it, in
    another folder), else at the place Python names (a library, or "sys:1")."""
    found = []
    for m in WARNING_LINE.finditer(stderr):
        where = f"{m['path']}:{m['line']}"
        if Path(m["path"]).name == program.name:
            where = f"{rel(program)}:{m['line']}"
        found.append(f"{where}: {m['what']}")
    return found


def test_recorded_output(
    program: Path, backend: Backend, request: pytest.FixtureRequest
):
    """Run as a reader would; the whole stdout, normalised, is the recorded output of this
    cell of the matrix (docsite.outputs.output_chain says which file)."""
    line = installed_line()
    cell = f"on {backend.label} with SQLAlchemy {line.version}"
    # The page's pictures are drawn from events recorded in the run of its own cell.
    events = (
        program in pictured_programs()
        and backend == DEFAULT_BACKEND
        and line == LOCKED_LINE
    )
    try:
        run = run_as_reader(program, backend, record_events=events)
    except BackendUnavailable as unavailable:
        pytest.fail(str(unavailable), pytrace=False)
    if run.returncode == 0 and (warned := warnings_of(run.stderr, program)):
        pytest.fail(
            "\n".join(warned) + f"\n{cell}: a warning in an example is an error; fix "
            "the code, or show the warning on purpose (catch it with "
            "warnings.catch_warnings(record=True) and print it).\n" + run.stderr,
            pytrace=False,
        )
    if run.returncode != 0 or run.stderr:
        pytest.fail(
            f"{rel(program)} exited with {run.returncode} {cell}; an example must run "
            f"cleanly (a program that demonstrates an error catches it).\n{run.stderr}",
            pytrace=False,
        )
    if run.leftovers:
        pytest.fail(
            f"{rel(program)} left behind {cell}: {'; '.join(run.leftovers)}. An example "
            "ends what it starts: join its threads, end its processes, close its "
            "connections (engine.dispose()), and use an in-memory or temporary database.",
            pytrace=False,
        )
    actual = normalise(run.stdout, backend)
    styled_as_log, written_by_log = log_lines(actual), log_lines_of_run(run.stdout)
    if styled_as_log != written_by_log:
        first = min(styled_as_log ^ written_by_log)
        kind = "the SQL log" if first in written_by_log else "the program"
        pytest.fail(
            f"{rel(program)}: line {first + 1} of its output {cell} comes from {kind}, "
            f"but a page would style it as the other ({actual.splitlines()[first]!r}); "
            "teach docsite.outputs.log_lines the log's shape",
            pytrace=False,
        )
    if request.config.getoption("update_examples"):
        record_output(program, backend, line, actual)
        if events:
            events_path(program).write_text(normalise_events(run.events or ""))
        return
    expected_path = expected_output_path(program, backend, line)
    if expected_path is None:
        pytest.fail(
            f"{rel(program)}:1: no recorded output {rel(output_chain(program, backend, line)[-1])}; "
            f"run `{UPDATE_COMMAND}`",
            pytrace=False,
        )
    recorded = expected_path.read_text()
    if recorded != actual:
        at, diff = output_diff(recorded, actual, expected_path)
        pytest.fail(
            f"{rel(expected_path)}:{at}: the output of {rel(program)} {cell} changed.\n"
            f"{diff}\n" + UPDATE_HINT,
            pytrace=False,
        )
    if events:
        check_events(program, normalise_events(run.events or ""))


def check_events(program: Path, actual: str) -> None:
    """The recorded events are this run's, like the output."""
    path = events_path(program)
    if not path.is_file():
        pytest.fail(
            f"{rel(path)}:1: no recorded events, and a page draws a picture of "
            f"{rel(program)}; run `{UPDATE_COMMAND}`",
            pytrace=False,
        )
    recorded = path.read_text()
    if recorded != actual:
        at, diff = output_diff(recorded, actual, path)
        pytest.fail(
            f"{rel(path)}:{at}: the events of {rel(program)} changed.\n{diff}\n"
            + UPDATE_HINT,
            pytrace=False,
        )


PICTURED = sorted(pictured_programs())


@pytest.mark.parametrize("program", PICTURED, ids=[example_id(p) for p in PICTURED])
def test_events_agree_with_output(program: Path):
    """What the pictures are drawn from agrees with the Output the page shows: each event
    the SQL log shows is in the recorded output, in order (an events file edited by
    hand, or left from another run, fails here without running anything)."""
    path, out = events_path(program), program.with_suffix(".out")
    if not path.is_file() or not out.is_file():
        pytest.fail(
            f"{rel(program)}:1: a page draws a picture of it, but {rel(path)} or "
            f"{rel(out)} is missing; run `{UPDATE_COMMAND}`",
            pytrace=False,
        )
    try:
        events = parse_events(path.read_text(), path)
    except EventsError as wrong:
        pytest.fail(str(wrong), pytrace=False)
    if problem := disagreement(events, out.read_text(), path, out):
        pytest.fail(problem, pytrace=False)


def test_notebook_runs(notebook: Path, backend: Backend):
    """A notebook's cells run in order as one program on each backend (the site build
    runs them on the default backend and shows their output)."""
    try:
        run = run_as_reader(notebook, backend, source=notebook_as_program(notebook))
    except BackendUnavailable as unavailable:
        pytest.fail(str(unavailable), pytrace=False)
    if run.returncode != 0 or run.stderr:
        pytest.fail(
            f"{rel(notebook)} failed on {backend.label} with SQLAlchemy "
            f"{installed_line().version} (exit {run.returncode}):\n{run.stderr}",
            pytrace=False,
        )
