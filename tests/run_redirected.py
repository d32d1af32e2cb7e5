"""Run an example program with its create_engine("sqlite://...") pointed elsewhere.

    SESSION_DOCS_REDIRECT='{"url": "...", "connect_args": {...}}' python run_redirected.py x.py

This is how the tests run the unchanged examples on PostgreSQL and MariaDB
(harness.run_as_reader makes the private schema and sets the variable), so the programs
readers copy never grow backend-switching code. Nothing else about the run changes: the
program runs as __main__, from its own directory, in this fresh interpreter.
"""

import json
import os
import runpy
import sys

import sqlalchemy
import sqlalchemy.engine

redirect = json.loads(os.environ.pop("SESSION_DOCS_REDIRECT"))
sqlalchemy_create_engine = sqlalchemy.create_engine


def create_engine(url, *args, **kwargs):
    if str(url).startswith("sqlite"):  # the example's own database
        url = redirect["url"]
        kwargs["connect_args"] = {
            **redirect["connect_args"],
            **kwargs.get("connect_args", {}),
        }
    return sqlalchemy_create_engine(url, *args, **kwargs)


sqlalchemy.create_engine = sqlalchemy.engine.create_engine = create_engine

script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(script))
runpy.run_path(script, run_name="__main__")
