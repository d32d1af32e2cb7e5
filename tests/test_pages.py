"""The pages and the examples fit together: no Python typed into a page, every include
resolves, every example and notebook is shown somewhere, no recorded output is orphaned.
"""

from __future__ import annotations

import re
from pathlib import Path

from docsite.config import (
    EXAMPLES_DIR,
    OUTPUT_SUFFIX,
    ROOT,
    SQLALCHEMY_LINES,
    declared_programs,
    rel,
)
from docsite.events import EVENTS_SUFFIX
from docsite.outputs import cell_of_output
from docsite.sources import (
    example_programs,
    includes,
    inline_python_blocks,
    locked_version,
    notebooks,
    pages,
    pages_showing,
    pictured_programs,
)


def test_there_are_pages_and_examples():
    assert pages(), "no Markdown pages found"
    assert example_programs(), "no example programs found"
    assert notebooks(), "no notebooks found"


def test_no_python_is_typed_into_a_page():
    typed = [b.where for page in pages() for b in inline_python_blocks(page)]
    assert not typed, (
        "Python typed into a page; put it in examples/<page>/<name>.py and include it "
        "with --8<--:\n  " + "\n  ".join(typed)
    )


def test_every_include_resolves():
    missing = [
        f"{inc.where}: '{inc.target}' does not exist"
        for page in pages()
        for inc in includes(page)
        if not inc.path.is_file()
    ]
    assert not missing, "\n".join(missing)


def test_every_example_is_shown_on_a_page():
    shown = pages_showing()
    unused = [rel(p) for p in example_programs() if p not in shown]
    assert not unused, (
        "examples that no page includes (include them, or delete them):\n  "
        + "\n  ".join(unused)
    )


def test_every_notebook_is_in_the_navigation():
    nav = (ROOT / "mkdocs.yml").read_text()
    missing = [rel(nb) for nb in notebooks() if f"notebooks/{nb.name}" not in nav]
    assert not missing, "notebooks missing from mkdocs.yml's nav:\n  " + "\n  ".join(
        missing
    )


def test_no_recorded_output_without_its_program():
    """Every .out file belongs to a cell of the matrix of an existing example: x.out, or
    x.<backend>.out / x.<backend>.sqlalchemy-<line>.out for a declared backend and line
    that the example runs on (docsite.outputs.output_chain)."""
    orphans = [
        rel(out)
        for out in EXAMPLES_DIR.rglob(f"*{OUTPUT_SUFFIX}")
        if cell_of_output(out) is None
    ]
    assert not orphans, (
        "recorded outputs that belong to no example, backend or SQLAlchemy line:\n  "
        + "\n  ".join(orphans)
    )


def test_no_recorded_events_without_a_picture_of_their_program():
    """Events are recorded (`<name>.events`) only for a program some page draws a
    picture of (picture="..." on its fence); one left over is stale."""
    orphans = [
        rel(events)
        for events in EXAMPLES_DIR.rglob(f"*{EVENTS_SUFFIX}")
        if events.with_suffix(".py") not in pictured_programs()
    ]
    assert not orphans, (
        "recorded events of programs no page draws a picture of (remove them):\n  "
        + "\n  ".join(orphans)
    )


def test_each_sqlalchemy_line_is_pinned_by_its_lock():
    wrong = [
        f"{rel(line.lock)} pins SQLAlchemy {locked_version('sqlalchemy', line.lock)}, "
        f"pyproject.toml declares {line.version}"
        for line in SQLALCHEMY_LINES
        if locked_version("sqlalchemy", line.lock) != line.version
    ]
    assert not wrong, "run `make lock`:\n  " + "\n  ".join(wrong)


def test_the_version_a_page_states_is_the_locked_one():
    """ "SQLAlchemy 2.1.9" in prose and `pip install sqlalchemy==2.1.9` in a page or a
    notebook name the locked version, or a lock bump would leave them behind."""
    locked = locked_version("sqlalchemy")
    stated = [
        f"{rel(page)}:{page.read_text().count(chr(10), 0, m.start()) + 1}: {m[0]}"
        for page in [*pages(), *notebooks()]
        for m in re.finditer(
            r"(?:SQLAlchemy |sqlalchemy==)(\d+\.\d+\.\d+)", page.read_text()
        )
        if m[1] != locked
    ]
    assert not stated, f"requirements.lock has SQLAlchemy {locked}:\n  " + "\n  ".join(
        stated
    )


# Made by the commands, not kept in the repository.
GENERATED = (".cache", "site", ".venv")
FILE_NAME = r"/|\.(py|md|toml|yml|yaml|lock|json|js|mjs|css|out)$"


def named_in(doc: Path) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(line, path) of every file or folder a document names in `code` or a link, and
    (line, target) of every `make <target>` it names. Placeholders (<page>) are not
    names, nor are URLs, options or the folders the commands generate."""
    paths, targets = [], []
    for line, text in enumerate(doc.read_text().splitlines(), 1):
        spans = re.findall(r"`([^`]+)`", text) + re.findall(r"\]\(([^)#]+)", text)
        for span in spans:
            if m := re.match(r"make ([\w-]+)", span):
                targets.append((line, m[1]))
                continue
            folder = span.endswith("/")
            path = span.split("::")[0].rstrip("/")
            if (
                re.search(r"[<>*{} ]|://|^-|^\.\w+$", path)
                or path.split("/")[0].startswith(GENERATED)
                or not (folder or re.search(FILE_NAME, path))
            ):
                continue
            paths.append((line, path))
    return paths, targets


def test_every_file_folder_and_make_target_the_docs_name_exists():
    makefile = (ROOT / "Makefile").read_text()
    make_targets = set(re.findall(r"^([\w-]+):", makefile, re.MULTILINE))
    missing = []
    for doc in (ROOT / "README.md", ROOT / "CONTRIBUTING.md"):
        paths, targets = named_in(doc)
        for line, path in paths:
            found = (
                (ROOT / path).exists()
                if "/" in path
                else any(
                    p for p in ROOT.rglob(path) if not rel(p).startswith(GENERATED)
                )
            )
            if not found:
                missing.append(f"{rel(doc)}:{line}: `{path}` does not exist")
        missing += [
            f"{rel(doc)}:{line}: `make {target}` is no target of the Makefile"
            for line, target in targets
            if target not in make_targets
        ]
    assert not missing, "\n".join(missing)


def test_every_program_pyproject_names_exists():
    """A misspelt path in [only-on], [run-with] or [not-runnable] would leave its
    program running everywhere, as `python x.py`, or with a Run button."""
    missing = [rel(p) for p in declared_programs() if not p.is_file()]
    assert not missing, f"pyproject.toml names programs that do not exist: {missing}"
