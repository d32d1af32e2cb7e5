"""Imported at start-up (by sitecustomize.py beside it) when the tests run a program whose
page asks for a picture of it: SQLAlchemy's own events, as the program sets them off,
written one JSON object a line to the file SESSION_DOCS_EVENTS_FILE names. The site
draws its timelines and object-state diagrams from that record (docsite/events.py reads
it; CONTRIBUTING.md, "Pictures", describes the format). Not part of the program: the
listeners print nothing and change nothing it does.

Connections, Sessions, pooled DBAPI connections and ORM objects are numbered in the order
they first appear (never by id(), which changes from run to run). Each event carries the
line of the program that set it off: the innermost frame of the program's own file.
Transaction events are recorded only for a Connection that logs (echo=True when it was
made): then each one is a line of the output's SQL log, and the tests check they agree.
"""

import json
import os
import sys
import weakref

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.pool import Pool

_FILE = os.environ.pop("SESSION_DOCS_EVENTS_FILE")
_PROGRAM = os.environ.pop("SESSION_DOCS_EVENTS_PROGRAM")  # the program's file name
_out = open(_FILE, "w", encoding="utf-8")  # noqa: SIM115 - open until the process ends


class _Numbers:
    """1, 2, 3, ... by first appearance, held weakly: a program that relies on the
    garbage collector (a leaked Session) behaves as it would without us."""

    def __init__(self) -> None:
        self._of, self._count = weakref.WeakKeyDictionary(), 0

    def __call__(self, thing) -> int:
        if thing not in self._of:
            self._count += 1
            self._of[thing] = self._count
        return self._of[thing]


_connections, _sessions, _pooled = _Numbers(), _Numbers(), _Numbers()
_objects: dict[str, _Numbers] = {}  # per class name
# pooled connection's record -> its Connection, held weakly too: a Connection the
# program leaves to the garbage collector must still be collected (and checked in).
_holder = weakref.WeakKeyDictionary()


def _program_frame():
    frame = sys._getframe()
    while frame is not None:
        if os.path.basename(frame.f_code.co_filename) == _PROGRAM:
            return frame
        frame = frame.f_back
    return None  # set off by no line of the program (the garbage collector, atexit)


def _write(instance=None, **fields) -> None:
    frame = _program_frame()
    if instance is not None:
        kind = type(instance).__name__
        fields["object"] = f"{kind} {_objects.setdefault(kind, _Numbers())(instance)}"
        # The name the program gives it there, if any (not yet, inside the call whose
        # result it is assigned): what the reader knows it by.
        names = frame.f_locals.items() if frame else ()
        fields["variable"] = next((k for k, v in names if v is instance), None)
    fields["line"] = frame.f_lineno if frame else None
    _out.write(json.dumps(fields) + "\n")
    _out.flush()


# --- Connections and the pool ---------------------------------------------------------------

_checked_out = None  # the record of the pooled connection a Connection is about to take


@event.listens_for(Pool, "checkout")
def _checkout(dbapi_connection, record, proxy) -> None:
    global _checked_out
    _checked_out = record


@event.listens_for(Connection, "engine_connect")
def _engine_connect(conn) -> None:
    # The pool's checkout came first, from inside this Connection's constructor.
    global _checked_out
    record, _checked_out = _checked_out, None
    if record is None:
        return
    _holder[record] = weakref.ref(conn)
    if conn._echo:  # what decides whether it logs (SQLAlchemy's own attribute)
        _write(event="checkout", connection=_connections(conn), pooled=_pooled(record))


@event.listens_for(Pool, "checkin")
def _checkin(dbapi_connection, record) -> None:
    held = _holder.pop(record, None) if record is not None else None
    conn = held() if held is not None else None
    if conn is not None and conn._echo:
        _write(event="checkin", connection=_connections(conn), pooled=_pooled(record))


def _on_connection(name: str):
    def listener(conn, *args) -> None:
        if conn._echo:
            _write(event=name, connection=_connections(conn))

    event.listen(Connection, name, listener)


for _name in ("begin", "commit", "rollback"):
    _on_connection(_name)


@event.listens_for(Connection, "before_cursor_execute")
def _execute(conn, cursor, statement, parameters, context, executemany) -> None:
    if conn._echo:
        # As the log shows it: DDL starts on a new line, tabs are 4 spaces on a page.
        sql = statement.strip("\n").expandtabs(4)
        _write(event="execute", connection=_connections(conn), sql=sql)


# --- Sessions and the states of their objects -----------------------------------------------


@event.listens_for(Session, "after_begin")
def _after_begin(session, transaction, conn) -> None:
    # Only the Session knows which Connection it runs on: the drawing puts that
    # Connection's events in the Session's lane, unless the program gave the Session
    # that Connection (bind=conn: it joins the Connection's transaction).
    _write(
        event="session_begin",
        session=_sessions(session),
        connection=_connections(conn),
        own=session.bind is not conn,
    )


def _on_state(name: str):
    def listener(session, instance) -> None:
        _write(instance, event=name, session=_sessions(session))

    event.listen(Session, name, listener)


for _name in (
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
):
    _on_state(_name)


@event.listens_for(Mapper, "expire")
def _expire(target, attrs) -> None:
    if attrs is None:  # every attribute: the object is expired, not one column
        _write(target, event="expire")


@event.listens_for(Mapper, "refresh")
def _refresh(target, context, attrs) -> None:
    _write(target, event="refresh")
