"""Run an example program with its create_engine("sqlite://...") pointed elsewhere.

    SESSION_DOCS_REDIRECT='{"url": "...", "connect_args": {...}}' \
        python -m docsite.redirected x.py
        python -m docsite.redirected -m pytest -q x.py   (a program run with a tool)

This is how the tests run the unchanged examples on PostgreSQL and MariaDB
(docsite.running.run_as_reader makes the private schema and sets the variable), so the
programs readers copy never grow backend-switching code. A program written for the server
itself (verified only there, with the server's URL in its create_engine() call) is pointed
at the same private schema, keeping the driver it names ("mysql+pymysql", say). The tests
use `redirecting` in-process too, to check such a program's `#>` comments.

An asyncio program's create_async_engine("sqlite+aiosqlite://") is pointed at the same
private schema through the backend's asyncio driver (`async-driver` in pyproject.toml).
"""

from __future__ import annotations

import json
import os
import runpy
import sys

import sqlalchemy
import sqlalchemy.engine
from sqlalchemy import make_url

# MySQL and MariaDB URLs reach the same server (SQLAlchemy tells them apart on connect).
FAMILY = {"mariadb": "mysql"}


def family(url) -> str:
    name = url.get_backend_name()
    return FAMILY.get(name, name)


def redirecting(create_engine, redirect: dict, url_key: str = "url"):
    """create_engine, with the example's own database (and any URL of the redirect's
    kind of server) pointed at redirect[url_key] and its connect_args. For
    create_async_engine, url_key="async_url": the same database, the asyncio driver."""
    private = make_url(redirect[url_key])

    def redirected(url, *args, **kwargs):
        asked = make_url(url)
        if asked.get_backend_name() == "sqlite":  # the example's own database
            url = private
        elif family(asked) == family(private):  # a program written for this server
            url = private.set(drivername=asked.drivername)
        else:
            return create_engine(url, *args, **kwargs)
        kwargs["connect_args"] = {
            **redirect["connect_args"],
            **kwargs.get("connect_args", {}),
        }
        return create_engine(url, *args, **kwargs)

    return redirected


if __name__ == "__main__":
    redirect = json.loads(os.environ.pop("SESSION_DOCS_REDIRECT"))
    patched = redirecting(sqlalchemy.create_engine, redirect)
    sqlalchemy.create_engine = sqlalchemy.engine.create_engine = patched
    try:  # SQLAlchemy 2.1 without greenlet cannot import its asyncio extension
        import sqlalchemy.ext.asyncio
        import sqlalchemy.ext.asyncio.engine
    except ImportError:
        pass
    else:
        patched = redirecting(
            sqlalchemy.ext.asyncio.create_async_engine, redirect, "async_url"
        )
        sqlalchemy.ext.asyncio.create_async_engine = patched
        sqlalchemy.ext.asyncio.engine.create_async_engine = patched
    if sys.argv[1] == "-m":  # a program run with a tool: python -m pytest ... x.py
        sys.argv = sys.argv[2:]
        sys.path[0] = os.getcwd()
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        script = sys.argv[1]
        sys.argv = sys.argv[1:]
        sys.path[0] = os.path.dirname(os.path.abspath(script))
        runpy.run_path(script, run_name="__main__")
