"""MkDocs hook: names and keyboard access that axe-core asks for and CSS cannot give
(docsite/accessibility.py)."""

from __future__ import annotations

from docsite.accessibility import named_and_focusable


def on_post_page(output, page, config):
    return named_and_focusable(output)


def on_post_template(output_content, template_name, config):
    """404.html is rendered as a theme template, not a page."""
    return named_and_focusable(output_content)
