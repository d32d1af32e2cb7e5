"""MkDocs hook: code spans in prose that name SQLAlchemy API link to SQLAlchemy's
reference (docsite/reference_links.py does the work; autorefs makes the links)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from docsite.config import LOCKED_LINE, rel
from docsite.notebook_pages import is_notebook
from docsite.reference import (
    InventoryError,
    Resolver,
    docs_url,
    inventory,
    inventory_url,
)
from docsite.reference_links import (
    ReferenceError,
    link_reference_names,
    link_reference_names_in_html,
)
from docsite.sources import body_first_line

_resolver: Resolver | None = None
_MKDOCSTRINGS_CSS = "assets/_mkdocstrings.css"


@event_priority(100)  # before mkdocstrings' on_config, which loads the inventories
def on_config(config):
    global _resolver
    try:
        _resolver = Resolver(inventory(LOCKED_LINE))
    except InventoryError as wrong:
        raise PluginError(str(wrong)) from None
    # A file: URL cannot be written in mkdocs.yml without this machine's path; the
    # links themselves use base_url, the published reference.
    handler = config.plugins["mkdocstrings"].config.handlers.setdefault("python", {})
    handler["inventories"] = [inventory_url(LOCKED_LINE)]
    return config


def on_pre_build(config):
    # mkdocstrings links its stylesheet, for the API pages it renders, into every page;
    # it renders none here, and the file is empty: a request per page for nothing.
    if _MKDOCSTRINGS_CSS in config.extra_css:
        config.extra_css.remove(_MKDOCSTRINGS_CSS)


def on_page_markdown(markdown, page, config, files):
    if is_notebook(page.file.src_uri):
        return markdown  # rendered by mkdocs-jupyter: linked in on_page_content
    source = Path(page.file.abs_src_path)
    try:
        linked, _ = link_reference_names(
            markdown, rel(source), body_first_line(source.read_text()), _resolver
        )
    except ReferenceError as error:
        raise PluginError(str(error)) from None
    return linked


def on_page_content(html, page, config, files):
    if not is_notebook(page.file.src_uri):
        return html
    try:
        source = Path(page.file.abs_src_path)
        linked, _ = link_reference_names_in_html(
            html, rel(source), source.read_text(), _resolver, docs_url(LOCKED_LINE)
        )
    except ReferenceError as error:
        raise PluginError(str(error)) from None
    return linked
