"""Build step: turn an example include into the program, its highlights and its output.

A page embeds a runnable program with nothing but a fence holding one include line:

    ```python
    --8<-- "examples/connections/begin_once.py"
    ```

Before pymdownx.snippets reads the page, this rewrites that fence so the reader gets

* the program, titled with its path, with the lines between `# --8<-- [start:focus]` and
  `# --8<-- [end:focus]` highlighted (snippets strips the markers, so they never show and
  line numbers never drift);
* below it, what the program printed, SQL log included, from the recorded file beside it
  (`begin_once.out`), which tests/test_examples.py checks against a real run;
* under that, the backends and SQLAlchemy versions the program is verified on, from the
  matrix declared in pyproject.toml, the one the tests run;
* between the program and its output, a Run button (with Edit, Reset and Stop) that runs
  it in the reader's browser (docs/javascripts/run-examples.js), if it can run there;
  if not, the badges line says why.

A fence may ask for the output of every backend, or of every SQLAlchemy line, side by side
in content tabs: ```` ```python outputs="backends" ```` or ```` outputs="versions" ````;
and for a picture of what the program did, in a tab beside its output:
```` picture="timeline" ```` or ```` picture="states" ```` (docsite/picture_blocks.py).

Python blocks always show whole files: every block must run when copied. A contributor's
mistake (missing file, partial include, no recorded output) stops the build with the page
and line. In the live preview (`make serve`) a program whose output is not recorded yet
shows a notice instead, so a contributor can write it and watch it appear.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from docsite.api_uses import api_row
from docsite.config import (
    BENCHMARK,
    LOCKED_LINE,
    SQLALCHEMY_LINES,
    backends_for,
    why_not_in_browser,
)
from docsite.outputs import expected_output_path, log_lines, output_chain, shown_cells
from docsite.picture_blocks import picture_attr, with_picture_tab
from docsite.reference import inventory
from docsite.sources import (
    PROGRAM_FENCE,
    Fold,
    focus_lines,
    fold_label,
    folds,
    hl_ranges,
    line_ranges,
)

log = logging.getLogger("mkdocs.hooks.example_blocks")
OUTPUTS_ATTR = re.compile(r'\s*outputs="(?P<by>[^"]*)"')
UPDATE_COMMAND = "make update-outputs"


class ExampleError(Exception):
    """A page's include is wrong; the message starts with the page's file and line."""


@dataclass(frozen=True)
class ProgramFence:
    """One fence that shows a program, as the page wrote it."""

    where: str  # "docs/x.md:12", the include line
    program: Path
    include: str  # the path as written
    indent: str
    ticks: str
    lang: str
    attrs: str  # other attributes of the fence, as written
    by: str | None  # outputs="backends" or "versions"
    picture: str | None = None  # picture="timeline" or "states"


def parse_fence(m: re.Match[str], where: str, root: Path) -> ProgramFence:
    include = m["path"]
    if re.search(r":[-_0-9a-z:,]+$", include):
        raise ExampleError(
            f"{where}: '{include}' includes part of a file; a Python block shows a "
            "whole program so that it runs when copied. Mark the lines to highlight "
            "with '# --8<-- [start:focus]' / '# --8<-- [end:focus]' instead."
        )
    program = root / include
    if not program.is_file():
        raise ExampleError(f"{where}: snippet '{include}' does not exist")
    attrs, by = m["attrs"], None
    if outputs := OUTPUTS_ATTR.search(attrs):
        by = outputs["by"]
        attrs = attrs[: outputs.start()] + attrs[outputs.end() :]
        if by not in ("backends", "versions"):
            raise ExampleError(
                f'{where}: outputs="{by}": use outputs="backends" or "versions"'
            )
    try:
        attrs, picture = picture_attr(attrs)
    except ValueError as wrong:
        raise ExampleError(f"{where}: {wrong}") from None
    return ProgramFence(
        where, program, include, m["indent"], m["ticks"], m["lang"], attrs, by, picture
    )


def program_block(fence: ProgramFence) -> str:
    """The program's fence: titled with its path, its focus highlighted, and the lines
    outside the focus marked for folding (data-fold, in attribute-list form)."""
    attrs, source = fence.attrs, fence.program.read_text()
    try:
        focus, folded = focus_lines(source), folds(source)
    except ValueError as wrong:
        raise ExampleError(f"{fence.where}: {fence.include}, {wrong}") from None
    if "title=" not in attrs:
        attrs += f' title="{fence.include}"'
    if "hl_lines=" not in attrs and focus:
        attrs += f' hl_lines="{hl_ranges(focus)}"'
    if hidden := highlighted_in_folds(attrs, folded):
        raise ExampleError(
            f"{fence.where}: {fence.include}: line {hidden} is highlighted but folded "
            "away; put it inside a focus section"
        )
    if folded:
        attrs += ' data-fold="' + " ".join(f"{f.first}-{f.last}" for f in folded) + '"'
    ind, ticks = fence.indent, fence.ticks
    return (
        f"{ind}{ticks}{{ .{fence.lang}{attrs} }}\n"
        f'{ind}--8<-- "{fence.include}"\n{ind}{ticks}'
    )


def highlighted_in_folds(attrs: str, folded: list[Fold]) -> int | None:
    """The first line an explicit hl_lines="..." highlights inside a fold, if any."""
    m = re.search(r'hl_lines="([^"]*)"', attrs)
    for first, last in line_ranges(m[1]) if m else []:
        for line in range(first, last + 1):
            if any(f.first <= line <= f.last for f in folded):
                return line
    return None


def output_blocks(fence: ProgramFence, root: Path, preview: bool) -> list[str]:
    """The Output block, or one tab per backend or SQLAlchemy line."""
    if fence.program.resolve() == BENCHMARK.program:
        return []  # it prints timings, which vary: its page shows its results file
    cells = shown_cells(fence.program, fence.by)
    outputs = []
    for label, backend, line in cells:
        output = expected_output_path(fence.program, backend, line)
        if output is None:
            missing = output_chain(fence.program, backend, line)[0].name
            message = (
                f"{fence.where}: '{fence.program.name}' has no recorded output for "
                f"{backend.label} with SQLAlchemy {line.version} ({missing}); run "
                f"`{UPDATE_COMMAND}` (`make update-matrix` for other backends)"
            )
            if not preview:
                raise ExampleError(message)
            log.info(message)
            return [no_output_yet(fence, missing)]
        outputs.append((label, output))
    in_browser = why_not_in_browser(fence.program) is None
    ind, ticks = fence.indent, fence.ticks
    if len(outputs) == 1:
        label, output = outputs[0]
        return [output_block(output, root, ind, ticks, label, in_browser)]
    blocks = []
    for i, (label, output) in enumerate(outputs):
        blocks.append(f'{ind}=== "{label}"')
        block = output_block(
            output,
            root,
            ind + "    ",
            ticks,
            f"Output on {label}",
            in_browser and i == 0,
        )
        blocks.append(block or f"{ind}    (nothing printed)")
    return blocks


def no_output_yet(fence: ProgramFence, missing: str) -> str:
    """What the live preview shows in place of an output that is not recorded yet."""
    ind = fence.indent
    return (
        f'{ind}!!! warning "No recorded output yet"\n\n'
        f"{ind}    `{missing}` does not exist: run `{UPDATE_COMMAND}`. "
        f"(`make build` and the tests fail until it does.)"
    )


def output_block(
    output: Path, root: Path, ind: str, ticks: str, title: str, shown_in_browser: bool
) -> str:
    """shown_in_browser: the output a Run in the browser reproduces (SQLite, the locked
    line: the first tab), marked for the browser test that checks it does."""
    text = output.read_text()
    if not text:
        return ""
    mark = " .expected-in-browser" if shown_in_browser else ""
    log = log_lines(text)
    printed = [n + 1 for n in range(len(text.splitlines())) if n not in log]
    lines = f' data-printed="{hl_ranges(printed)}"' if printed else ""
    return (
        f'{ind}{ticks}{{ .text .example-output{mark} title="{title}"{lines} }}\n'
        f'{ind}--8<-- "{output.relative_to(root).as_posix()}"\n{ind}{ticks}'
    )


def verified_on(program: Path, ind: str) -> str:
    """The badges: where the tests prove this program, from the matrix declaration."""
    badges = " ".join(
        f'<span class="badge">{b.label}</span>' for b in backends_for(program)
    )
    versions = " ".join(
        f'<span class="badge">{v.version}</span>' for v in SQLALCHEMY_LINES
    )
    why = why_not_in_browser(program)
    no_run = f' <span class="no-run">No Run button: {why}.</span>' if why else ""
    return (
        f'{ind}<p class="verified-on">Verified on {badges} '
        f"with SQLAlchemy {versions}{no_run}</p>"
    )


def rewrite_example_blocks(
    markdown: str, page_path: str, root: Path, first_line: int = 1, preview=False
) -> str:
    """first_line: the line of the page file where `markdown` starts (after front
    matter). preview: the live preview, where a missing output is a notice."""

    def rewrite(m: re.Match[str]) -> str:
        line = first_line + markdown.count("\n", 0, m.start()) + 1  # the include line
        fence = parse_fence(m, f"{page_path}:{line}", root)
        outputs = output_blocks(fence, root, preview)
        if fence.picture:
            try:
                outputs = with_picture_tab(fence, outputs, preview)
            except ValueError as wrong:
                raise ExampleError(f"{fence.where}: {wrong}") from None
        parts = [program_block(fence), *outputs]
        parts.append(verified_on(fence.program, fence.indent))
        parts.append(api_row(fence.program, reference_names(), fence.indent))
        return "\n\n".join(p for p in parts if p)

    return PROGRAM_FENCE.sub(rewrite, markdown)


def reference_names() -> frozenset[str]:
    """What SQLAlchemy's reference documents, for the line the pages show."""
    return frozenset(inventory(LOCKED_LINE).entries)


