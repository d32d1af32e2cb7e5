"""MkDocs hook: tables read as cards on a phone (docsite/tables.py)."""

from __future__ import annotations

from docsite.tables import cards_on_phones


def on_page_content(html, page, config, files):
    return cards_on_phones(html)
