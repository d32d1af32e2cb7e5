"""MkDocs hook: what a published page carries besides its text.

* **Last updated**: the date of the last commit that touched the page *or anything it
  embeds* (example programs, their recorded outputs, the benchmark results), from git.
  A page whose example changed was updated, though its Markdown was not.
* **Edit this page**: with EDIT_URI set (the deploy workflow sets it to
  `<repository>/edit/<branch>/`), a link to the file to edit: the Markdown page, or for a
  notebook page the notebook's source in examples/notebooks/.
* **Verified versions** in every footer: the SQLAlchemy versions pinned by the lock files
  of the verification matrix (pyproject.toml names the locks; overrides/partials/copyright.html
  shows them).
* **llms.txt** and **llms-full.txt** (https://llmstxt.org): a list of the pages and the
  full text of every page as Markdown, with each embedded program and its recorded output
  written out, so a tool that reads them gets the same verified content as a reader.

Canonical URLs and sitemap.xml come from MkDocs and Material once site_url is set
(mkdocs.yml reads SITE_URL); 404.html comes from Material.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from pathlib import Path

from docs_config import (
    BACKENDS,
    BENCHMARK,
    OUTPUT_SUFFIX,
    ROOT,
    SQLALCHEMY_LINES,
    shown_source,
)
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.site_meta")

INCLUDE = re.compile(
    r'^(?P<indent>[ \t]*)--8<--[ \t]+"(?P<path>[^"]+)"[ \t]*$', re.MULTILINE
)
FIGURE = re.compile(r"<figure class=\"bench-chart\"[^>]*>.*?</figure>", re.DOTALL)
# Only the HTML the hooks write into pages (badges, chart); "<...>" in code is text.
TAG = re.compile(r"</?(?:p|span|figure|figcaption|svg|div)\b[^>]*>")

_pages: list = []  # the pages, in navigation order
_texts: dict[str, str] = (
    {}
)  # page source -> its Markdown with every include written out
_embedded: dict[str, list[Path]] = {}  # page source -> the files it embeds


def locked_sqlalchemy(lock: Path) -> str:
    """The SQLAlchemy version a lock file pins."""
    return re.search(
        r"^sqlalchemy==([^\s;]+)", lock.read_text(), re.MULTILINE | re.IGNORECASE
    )[1]


def last_commit_date(paths: list[Path]) -> str | None:
    """YYYY-MM-DD of the newest commit touching any of paths; None outside a git clone
    or for files never committed."""
    try:
        run = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *map(str, paths)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    return run.stdout.strip() or None


def source_of(page) -> Path:
    return Path(page.file.abs_src_path).resolve()


def embedded_files(markdown: str) -> list[Path]:
    """What a page shows besides its own text: each program with every recorded output
    of it (the badges and tabs rest on them), and the benchmark results."""
    files: set[Path] = set()
    for m in INCLUDE.finditer(markdown):
        path = ROOT / m["path"]
        files.add(path)
        if path.suffix == ".py":
            files.update(path.parent.glob(f"{path.stem}.*{OUTPUT_SUFFIX}"))
            files.update(path.parent.glob(f"{path.stem}{OUTPUT_SUFFIX}"))
    if "<!-- benchmark:" in markdown or "{{ " in markdown:
        files.add(BENCHMARK.results)
    return sorted(f for f in files if f.is_file())


def written_out(markdown: str) -> str:
    """The page's Markdown as a reader of plain text needs it: includes replaced by the
    files' text, the chart by a pointer to the table, HTML tags dropped."""

    def include(m: re.Match[str]) -> str:
        path = ROOT / m["path"]
        text = shown_source(path) if path.suffix == ".py" else path.read_text()
        return "".join(m["indent"] + line for line in text.splitlines(True)).rstrip()

    text = FIGURE.sub("(Chart: the table below has every figure.)", markdown)
    return INCLUDE.sub(include, TAG.sub("", text))  # tags first: programs print "<...>"


def on_config(config):
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    if shallow == "true":
        # Every page would show the one commit's date: wrong, and silently so.
        raise PluginError(
            "last-updated dates need the whole git history, and this clone is shallow: "
            "run `git fetch --unshallow` (in GitHub Actions: fetch-depth: 0)"
        )
    _texts.clear()
    _embedded.clear()
    config.extra["verified_with"] = {
        "sqlalchemy": [locked_sqlalchemy(line.lock) for line in SQLALCHEMY_LINES],
        "backends": [backend.label for backend in BACKENDS.values()],
    }
    return config


def on_nav(nav, config, files):
    _pages[:] = nav.pages


def on_page_markdown(markdown, page, config, files):
    # Runs after example_blocks.py and benchmark_page.py: includes are final here.
    _texts[page.file.src_uri] = written_out(markdown)
    _embedded[page.file.src_uri] = embedded_files(markdown)
    return markdown


def on_page_context(context, page, config, nav):
    source = source_of(page)
    date = last_commit_date([source, *_embedded.get(page.file.src_uri, [])])
    if date:
        page.meta["revision_date"] = f"Last updated {date}"
    if edit_base := os.environ.get("EDIT_URI"):
        page.edit_url = (
            edit_base.rstrip("/") + "/" + source.relative_to(ROOT).as_posix()
        )
    return context


def on_post_build(config):
    site = Path(config.site_dir)
    base = config.site_url or ""
    index = [f"# {config.site_name}", "", f"> {config.site_description.strip()}", ""]
    index += [
        "Every example on these pages is a complete program run by the test suite on "
        + ", ".join(config.extra["verified_with"]["backends"])
        + " with SQLAlchemy "
        + " and ".join(config.extra["verified_with"]["sqlalchemy"])
        + "; the outputs shown are recorded from those runs.",
        "",
        "## Pages",
        "",
    ]
    full = []
    for page in _pages:
        source = source_of(page)
        # A notebook page's plain text is its jupytext source.
        text = (
            _texts[page.file.src_uri] if source.suffix == ".md" else source.read_text()
        )
        url = base + page.url
        description = (page.meta.get("description") or "").strip()
        index.append(
            f"- [{page.title}]({url})" + (f": {description}" if description else "")
        )
        full += [f"<!-- {url} -->", text.strip(), ""]
    index += ["", "## Full text", "", f"- [llms-full.txt]({base}llms-full.txt)"]
    (site / "llms.txt").write_text("\n".join(index) + "\n")
    (site / "llms-full.txt").write_text("\n".join(full))
    log.info("llms.txt: %d pages", len(_pages))
