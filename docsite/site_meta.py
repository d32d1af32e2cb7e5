"""Build step: what a published page carries besides its text.

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

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from docsite.config import BACKENDS, BENCHMARK, OUTPUT_SUFFIX, ROOT, SQLALCHEMY_LINES
from docsite.sources import INCLUDE, locked_version, shown_source


class ShallowClone(Exception):
    """Last-updated dates need the whole history (the hook reports it)."""


FIGURE = re.compile(r"<figure class=\"bench-chart\"[^>]*>.*?</figure>", re.DOTALL)
# Only the HTML the hooks write into pages (badges, chart); "<...>" in code is text.
TAG = re.compile(r"</?(?:p|span|figure|figcaption|svg|div)\b[^>]*>")


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


def check_full_history() -> None:
    """Every page would show the one commit's date in a shallow clone: wrong, and
    silently so. ShallowClone says how to get the history."""
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    if shallow == "true":
        raise ShallowClone(
            "last-updated dates need the whole git history, and this clone is shallow: "
            "run `git fetch --unshallow` (in GitHub Actions: fetch-depth: 0)"
        )


def verified_with() -> dict[str, list[str]]:
    """What every footer states: the locked SQLAlchemy versions and the backends."""
    return {
        "sqlalchemy": [
            locked_version("sqlalchemy", line.lock) for line in SQLALCHEMY_LINES
        ],
        "backends": [backend.label for backend in BACKENDS.values()],
    }


def edit_url(source: Path) -> str | None:
    """The "edit this page" link, when EDIT_URI names the repository's edit URL."""
    if edit_base := os.environ.get("EDIT_URI"):
        return edit_base.rstrip("/") + "/" + source.relative_to(ROOT).as_posix()
    return None


@dataclass(frozen=True)
class PageEntry:
    title: str
    url: str  # absolute, from site_url
    description: str
    text: str  # the page as plain Markdown, programs written out


def llms_texts(entries: list[PageEntry], site: dict) -> tuple[str, str]:
    """llms.txt (the pages, with a line on how they are verified) and llms-full.txt."""
    verified = site["verified_with"]
    index = [f"# {site['name']}", "", f"> {site['description'].strip()}", "",
             "Every example on these pages is a complete program run by the test suite "
             "with SQLAlchemy " + " and ".join(verified["sqlalchemy"])
             + " on the databases its badges name ("
             + ", ".join(verified["backends"])
             + "); the outputs shown are recorded from those runs.",
             "", "## Pages", ""]  # fmt: skip
    full = []
    for entry in entries:
        about = f": {entry.description}" if entry.description else ""
        index.append(f"- [{entry.title}]({entry.url}){about}")
        full += [f"<!-- {entry.url} -->", entry.text.strip(), ""]
    index += ["", "## Full text", "", f"- [llms-full.txt]({site['base']}llms-full.txt)"]
    return "\n".join(index) + "\n", "\n".join(full)
