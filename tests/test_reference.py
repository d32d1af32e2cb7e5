"""SQLAlchemy's reference: the committed inventories are those of the locked versions,
and every name the pages link is in them (docsite/reference.py,
docsite/reference_links.py)."""

from __future__ import annotations

import pytest

from docsite.config import LOCKED_LINE, REFERENCE, SQLALCHEMY_LINES, rel
from docsite.reference import Resolver, inventory, inventory_path
from docsite.reference_links import link_reference_names
from docsite.sources import body_first_line, pages

# Entries the pages cannot do without: if a rebuilt inventory lost them, it is broken.
CORE_ENTRIES = [
    "sqlalchemy.orm.Session",
    "sqlalchemy.orm.Session.commit",
    "sqlalchemy.orm.sessionmaker",
    "sqlalchemy.engine.Connection",
    "sqlalchemy.engine.Connection.execute",
    "sqlalchemy.engine.Engine.begin",
    "sqlalchemy.create_engine",
    "sqlalchemy.ext.asyncio.create_async_engine",
    "sqlalchemy.orm.Session.params.expire_on_commit",
]


@pytest.mark.parametrize("line", SQLALCHEMY_LINES, ids=lambda line: line.version)
def test_each_inventory_is_of_its_locked_sqlalchemy(line):
    found = inventory(line)  # names the file and the lock if it is another version's
    missing = [name for name in CORE_ENTRIES if name not in found.entries]
    assert not missing, f"{found.where}: lacks {missing}; run `make inventory`"


def test_no_inventory_is_left_of_a_line_no_longer_declared():
    kept = {inventory_path(line) for line in SQLALCHEMY_LINES}
    stale = [rel(p) for p in REFERENCE.inventories.glob("*.inv") if p not in kept]
    assert not stale, f"inventories of no declared SQLAlchemy line: {stale}"


def linked_names() -> dict[str, list[str]]:
    """identifier -> where the pages link it ("docs/x.md:12")."""
    resolver = Resolver(inventory(LOCKED_LINE))
    found: dict[str, list[str]] = {}
    for page in pages():
        text = page.read_text()
        first = body_first_line(text)
        body = "\n".join(text.split("\n")[first - 1 :])
        for span in link_reference_names(body, rel(page), first, resolver)[1]:
            found.setdefault(span.identifier, []).append(f"{rel(page)}:{span.line}")
    return found


@pytest.mark.parametrize(
    "line",
    [li for li in SQLALCHEMY_LINES if li != LOCKED_LINE],
    ids=lambda li: li.version,
)
def test_every_linked_name_is_in_the_other_lines_reference_or_declared(line):
    """The pages link the locked line's reference; a name also exists in the other
    line's, or is declared in [tool.session-docs.reference.only-in-locked-line]."""
    other = inventory(line)
    linked = linked_names()
    missing = [
        f"{where[0]}: {name}"
        for name, where in sorted(linked.items())
        if name not in other.entries and name not in REFERENCE.only_in_locked_line
    ]
    assert not missing, (
        f"linked names that SQLAlchemy {line.version}'s reference ({other.where}) lacks; "
        "declare each in [tool.session-docs.reference.only-in-locked-line] with why:\n  "
        + "\n  ".join(missing)
    )
    declared_but_there = [
        n for n in REFERENCE.only_in_locked_line if n in other.entries
    ]
    assert not declared_but_there, (
        f"[tool.session-docs.reference.only-in-locked-line] lists names SQLAlchemy "
        f"{line.version}'s reference has: {declared_but_there}"
    )


def test_every_deliberately_unlinked_span_is_on_a_page():
    text = "\n".join(page.read_text() for page in pages())
    unused = [span for span in REFERENCE.unlinked if f"`{span}`" not in text]
    assert (
        not unused
    ), f"[tool.session-docs.reference.unlinked] lists spans no page has: {unused}"
