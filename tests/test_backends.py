"""The matrix's own machinery on a real server: each run gets a private schema (or
database), runs never meet, a crashed run's leftovers are cleaned up, and nothing that the
tests did not create is ever dropped.

These tests need a server, so they run for the server backends asked for with --backend
(`make test-matrix` asks for all); without one pytest reports them as skipped, with why.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from docsite.config import DEFAULT_BACKEND, EXAMPLES_DIR, Backend
from docsite.running import run_as_reader
from docsite.servers import (
    PRIVATE_PREFIX,
    admin_engine,
    drop_abandoned_private_databases,
    private_database,
    private_databases,
    selected_backends,
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    asked = selected_backends(metafunc.config.getoption("backend"))
    servers = [b for b in asked if b != DEFAULT_BACKEND]
    if not servers:
        why = "needs a server backend: --backend postgresql, mariadb or all (make test-matrix)"
        metafunc.parametrize(
            "backend", [pytest.param(None, marks=pytest.mark.skip(why))]
        )
        return
    metafunc.parametrize("backend", servers, ids=[b.name for b in servers])


def dead_pid() -> int:
    """The pid of a process that has just exited (as a crashed run's has)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_leftovers_of_a_crashed_run_are_dropped_and_nothing_else(backend: Backend):
    engine = admin_engine(backend)
    word = "SCHEMA" if backend.dialect == "postgresql" else "DATABASE"
    token = secrets.token_hex(4)
    abandoned = f"{PRIVATE_PREFIX}{dead_pid()}_{token}"  # its run crashed
    in_use = f"{PRIVATE_PREFIX}{os.getpid()}_{token}"  # a run in progress
    lookalike = f"{PRIVATE_PREFIX}kept_{token}"  # not a name the tests make
    not_ours = f"not_ours_{token}"  # a table in the server's own database
    with engine.connect() as conn:
        for name in (abandoned, in_use, lookalike):
            conn.exec_driver_sql(f"CREATE {word} {name}")
        conn.exec_driver_sql(f"CREATE TABLE {abandoned}.employee (id INTEGER)")
        conn.exec_driver_sql(f"CREATE TABLE {not_ours} (id INTEGER)")
    try:
        # The next run works whatever the crashed one left, and cleans it up.
        program = EXAMPLES_DIR / "sessions" / "setup.py"
        assert run_as_reader(program, backend).returncode == 0
        # Another worker's first use may already have dropped it: same code, same rule.
        dropped = drop_abandoned_private_databases(backend, engine)
        assert set(dropped) <= {abandoned}, f"dropped what it must not: {dropped}"
        remaining = private_databases(backend, engine)
        assert abandoned not in remaining and in_use in remaining
        with engine.connect() as conn:
            conn.exec_driver_sql(f"SELECT count(*) FROM {not_ours}").scalar_one()
            if backend.dialect == "postgresql":
                schemas = "SELECT nspname FROM pg_namespace"
            else:
                schemas = "SHOW DATABASES"
            assert lookalike in conn.exec_driver_sql(schemas).scalars().all()
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {not_ours}")
            for name in (abandoned, in_use, lookalike):
                cascade = " CASCADE" if backend.dialect == "postgresql" else ""
                conn.exec_driver_sql(f"DROP {word} IF EXISTS {name}{cascade}")


def test_two_runs_at_once_never_meet(backend: Backend):
    with private_database(backend) as first, private_database(backend) as second:
        counts = []
        for redirect, rows in ((first, 1), (second, 3)):
            engine = create_engine(
                redirect["url"], connect_args=redirect["connect_args"]
            )
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE employee (id INTEGER PRIMARY KEY)"))
                for i in range(rows):
                    conn.execute(
                        text("INSERT INTO employee (id) VALUES (:i)"), {"i": i}
                    )
            with engine.connect() as conn:
                counts.append(
                    conn.execute(text("SELECT count(*) FROM employee")).scalar()
                )
            engine.dispose()
        assert counts == [1, 3]
        made = private_databases(backend, admin_engine(backend))
        names = [n for n in made if n in str(first) or n in str(second)]
        assert len(names) == 2
    after = private_databases(backend, admin_engine(backend))
    assert not set(names) & set(after), "a private schema outlived its run"


def test_an_example_runs_in_its_private_schema_not_the_servers_database(
    backend: Backend, tmp_path: Path
):
    program = tmp_path / "where_am_i.py"
    program.write_text(
        "from sqlalchemy import create_engine, text\n"
        'engine = create_engine("sqlite://")\n'
        "with engine.connect() as conn:\n"
        "    if engine.dialect.name == 'postgresql':\n"
        "        print(conn.execute(text('SELECT current_schema()')).scalar())\n"
        "    else:\n"
        "        print(conn.execute(text('SELECT DATABASE()')).scalar())\n"
    )
    run = run_as_reader(program, backend)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(PRIVATE_PREFIX), run.stdout


def test_a_server_connection_outliving_the_example_is_found(
    backend: Backend, tmp_path: Path
):
    """A process the example started (here a forked child, detached from its output)
    holds a connection after the example ends: the run reports the connection from the
    server's own session list, and the process, which it then ends."""
    program = tmp_path / "leaks_a_connection.py"
    program.write_text(
        "import os, time\n"
        "from sqlalchemy import create_engine\n"
        'engine = create_engine("sqlite://")\n'
        "ready, told = os.pipe()\n"
        "if os.fork() == 0:\n"
        "    os.closerange(0, 3)\n"
        "    conn = engine.connect()\n"
        "    os.write(told, b'x')\n"
        "    time.sleep(60)\n"
        "os.read(ready, 1)\n"
    )
    run = run_as_reader(program, backend)
    assert run.returncode == 0, run.stderr
    assert run.leftovers[0] == f"1 connection(s) to {backend.label} still open"
    assert run.leftovers[1].startswith("process "), run.leftovers
