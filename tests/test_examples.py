"""Every example program: linted, its `#>` comments checked, and its full output (prints and
SQL log) compared with the recorded `.out` file beside it.

`make update-outputs` (pytest --update-examples) rewrites `#>` comments and `.out` files
after a deliberate change; without it, any difference fails with the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import (
    UPDATE_COMMAND,
    example_id,
    example_programs,
    normalise,
    notebooks,
    output_diff,
    recorded_output_path,
    rel,
    run_as_reader,
)
from pytest_examples import CodeExample, EvalExample

PROGRAMS = example_programs()
by_page = pytest.mark.parametrize(
    "program", PROGRAMS, ids=[example_id(p) for p in PROGRAMS]
)
# Notebook sources are linted like programs; the site build executes them cell by cell.
LINTED = PROGRAMS + notebooks()


UPDATE_HINT = f"If the change is deliberate, run `{UPDATE_COMMAND}`."


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


@by_page
def test_printed_values(program: Path, configured: EvalExample):
    """Each print() is followed by `#> ` comments holding what it printed."""
    example = as_code_example(program)
    try:
        if configured.update_examples:
            configured.run_print_update(example)
            configured.format_black(example)
        else:
            configured.run_print_check(example)
    except pytest.fail.Exception as changed:  # the #> comments differ from the prints
        diff = str(changed)
        failure = f"{rel(program)}:{first_removed_line(diff)}: {diff}\n" + UPDATE_HINT
    except Exception as exc:  # noqa: BLE001 - any exception is the example's failure
        failure = f"{raised_at(exc, program)}: {exc!r}"
    else:
        return
    # Outside the except block: pytest must not format the rewritten traceback (see below).
    pytest.fail(failure, pytrace=False)


def first_removed_line(diff: str) -> int | str:
    """The file line of the first '-' line of the indented unified diff pytest-examples
    reports ('?' if there is none). Blank context lines arrive unindented."""
    line = None
    for text in diff.splitlines():
        if hunk := re.match(r"\s*@@ -(\d+)", text):
            line = int(hunk[1])
        elif line is None or re.match(r"\s{2}\+", text):
            continue
        elif re.match(r"\s{2}-", text):
            return line
        else:
            line += 1
    return "?"


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


@by_page
def test_recorded_output(program: Path, request: pytest.FixtureRequest):
    """Run as a reader would; the whole stdout, normalised, is the recorded .out file."""
    run = run_as_reader(program)
    if run.returncode != 0 or run.stderr:
        pytest.fail(
            f"{rel(program)} exited with {run.returncode}; an example must run cleanly "
            f"(a program that demonstrates an error catches it).\n{run.stderr}",
            pytrace=False,
        )
    if run.leftovers:
        pytest.fail(
            f"{rel(program)} left files behind: {', '.join(run.leftovers)}; use an "
            "in-memory or temporary database.",
            pytrace=False,
        )
    actual = normalise(run.stdout)
    recorded_path = recorded_output_path(program)
    if request.config.getoption("update_examples"):
        if not recorded_path.exists() or recorded_path.read_text() != actual:
            recorded_path.write_text(actual)
        return
    if not recorded_path.exists():
        pytest.fail(
            f"{rel(program)}:1: no recorded output {rel(recorded_path)}; "
            f"run `{UPDATE_COMMAND}`",
            pytrace=False,
        )
    recorded = recorded_path.read_text()
    if recorded != actual:
        line, diff = output_diff(recorded, actual, recorded_path)
        pytest.fail(
            f"{rel(recorded_path)}:{line}: the output of {rel(program)} changed.\n{diff}\n"
            + UPDATE_HINT,
            pytrace=False,
        )
