"""MkDocs hook: the Performance page's chart, tables, figures and checked claims, from the
benchmark's results file (docsite/benchmark_page.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from docsite.benchmark_page import BenchmarkPageError, render_benchmark
from docsite.config import rel
from docsite.sources import body_first_line


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path)
    text = source.read_text()
    # Errors are located in the page as written, after its front matter.
    first_line = body_first_line(text)
    written = "".join(text.splitlines(keepends=True)[first_line - 1 :])
    try:
        return render_benchmark(markdown, rel(source), first_line, written)
    except BenchmarkPageError as error:
        raise PluginError(str(error)) from None
