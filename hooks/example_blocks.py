"""MkDocs hook: turn an example include into the program, its highlights and its output.

A page embeds a runnable program with nothing but a fence holding one include line:

    ```python
    --8<-- "examples/connections/begin_once.py"
    ```

Before pymdownx.snippets reads the page, this hook rewrites that fence so the reader gets

* the program, titled with its path, with the lines between `# --8<-- [start:focus]` and
  `# --8<-- [end:focus]` highlighted (snippets strips the markers, so they never show and
  line numbers never drift);
* below it, what the program printed, SQL log included, from the recorded file beside it
  (`begin_once.out`), which tests/test_examples.py checks against a real run;
* under that, the backends and SQLAlchemy versions the program is verified on, from the
  matrix declared in pyproject.toml (hooks/docs_config.py), the one the tests run;
* between the program and its output, a Run button (with Edit, Reset and Stop) that runs
  it in the reader's browser (docs/javascripts/run-examples.js), if it can run there;
  if not, the badges line says why.

A fence may ask for the output of every backend, or of every SQLAlchemy line, side by side
in content tabs: ```` ```python outputs="backends" ```` or ```` outputs="versions" ````.

Python blocks always show whole files: every block must run when copied. A contributor's
mistake (missing file, partial include, no recorded output) stops the build with the page
and line, instead of rendering something wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

from docs_config import (
    BACKENDS,
    BENCHMARK,
    DEFAULT_BACKEND,
    LOCKED_LINE,
    SECTION_MARKER,
    SQLALCHEMY_LINES,
    backends_for,
    expected_output_path,
    output_chain,
    why_not_in_browser,
)
from mkdocs.exceptions import PluginError

# ```python  (any attributes)  /  --8<-- "path"  /  ```   -- at any indent (content tabs)
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<ticks>`{3,})[ \t]*(?P<lang>py|python)\b(?P<attrs>[^\n]*)\n"
    r'(?P=indent)--8<--[ \t]+"(?P<path>[^"]+)"[ \t]*\n'
    r"(?P=indent)(?P=ticks)[ \t]*$",
    re.MULTILINE,
)
FOCUS = "focus"
OUTPUTS_ATTR = re.compile(r'\s*outputs="(?P<by>[^"]*)"')


def focus_lines(source: str) -> list[int]:
    """Line numbers, as the reader sees them (markers removed), inside focus sections."""
    shown, inside, lines = 0, False, []
    for line in source.splitlines():
        marker = SECTION_MARKER.match(line)
        if marker:
            if marker["name"] == FOCUS:
                inside = marker["kind"] == "start"
            continue
        shown += 1
        if inside:
            lines.append(shown)
    return lines


def hl_ranges(lines: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5 9' (the hl_lines syntax of pymdownx.highlight)."""
    ranges: list[list[int]] = []
    for n in lines:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return " ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in ranges)


def rewrite_example_blocks(
    markdown: str, page_path: str, root: Path, first_line: int = 1
) -> str:
    """first_line: the line of the page file where `markdown` starts (after front matter)."""

    def rewrite(m: re.Match[str]) -> str:
        line = first_line + markdown.count("\n", 0, m.start()) + 1  # the include line
        where = f"{page_path}:{line}"
        include = m["path"]
        if re.search(r":[-_0-9a-z:,]+$", include):
            raise PluginError(
                f"{where}: '{include}' includes part of a file; a Python block shows a "
                "whole program so that it runs when copied. Mark the lines to highlight "
                "with '# --8<-- [start:focus]' / '# --8<-- [end:focus]' instead."
            )
        program = root / include
        if not program.is_file():
            raise PluginError(f"{where}: snippet '{include}' does not exist")
        attrs, by = m["attrs"], None
        if outputs := OUTPUTS_ATTR.search(attrs):
            by = outputs["by"]
            attrs = attrs[: outputs.start()] + attrs[outputs.end() :]
            if by not in ("backends", "versions"):
                raise PluginError(
                    f'{where}: outputs="{by}": use outputs="backends" or "versions"'
                )
        if "title=" not in attrs:
            attrs += f' title="{include}"'
        if "hl_lines=" not in attrs and (focus := focus_lines(program.read_text())):
            attrs += f' hl_lines="{hl_ranges(focus)}"'
        ind, ticks = m["indent"], m["ticks"]
        block = f'{ind}{ticks}{m["lang"]}{attrs}\n{ind}--8<-- "{include}"\n{ind}{ticks}'
        parts = [block]
        # The benchmark prints timings, which vary: its page shows its results file instead.
        tabs = (
            []
            if program.resolve() == BENCHMARK.program
            else output_tabs(program, by, where)
        )
        if len(tabs) == 1:
            label, output = tabs[0]
            in_browser = why_not_in_browser(program) is None
            parts.append(output_block(output, root, ind, ticks, label, in_browser))
        elif len(tabs) > 1:
            for i, (label, output) in enumerate(tabs):
                parts.append(f'{ind}=== "{label}"')
                block_in_tab = output_block(
                    output, root, ind + "    ", ticks, f"Output on {label}", i == 0
                )
                parts.append(block_in_tab or f"{ind}    (nothing printed)")
        parts.append(verified_on(program, ind))
        return "\n\n".join(p for p in parts if p)

    return FENCE.sub(rewrite, markdown)


