"""MkDocs hook: error codes in the recorded outputs, linked from the prose that
discusses them, and the table of every error the site shows (docsite/error_codes.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from docsite.error_codes import ErrorCodeError, render_errors


def on_page_markdown(markdown, page, config, files):
    try:
        return render_errors(markdown, Path(page.file.abs_src_path))
    except ErrorCodeError as error:
        raise PluginError(str(error)) from None
