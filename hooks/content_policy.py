"""MkDocs hook: a Content Security Policy in every page (docsite/content_policy.py).
Listed last in mkdocs.yml: the hashes are of the page's final scripts."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from docsite.content_policy import NoHead, with_policy


def on_post_page(output, page, config):
    try:
        return with_policy(output)
    except NoHead as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_post_template(output_content, template_name, config):
    # 404.html, rendered from a template rather than a page.
    if not template_name.endswith(".html"):
        return output_content
    try:
        return with_policy(output_content)
    except NoHead as error:
        raise PluginError(f"{template_name}: {error}") from None