def run_bar(include: str) -> str:
    """The Run button and its companions; docs/javascripts/run-examples.js brings them
    to life."""
    buttons = "".join(
        f'<button type="button" class="run-example__{name}"{extra}>{label}</button>'
        for name, label, extra in [
            ("run", "Run", ""),
            ("edit", "Edit", ' aria-pressed="false"'),
            ("reset", "Reset", " hidden"),
            ("stop", "Stop", " hidden"),
        ]
    )
    return (
        f'<div class="run-example" data-program="{include}" data-state="idle" '
        "data-search-exclude "
        f'role="group" aria-label="Run {include} in your browser">{buttons}'
        f'<span class="run-example__status" role="status"></span></div>'
    )


# A block some of whose lines the page marks, as pymdownx.highlight renders it: a span
# per line, `<span id="__span-<block>-<line>">`, and the lines to mark in an attribute:
# data-fold (a program's folded lines) or data-printed (what an Output block's program
# printed, as opposed to the SQL log).
MARKED_BLOCK = re.compile(
    r'(?P<open><div class="[^"]*\bhighlight\b[^"]*"'
    r' data-(?P<kind>fold|printed)="(?P<ranges>[-\d ]+)"[^>]*>)(?P<body>.*?</pre>)',
    re.DOTALL,
)
LINE_SPAN = re.compile(r'<span id="__span-\d+-(?P<line>\d+)">')


