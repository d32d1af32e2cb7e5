"""Build step: SQLAlchemy's error codes, read from the recorded outputs and linked.

Many SQLAlchemy exceptions end their message with a link that explains them
(`HasDescriptionCode._code_str()` in sqlalchemy/exc.py):

    DetachedInstanceError Instance <Employee at 0x...> is not bound to a Session; ...
    (Background on this error at: https://sqlalche.me/e/21/bhk3)

on one line; "21" is the SQLAlchemy line (2.1; 2.0 writes "20"), "bhk3" the error, the
same on both lines. The explanation is the section `.. _error_bhk3:` of SQLAlchemy's
doc/build/errors.rst, https://docs.sqlalchemy.org/en/21/errors.html#error-bhk3 for the
line the pages show. Here, and nowhere else, those lines are parsed out of the outputs
each page shows (the cells `docsite.outputs.shown_cells` names, tabs included), so that
no code, message or URL is typed by hand:

* prose links an error's explanation with a marker in place of the URL,
  `[SQLAlchemy's explanation](error:bhk3)`, which the build turns into the link;
* a page's outputs and its markers must agree: a code an output on the page shows that
  no marker links, a marker naming a code no output on the page shows, or a URL of
  errors.html typed by hand, fails the build naming the page and line;
* `<!-- errors: table -->` becomes the table of every error the site's outputs show,
  with its code, linked, and the section that shows and explains it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from docsite.config import LOCKED_LINE, ROOT, SQLAlchemyLine, rel
from docsite.example_blocks import OUTPUTS_ATTR
from docsite.outputs import expected_output_path, shown_cells
from docsite.sources import (
    PROGRAM_FENCE,
    Section,
    body_first_line,
    pages,
    section_at,
    sections,
)


class ErrorCodeError(Exception):
    """A page and its outputs disagree about error codes; the message starts with the
    page's (or output's) file and line."""


# What SQLAlchemy appends to the message of an exception that has a code.
BACKGROUND = re.compile(
    r"\(Background on this error at: https://sqlalche\.me/e/"
    r"(?P<token>\d+)/(?P<code>[a-z0-9]+)\)"
)
# A line an example printed for such an exception: an optional label of its own
# ("main thread: "), the exception's name as printed (`type(exc).__name__`, or the
# qualified name a traceback's last line gives), then its message and the note.
ERROR_LINE = re.compile(
    r"^(?:[a-z][\w ]*: )?(?P<exception>(?:[a-z_]\w*\.)*[A-Z]\w*):? "
    rf"(?P<message>.+?) {BACKGROUND.pattern}$"
)
# The marker prose writes where the link to an explanation goes: [text](error:bhk3).
MARKER = re.compile(r"\]\(error:(?P<code>[^)\s]*)\)")
# A link to SQLAlchemy's explanation of an error, in the docs of any line: what a marker
# becomes, and what a page must not type by hand.
EXPLANATION_LINK = re.compile(
    r"https?://docs\.sqlalchemy\.org/en/[\w.]+/errors\.html#error-(?P<code>\w+)"
)
TABLE = re.compile(r"^<!-- errors: table -->[ \t]*$", re.MULTILINE)
MESSAGE_WORDS = 12  # how much of a message the table quotes


def explanation_url(code: str) -> str:
    """SQLAlchemy's own explanation of an error code (the section its doc/build/errors.rst
    labels `error_<code>`), in the docs of the line the pages show."""
    return f"https://docs.sqlalchemy.org/en/{version_token()}/errors.html#error-{code}"


def version_token(line: SQLAlchemyLine = LOCKED_LINE) -> str:
    """SQLAlchemy's token for a line in its links, "21" for 2.1 (`_version_token` in
    sqlalchemy/__init__.py)."""
    return line.name.replace(".", "")


def background_codes(output: str) -> set[str]:
    """The codes an output shows, wherever they stand in it."""
    return {m["code"] for m in BACKGROUND.finditer(output)}


@dataclass(frozen=True)
class PrintedError:
    """An exception with a code, as one line of an output shows it."""

    line: int  # in the output, from 1
    exception: str  # as printed: "DetachedInstanceError", "sqlalchemy.exc.TimeoutError"
    message: str  # without the Background note
    token: str  # "21": the SQLAlchemy line that printed it
    code: str


def errors_in_output(output: str) -> list[PrintedError]:
    """Every exception with a code an output shows. ValueError naming the line of a
    note whose exception cannot be told apart from its message: an example prints an
    exception as its name and message on one line (`print(type(exc).__name__, exc)`)."""
    found = []
    for number, line in enumerate(output.splitlines(), 1):
        if not BACKGROUND.search(line):
            continue
        m = ERROR_LINE.match(line)
        if not m:
            raise ValueError(
                f"line {number}: an error code with no exception name and message "
                "before it on its line; print `type(exc).__name__, exc` on one line"
            )
        found.append(
            PrintedError(number, m["exception"], m["message"], m["token"], m["code"])
        )
    return found


@dataclass(frozen=True)
class ShownError:
    """An exception with a code that a page shows, and where."""

    printed: PrintedError
    output: Path  # the recorded output file
    lines: tuple[SQLAlchemyLine, ...]  # the SQLAlchemy lines whose output it is
    page: Path
    include: int  # the line of the page that includes the program
    section: Section | None  # the page's section that shows it

    @property
    def where(self) -> str:
        return f"{rel(self.output)}:{self.printed.line}"

    @property
    def include_where(self) -> str:
        return f"{rel(self.page)}:{self.include}"


def errors_on_page(page: Path) -> list[ShownError]:
    """Every exception with a code in the outputs a page shows under its programs."""
    text, found = page.read_text(), []
    for fence in PROGRAM_FENCE.finditer(text):
        program = ROOT / fence["path"]
        if not program.is_file():
            continue  # example_blocks refuses the include, naming its line
        by = OUTPUTS_ATTR.search(fence["attrs"])
        include = text.count("\n", 0, fence.start()) + 2
        outputs: dict[Path, list[SQLAlchemyLine]] = {}  # tabs may share a file
        for _, backend, line in shown_cells(program, by and by["by"]):
            if output := expected_output_path(program, backend, line):
                outputs.setdefault(output, []).append(line)
        for output, lines in outputs.items():
            try:
                printed = errors_in_output(output.read_text())
            except ValueError as wrong:
                where = f"{rel(output)}:{str(wrong).removeprefix('line ')}"
                raise ErrorCodeError(where) from None
            section = section_at(page, include)
            found += [
                ShownError(p, output, tuple(lines), page, include, section)
                for p in printed
            ]
    return found


def check_page(page: Path) -> None:
    """The page's markers link exactly the codes its outputs show; no typed URL."""
    text = page.read_text()
    shown = errors_on_page(page)
    first = body_first_line(text)
    linked = set()
    for pattern in (MARKER, EXPLANATION_LINK):
        for m in pattern.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            if line < first:
                continue
            where, code = f"{rel(page)}:{line}", m["code"]
            if pattern is EXPLANATION_LINK:
                raise ErrorCodeError(
                    f"{where}: a link to SQLAlchemy's explanation of error {code} typed "
                    f"by hand; write [text](error:{code}) and let the build link it"
                )
            if code not in {s.printed.code for s in shown}:
                codes = ", ".join(sorted({s.printed.code for s in shown})) or "none"
                raise ErrorCodeError(
                    f"{where}: (error:{code}) names an error code no output on the page "
                    f"shows (they show: {codes})"
                )
            linked.add(code)
    for error in shown:
        if error.printed.code not in linked:
            raise ErrorCodeError(
                f"{error.include_where}: {error.where} shows {error.printed.exception} with "
                f"error code {error.printed.code}, which the page's prose never links; "
                f"write [SQLAlchemy's explanation](error:{error.printed.code}) in the "
                "paragraph that discusses it"
            )


