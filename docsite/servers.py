"""PostgreSQL and MariaDB for the tests: each run of a program gets a schema (PostgreSQL)
or database (MariaDB) of its own, made for it and dropped after it, so parallel runs never
meet and nothing the tests did not make is ever touched.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from docsite.config import BACKENDS, DEFAULT_BACKEND, Backend

# The name of a run's private schema holds the pid of the process that made it (see
# drop_abandoned_private_databases).
PRIVATE_PREFIX = "sessiondocs_"
PRIVATE_NAME = re.compile(rf"\b{PRIVATE_PREFIX}(?P<pid>\d+)_[0-9a-f]{{8}}\b")


def selected_backends(asked: list[str]) -> list[Backend]:
    """The backends named by --backend options ('all' for every one; none: the default)."""
    asked = asked or [DEFAULT_BACKEND.name]
    unknown = sorted(set(asked) - set(BACKENDS) - {"all"})
    if unknown:
        raise ValueError(
            f"--backend {', '.join(unknown)}: not declared in pyproject.toml; "
            f"choose from {', '.join(BACKENDS)} or all"
        )
    return [b for name, b in BACKENDS.items() if name in asked or "all" in asked]


class BackendUnavailable(Exception):
    """A backend that was asked for cannot be used; the message names its URL."""


def shown_url(backend: Backend) -> str:
    from sqlalchemy import make_url

    return make_url(backend.url).render_as_string(hide_password=True)


def database_name(backend: Backend) -> str:
    from sqlalchemy import make_url

    return make_url(backend.url).database or ""


_admin_engines: dict[str, object] = {}
_unavailable: dict[str, BackendUnavailable] = {}


def admin_engine(backend: Backend):
    """An AUTOCOMMIT engine on the backend's own URL, made once per process; on first use
    it drops the private schemas that runs which crashed left behind (see below)."""
    if backend.name in _unavailable:
        raise _unavailable[backend.name]
    if backend.name not in _admin_engines:
        from sqlalchemy import create_engine

        try:
            engine = create_engine(
                backend.url,
                isolation_level="AUTOCOMMIT",
                connect_args={"connect_timeout": 10},
            )
            with engine.connect():
                pass
        except Exception as exc:  # noqa: BLE001 - whatever the driver says, reported
            reason = str(exc).strip().splitlines()[0]
            _unavailable[backend.name] = BackendUnavailable(
                f"{backend.label} was asked for (--backend {backend.name}) but "
                f"{shown_url(backend)} cannot be used: {reason}\n"
                f"Start the server, or point {backend.env_var()} at one that runs."
            )
            raise _unavailable[backend.name] from None
        drop_abandoned_private_databases(backend, engine)
        _admin_engines[backend.name] = engine
    return _admin_engines[backend.name]


def _schema_word(backend: Backend) -> str:
    if backend.dialect == "postgresql":
        return "SCHEMA"
    if backend.dialect in ("mysql", "mariadb"):
        return "DATABASE"
    raise BackendUnavailable(f"{shown_url(backend)}: no private-database recipe here")


@contextmanager
def private_database(backend: Backend) -> Iterator[dict | None]:
    """A schema (PostgreSQL) or database (MariaDB) made for one run and dropped after it.
    Yields how to point the example at it, {"url": ..., "async_url": ...,
    "connect_args": ...} (None for the default, embedded backend): "async_url" is the
    same database through the backend's asyncio driver, for create_async_engine()."""
    if backend == DEFAULT_BACKEND:
        yield None
        return
    engine = admin_engine(backend)
    word = _schema_word(backend)
    name = f"{PRIVATE_PREFIX}{os.getpid()}_{secrets.token_hex(4)}"
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE {word} {name}")
    try:
        if backend.dialect == "postgresql":
            # Same URL, other search_path: the example's own tables land in the schema.
            # The application name marks the run's connections (open_connections).
            yield {
                "url": backend.url,
                "async_url": backend.async_url(),
                "connect_args": {
                    "options": f"-csearch_path={name}",
                    "application_name": name,
                },
                "name": name,
            }
        else:
            from sqlalchemy import make_url

            url = make_url(backend.url).set(database=name)
            url = url.render_as_string(hide_password=False)
            yield {
                "url": url,
                "async_url": backend.async_url(url),
                "connect_args": {},
                "name": name,
            }
    finally:
        drop_private_database(backend, engine, name)


def open_connections(backend: Backend, name: str, wait: float = 3.0) -> int:
    """How many server connections a run in the private database `name` still has open,
    after waiting up to `wait` seconds for the server to notice the ones that closed (a
    server ends a session a moment after its client goes). The server's own session list:
    pg_stat_activity by the application name the run's connections carry, MariaDB's
    processlist by the database they use."""
    import time

    if backend.dialect == "postgresql":
        query = "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s"
    else:
        query = "SELECT COUNT(*) FROM information_schema.processlist WHERE db = %s"
    deadline = time.monotonic() + wait
    with admin_engine(backend).connect() as conn:
        while True:
            count = conn.exec_driver_sql(query, (name,)).scalar_one()
            if count == 0 or time.monotonic() > deadline:
                return count
            time.sleep(0.05)


def drop_private_database(backend: Backend, engine, name: str) -> None:
    if not PRIVATE_NAME.fullmatch(name):  # never anything this module did not name
        raise ValueError(f"{name!r} is not a private schema name")
    cascade = " CASCADE" if backend.dialect == "postgresql" else ""
    with engine.connect() as conn:
        conn.exec_driver_sql(f"DROP {_schema_word(backend)} IF EXISTS {name}{cascade}")


def private_databases(backend: Backend, engine) -> list[str]:
    """Every schema or database on the server whose name is one private_database makes."""
    with engine.connect() as conn:
        if backend.dialect == "postgresql":
            names = conn.exec_driver_sql("SELECT nspname FROM pg_namespace").scalars()
        else:
            names = conn.exec_driver_sql("SHOW DATABASES").scalars()
        return [n for n in names if PRIVATE_NAME.fullmatch(n)]


def drop_abandoned_private_databases(backend: Backend, engine) -> list[str]:
    """A run that crashed (or was killed) could not drop its schema. Its name holds the
    owner's pid: drop it only if no process of that pid is alive on this machine, so a
    run in progress is never disturbed and no other name is ever touched."""
    dropped = []
    for name in private_databases(backend, engine):
        pid = int(PRIVATE_NAME.fullmatch(name)["pid"])
        if pid_is_alive(pid):
            continue
        drop_private_database(backend, engine, name)
        dropped.append(name)
    return dropped


def pid_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return True
