"""Build step: each code span in a page's prose that names SQLAlchemy API becomes a link
to its entry in SQLAlchemy's reference.

Contributors write `Session.commit()`, `engine.begin()`, `sessionmaker`,
`expire_on_commit=False`; the step rewrites the span into an autorefs cross-reference,
[`Session.commit()`][sqlalchemy.orm.Session.commit], and autorefs turns the identifier
into the URL the inventory gives (mkdocstrings loads the inventory: hooks/reference_links.py).
Which span names what is docsite/reference.py's Resolver. Left alone: fenced code,
headings (a link would change their anchors), the titles of admonitions, collapsible
blocks and tabs (a link inside a <summary> or <label> is a control inside a control),
spans already inside a link, and spans listed in [tool.session-docs.reference.unlinked].
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from docsite.reference import Resolver, UnknownName
from docsite.sources import FENCE_OPEN

# An inline code span: a run of backticks, the code, the same run.
CODE_SPAN = re.compile(
    r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>[\s\S]+?)(?<!`)(?P=ticks)(?!`)"
)
# A Markdown link or image whose text holds code: [text](url), [text][ref], [text][].
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# The title line of an admonition, a collapsible block or a content tab: rendered into a
# <summary> or a tab's <label>, where a link would be a control inside a control.
BLOCK_TITLE = re.compile(r"^\s*(?:!!!|\?\?\?\+?|===)\s")


class ReferenceError(Exception):
    """A span that names API the reference lacks; the message starts with page:line."""


@dataclass(frozen=True)
class Span:
    line: int  # in the page's file
    code: str  # the span's text
    identifier: str  # the inventory entry it links to


def paragraphs(markdown: str) -> Iterator[tuple[int, str]]:
    """(index of its first line, text) of each run of prose lines: what lies between
    blank lines, headings, block titles and fences (a code span may continue on the
    next line). Lines of fenced code, headings and block titles are in none."""
    run: list[str] = []
    start = 0
    close = None
    for i, line in enumerate(markdown.split("\n")):
        if close is not None:
            if line.lstrip().startswith(close) and not line.strip().strip(close[0]):
                close = None
            continue
        m = FENCE_OPEN.match(line)
        if m or not line.strip() or HEADING.match(line) or BLOCK_TITLE.match(line):
            if run:
                yield start, "\n".join(run)
            run = []
            close = m["ticks"] if m else None
            continue
        if not run:
            start = i
        run.append(line)
    if run:
        yield start, "\n".join(run)


def link_reference_names(
    markdown: str, where: str, first_line: int, resolver: Resolver
) -> tuple[str, list[Span]]:
    """The page's Markdown with its API spans linked, and the spans linked. `where` is
    the page as contributors name it, `first_line` the file's line of the Markdown's
    first line (after the front matter). ReferenceError names page and line."""
    lines = markdown.split("\n")
    linked: list[Span] = []
    for start, text in paragraphs(markdown):
        context = None  # what the paragraph named last
        in_links = [(m.start(), m.end()) for m in LINK.finditer(text)]
        pieces, done = [], 0
        for m in CODE_SPAN.finditer(text):
            line = first_line + start + text.count("\n", 0, m.start())
            code = m["code"].replace("\n", " ")
            code = code.strip() if m["ticks"] != "`" else code
            if code in resolver.reference.unlinked or any(
                a <= m.start() < b for a, b in in_links
            ):
                continue
            try:
                target = resolver.resolve(code, context)
            except UnknownName as unknown:
                raise ReferenceError(
                    f"{where}:{line}: {unknown}; fix the name, or list the "
                    "span in pyproject.toml's [tool.session-docs.reference.unlinked] "
                    "with why it is not a link"
                ) from None
            if target is None:
                continue
            context = target
            linked.append(Span(line, code, target.identifier))
            pieces += [text[done : m.start()], f"[{m[0]}][{target.identifier}]"]
            done = m.end()
        rewritten = ("".join(pieces) + text[done:]).split("\n")
        lines[start : start + len(rewritten)] = rewritten
    return "\n".join(lines), linked


# --- Notebook pages ----------------------------------------------------------------------
# mkdocs-jupyter renders a notebook's Markdown cells itself, so autorefs never sees them:
# the step links their code spans in the HTML, to the URL autorefs would give, and marks
# the link as autorefs marks an external one.

HTML_BLOCK = re.compile(r"<(?P<tag>p|li|td|dd)\b[^>]*>.*?</(?P=tag)>", re.DOTALL)
HTML_CODE = re.compile(r"<code>(?P<code>[^<]*)</code>")
HTML_LINK = re.compile(r"<a\b.*?</a>", re.DOTALL)


def link_reference_names_in_html(
    page_html: str, where: str, source: str, resolver: Resolver, base_url: str
) -> tuple[str, list[Span]]:
    """A rendered notebook's HTML with the API spans of its Markdown cells (paragraphs,
    list items, table cells: never <pre>) linked to SQLAlchemy's reference. `source`, the
    notebook's text, gives the line a ReferenceError names with `where`."""
    linked: list[Span] = []
    source_lines = source.splitlines()

    def line_of(code: str) -> int:
        return next((n for n, t in enumerate(source_lines, 1) if f"`{code}`" in t), 1)

    def block(m: re.Match[str]) -> str:
        text, context = m[0], None
        in_links = [(a.start(), a.end()) for a in HTML_LINK.finditer(text)]
        pieces, done = [], 0
        for c in HTML_CODE.finditer(text):
            code = html.unescape(c["code"])
            if code in resolver.reference.unlinked or any(
                a <= c.start() < b for a, b in in_links
            ):
                continue
            try:
                target = resolver.resolve(code, context)
            except UnknownName as unknown:
                raise ReferenceError(
                    f"{where}:{line_of(code)}: {unknown}; fix the name, or list "
                    "the span in pyproject.toml's [tool.session-docs.reference.unlinked] "
                    "with why it is not a link"
                ) from None
            if target is None:
                continue
            context = target
            linked.append(Span(line_of(code), code, target.identifier))
            uri = resolver.inventory.entries[target.identifier].uri
            href = html.escape(base_url + uri)
            pieces += [
                text[done : c.start()],
                f'<a class="autorefs autorefs-external" href="{href}">{c[0]}</a>',
            ]
            done = c.end()
        return "".join(pieces) + text[done:]

    return HTML_BLOCK.sub(block, page_html), linked