def link_markers(markdown: str) -> str:
    return MARKER.sub(lambda m: f"]({explanation_url(m['code'])})", markdown)


# --- The table of every error the site shows ---------------------------------------------


def first_words(message: str) -> str:
    words = message.split()
    shown = " ".join(words[:MESSAGE_WORDS])
    return shown if len(words) <= MESSAGE_WORDS else shown + " …"


def code_span(text: str) -> str:
    r"""Inline code in a table cell: a | would end the cell, so it is escaped (\|)."""
    ticks = "``" if "`" in text else "`"
    return f"{ticks}{text.replace('|', chr(92) + '|')}{ticks}"


def errors_table(on_page: Path) -> str:
    """One row per exception and message the site's outputs show: the error as printed
    (its first words), its code linked to SQLAlchemy's explanation, and the sections
    that show it, linked from `on_page`."""
    rows: dict[tuple[str, str, str], list[ShownError]] = {}
    for page in pages():
        for error in errors_on_page(page):
            p = error.printed
            key = (p.exception, first_words(p.message), p.code)
            rows.setdefault(key, []).append(error)
    table = [
        "| Error | Code | Shown and explained in |",
        "| --- | --- | --- |",
    ]
    for (exception, words, code), shown in sorted(rows.items(), key=row_order):
        lines = {line for error in shown for line in error.lines}
        note = (
            ""
            if LOCKED_LINE in lines
            else " (SQLAlchemy " + ", ".join(sorted(v.version for v in lines)) + ")"
        )
        here_first = sorted(shown, key=lambda e: (e.page != on_page, e.page, e.include))
        where = "; ".join(dict.fromkeys(section_link(e, on_page) for e in here_first))
        table.append(
            f"| {code_span(f'{exception}: {words}')}{note} "
            f"| [{code}]({explanation_url(code)}) | {where} |"
        )
    return "\n".join(table)


def row_order(row: tuple[tuple[str, str, str], list[ShownError]]) -> tuple[str, str]:
    (exception, words, _), _ = row
    return exception.rsplit(".", 1)[-1], words


def section_link(error: ShownError, on_page: Path) -> str:
    """A link to the section that shows an error, named by its heading (and its page's
    title, on another page)."""
    if error.section is None:
        raise ErrorCodeError(
            f"{error.include_where}: an error shown before any heading"
        )
    title = error.section.title
    if error.page != on_page:
        title = f"{page_title(error.page)}: {title}"
    target = os.path.relpath(error.page, on_page.parent)
    return f"[{title}]({Path(target).as_posix()}#{error.section.anchor})"


def page_title(page: Path) -> str:
    first = next(iter(sections(page)), None)
    return first.title if first and first.level == 1 else rel(page)


def render_errors(markdown: str, page: Path) -> str:
    """Check the page, link its markers and fill in the table, if it asks for one."""
    page = page.resolve()
    if page.suffix != ".md":
        # A notebook's prose is also the .ipynb readers download, where a marker would
        # be no link: it types the URL (tests/test_site_build.py checks it).
        return markdown
    check_page(page)
    markdown = link_markers(markdown)
    if TABLE.search(markdown):
        table = errors_table(page)
        markdown = TABLE.sub(lambda m: table, markdown)
    return markdown
