"""MkDocs hook: notebook pages built from the jupytext sources kept with the examples.

The walkthrough notebooks live in examples/notebooks/ as percent-format `.py` files, next to
the other runnable programs, and not under docs/. This hook

* adds each of them to the site as `notebooks/<name>.py`, before mkdocs-jupyter looks at the
  files, so the plugin executes and renders it as a page (see mkdocs.yml: execute, and
  allow_errors: false so that a failing cell fails the build);
* writes `<name>.ipynb` next to the rendered page and tells the theme about it
  (overrides/main.html shows the download button).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import jupytext
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
    return page.file.src_uri.startswith(f"{SITE_FOLDER}/") and page.file.src_uri.endswith(
        ".py"
    )


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
