"""What the project's text files are made of, each format parsed here and nowhere else:
include lines and the fences that hold them, focus markers in programs, a page's front
matter, and the pins of a lock file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docsite.config import (
    BENCHMARK,
    DOCS_DIR,
    EXAMPLES_DIR,
    LOCKED_LINE,
    NOTEBOOKS_DIR,
    ROOT,
    rel,
)

# --- Include lines and fences ------------------------------------------------------------

# pymdownx.snippets' include line: --8<-- "examples/connections/begin_once.py"
_INCLUDE_LINE = r'-{1,}8<-{1,}[ \t]+"(?P<path>[^"]+)"[ \t]*'
INCLUDE = re.compile(rf"^(?P<indent>[ \t]*){_INCLUDE_LINE}$", re.MULTILINE)
# A fence that shows a program: ```python (attributes) / the include line / ```, at any
# indent (content tabs, admonitions).
PROGRAM_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<ticks>`{3,})[ \t]*(?P<lang>py|python)\b(?P<attrs>[^\n]*)\n"
    rf"(?P=indent){_INCLUDE_LINE}\n"
    r"(?P=indent)(?P=ticks)[ \t]*$",
    re.MULTILINE,
)
FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})[ \t]*\{?\.?(?P<lang>[\w-]*)"
)
PYTHON_LANGS = {"py", "python", "python3", "pycon", "py3"}
# A fence's request for a picture of what its program did (docsite/pictures.py):
# ```python picture="timeline"```. The one place a program declares one.
PICTURE_ATTR = re.compile(r'\s*picture="(?P<kind>[^"]*)"')


@dataclass(frozen=True)
class Include:
    page: Path
    line: int
    target: str  # as written: "examples/x.py" (or, wrongly, "examples/x.py:section")

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"

    @property
    def path(self) -> Path:
        return ROOT / self.target.split(":", 1)[0]


def pages() -> list[Path]:
    return sorted(DOCS_DIR.rglob("*.md"))


def includes(page: Path) -> list[Include]:
    text = page.read_text()
    return [
        Include(page, text.count("\n", 0, m.start()) + 1, m["path"])
        for m in INCLUDE.finditer(text)
    ]


@dataclass(frozen=True)
class InlineBlock:
    page: Path
    line: int
    lang: str

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"


def inline_python_blocks(page: Path) -> list[InlineBlock]:
    """Python fences whose body is anything but include lines: code typed into a page."""
    found, lines, i = [], page.read_text().splitlines(), 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        start, close = i, m["indent"] + m["ticks"]
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith(close):
            body.append(lines[i])
            i += 1
        i += 1
        typed = [b for b in body if b.strip() and not INCLUDE.match(b)]
        if m["lang"].lower() in PYTHON_LANGS and typed:
            found.append(InlineBlock(page, start + 1, m["lang"]))
    return found


def example_programs() -> list[Path]:
    """Every runnable example whose output is recorded. Notebooks are checked by the
    build; the benchmark, whose output is timings, by test_benchmark.py."""
    return sorted(
        p
        for p in EXAMPLES_DIR.rglob("*.py")
        if NOTEBOOKS_DIR not in p.parents and p != BENCHMARK.program
    )


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("*.py"))


@cache
def pages_showing() -> dict[Path, list[Include]]:
    """example file -> the includes (page and line) that show it."""
    shown: dict[Path, list[Include]] = {}
    for page in pages():
        for inc in includes(page):
            shown.setdefault(inc.path, []).append(inc)
    return shown


@cache
def pictured_programs() -> set[Path]:
    """The programs some page asks a picture of: the tests record their events."""
    return {
        ROOT / m["path"]
        for page in pages()
        for m in PROGRAM_FENCE.finditer(page.read_text())
        if PICTURE_ATTR.search(m["attrs"])
    }


def example_id(program: Path) -> str:
    """Test id naming the page first: 'docs/connections.md › examples/connections/x.py'."""
    shown = pages_showing().get(program)
    if program.parent == NOTEBOOKS_DIR:
        page = f"notebooks/{program.stem}"
    else:
        page = rel(shown[0].page) if shown else "(no page)"
    return f"{page} › {rel(program)}"


# --- Programs: focus markers ----------------------------------------------------------------

# `# --8<-- [start:focus]` / `[end:focus]`: section markers, which pages never show.
SECTION_MARKER = re.compile(
    r"^\s*#\s*-+8<-+\s*\[(?P<kind>start|end):(?P<name>[a-z][-_0-9a-z]*)\]"
)
FOCUS = "focus"


def shown_source(program: Path) -> str:
    """A program as the page shows it (and its copy button copies it): markers removed."""
    return shown_source_text(program.read_text())


def shown_source_text(source: str) -> str:
    lines = source.splitlines(keepends=True)
    return "".join(line for line in lines if not SECTION_MARKER.match(line))


def focus_lines(source: str) -> list[int]:
    """Line numbers, as the reader sees them (markers removed), inside focus sections.
    ValueError naming the file line of a focus marker left unclosed or unopened."""
    shown, inside, lines, opened_at = 0, False, [], 0
    for number, line in enumerate(source.splitlines(), 1):
        marker = SECTION_MARKER.match(line)
        if marker:
            if marker["name"] == FOCUS:
                starts = marker["kind"] == "start"
                if starts == inside:
                    raise ValueError(
                        f"line {number}: [{marker['kind']}:focus] "
                        + ("inside an open focus section" if starts else "opens none")
                    )
                inside, opened_at = starts, number
            continue
        shown += 1
        if inside:
            lines.append(shown)
    if inside:
        raise ValueError(f"line {opened_at}: [start:focus] is never closed")
    return lines


# A run of lines outside the focus this long or longer is folded on the page (shorter
# runs are not worth a click).
FOLD_AT_LEAST = 4


@dataclass(frozen=True)
class Fold:
    first: int  # line numbers as the reader sees them
    last: int

    @property
    def label(self) -> str:
        """What the reader clicks: "12 lines of set-up", "5 more lines"."""
        return fold_label(self.first, self.last - self.first + 1)


def fold_label(first: int, count: int) -> str:
    return f"{count} lines of set-up" if first == 1 else f"{count} more lines"


def folds(source: str) -> list[Fold]:
    """The runs of lines outside a program's focus that the page folds: set-up before
    the first focus section, the rest after or between. None without focus markers."""
    focus = set(focus_lines(source))
    if not focus:
        return []
    shown = len(shown_source_text(source).splitlines())
    found, run = [], []
    for number in [*range(1, shown + 1), None]:
        if number is not None and number not in focus:
            run.append(number)
            continue
        if len(run) >= FOLD_AT_LEAST:
            found.append(Fold(run[0], run[-1]))
        run = []
    return found


def hl_ranges(lines: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5 9' (the hl_lines syntax of pymdownx.highlight)."""
    ranges: list[list[int]] = []
    for n in lines:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return " ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in ranges)


