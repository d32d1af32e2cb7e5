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
  (`begin_once.out`), which tests/test_examples.py checks against a real run.

Python blocks always show whole files: every block must run when copied. A contributor's
mistake (missing file, partial include, no recorded output) stops the build with the page
and line, instead of rendering something wrong.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from mkdocs.exceptions import PluginError

# ```python  (any attributes)  /  --8<-- "path"  /  ```   -- at any indent (content tabs)
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<ticks>`{3,})[ \t]*(?P<lang>py|python)\b(?P<attrs>[^\n]*)\n"
    r'(?P=indent)--8<--[ \t]+"(?P<path>[^"]+)"[ \t]*\n'
    r"(?P=indent)(?P=ticks)[ \t]*$",
    re.MULTILINE,
)
MARKER = re.compile(
    r"^\s*#\s*-+8<-+\s*\[(?P<kind>start|end):(?P<name>[a-z][-_0-9a-z]*)\]"
)
FOCUS = "focus"


def _output_suffix(root: Path) -> str:
    with open(root / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["session-docs"]["output-suffix"]


def focus_lines(source: str) -> list[int]:
    """Line numbers, as the reader sees them (markers removed), inside focus sections."""
    shown, inside, lines = 0, False, []
    for line in source.splitlines():
        marker = MARKER.match(line)
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
    suffix = _output_suffix(root)

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
        output = program.with_suffix(suffix)
        if not output.is_file():
            raise PluginError(
                f"{where}: '{include}' has no recorded output "
                f"({output.relative_to(root)}); run `make update-outputs`"
            )
        attrs = m["attrs"]
        if "title=" not in attrs:
            attrs += f' title="{include}"'
        if "hl_lines=" not in attrs and (focus := focus_lines(program.read_text())):
            attrs += f' hl_lines="{hl_ranges(focus)}"'
        ind, ticks = m["indent"], m["ticks"]
        block = f'{ind}{ticks}{m["lang"]}{attrs}\n{ind}--8<-- "{include}"\n{ind}{ticks}'
        if output.stat().st_size == 0:
            return block
        out_include = output.relative_to(root).as_posix()
        return (
            f"{block}\n\n"
            f'{ind}{ticks}{{ .text .example-output title="Output" }}\n'
            f'{ind}--8<-- "{out_include}"\n{ind}{ticks}'
        )

    return FENCE.sub(rewrite, markdown)


def on_page_markdown(markdown, page, config, files):
    root = Path(config.config_file_path).parent
    source = Path(page.file.abs_src_path)
    # MkDocs has stripped the front matter: count it back so errors give file lines.
    start = source.read_text().find(markdown)
    first_line = source.read_text().count("\n", 0, start) + 1 if start > 0 else 1
    page_path = source.relative_to(root).as_posix()
    return rewrite_example_blocks(markdown, page_path, root, first_line)
