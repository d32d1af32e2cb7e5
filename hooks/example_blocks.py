"""MkDocs hook: each program include becomes the program, its Output and its badges, and
a Run bar (docsite/example_blocks.py does the work)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from docsite.config import ROOT, check_layout, rel
from docsite.example_blocks import (
    ExampleError,
    add_run_bars,
    mark_lines,
    out_of_search,
    rewrite_example_blocks,
)
from docsite.sources import body_first_line

_preview = False  # `mkdocs serve`: a missing output is a notice, not an error


def on_startup(command, dirty):
    global _preview
    _preview = command == "serve"


def on_config(config):
    try:
        check_layout(Path(config.config_file_path).parent, Path(config.docs_dir))
    except ValueError as wrong:
        raise PluginError(str(wrong)) from None
    return config


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path)
    try:
        return rewrite_example_blocks(
            markdown,
            rel(source),
            ROOT,
            body_first_line(source.read_text()),
            preview=_preview,
        )
    except ExampleError as error:
        raise PluginError(str(error)) from None


def on_page_content(html, page, config, files):
    return out_of_search(mark_lines(add_run_bars(html, ROOT)))
