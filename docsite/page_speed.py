"""Long pages with many programs load fast on a phone: fewer elements, and code blocks
the browser renders only when they near the viewport.

* Pygments wraps every name and every run of whitespace in its own <span>, though
  Material gives names the plain code colour and whitespace none: on the Sessions page
  that is a third of all elements, and each costs style and layout work at load.
  Unwrapping them changes no pixel and no copied character (tests/test_browser.py copies
  every block).
* Each code block gets its line count (`--code-lines`), from which extra.css computes
  the block's exact height. The browser can then skip styling and laying out blocks
  outside the viewport (`content-visibility: auto`) while reserving their real height,
  so nothing moves when they render and anchors land where they should.

* Material sets up each block (copy button, keyboard focus) when it nears the viewport
  (`content.lazy` in mkdocs.yml), not all at load; until then the block is focusable
  from the start, as a scrollable region must be.

Notebook pages are left as they are: mkdocs-jupyter's stylesheet colours names.
"""

from __future__ import annotations

import html
import re

from docsite.sources import line_ranges

PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
CODE_BLOCK = re.compile(
    r'<div class="(?P<classes>language-[-\w]+ (?:[-\w]+ )*highlight)"'
    r'(?P<attrs>(?: data-[-\w]+(?:="[^"]*")?)*)>'
    r"(?P<body><span class=\"filename\">[^<]*</span><pre>.*?</code></pre>)",
    re.DOTALL,
)


# Characters a code block shows on one line in a 1280 px window; blocks wrap longer
# lines (extra.css), so their height cannot be told from their line count.
DESKTOP_COLUMNS = 107


def with_line_count(m: re.Match[str]) -> str:
    """The block with the number of lines it shows: its folded lines (data-fold, see
    docsite/example_blocks.py) count as the one line of the button that unfolds them.
    A block with a line that wraps is left unsized, and always laid out."""
    text = re.sub(r"<[^>]+>", "", m["body"].split("<code", 1)[1].split(">", 1)[1])
    text = html.unescape(text)
    if any(len(line) > DESKTOP_COLUMNS for line in text.splitlines()):
        return m[0]
    lines = text.count("\n") + (not text.endswith("\n"))  # a final newline adds no line
    if folds := re.search(r'data-fold="([-\d ]+)"', m["attrs"]):
        lines -= sum(last - first for first, last in line_ranges(folds[1]))
    return (
        f'<div class="{m["classes"]}"{m["attrs"]} style="--code-lines: {lines}">'
        f'{m["body"]}'
    )


def lighter_code_blocks(html: str) -> str:
    """The HTML of a Markdown page (not a notebook) with fewer elements and sized blocks."""
    html = CODE_BLOCK.sub(with_line_count, PLAIN_TOKEN.sub(r"\1", html))
    # With content.lazy, Material makes a code block focusable (a scrollable region must
    # be reachable by keyboard) only once it nears the viewport; until then, the page does.
    return html.replace(
        "<pre><span></span><code>", '<pre><span></span><code tabindex="0">'
    )