def mark_lines(html: str) -> str:
    """Folded lines get class "folded", with a button before each run of them that
    unfolds the program; CSS hides folded lines only where scripts run
    (docs/javascripts/code-folds.js handles the button), so without JavaScript the whole
    program shows, and copying and running always take all of it. Printed lines get
    class "printed", which extra.css sets apart from the SQL log."""

    def mark(block: re.Match[str]) -> str:
        runs = line_ranges(block["ranges"])
        starts = {first: last - first + 1 for first, last in runs}
        css_class = "folded" if block["kind"] == "fold" else "printed"

        def line(span: re.Match[str]) -> str:
            number = int(span["line"])
            if not any(first <= number <= last for first, last in runs):
                return span[0]
            button = ""
            if css_class == "folded" and number in starts:
                button = (
                    '<button type="button" class="fold-toggle" aria-expanded="false">'
                    f"… {fold_label(number, starts[number])}</button>"
                )
            return button + span[0].replace("<span ", f'<span class="{css_class}" ', 1)

        return block["open"] + LINE_SPAN.sub(line, block["body"])

    return MARKED_BLOCK.sub(mark, html)


# A program's or an Output's block: what a site search would return whole.
CODE_BLOCK_START = re.compile(
    r'<div class="language-(?:python|text)(?: [-\w]+)* highlight"'
)


def out_of_search(html: str) -> str:
    """Programs and their Output blocks are left out of the search index: a search finds
    the prose that explains them (which quotes what matters), not a whole program."""
    return CODE_BLOCK_START.sub(lambda m: m[0] + " data-search-exclude", html)


# A program block as pymdownx.highlight renders it: its title is the include path.
PROGRAM_BLOCK = re.compile(
    r'<span class="filename">(?P<path>[^<]+\.py)</span>.*?</pre></div>\n?', re.DOTALL
)


def add_run_bars(html: str, root: Path) -> str:
    """A Run bar right after each program block that can run in the browser. (Added to
    the HTML: in Markdown, raw HTML inside a content tab ends up wrapped in a <p>.)"""

    def add(m: re.Match[str]) -> str:
        program = root / m["path"]
        if not program.is_file() or why_not_in_browser(program) is not None:
            return m[0]
        return m[0] + run_bar(m["path"]) + "\n"

    return PROGRAM_BLOCK.sub(add, html)
