"""The site builds with `mkdocs build --strict` (link and anchor validation included), and
what it builds is what the pages promise: examples with their output, executed notebooks
with a .ipynb download, and no reference to any other host."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from harness import (
    BACKENDS,
    BENCHMARK,
    SQLALCHEMY_LINES,
    backends_for,
    example_programs,
    html_pages,
    notebooks,
    rel,
)

pytestmark = pytest.mark.xdist_group("site")  # builds share .cache/mkdocs-jupyter


def test_every_example_is_on_the_site_with_its_output(site: Path):
    html = "\n".join(p.read_text() for p in html_pages(site))
    for program in example_programs():
        title = f'<span class="filename">{rel(program)}</span>'
        assert title in html, f"{rel(program)} is not shown on any built page"
    outputs = len(re.findall(r'<div class="[^"]*\bexample-output\b', html))
    assert outputs >= len(example_programs()), "an example is shown without its output"


VERIFIED_ON = re.compile(
    r'<span class="filename">(?P<program>[^<]+)</span>.*?'
    r'<p class="verified-on"[^>]*>Verified on (?P<badges>.*?) with SQLAlchemy '
    r"(?P<versions>.*?)</p>",
    re.DOTALL,
)


def test_each_example_shows_the_matrix_cells_it_is_tested_in(site: Path):
    """The badges under a program name exactly the backends and SQLAlchemy versions the
    test matrix runs it on, both taken from pyproject.toml."""
    badge = re.compile(r'<span class="badge">([^<]+)</span>')
    shown: dict[str, tuple[list[str], list[str]]] = {}
    for page in html_pages(site):
        for m in VERIFIED_ON.finditer(page.read_text()):
            if m["program"].endswith(".py"):
                shown[m["program"]] = (
                    badge.findall(m["badges"]),
                    badge.findall(m["versions"]),
                )
    versions = [line.version for line in SQLALCHEMY_LINES]
    for program in [*example_programs(), BENCHMARK.program]:
        expected = ([b.label for b in backends_for(program)], versions)
        assert (
            shown.get(rel(program)) == expected
        ), f"{rel(program)}: badges {shown.get(rel(program))}, matrix {expected}"


def test_backend_tabs_show_each_backends_recorded_output(site: Path):
    page = (site / "backend-differences" / "index.html").read_text()
    for backend in BACKENDS.values():
        assert (
            f'<span class="filename">Output on {backend.label}</span>' in page
        ), f"no output tab for {backend.label} on the Backend differences page"
    for line in SQLALCHEMY_LINES:
        assert (
            f'<span class="filename">Output on SQLAlchemy {line.version}</span>' in page
        )


def test_notebooks_are_executed_and_downloadable(site: Path):
    for source in notebooks():
        page_dir = site / "notebooks" / source.stem
        page = (page_dir / "index.html").read_text()
        assert (
            "jp-OutputArea-output" in page
        ), f"{rel(source)}: rendered without outputs"
        assert f'href="{source.stem}.ipynb" download' in page
        notebook = json.loads((page_dir / f"{source.stem}.ipynb").read_text())
        assert notebook["nbformat"] == 4 and notebook["cells"], f"{source.stem}.ipynb"


def test_no_page_loads_anything_from_another_host(site: Path):
    # src= and <link href=> load resources; plain <a href> links are the reader's choice.
    loads = re.compile(
        r"(?:<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc|<link\b[^>]*\bhref)"
        r'="(?P<url>(?:https?:)?//[^"]+)"'
    )
    remote = [
        f"{p.relative_to(site)}: {m['url']}"
        for p in html_pages(site)
        for m in loads.finditer(p.read_text())
    ]
    css = [
        f"{p.relative_to(site)}: {m}"
        for p in site.rglob("*.css")
        for m in re.findall(r"@import\s+url\((?:https?:)?//[^)]+\)", p.read_text())
    ]
    assert not remote + css, "\n".join(remote + css)
