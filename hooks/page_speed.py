"""Fewer elements on pages with many programs, so long pages load fast on a phone.

Pygments wraps every name and every run of whitespace in its own <span>, though Material
gives names the plain code colour and whitespace none: on the Sessions page that is a
third of all elements, and each costs style and layout work at load. Unwrapping them
changes no pixel and no copied character (tests/test_browser.py copies every block).
Notebook pages keep their spans: mkdocs-jupyter's stylesheet colours names.
"""

from __future__ import annotations

import re

PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def on_page_content(html: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".md"):
        return html
    return PLAIN_TOKEN.sub(r"\1", html)
