"""Build step: the glossary (docs/glossary.md) is the one place a term is defined; on every
other page the term's first use in each section shows that definition as a tooltip.

The glossary page is parsed here and nowhere else. Each entry is a level-2 heading naming
the term, an optional `<!-- also: ... -->` line listing the other forms the pages use
("savepoints", "flushed"), a paragraph of one or two sentences (the definition, which is
also the tooltip's text), and a paragraph linking to the page section or program of this
site that shows the term and to SQLAlchemy's own docs:

    ## Flush {#flush}
    <!-- also: flushes, flushed, flushing -->

    The Session sends the changes it holds ... inside the transaction, without committing.

    Shown in [`add()` and `flush()`](sessions.md#add-and-flush). SQLAlchemy:
    [Flushing](https://docs.sqlalchemy.org/en/21/orm/session_basics.html#flushing).

On the other pages a term becomes `<abbr title="definition" tabindex="0">`: Material's
`content.tooltips` shows the title on hover and on keyboard focus (tabindex makes it
focusable) and points aria-describedby at the tooltip, and without JavaScript the
browser's own title tooltip and the accessible description remain. Only the first use of
a term in each level-2 section is marked, so that a page is not a sea of dotted lines and
a reader arriving at a section by its anchor still finds the term explained. Text that is
code, a link, a heading, a button or a `<summary>` is never marked (a focusable element
inside a link or a summary would be nested interactive content).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SQLALCHEMY_DOCS = "https://docs.sqlalchemy.org/en/21/"

ENTRY_HEADING = re.compile(
    r"^## +(?P<term>[^{\n]+?)(?: *\{ *#(?P<anchor>[\w-]+) *\})? *$", re.MULTILINE
)
ALSO = re.compile(r"^<!-- *also: *(?P<forms>[^>]*?) *-->$")
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)[^)]*\)")
# A page's own abbreviation, the abbr extension's syntax: *[term]: definition
PAGE_ABBREVIATION = re.compile(r"^ {0,3}\*\[(?P<term>[^\]]+)\]:", re.MULTILINE)
FENCE = re.compile(r"^ *(`{3,}|~{3,})")

# Elements whose text is never marked: code, links and other interactive elements,
# headings (they are anchors and the table of contents), and an abbr already made.
NOT_MARKED = {
    "a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd",
    "label", "pre", "samp", "script", "style", "summary", "svg",
}  # fmt: skip


class GlossaryError(Exception):
    """Bad input: the message starts with the file and line."""


@dataclass(frozen=True)
class Term:
    name: str  # as the heading writes it: "Identity map"
    anchor: str  # the entry's id on the glossary page: "identity-map"
    definition: str  # plain text, the tooltip: "The Session's ..."
    forms: tuple[str, ...]  # every spelling marked on the pages, longest first
    line: int  # of the heading in the glossary page
    shown_in: tuple[str, ...]  # links to this site's sections: "sessions.md#autoflush"
    reference: tuple[str, ...]  # links to docs.sqlalchemy.org


def slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def plain_text(markdown: str) -> str:
    """A definition as a tooltip shows it: links as their text, no code ticks, no
    emphasis, one line."""
    text = MARKDOWN_LINK.sub(lambda m: m["text"], markdown)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*{1,2}|_{1,2})(\S(?:.*?\S)?)\1", r"\2", text)
    return " ".join(text.split())


def spellings(name: str, also: list[str]) -> tuple[str, ...]:
    """The term, the forms the entry lists, and each with a capital first letter."""
    forms: list[str] = []
    for form in [name.lower() if name[1:].islower() else name, *also]:
        for spelling in (form, form[:1].upper() + form[1:]):
            if spelling not in forms:
                forms.append(spelling)
    return tuple(sorted(forms, key=len, reverse=True))


def parse_glossary(text: str, where: str) -> list[Term]:
    """The entries of the glossary page. GlossaryError at `where:line` for an entry
    defined twice, a form claimed by two entries, an entry with no definition, or one
    that links to no section of this site or to no page of SQLAlchemy's docs."""
    headings = list(ENTRY_HEADING.finditer(text))
    terms: list[Term] = []
    owner: dict[str, Term] = {}
    for i, heading in enumerate(headings):
        line = text.count("\n", 0, heading.start()) + 1
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        body = text[heading.end() : end].strip("\n")
        name = heading["term"].strip()
        at = f"{where}:{line}"
        also: list[str] = []
        lines = body.splitlines()
        if lines and (m := ALSO.match(lines[0].strip())):
            also = [form.strip() for form in m["forms"].split(",") if form.strip()]
            body = "\n".join(lines[1:])
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        if len(paragraphs) < 2:
            raise GlossaryError(
                f"{at}: the entry '{name}' needs a definition paragraph and a paragraph"
                " of links (the section of this site that shows it, SQLAlchemy's docs)"
            )
        definition, links = paragraphs[0], " ".join(paragraphs[1:])
        targets = [m["target"] for m in MARKDOWN_LINK.finditer(links)]
        shown_in = tuple(t for t in targets if re.match(r"[\w/-]+\.md(#|$)", t))
        reference = tuple(t for t in targets if t.startswith(SQLALCHEMY_DOCS))
        if not shown_in:
            raise GlossaryError(
                f"{at}: the entry '{name}' links to no page of this site that shows it"
                " ([section](page.md#anchor))"
            )
        if not reference:
            raise GlossaryError(
                f"{at}: the entry '{name}' links to no page of SQLAlchemy's docs"
                f" ({SQLALCHEMY_DOCS}...)"
            )
        term = Term(
            name=name,
            anchor=heading["anchor"] or slug(name),
            definition=plain_text(definition),
            forms=spellings(name, also),
            line=line,
            shown_in=shown_in,
            reference=reference,
        )
        for form in term.forms:
            if form.lower() in owner:
                first = owner[form.lower()]
                if first.name.lower() == name.lower():
                    raise GlossaryError(
                        f"{at}: '{name}' is defined twice: here and at"
                        f" {where}:{first.line}"
                    )
                raise GlossaryError(
                    f"{at}: '{form}' is defined twice: by '{name}' here and by"
                    f" '{first.name}' at {where}:{first.line}"
                )
        for form in term.forms:
            owner[form.lower()] = term
        terms.append(term)
    if not terms:
        raise GlossaryError(f"{where}:1: no entries (## Term headings)")
    return terms


