"""Recorded outputs: which file holds what a program prints in each cell of the matrix,
and how a run's output is normalised to compare with it.

examples/x.py's expected output, for a backend and a SQLAlchemy line, is the first file of
this chain that exists (a variant is recorded only where the output really differs):

    x.<backend>.sqlalchemy-<line>.out   (lines other than the locked one)
    x.<backend>.out                     (backends other than the default)
    x.out                               (the default backend on the locked line: the page)
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from docsite.config import (
    BACKENDS,
    DEFAULT_BACKEND,
    LOCKED_LINE,
    OUTPUT_SUFFIX,
    SQLALCHEMY_LINES,
    Backend,
    SQLAlchemyLine,
    backends_for,
    rel,
)
from docsite.servers import PRIVATE_NAME, database_name


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
    line = (
        next((line for line in SQLALCHEMY_LINES if line.name == m["line"]), None)
        if m["line"]
        else LOCKED_LINE
    )
    if (
        not program.is_file()
        or backend is None
        or line is None  # a SQLAlchemy line the matrix does not declare
        or (m["line"] and line == LOCKED_LINE)  # the locked line has no suffix
        or (m["backend"] and backend == DEFAULT_BACKEND and not m["line"])
        or backend not in backends_for(program)
    ):
        return None
    return program, backend, line


def shown_cells(
    program: Path, by: str | None
) -> list[tuple[str, Backend, SQLAlchemyLine]]:
    """(label, backend, line) of each output a page shows under a program: one, or one
    tab per backend (by="backends") or per SQLAlchemy line (by="versions")."""
    if by == "backends":
        return [(b.label, b, LOCKED_LINE) for b in backends_for(program)]
    if by == "versions":
        return [
            (f"SQLAlchemy {v.version}", DEFAULT_BACKEND, v) for v in SQLALCHEMY_LINES
        ]
    # The page's backend, or for a program verified on servers only, its first one.
    verified = backends_for(program)
    backend = DEFAULT_BACKEND if DEFAULT_BACKEND in verified else verified[0]
    label = "Output" if backend == DEFAULT_BACKEND else f"Output on {backend.label}"
    return [(label, backend, LOCKED_LINE)]


# --- Normalising a run's output -------------------------------------------------------------

# echo=True prefixes every log line with a timestamp and the logger name; SQLAlchemy's own
# docs show the statement alone, and so do we.
LOG_PREFIX = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?:INFO|DEBUG|WARNING) sqlalchemy\.[\w.]+ ",
    re.MULTILINE,
)
# Timings such as "[generated in 0.00012s]", "[cached since 0.0021s ago]" and
# "[no key 0.00006s]" are shown as [...], the way SQLAlchemy's tutorial shows them.
# Other bracket notes (insertmanyvalues batches) stay.
TIMING = re.compile(r"(?:generated in|cached since|no key) \d+(?:\.\d+)?s(?: ago)?")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
# pytest's summary line ends with the run's duration, "2 passed in 0.05s", shown as
# "2 passed in ..."; framed by "=" (without -q), the frame is redrawn around the new text.
PYTEST_SUMMARY = re.compile(
    r"^(?P<frame>=+ )?(?P<counts>\d+ (?:passed|failed|skipped|deselected|xfailed|xpassed"
    r"|errors?|warnings?)(?:, \d+ \w+)*) in \d+\.\d+s(?: \(\d+:\d\d:\d\d\))?(?(frame) =+)$",
    re.MULTILINE,
)


def _pytest_summary(match: re.Match) -> str:
    title = f"{match['counts']} in ..."
    if not match["frame"]:
        return title
    # pytest's TerminalWriter.sep() for an 80-column terminal (its width without a tty).
    half = "=" * max((80 - len(title) - 2) // 2, 2)
    line = f"{half} {title} {half}"
    return line + "=" if len(line) + 1 <= 80 else line


def normalise(output: str, backend: Backend = DEFAULT_BACKEND) -> str:
    """What the page shows for a run: volatile parts replaced, nothing else touched."""
    output = LOG_PREFIX.sub("", output)
    output = TIMING.sub("...", output)
    output = PYTEST_SUMMARY.sub(_pytest_summary, output)
    output = ADDRESS.sub("0x...", output)
    # The SQL log indents CREATE TABLE columns with tabs; a page shows every tab as
    # spaces (Markdown expands them), so the recorded output does too.
    output = output.expandtabs(4)
    if backend != DEFAULT_BACKEND:
        # A run's private schema is shown as the database of the backend's URL, the one
        # a reader running the example would use.
        output = PRIVATE_NAME.sub(database_name(backend), output)
    return output


# --- Which lines of an output are the SQL log ---------------------------------------------
#
# A page styles the lines of an Output block that SQLAlchemy's echo log wrote apart from
# those the program printed. The recorded output keeps no mark of which is which (it is
# what the program wrote, timestamps aside), so the build tells them apart by the log's
# own shapes; tests/test_examples.py checks that on every recorded run against the run's
# raw output, where each log record starts with its timestamp.

# A statement's parameters: the record that follows every statement SQLAlchemy sends.
PARAMETERS = re.compile(r"^\[(?:\.\.\.|raw sql|insertmanyvalues)")
# The first line of a statement (multi-line statements continue with FROM, WHERE, ...).
STATEMENT = re.compile(
    r"^(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|SAVEPOINT|RELEASE"
    r"|ROLLBACK|BEGIN|COMMIT|WITH|DESCRIBE|SHOW|SET|VACUUM|TRUNCATE|select|show)\b"
)
# Records of a single line: transaction control, and the pool's log (echo_pool),
# including what it logs when it finds a connection the server has closed.
ONE_LINE_RECORD = re.compile(
    r"^(?:BEGIN \(implicit|COMMIT(?: using DBAPI|$)|ROLLBACK(?: using DBAPI|$)"
    r"|Connection <.*> |Created new connection <|Pool |Invalidate connection "
    r"|(?:Hard-c|C)losing connection <|Disconnection detected on checkout, )"
)


def log_lines(output: str) -> set[int]:
    """The numbers (from 0) of the lines of a normalised output that the SQL log wrote."""
    lines, log = output.splitlines(), set()
    for i, line in enumerate(lines):
        if ONE_LINE_RECORD.match(line):
            log.add(i)
        if not PARAMETERS.match(line):
            continue
        log.add(i)
        start = i - 1  # back over the statement's lines to its first
        while start > 0 and not STATEMENT.match(lines[start]):
            start -= 1
        # DDL is logged after an empty line.
        if (
            start > 0
            and lines[start].startswith(("CREATE", "DROP"))
            and not lines[start - 1]
        ):
            start -= 1
        log.update(range(max(start, 0), i))
    return log


def log_lines_of_run(raw: str) -> set[int]:
    """The same, exactly, from a run's raw output: a log record starts with the log's
    prefix; the unprefixed lines after it are its own only if the next record is its
    statement's parameters (nothing prints between a statement and them)."""
    lines = raw.splitlines()
    starts = [i for i, line in enumerate(lines) if LOG_PREFIX.match(line)]
    log = set(starts)
    for start, following in zip(starts, [*starts[1:], len(lines)], strict=False):
        if following < len(lines) and PARAMETERS.match(normalise(lines[following])):
            log.update(range(start, following))
    return log


