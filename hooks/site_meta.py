"""MkDocs hook: last-updated dates, edit links, verified versions in the footer, and
llms.txt / llms-full.txt (docsite/site_meta.py). Listed last in mkdocs.yml: it reads the
pages as the other hooks leave them."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from docsite.site_meta import (
    PageEntry,
    ShallowClone,
    check_full_history,
    edit_url,
    embedded_files,
    last_commit_date,
    llms_texts,
    verified_with,
    written_out,
)

log = logging.getLogger("mkdocs.hooks.site_meta")
_pages: list = []  # the pages, in navigation order
_texts: dict[str, str] = (
    {}
)  # page source -> its Markdown with every include written out
_embedded: dict[str, list[Path]] = {}  # page source -> the files it embeds


def on_config(config):
    try:
        check_full_history()
    except ShallowClone as error:
        raise PluginError(str(error)) from None
    _texts.clear()
    _embedded.clear()
    config.extra["verified_with"] = verified_with()
    return config


def on_nav(nav, config, files):
    _pages[:] = nav.pages


def on_page_markdown(markdown, page, config, files):
    # After example_blocks and benchmark_page: includes are final here.
    _texts[page.file.src_uri] = written_out(markdown)
    _embedded[page.file.src_uri] = embedded_files(markdown)
    return markdown


def on_page_context(context, page, config, nav):
    source = Path(page.file.abs_src_path).resolve()
    date = last_commit_date([source, *_embedded.get(page.file.src_uri, [])])
    if date:
        page.meta["revision_date"] = f"Last updated {date}"
    page.edit_url = edit_url(source) or page.edit_url
    return context


def on_post_build(config):
    entries = []
    for page in _pages:
        source = Path(page.file.abs_src_path)
        # A notebook page's plain text is its jupytext source.
        text = (
            _texts[page.file.src_uri] if source.suffix == ".md" else source.read_text()
        )
        description = (page.meta.get("description") or "").strip()
        url = (config.site_url or "") + page.url
        entries.append(PageEntry(page.title, url, description, text))
    index, full = llms_texts(entries, {
        "name": config.site_name, "description": config.site_description,
        "base": config.site_url or "", "verified_with": config.extra["verified_with"],
    })  # fmt: skip
    site = Path(config.site_dir)
    (site / "llms.txt").write_text(index)
    (site / "llms-full.txt").write_text(full)
    log.info("llms.txt: %d pages", len(_pages))
