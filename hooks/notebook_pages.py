"""MkDocs hook: the notebooks in examples/notebooks/ become executed pages, a failing cell
names its file and line, and each page offers its .ipynb (docsite/notebook_pages.py)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from docsite.notebook_pages import (
    failed_cell_message,
    is_notebook,
    jupyter_config_path,
    notebook_files,
    readable_outputs,
    write_ipynb,
)


def on_startup(command, dirty):
    os.environ["JUPYTER_CONFIG_PATH"] = jupyter_config_path(
        os.environ.get("JUPYTER_CONFIG_PATH")
    )


@event_priority(100)  # before mkdocs-jupyter's on_files, which picks up notebook pages
def on_files(files, config):
    for path, source_dir in notebook_files():
        files.append(
            File(path, src_dir=str(source_dir), dest_dir=config.site_dir,
                 use_directory_urls=config.use_directory_urls)
        )  # fmt: skip
    return files


@event_priority(-100)  # after mkdocs-jupyter has installed its renderer
def on_pre_page(page, config, files):
    # mkdocs-jupyter's on_pre_page replaced page.render with its executing renderer;
    # wrap that to report a failing cell by file and line.
    if is_notebook(page.file.src_uri):
        render = page.render

        def render_reporting_cell_errors(config, files):
            from nbclient.exceptions import CellExecutionError

            try:
                render(config, files)
            except CellExecutionError as error:
                source = Path(page.file.abs_src_path)
                raise PluginError(failed_cell_message(source, error)) from None

        page.render = render_reporting_cell_errors
    return page


def on_page_content(html, page, config, files):
    return readable_outputs(html) if is_notebook(page.file.src_uri) else html


def on_page_context(context, page, config, nav):
    if is_notebook(page.file.src_uri):
        page.ipynb_name = Path(page.file.src_uri).with_suffix(".ipynb").name
    return context


def on_post_page(output, page, config):
    if is_notebook(page.file.src_uri):
        target = Path(page.file.abs_dest_path).parent / page.ipynb_name
        write_ipynb(Path(page.file.abs_src_path), target)
    return output
