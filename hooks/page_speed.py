"""MkDocs hook: long pages load fast on a phone: fewer elements, and code blocks rendered
when near the viewport (docsite/page_speed.py)."""

from __future__ import annotations

from docsite.page_speed import lighter_code_blocks


def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return html  # notebooks: mkdocs-jupyter's stylesheet colours names
    return lighter_code_blocks(html)
