"""Build step: the pictures a page asks for, placed on it (docsite/pictures.py draws them).

A program's fence asks for one, ```` ```python picture="timeline" ```` (or
`picture="states"`): docsite/example_blocks.py then calls with_picture_tab(), which puts
the Output in a content tab and the picture in the next ("Output" | "Timeline"), so the
reader switches between the log and the picture (Material links tabs of the same name:
one click switches every block of the page). The picture is drawn from the events the
program's verified run recorded (`<name>.events`); a picture asked of a program that
records none stops the build with the page and line.

The Markdown gets a placeholder; add_pictures() replaces it in the HTML (raw HTML inside
a content tab would be parsed as Markdown), along with `<!-- picture: architecture -->`,
the Home page's sketch.
"""

from __future__ import annotations

import re
from pathlib import Path

from docsite.config import DEFAULT_BACKEND, backends_for, rel
from docsite.events import events_path
from docsite.pictures import PICTURES, architecture, picture
from docsite.sources import PICTURE_ATTR


def picture_attr(attrs: str) -> tuple[str, str | None]:
    """A fence's attributes without picture="...", and the picture asked for.
    ValueError for a picture this site cannot draw."""
    m = PICTURE_ATTR.search(attrs)
    if not m:
        return attrs, None
    if m["kind"] not in PICTURES:
        kinds = " or ".join(f'picture="{k}"' for k in PICTURES)
        raise ValueError(f'picture="{m["kind"]}": use {kinds}')
    return attrs[: m.start()] + attrs[m.end() :], m["kind"]


def with_picture_tab(fence, outputs: list[str], preview: bool) -> list[str]:
    """The output blocks, in tabs, with the picture's tab after them. ValueError if the
    program cannot have the picture (in the live preview, a notice instead)."""
    program, kind = fence.program, fence.picture
    if DEFAULT_BACKEND not in backends_for(program):
        raise ValueError(
            f'picture="{kind}": pictures are drawn from the {DEFAULT_BACKEND.label} '
            f"run, and {rel(program)} is not verified on {DEFAULT_BACKEND.label}"
        )
    ind, label = fence.indent, PICTURES[kind]
    slot = (
        f'<div class="picture-slot" data-picture="{kind}" '
        f'data-program="{rel(program)}"></div>'
    )
    if not events_path(program).is_file():
        message = (
            f'picture="{kind}": {rel(program)} records no events '
            f"({rel(events_path(program))}); run `make update-outputs`"
        )
        if not preview:
            raise ValueError(message)
        slot = f'!!! warning "No recorded events yet"\n\n{ind}        {message}'
    tabbed = any(o.lstrip().startswith("=== ") for o in outputs)
    if tabbed:  # one tab per backend or line already: the picture is SQLite's
        label += f" ({DEFAULT_BACKEND.label})"
    else:
        outputs = [f'{ind}=== "Output"', *(indented(o, ind) for o in outputs)]
    return [*outputs, f'{ind}=== "{label}"', f"{ind}    {slot}"]


def indented(block: str, ind: str) -> str:
    return "\n".join(
        ind + "    " + line[len(ind) :] if line else line for line in block.split("\n")
    )


SLOT = re.compile(
    r'(?:<p>)?<div class="picture-slot" data-picture="(?P<kind>\w+)" '
    r'data-program="(?P<program>[^"]+)"></div>(?:</p>)?'
)
ARCHITECTURE = "<!-- picture: architecture -->"


def add_pictures(html: str, root: Path) -> str:
    """Each placeholder replaced by its picture. ValueError naming the program if its
    events cannot be drawn."""

    def draw(m: re.Match[str]) -> str:
        try:
            return picture(m["kind"], root / m["program"], m["program"])
        except ValueError as wrong:
            raise ValueError(f"{m['program']}: {wrong}") from None

    return SLOT.sub(draw, html).replace(ARCHITECTURE, architecture())
