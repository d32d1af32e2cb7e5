"""MkDocs hook: notebook pages built from the jupytext sources kept with the examples.

The walkthrough notebooks live in examples/notebooks/ as percent-format `.py` files, next to
the other runnable programs, and not under docs/. This hook

* adds each of them to the site as `notebooks/<name>.py`, before mkdocs-jupyter looks at the
  files, so the plugin executes and renders it as a page (see mkdocs.yml: execute, and
  allow_errors: false so that a failing cell fails the build);
* turns a cell that fails during execution into one clear build error naming the source
  file and line of the cell (cells meant to fail are tagged "raises-exception");
* writes `<name>.ipynb` next to the rendered page and tells the theme about it
  (overrides/main.html shows the download button).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import jupytext
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

SITE_FOLDER = "notebooks"


def _notebooks_dir(config) -> Path:
    root = Path(config.config_file_path).parent
    with open(root / "pyproject.toml", "rb") as f:
        return root / tomllib.load(f)["tool"]["session-docs"]["notebooks-dir"]


@event_priority(100)  # before mkdocs-jupyter's on_files, which picks up notebook pages
def on_files(files, config):
    source_dir = _notebooks_dir(config)
    for source in sorted(source_dir.glob("*.py")):
        files.append(
            File(
                f"{SITE_FOLDER}/{source.name}",
                src_dir=str(source_dir.parent),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
    return files


def _is_notebook(page) -> bool:
    return page.file.src_uri.startswith(
        f"{SITE_FOLDER}/"
    ) and page.file.src_uri.endswith(".py")


def _cell_line(source: Path, cell_source: str) -> int:
    """The line of the source file where the failing cell's code starts."""
    text = source.read_text()
    first = cell_source.strip().splitlines()[0] if cell_source.strip() else ""
    return text[: text.find(first)].count("\n") + 1 if first in text else 1


@event_priority(-100)  # after mkdocs-jupyter has installed its renderer
def on_pre_page(page, config, files):
    # Runs after mkdocs-jupyter's on_pre_page, which replaced page.render with its
    # executing renderer; wrap that to report a failing cell by file and line.
    if _is_notebook(page):
        render = page.render

        def render_reporting_cell_errors(config, files):
            from nbclient.exceptions import CellExecutionError

            try:
                render(config, files)
            except CellExecutionError as error:
                source = Path(page.file.abs_src_path)
                cell = str(error).split("------------------")[1]
                where = f"{source.relative_to(Path(config.config_file_path).parent)}"
                raise PluginError(
                    f"{where}:{_cell_line(source, cell)}: a notebook cell raised "
                    f"{error.ename}: {error.evalue}\n(tag the cell "
                    '`# %% tags=["raises-exception"]` if the error is the point)'
                ) from None

        page.render = render_reporting_cell_errors
    return page


def on_page_context(context, page, config, nav):
    if _is_notebook(page):
        page.ipynb_name = Path(page.file.src_uri).with_suffix(".ipynb").name
    return context


def on_post_page(output, page, config):
    if _is_notebook(page):
        notebook = jupytext.read(page.file.abs_src_path)
        target = Path(page.file.abs_dest_path).parent / page.ipynb_name
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, target, fmt="ipynb")
    return output
