"""Build step: notebook pages from the jupytext sources kept with the examples.

The walkthrough notebooks live in examples/notebooks/ as percent-format `.py` files, next
to the other runnable programs, not under docs/. The hooks/notebook_pages.py adapter

* adds each of them to the site as `notebooks/<name>.py`, before mkdocs-jupyter looks at
  the files, so the plugin executes and renders it as a page (mkdocs.yml: execute, and
  allow_errors: false so that a failing cell fails the build);
* turns a cell that fails during execution into one clear build error naming the source
  file and line of the cell (cells meant to fail are tagged "raises-exception");
* shows cell outputs as the other pages show a program's Output (readable_outputs);
* leaves out mkdocs-jupyter's MathJax loader, which without a `custom_mathjax_url` is a
  `<script src="">`: the notebooks have no mathematics, and an empty source is an error
  event in every browser;
* writes `<name>.ipynb` next to the rendered page (overrides/main.html offers it).
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from docsite.config import NOTEBOOKS_DIR, rel
from docsite.outputs import normalise
from docsite.sources import notebooks

SITE_FOLDER = "notebooks"
# nbconvert configuration for the build's kernel (docsite/jupyter/): its log shows errors
# only, not ipykernel 7's warning that a kernel on the machine's loopback interface talks
# TCP without encryption, which alarms contributors and changes nothing here. (Set on
# NotebookClient: mkdocs-jupyter replaces the ExecutePreprocessor section.)
JUPYTER_CONFIG = Path(__file__).with_name("jupyter")


def jupyter_config_path(current: str | None) -> str:
    """JUPYTER_CONFIG_PATH with docsite/jupyter/ first."""
    return os.pathsep.join(filter(None, [str(JUPYTER_CONFIG), current]))


def notebook_files() -> list[tuple[str, Path]]:
    """(path on the site, source directory) of each notebook page."""
    return [(f"{SITE_FOLDER}/{nb.name}", NOTEBOOKS_DIR.parent) for nb in notebooks()]


def is_notebook(src_uri: str) -> bool:
    return src_uri.startswith(f"{SITE_FOLDER}/") and src_uri.endswith(".py")


def cell_line(source: Path, cell_source: str) -> int:
    """The line of the source file where the failing cell's code starts."""
    text = source.read_text()
    first = cell_source.strip().splitlines()[0] if cell_source.strip() else ""
    return text[: text.find(first)].count("\n") + 1 if first in text else 1


def failed_cell_message(source: Path, error) -> str:
    """A CellExecutionError from nbclient, as one line naming file and line."""
    cell = str(error).split("------------------")[1]
    return (
        f"{rel(source)}:{cell_line(source, cell)}: a notebook cell raised "
        f"{error.ename}: {error.evalue}\n(tag the cell "
        '`# %% tags=["raises-exception"]` if the error is the point)'
    )


# A cell's output as nbconvert renders it: text in a <pre>, plain or with ANSI colours.
CELL_OUTPUT = re.compile(
    r'(?P<open><div class="jp-RenderedText jp-OutputArea-output"[^>]*>\s*<pre>)'
    r"(?P<body>.*?)(?P<close></pre>)",
    re.DOTALL,
)
TRACEBACK = "Traceback (most recent call last)"
EMPTY_MATHJAX_LOADER = '<!-- Load mathjax -->\n<script src=""> </script>\n'


def readable_outputs(page_html: str) -> str:
    """Cell outputs as the other pages show a program's Output: the SQL log without its
    timestamps, timings and addresses (docsite.outputs.normalise), and an error that a
    cell raises on purpose as its last line, the error and its message (the traceback
    runs through SQLAlchemy's source, as installed on the machine that built the site).
    The page also loses mkdocs-jupyter's empty MathJax loader.
    """

    def readable(m: re.Match[str]) -> str:
        text = html.unescape(re.sub(r"<[^>]+>", "", m["body"]))
        if TRACEBACK in text:
            text = [line for line in text.splitlines() if line.strip()][-1] + "\n"
        return m["open"] + html.escape(normalise(text), quote=False) + m["close"]

    # nbconvert's heading anchors, as Material writes its own: search leaves the "¶" out
    # of a result's title.
    page_html = page_html.replace('<a class="anchor-link"', '<a class="headerlink"')
    page_html = page_html.replace(EMPTY_MATHJAX_LOADER, "")
    return CELL_OUTPUT.sub(readable, page_html)


def write_ipynb(source: Path, target: Path) -> None:
    import jupytext

    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(jupytext.read(source), target, fmt="ipynb")