def check_no_page_abbreviations(markdown: str, where: str, first_line: int) -> None:
    """A page defines no abbreviation of its own (`*[term]: ...`): a term is defined
    once, in the glossary. GlossaryError at `where:line`."""
    fence = ""
    for number, line in enumerate(markdown.splitlines(), first_line):
        if m := FENCE.match(line):
            fence = "" if fence and m[1].startswith(fence) else fence or m[1]
            continue
        if not fence and (m := PAGE_ABBREVIATION.match(line)):
            raise GlossaryError(
                f"{where}:{number}: '{m['term']}' is defined on the page; define terms"
                " once, in docs/glossary.md, and every page shows them"
            )


def terms_pattern(terms: list[Term]) -> re.Pattern[str]:
    """One pattern for every form of every term, longest first; the words of a
    multi-word term may be split by any whitespace (a line break in the source)."""
    forms = sorted(
        (form for term in terms for form in term.forms), key=len, reverse=True
    )
    alternatives = (r"\s+".join(map(re.escape, form.split())) for form in forms)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")


class MarkTerms(Treeprocessor):
    """Wraps the first use of each term in every level-2 section in an <abbr>."""

    def __init__(self, md: Markdown, terms: list[Term]) -> None:
        super().__init__(md)
        self.pattern = terms_pattern(terms)
        self.by_form = {
            " ".join(form.split()): term for term in terms for form in term.forms
        }
        self.marked: set[str] = set()

    def run(self, root: etree.Element) -> None:
        self.marked = set()
        self.visit(root)

    def visit(self, element: etree.Element) -> None:
        if element.tag == "h2":
            self.marked = set()  # a new section: each term again, once
        if element.tag in NOT_MARKED:
            return
        element.text = self.mark(element.text, element, 0)
        for child in list(element):
            self.visit(child)
            index = list(element).index(child) + 1
            child.tail = self.mark(child.tail, element, index)

    def mark(self, text: str | None, parent: etree.Element, index: int) -> str | None:
        """Text with its first unmarked terms moved into <abbr> elements inserted into
        parent at index; returns the text left before the first one."""
        if not text or isinstance(text, AtomicString):
            return text
        pieces: list[etree.Element] = []
        rest_start, before = 0, None
        for m in self.pattern.finditer(text):
            term = self.by_form[" ".join(m[0].split())]
            if term.anchor in self.marked:
                continue
            self.marked.add(term.anchor)
            abbr = etree.Element(
                "abbr",
                {"title": term.definition, "tabindex": "0", "data-term": term.anchor},
            )
            abbr.text = AtomicString(m[0])
            if pieces:
                pieces[-1].tail = text[rest_start : m.start()]
            else:
                before = text[: m.start()]
            pieces.append(abbr)
            rest_start = m.end()
        if not pieces:
            return text
        pieces[-1].tail = text[rest_start:]
        for offset, abbr in enumerate(pieces):
            parent.insert(index + offset, abbr)
        return before


class GlossaryTerms(Extension):
    """Python-Markdown extension: marks the glossary's terms on a page. `terms` is
    empty on the glossary page itself (the hook sets it per page)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.terms: list[Term] = []

    def extendMarkdown(self, md: Markdown) -> None:
        if self.terms:
            # After the inline patterns (20) and attr_list (8), before the toc (5).
            md.treeprocessors.register(MarkTerms(md, self.terms), "glossary_terms", 6)
