"""Build step: each code span in a page's prose that names SQLAlchemy API becomes a link
to its entry in SQLAlchemy's reference.

Contributors write `Session.commit()`, `engine.begin()`, `sessionmaker`,
`expire_on_commit=False`; the step rewrites the span into an autorefs cross-reference,
[`Session.commit()`][sqlalchemy.orm.Session.commit], and autorefs turns the identifier
into the URL the inventory gives (mkdocstrings loads the inventory: hooks/reference_links.py).
Which span names what is docsite/reference.py's Resolver. Left alone: fenced code,
headings (a link would change their anchors), spans already inside a link, and spans
listed in [tool.session-docs.reference.unlinked].
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docsite.reference import Resolver, UnknownName
from docsite.sources import FENCE_OPEN

# An inline code span: a run of backticks, the code, the same run.
CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)")
# A Markdown link or image whose text holds code: [text](url), [text][ref], [text][].
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


class ReferenceError(Exception):
    """A span that names API the reference lacks; the message starts with page:line."""


@dataclass(frozen=True)
class Span:
    line: int  # in the page's file
    code: str  # the span's text
    identifier: str  # the inventory entry it links to


def prose_lines(markdown: str) -> Iterator[tuple[int, str | None]]:
    """(index, line) for each line of prose; (index, None) where a paragraph ends (a blank
    line, a heading or a fence), and nothing for a line of fenced code or a heading."""
    close = None
    for i, line in enumerate(markdown.split("\n")):
        if close is not None:
            if line.lstrip().startswith(close) and not line.strip().strip(close[0]):
                close = None
            continue
        if m := FENCE_OPEN.match(line):
            close = m["ticks"]
            yield i, None
        elif not line.strip() or HEADING.match(line):
            yield i, None
        else:
            yield i, line


def link_reference_names(
    markdown: str, where: str, first_line: int, resolver: Resolver
) -> tuple[str, list[Span]]:
    """The page's Markdown with its API spans linked, and the spans linked. `where` is
    the page as contributors name it, `first_line` the file's line of the Markdown's
    first line (after the front matter). ReferenceError names page and line."""
    lines = markdown.split("\n")
    linked: list[Span] = []
    context = None  # what the paragraph named last
    for i, line in prose_lines(markdown):
        if line is None:
            context = None
            continue
        in_links = [(m.start(), m.end()) for m in LINK.finditer(line)]
        pieces, done = [], 0
        for m in CODE_SPAN.finditer(line):
            code = m["code"].strip() if m["ticks"] != "`" else m["code"]
            if code in resolver.reference.unlinked or any(
                a <= m.start() < b for a, b in in_links
            ):
                continue
            try:
                target = resolver.resolve(code, context)
            except UnknownName as unknown:
                raise ReferenceError(
                    f"{where}:{first_line + i}: {unknown}; fix the name, or list the "
                    "span in pyproject.toml's [tool.session-docs.reference.unlinked] "
                    "with why it is not a link"
                ) from None
            if target is None:
                continue
            context = target
            linked.append(Span(first_line + i, code, target.identifier))
            pieces += [line[done : m.start()], f"[{m[0]}][{target.identifier}]"]
            done = m.end()
        lines[i] = "".join(pieces) + line[done:]
    return "\n".join(lines), linked