def output_tabs(program: Path, by: str | None, where: str) -> list[tuple[str, Path]]:
    """(tab label, recorded output) for each output the block shows."""
    if by == "backends":
        cells = [(b.label, b, LOCKED_LINE) for b in backends_for(program)]
    elif by == "versions":
        cells = [
            (f"SQLAlchemy {v.version}", DEFAULT_BACKEND, v) for v in SQLALCHEMY_LINES
        ]
    else:
        # The page's backend, or for a program verified on servers only, its first one.
        verified = backends_for(program)
        backend = DEFAULT_BACKEND if DEFAULT_BACKEND in verified else verified[0]
        label = "Output" if backend == DEFAULT_BACKEND else f"Output on {backend.label}"
        cells = [(label, backend, LOCKED_LINE)]
    tabs = []
    for label, backend, line in cells:
        output = expected_output_path(program, backend, line)
        if output is None:
            raise PluginError(
                f"{where}: '{program.name}' has no recorded output for {backend.label} "
                f"with SQLAlchemy {line.version} ({output_chain(program, backend, line)[0].name}); "
                "run `make update-outputs` (`make update-matrix` for other backends)"
            )
        tabs.append((label, output))
    return tabs


def output_block(
    output: Path, root: Path, ind: str, ticks: str, title: str, shown_in_browser: bool
) -> str:
    """shown_in_browser: the output a Run in the browser reproduces (SQLite, the locked
    line: the first tab), marked for the browser test that checks it does."""
    if output.stat().st_size == 0:
        return ""
    mark = " .expected-in-browser" if shown_in_browser else ""
    return (
        f'{ind}{ticks}{{ .text .example-output{mark} title="{title}" }}\n'
        f'{ind}--8<-- "{output.relative_to(root).as_posix()}"\n{ind}{ticks}'
    )


def verified_on(program: Path, ind: str) -> str:
    """The badges: where the tests prove this program, from the matrix declaration."""
    backends = backends_for(program)
    badges = " ".join(f'<span class="badge">{b.label}</span>' for b in backends)
    versions = " ".join(
        f'<span class="badge">{v.version}</span>' for v in SQLALCHEMY_LINES
    )
    only = "" if len(backends) == len(BACKENDS) else ' data-only="true"'
    why = why_not_in_browser(program)
    no_run = f' <span class="no-run">No Run button: {why}.</span>' if why else ""
    return (
        f'{ind}<p class="verified-on"{only}>Verified on {badges} '
        f"with SQLAlchemy {versions}{no_run}</p>"
    )


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


def on_page_content(html, page, config, files):
    return add_run_bars(html, Path(config.config_file_path).parent)


def on_page_markdown(markdown, page, config, files):
    root = Path(config.config_file_path).parent
    source = Path(page.file.abs_src_path)
    # MkDocs has stripped the front matter: count it back so errors give file lines.
    start = source.read_text().find(markdown)
    first_line = source.read_text().count("\n", 0, start) + 1 if start > 0 else 1
    page_path = source.relative_to(root).as_posix()
    return rewrite_example_blocks(markdown, page_path, root, first_line)
