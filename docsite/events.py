"""Recorded events: what SQLAlchemy did while a program ran, the record the site's pictures
are drawn from (docsite/pictures.py).

A program whose page asks for a picture (```` ```python picture="timeline" ````, or
`picture="states"`) is run by the tests with SQLAlchemy's listeners installed
(docsite/at_exit/_session_docs_events.py), on the page's own cell (SQLite, the locked
SQLAlchemy line), in the same run whose output is compared with `<name>.out`. The
events are recorded beside it, in `<name>.events`, one JSON object a line:

    {"event": "begin", "connection": 1, "line": 16}
    {"event": "execute", "connection": 1, "sql": "INSERT INTO ...", "line": 17}

`line` is the program's line (in the file, focus markers counted) that set the event
off, or null. The tests compare the file with a new run, like the output, and check that
the two agree: each event the SQL log shows is in the recorded output, in order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from docsite.config import ROOT, rel

EVENTS_SUFFIX = ".events"

# What each event carries besides `event` and `line` (see _session_docs_events.py).
CONNECTION_EVENTS = {"checkout", "checkin", "begin", "execute", "commit", "rollback"}
STATE_EVENTS = {
    "transient_to_pending",
    "pending_to_transient",
    "pending_to_persistent",
    "loaded_as_persistent",
    "persistent_to_transient",
    "persistent_to_detached",
    "persistent_to_deleted",
    "deleted_to_persistent",
    "deleted_to_detached",
    "detached_to_persistent",
    "expire",
    "refresh",
}
FIELDS = {
    **{name: {"connection"} for name in CONNECTION_EVENTS},
    "checkout": {"connection", "pooled"},
    "checkin": {"connection", "pooled"},
    "execute": {"connection", "sql"},
    "session_begin": {"session", "connection", "own"},
    **{name: {"session", "object", "variable"} for name in STATE_EVENTS},
    "expire": {"object", "variable"},
    "refresh": {"object", "variable"},
}


class EventsError(ValueError):
    """A recorded events file is malformed or disagrees with its output; the message
    starts with the file and line."""


@dataclass(frozen=True)
class Event:
    at: int  # the line of the events file
    event: str
    line: int | None  # the program's line that set it off
    connection: int | None = None
    pooled: int | None = None
    session: int | None = None
    object: str | None = None  # "Employee 1": an ORM object, by class and appearance
    variable: str | None = None  # the program's name for it at that line, if any
    sql: str | None = None
    own: bool | None = None  # session_begin: the Session's own Connection, not bind=


def events_path(program: Path) -> Path:
    return program.with_suffix(EVENTS_SUFFIX)


def parse_events(text: str, path: Path) -> list[Event]:
    events = []
    for at, raw in enumerate(text.splitlines(), 1):
        where = f"{rel(path) if path.is_relative_to(ROOT) else path}:{at}"
        try:
            fields = json.loads(raw)
        except json.JSONDecodeError as wrong:
            raise EventsError(f"{where}: not a JSON object ({wrong})") from None
        name = fields.pop("event", None) if isinstance(fields, dict) else None
        if name not in FIELDS:
            raise EventsError(f"{where}: unknown event {name!r}")
        if "line" not in fields:
            raise EventsError(f"{where}: {name} has no 'line'")
        line = fields.pop("line")
        if set(fields) != FIELDS[name]:
            raise EventsError(
                f"{where}: {name} needs {sorted(FIELDS[name])}, has {sorted(fields)}"
            )
        events.append(Event(at, name, line, **fields))
    return events


def normalise_events(text: str) -> str:
    """A run's events as they are recorded and compared: SQLAlchemy moves several objects
    at once in an order of its own (rollback() walks a set), so a run of the same event
    from the same line is put in the order of the objects' numbers."""
    lines, settled = text.splitlines(keepends=True), []
    keyed = [json.loads(line) for line in lines]
    i = 0
    while i < len(lines):
        j = i + 1
        same = ("event", "line", "session")
        while (
            j < len(lines)
            and "object" in keyed[i]
            and all(keyed[j].get(k) == keyed[i].get(k) for k in same)
        ):
            j += 1
        run = sorted(range(i, j), key=lambda n: _object_order(keyed[n]))
        settled += [lines[n] for n in run]
        i = j
    return "".join(settled)


def _object_order(fields: dict) -> tuple[str, int]:
    kind, _, number = fields.get("object", "").rpartition(" ")
    return kind, int(number or 0)


def read_events(program: Path) -> list[Event]:
    path = events_path(program)
    return parse_events(path.read_text(), path)


def _shows(event: Event, line: str) -> bool:
    """Whether an output line is the SQL log's line for this event (its first, for a
    statement)."""
    if event.event == "begin":
        return line.startswith("BEGIN (implicit")
    if event.event in ("commit", "rollback"):
        word = event.event.upper()
        return line == word or line.startswith(f"{word} using DBAPI")
    if event.event == "execute":
        return line == event.sql.splitlines()[0]
    # the pool's log, which shows only with echo_pool="debug"
    if event.event == "checkout":
        return line.endswith("checked out from pool")
    return line.endswith("being returned to pool")  # checkin


def disagreement(events: list[Event], output: str, path: Path, out: Path) -> str | None:
    """Where recorded events and a recorded output part: each event the SQL log shows
    (BEGIN, each statement, COMMIT, ROLLBACK; checkout and checkin if the pool's log is
    on) must be in the output, in the order of the events. None if they agree."""
    lines = output.splitlines()
    pool_log = any(line.endswith("checked out from pool") for line in lines)
    shown = [
        e
        for e in events
        if e.event in CONNECTION_EVENTS
        and (pool_log or e.event not in ("checkout", "checkin"))
    ]
    at = 0
    for e in shown:
        found = next((i for i in range(at, len(lines)) if _shows(e, lines[i])), None)
        if found is None:
            what = e.sql.splitlines()[0] if e.sql else e.event
            after = f" after line {at}" if at else ""
            return (
                f"{rel(path)}:{e.at}: {what!r} is not in {rel(out)}{after}; the events "
                "and the output come from different runs: run `make update-outputs`"
            )
        at = found + 1
    return None