def output_diff(recorded: str, actual: str, recorded_path: Path) -> tuple[int, str]:
    """The first differing line number of the recorded file, and a unified diff."""
    rec_lines, act_lines = recorded.splitlines(), actual.splitlines()
    first = next(
        (
            i
            for i, (a, b) in enumerate(zip(rec_lines, act_lines, strict=False))
            if a != b
        ),
        min(len(rec_lines), len(act_lines)),
    )
    diff = "\n".join(
        difflib.unified_diff(
            rec_lines,
            act_lines,
            fromfile=f"{rel(recorded_path)} (recorded)",
            tofile="what the program prints now",
            lineterm="",
        )
    )
    return first + 1, diff


def record_output(
    program: Path, backend: Backend, line: SQLAlchemyLine, actual: str
) -> None:
    """Write the cell's own file only where its output differs from the file it would
    otherwise fall back to (so variants exist only for real differences); remove a
    variant that no longer differs."""
    own, *fallbacks = output_chain(program, backend, line)
    fallback = next((p for p in fallbacks if p.is_file()), None)
    if fallback is not None and fallback.read_text() == actual:
        own.unlink(missing_ok=True)
    elif not own.is_file() or own.read_text() != actual:
        own.write_text(actual)


def normalising_rules() -> dict[str, str]:
    """The patterns above, for the Run buttons' script, which normalises and styles a
    run in the reader's browser as the page shows it (the same regular expressions)."""
    return {
        "logPrefix": LOG_PREFIX.pattern,
        "timing": TIMING.pattern,
        "address": ADDRESS.pattern,
        "parameters": PARAMETERS.pattern,
    }
