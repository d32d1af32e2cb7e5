"""MkDocs hook: the glossary page's terms show their definition as a tooltip on every other
page (docsite/glossary.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from docsite.config import GLOSSARY, rel
from docsite.glossary import (
    GlossaryError,
    GlossaryTerms,
    Term,
    check_no_page_abbreviations,
    parse_glossary,
)
from docsite.sources import body_first_line

_extension = GlossaryTerms()
_terms: list[Term] = []  # parsed once per build, in on_config


def on_config(config):
    global _terms
    try:
        _terms = parse_glossary(GLOSSARY.read_text(), rel(GLOSSARY))
    except GlossaryError as error:
        raise PluginError(str(error)) from None
    config.markdown_extensions.append(_extension)
    return config


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path)
    try:
        check_no_page_abbreviations(
            markdown, rel(source), body_first_line(source.read_text())
        )
    except GlossaryError as error:
        raise PluginError(str(error)) from None
    # The glossary page defines the terms; every other page shows them.
    _extension.terms = [] if source.resolve() == GLOSSARY.resolve() else _terms
    return markdown
