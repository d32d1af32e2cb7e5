"""SQLAlchemy's reference: the Sphinx inventories (objects.inv) of its documentation,
one per SQLAlchemy line, made by `make inventory` (tools/build_inventory.py) and
committed in docsite/inventories/, and the names the pages may link to in them.

The inventory format is parsed here and nowhere else: the hook that links names
(docsite/reference_links.py) and the tests read it through `inventory()`. (autorefs,
through mkdocstrings, reads the same file to turn an identifier into a URL.)
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docsite.config import REFERENCE, ROOT, Reference, SQLAlchemyLine, rel

INVENTORIES_DIR = REFERENCE.inventories
# Where the reference of each line is published: the inventory's URIs are relative to it.
DOCS_URL = "https://docs.sqlalchemy.org/en/{short}/"

_HEADER = (
    "# Sphinx inventory version 2",
    "# Project: ",
    "# Version: ",
    "# The remainder of this file is compressed using zlib.",
)
# name domain:role priority uri display-name; a name may hold spaces (std:label).
_ENTRY = re.compile(
    r"(?P<name>.+?)\s+(?P<role>\S+?:\S+)\s+(?P<priority>-?\d+)\s+(?P<uri>\S*)\s+(?P<display>.*)"
)


class InventoryError(Exception):
    """A missing, malformed or stale inventory; the message starts with its path."""


@dataclass(frozen=True)
class Entry:
    name: str  # "sqlalchemy.orm.Session.commit"
    role: str  # "py:method"
    uri: str  # relative to the line's DOCS_URL: "orm/session_api.html#sqlalchemy..."
    # Sphinx's -1 marks an alias (sqlalchemy.orm.session.Session for
    # sqlalchemy.orm.Session): linkable, but never what a short name means.
    priority: int = 1


@dataclass(frozen=True)
class Inventory:
    path: Path
    project: str  # "SQLAlchemy"
    version: str  # "2.1.9": the release whose sources it was built from
    # By name: the Python domain, with sphinx-paramlinks' "py:parameter" entries
    # ("sqlalchemy.orm.Session.params.expire_on_commit").
    entries: dict[str, Entry]

    @property
    def where(self) -> str:
        return _where(self.path)


def inventory_path(line: SQLAlchemyLine) -> Path:
    return INVENTORIES_DIR / f"sqlalchemy-{line.version}.inv"


def docs_url(line: SQLAlchemyLine) -> str:
    return DOCS_URL.format(short=line.name.replace(".", ""))


def _where(path: Path) -> str:
    """The path as contributors name it (a test's scratch file: as it is)."""
    return rel(path) if path.resolve().is_relative_to(ROOT) else str(path)


def inventory(line: SQLAlchemyLine, path: Path | None = None) -> Inventory:
    """The committed inventory of a SQLAlchemy line (or the one at `path`), checked to be
    that line's: a lock bumped without `make inventory` fails here, naming both."""
    found = parse_inventory(path or inventory_path(line))
    if (found.project, found.version) != ("SQLAlchemy", line.version):
        raise InventoryError(
            f"{found.where}:3: the inventory is of {found.project} {found.version}, but "
            f"{rel(line.lock)} locks SQLAlchemy {line.version}; run `make inventory`"
        )
    return found


def parse_inventory(path: Path) -> Inventory:
    return _parse_inventory(
        path.resolve(), path.stat().st_mtime_ns if path.exists() else 0
    )


@cache
def _parse_inventory(path: Path, _mtime: int) -> Inventory:
    where = _where(path)
    if not path.is_file():
        raise InventoryError(f"{where}:1: no such inventory; run `make inventory`")
    data = path.read_bytes()
    head = data.split(b"\n", 4)
    if len(head) < 5:
        raise InventoryError(f"{where}:1: not a Sphinx inventory (too short)")
    lines = [line.decode("utf-8", "replace") for line in head[:4]]
    for number, (line, expected) in enumerate(zip(lines, _HEADER, strict=True), 1):
        if not line.startswith(expected) or (number in (1, 4) and line != expected):
            raise InventoryError(
                f"{where}:{number}: expected {expected!r}..., found {line[:60]!r}: "
                "not a Sphinx inventory of version 2"
            )
    try:
        body = zlib.decompress(head[4]).decode()
    except (zlib.error, UnicodeDecodeError) as wrong:
        raise InventoryError(
            f"{where}:5: its compressed part is broken ({wrong})"
        ) from None
    entries = {}
    for number, text in enumerate(body.splitlines(), 1):
        m = _ENTRY.fullmatch(text)
        if not m:
            raise InventoryError(
                f"{where}: entry {number} of its compressed part is malformed: {text!r}"
            )
        if not m["role"].startswith("py:"):
            continue  # labels and terms: the pages link API names only
        uri = m["uri"]
        if uri.endswith("$"):
            uri = uri[:-1] + m["name"]
        entry = Entry(m["name"], m["role"], uri, int(m["priority"]))
        entries.setdefault(m["name"], entry)
    return Inventory(
        path,
        lines[1].removeprefix(_HEADER[1]),
        lines[2].removeprefix(_HEADER[2]),
        entries,
    )


# --- Names on the pages -> entries ---------------------------------------------------------

# A code span that may name API: `Session`, `engine.begin()`, `.first()`,
# `session.get(Employee, 1)`, `Mapped[...]`; or a keyword argument: `echo=True`.
_NAME = re.compile(
    r"(?P<member_only>\.)?(?P<path>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)"
    r"(?P<call>\(.*\))?(?:\[.*\])?"
)
_KEYWORD = re.compile(r"(?P<name>[a-z_]\w*)=\S.*")
# The roles a member of a class has in the inventory (not its parameters).
_MEMBER_ROLES = ("py:method", "py:attribute", "py:property", "py:classmethod")
_CALLABLE_ROLES = ("py:function", "py:class", "py:exception")


class UnknownName(Exception):
    """A span that names SQLAlchemy API the reference does not have."""


@dataclass(frozen=True)
class Target:
    identifier: str  # the inventory's name: "sqlalchemy.orm.Session.commit"
    owner: str  # the class it is on, or itself for a class or function


_CLASS_ROLES = ("py:class", "py:exception")


class Resolver:
    """Turns a code span's text into the inventory entry it names.

    `resolve(text, context)` returns the Target, None for a span that is not SQLAlchemy
    API (SQL, a file name, a program's own class), or raises UnknownName for one that
    plainly names API (a SQLAlchemy class or an instance name the pages use, then a
    member) the inventory lacks. `context` is what the paragraph named last: a method
    named alone (`commit()`) is looked up on its class first, a parameter on it.
    """

    def __init__(self, found: Inventory, reference: Reference = REFERENCE):
        self.inventory = found
        self.reference = reference
        self._top: dict[str, list[str]] = {}  # short name -> classes, functions
        for entry in found.entries.values():
            if (
                entry.role in _CALLABLE_ROLES
                and entry.name.startswith("sqlalchemy.")
                and entry.priority >= 0
            ):
                short = entry.name.rsplit(".", 1)[1]
                self._top.setdefault(short, []).append(entry.name)

    # Short names

    def full_name(self, short: str) -> str | None:
        """The one class, exception or function named `short`, or the declared choice."""
        if short in self.reference.prefer:
            chosen = self.reference.prefer[short]
            if chosen not in self.inventory.entries:
                raise UnknownName(
                    f"pyproject.toml's [tool.session-docs.reference.prefer] names "
                    f"{chosen}, which {self._which} lacks"
                )
            return chosen
        names = self._top.get(short, [])
        if len(names) > 1:
            raise UnknownName(
                f"`{short}` is {', '.join(sorted(names))} in {self._which}: declare "
                f"which one the pages mean in [tool.session-docs.reference.prefer]"
            )
        return names[0] if names else None

    def classes_of(self, short: str) -> list[str]:
        """The classes a name before a dot stands for: a class's own name, or those an
        instance name the pages use is declared as (`engine`: Engine, AsyncEngine)."""
        if short in self.reference.receivers:
            return [self._declared(c) for c in self.reference.receivers[short]]
        name = self.full_name(short)
        if name and self.inventory.entries[name].role in _CLASS_ROLES:
            return [name]
        return []

    def member(self, owner: str, name: str) -> str | None:
        entry = self.inventory.entries.get(f"{owner}.{name}")
        return entry.name if entry and entry.role in _MEMBER_ROLES else None

    def target(self, identifier: str) -> Target:
        role = self.inventory.entries[identifier].role
        if role in _CLASS_ROLES or role == "py:function":
            return Target(identifier, identifier)
        return Target(identifier, identifier.rsplit(".", 1)[0])

    # Spans

    def resolve(self, text: str, context: Target | None = None) -> Target | None:
        if m := _KEYWORD.fullmatch(text):
            return self._parameter(m["name"], context)
        m = _NAME.fullmatch(text)
        if not m:
            return None  # SQL, a statement, output: not a name
        parts, called = m["path"].split("."), m["call"] is not None
        if m["member_only"]:  # `.first()`
            return (
                self._method(parts[0], context) if len(parts) == 1 and called else None
            )
        if parts[0] == "sqlalchemy" and len(parts) > 1:
            return self._dotted(m["path"])
        if len(parts) == 1:
            return self._alone(parts[0], called, context)
        owners = self.classes_of(parts[0])
        if not owners:
            return None  # a program's own object: `alice.name`, `Base.metadata`
        # `engine.pool.status()` links its first member, Engine.pool: the inventory
        # does not say what type an attribute holds.
        for owner in owners:
            if found := self.member(owner, parts[1]):
                return Target(found, owner)
        declared = (
            f" (`{parts[0]}` is declared as " + ", ".join(owners) + ")"
            if parts[0] in self.reference.receivers
            else ""
        )
        raise UnknownName(
            f"`{text}`: {owners[0]}.{parts[1]} is not in {self._which}{declared}"
        )

    def _alone(self, name: str, called: bool, context: Target | None) -> Target | None:
        """A name with no dot: `Session`, `select()`, `commit()`, `expire_on_commit`."""
        if name in self.reference.receivers:
            return None  # `session` is the reader's variable
        if called and context and (found := self.member(context.owner, name)):
            return Target(found, context.owner)  # `commit()` after `conn.begin()`
        if found := self.full_name(name):
            return self.target(found)
        if called:
            return self._method(name, context)
        return self._parameter(name, context) if name.islower() else None

    def _method(self, name: str, context: Target | None) -> Target | None:
        owners = [context.owner] if context else []
        owners += [self._declared(short) for short in self.reference.methods_of]
        for owner in owners:
            if found := self.member(owner, name):
                return Target(found, owner)
        return None

    def _parameter(self, name: str, context: Target | None) -> Target | None:
        owners = [context.identifier, context.owner] if context else []
        for short in self.reference.params_of:
            head, _, method = short.partition(".")
            full = self._declared(head)
            owners.append(f"{full}.{method}" if method else full)
        for owner in owners:
            identifier = f"{owner}.params.{name}"
            if identifier in self.inventory.entries:
                return Target(identifier, context.owner if context else owner)
        return None

    def _dotted(self, path: str) -> Target:
        if path not in self.inventory.entries:
            raise UnknownName(f"`{path}` is not in {self._which}")
        return self.target(path)

    def _declared(self, short: str) -> str:
        """A class pyproject.toml names: it must be in the reference."""
        found = self.full_name(short)
        if found is None:
            raise UnknownName(
                f"[tool.session-docs.reference] names `{short}`, which {self._which} "
                "lacks"
            )
        return found

    @property
    def _which(self) -> str:
        return (
            f"SQLAlchemy {self.inventory.version}'s reference ({self.inventory.where})"
        )


def inventory_url(line: SQLAlchemyLine) -> dict[str, str]:
    """The line's inventory as mkdocstrings' python handler imports it: a file: URL (no
    network), the published reference as base URL (what the links point to). The
    fragment, the file's hash, keys MkDocs' download cache (~/.cache/mkdocs), which
    would otherwise serve an inventory rebuilt since for a day."""
    path = inventory_path(line)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return {"url": f"{path.as_uri()}#{digest}", "base_url": docs_url(line)}
