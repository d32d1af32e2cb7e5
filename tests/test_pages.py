"""The pages and the examples fit together: no Python typed into a page, every include
resolves, every example and notebook is shown somewhere, no recorded output is orphaned.
"""

from __future__ import annotations

import re

from docsite.config import EXAMPLES_DIR, OUTPUT_SUFFIX, ROOT, SQLALCHEMY_LINES, rel
from docsite.outputs import cell_of_output
from docsite.site import PageText, quotes_output, shows_quote
from docsite.sources import (
    example_programs,
    includes,
    inline_python_blocks,
    locked_version,
    notebooks,
    pages,
    pages_showing,
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


def test_each_sqlalchemy_line_is_pinned_by_its_lock():
    wrong = [
        f"{rel(line.lock)} pins SQLAlchemy {locked_version('sqlalchemy', line.lock)}, "
        f"pyproject.toml declares {line.version}"
        for line in SQLALCHEMY_LINES
        if locked_version("sqlalchemy", line.lock) != line.version
    ]
    assert not wrong, "run `make lock`:\n  " + "\n  ".join(wrong)


def test_the_version_a_page_states_is_the_locked_one():
    locked = locked_version("sqlalchemy")
    stated = [
        f"{rel(page)}: SQLAlchemy {m[1]}"
        for page in pages()
        for m in re.finditer(r"SQLAlchemy (\d+\.\d+\.\d+)", page.read_text())
        if m[1] != locked
    ]
    assert not stated, f"requirements.lock has SQLAlchemy {locked}:\n  " + "\n  ".join(
        stated
    )


def test_what_counts_as_quoted_output():
    quoted = ["NoResultFound: No row was found", "BEGIN (implicit)", "COMMIT",
              "INSERT ... RETURNING", "batch not supported", "rollback-on-return"]  # fmt: skip
    code = ["conn.commit()", "Session(engine)", "expire_on_commit", "pip install pymysql",
            "with engine.begin() as conn:", "ROLLBACK_ON_RETURN", "is"]  # fmt: skip
    assert [q for q in quoted if not quotes_output(q)] == []
    assert [c for c in code if quotes_output(c)] == []


def test_a_quote_matches_an_output_with_its_parts_in_order():
    log = "BEGIN (implicit)\nINSERT INTO employee (name) VALUES (?)\n[...] ('Alice',)\nCOMMIT"
    assert shows_quote("INSERT INTO employee (name) VALUES (?)", log)
    assert shows_quote("BEGIN (implicit) INSERT ... COMMIT", log)
    assert not shows_quote("COMMIT ... INSERT", log)  # the parts are in order
    assert not shows_quote("ROLLBACK", log)
    printed = "NoResultFound No row was found when one was required"
    assert shows_quote("NoResultFound: No row was found ...", printed)
    assert not shows_quote("NoResultFound: No rows at all", printed)


def test_a_built_page_gives_its_prose_spans_with_their_links_and_its_outputs(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        '<p>It sends <code>COMMIT</code> (<a href="../x/#y">proof</a>).</p>'
        '<div class="language-python highlight"><pre><code>conn.commit()</code></pre></div>'
        '<div class="example-output highlight"><span class="filename">Output</span>'
        "<pre><code>BEGIN (implicit)\nCOMMIT\n</code></pre></div>"
        "<ul><li><code>ROLLBACK</code><br></li></ul>"
    )
    text = PageText(page)
    assert [(s.text, s.links) for s in text.spans] == [
        ("COMMIT", ("../x/#y",)),
        ("ROLLBACK", ()),
    ]
    assert text.outputs == ["BEGIN (implicit)\nCOMMIT\n"]
