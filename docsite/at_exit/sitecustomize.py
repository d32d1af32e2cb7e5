"""Imported at start-up by every program the tests run (docsite.running puts this folder
on PYTHONPATH): at exit, after Python has waited for its non-daemon threads, any thread
still alive is a daemon thread the program left running; it is written to the file
SESSION_DOCS_THREADS_FILE names, and the test fails naming it. Not part of the program:
nothing here prints or changes what the program does."""

import atexit
import os
import threading

_FILE = os.environ.pop("SESSION_DOCS_THREADS_FILE", None)


def _threads_left() -> None:
    alive = [
        t
        for t in threading.enumerate()
        if t is not threading.main_thread() and (t.join(0.5) or t.is_alive())
    ]
    if alive and _FILE:
        with open(_FILE, "a") as f:
            f.writelines(f"thread {t.name!r} ({_kind(t)})\n" for t in alive)


def _kind(thread: threading.Thread) -> str:
    return f"{type(thread).__module__}.{type(thread).__qualname__}"


if _FILE:
    atexit.register(_threads_left)

# A program whose page draws a picture of what it did: SQLAlchemy's events, recorded
# (docsite/running.py sets the variable only for such programs).
if os.environ.get("SESSION_DOCS_EVENTS_FILE"):
    import _session_docs_events  # noqa: F401
