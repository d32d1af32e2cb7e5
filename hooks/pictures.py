"""MkDocs hook: the pictures pages ask for, drawn from recorded events, and the Home
page's sketch (docsite/picture_blocks.py does the work)."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from docsite.config import ROOT
from docsite.picture_blocks import add_pictures


def on_page_content(html, page, config, files):
    try:
        return add_pictures(html, ROOT)
    except ValueError as wrong:
        raise PluginError(f"{page.file.src_uri}: {wrong}") from None