def line_ranges(spec: str) -> list[tuple[int, int]]:
    """'3-5 9' -> [(3, 5), (9, 9)] (hl_ranges' notation, read back)."""
    ranges = []
    for part in spec.split():
        first, _, last = part.partition("-")
        ranges.append((int(first), int(last or first)))
    return ranges


# --- Pages: front matter ------------------------------------------------------------------

# MkDocs' own pattern (mkdocs.utils.meta): a page may open with YAML between --- lines.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def body_first_line(text: str) -> int:
    """The line of a page file where its Markdown starts, after any front matter (which
    MkDocs strips, with the blank lines after it, before hooks see the page): so that
    errors found in what hooks see can name the line of the file."""
    m = FRONT_MATTER.match(text)
    if not m:
        return 1
    end = m.end() + len(text[m.end() :]) - len(text[m.end() :].lstrip("\n"))
    return text.count("\n", 0, end) + 1


# --- Pages: sections ---------------------------------------------------------------------

# An ATX heading, with the attribute list that names its anchor if it has one:
# `## Title { #anchor }`.
HEADING = re.compile(
    r"^(?P<level>#{1,6})[ \t]+(?P<title>.+?)"
    r"(?:[ \t]*\{[ \t]*#(?P<anchor>[-\w]+)[ \t]*\})?[ \t]*$"
)


@dataclass(frozen=True)
class Section:
    page: Path
    line: int  # of the heading, in the page file
    level: int
    title: str  # as written, Markdown included: "`DetachedInstanceError`: an attribute"
    anchor: str

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"


def sections(page: Path) -> list[Section]:
    """A page's headings, outside code fences and front matter, each with the anchor a
    link to it takes: the one it names, or the one MkDocs' toc makes of its text (a
    wrong guess is a broken anchor, which the strict build refuses)."""
    from markdown.extensions.toc import slugify  # MkDocs' default, as mkdocs.yml keeps

    lines = page.read_text().splitlines()
    found, fence, first = [], None, body_first_line(page.read_text())
    for number, line in enumerate(lines[first - 1 :], first):
        if fence is not None:
            fence = None if line.strip().startswith(fence) else fence
            continue
        if opened := FENCE_OPEN.match(line):
            fence = opened["ticks"]
            continue
        if heading := HEADING.match(line):
            title = heading["title"]
            plain = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", title).replace("`", "")
            anchor = heading["anchor"] or slugify(plain, "-")
            found.append(Section(page, number, len(heading["level"]), title, anchor))
    return found


def section_at(page: Path, line: int) -> Section | None:
    """The section a line of a page belongs to: the last heading above it."""
    return next((s for s in reversed(sections(page)) if s.line < line), None)


# --- Lock files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pin:
    version: str
    hashes: frozenset[str]  # sha256 hex digests the lock allows


_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][-A-Za-z0-9_.]*)==(?P<version>[^\s;\\]+)(?P<rest>.*?)(?=^\S|\Z)",
    re.MULTILINE | re.DOTALL,
)


def normalised_name(name: str) -> str:
    """PEP 503: 'Typing_Extensions' and 'typing-extensions' are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def lock_pins(lock: Path) -> dict[str, Pin]:
    """package (normalised name) -> its pin in a lock file written by `make lock`
    (`name==version ; markers \\` then `--hash=sha256:...` lines). A package pinned
    twice for different platforms keeps its first pin."""
    pins: dict[str, Pin] = {}
    for m in _PIN.finditer(lock.read_text()):
        hashes = frozenset(re.findall(r"--hash=sha256:(\w+)", m["rest"]))
        pins.setdefault(normalised_name(m["name"]), Pin(m["version"], hashes))
    return pins


def locked_version(package: str, lock: Path = LOCKED_LINE.lock) -> str:
    """The version a lock file pins for a package; KeyError naming both if none."""
    try:
        return lock_pins(lock)[normalised_name(package)].version
    except KeyError:
        raise KeyError(f"{rel(lock)} pins no {package}") from None
