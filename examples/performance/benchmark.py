"""How much does each layer cost? The raw DBAPI driver, Core through a Connection, and the
ORM through a Session, timed on the same data in the same database, in one process.

    python benchmark.py                          # SQLite in memory, 10,000 rows
    python benchmark.py --rows 100000 --rounds 11
    python benchmark.py --url postgresql+psycopg://user@localhost/test

Each group of operations is timed in rounds: a round runs every layer of the group once,
in an order that rotates from round to round, so that a change in the machine's load hits
every layer alike. Each layer's ratio is its time divided by the raw driver's in the same
round. Every figure is reported as the median over the rounds and its spread, the fastest
and the slowest round (min-max). Each layer's statements are counted too: what it hands
the driver, an executemany() counting as one. --json FILE also writes the figures with the
Python, SQLAlchemy, driver and database versions they were measured with.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version

import sqlalchemy
from sqlalchemy import Integer, String, create_engine, event, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Reading(Base):
    __tablename__ = "benchmark_reading"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sensor: Mapped[str] = mapped_column(String(20))
    value: Mapped[int]


# What is timed, by group: layer id -> what the reader sees. The raw driver comes first:
# every ratio divides by its time.
GROUPS = {
    "insert": {
        "raw": "raw executemany()",
        "core": "Core insert()",
        "orm": "ORM add_all()",
        "orm_ids": "ORM add_all(), ids set",
        "orm_bulk": "ORM bulk insert",
    },
    "select": {
        "raw": "raw fetchall()",
        "core": "Core select()",
        "orm": "ORM entities",
        "orm_columns": "ORM columns",
    },
    "one_by_one": {
        "raw": "raw execute, commit",
        "core": "Core execute, commit",
        "orm": "ORM add, commit",
    },
}


def run(url: str, rows: int, rounds: int) -> dict:
    engine = create_engine(url)
    table = Reading.__table__
    data = [{"sensor": f"s{i % 10}", "value": i} for i in range(rows)]
    # The same rows with their primary keys given in Python, not made by the database.
    with_ids = [{"id": i, **row} for i, row in enumerate(data, start=1)]
    few = data[: max(rows // 10, 1)]  # a commit per row is slow: a tenth of the rows
    # Every layer gets the same list of dicts; the drivers take dicts with named
    # placeholders: :name for sqlite3, %(name)s for psycopg and PyMySQL.
    named = ":{}" if engine.dialect.dbapi.paramstyle == "qmark" else "%({})s"
    values = ", ".join(named.format(column) for column in ("sensor", "value"))
    raw_insert = f"INSERT INTO {table.name} (sensor, value) VALUES ({values})"
    raw_select = f"SELECT id, sensor, value FROM {table.name}"
    # The driver's own connection (sqlite3, psycopg, ...), checked out of SQLAlchemy's pool.
    pooled = engine.raw_connection()
    raw = pooled.driver_connection

    def raw_executemany():
        raw.cursor().executemany(raw_insert, data)
        raw.commit()

    def core_insert():
        with engine.begin() as conn:
            conn.execute(insert(table), data)

    def orm_add_all():
        with Session(engine) as session:
            session.add_all([Reading(**d) for d in data])
            session.commit()

    def orm_add_all_ids():
        with Session(engine) as session:
            session.add_all([Reading(**d) for d in with_ids])
            session.commit()

    def orm_bulk_insert():
        with Session(engine) as session:
            session.execute(insert(Reading), data)
            session.commit()

    def raw_fetchall():
        cursor = raw.cursor()
        cursor.execute(raw_select)
        found = cursor.fetchall()
        raw.rollback()
        return found

    def core_select():
        with engine.connect() as conn:
            return conn.execute(select(table)).all()

    def orm_entities():
        with Session(engine) as session:
            return session.scalars(select(Reading)).all()

    def orm_columns():
        with Session(engine) as session:
            return session.execute(
                select(Reading.id, Reading.sensor, Reading.value)
            ).all()

    def raw_one_by_one():
        cursor = raw.cursor()
        for row in few:
            cursor.execute(raw_insert, row)
            raw.commit()

    def core_one_by_one():
        with engine.connect() as conn:
            for row in few:
                conn.execute(insert(table), row)
                conn.commit()

    def orm_one_by_one():
        with Session(engine) as session:
            for row in few:
                session.add(Reading(**row))
                session.commit()

    def empty_table():
        Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)

    def full_table():
        empty_table()
        core_insert()

    # Each group's operations, in GROUPS order, and what runs untimed before each one.
    plan = {
        "insert": (
            [
                raw_executemany,
                core_insert,
                orm_add_all,
                orm_add_all_ids,
                orm_bulk_insert,
            ],
            empty_table,
        ),
        "select": ([raw_fetchall, core_select, orm_entities, orm_columns], full_table),
        "one_by_one": ([raw_one_by_one, core_one_by_one, orm_one_by_one], empty_table),
    }
    # The statements the raw driver sends are known from its code above: one
    # executemany() (counted as one, as SQLAlchemy's are below), one execute(), and one
    # execute() per row. SQLAlchemy's are counted as it sends them.
    raw_statements = {"insert": 1, "select": 1, "one_by_one": len(few)}

    def time_rounds(operations: list, prepare) -> list[list[float]]:
        """Seconds of each operation in each round, in the order of operations."""
        times = []
        # One untimed round first: SQLAlchemy compiles each statement once, then
        # reuses it from its cache, as a long-running application does.
        for round_number in range(rounds + 1):
            seconds = [0.0] * len(operations)
            for turn in range(len(operations)):
                index = (round_number + turn) % len(operations)  # rotating order
                prepare()
                # Garbage left by earlier operations is collected now, not inside the
                # next one's timing; what an operation itself creates still counts.
                gc.collect()
                start = time.perf_counter()
                operations[index]()
                seconds[index] = time.perf_counter() - start
            if round_number:
                times.append(seconds)
        return times

    def statements_sent(operation, prepare) -> int:
        """The statements SQLAlchemy hands the driver in one run of the operation. The
        event fires once per cursor call: an executemany() counts as one statement."""
        prepare()
        sent = []

        def count(*event_args):
            sent.append(event_args[2])  # the statement's SQL

        event.listen(engine, "before_cursor_execute", count)
        try:
            operation()
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(sent)

    def spread(values: list[float], digits: int) -> dict:
        return {
            "median": round(statistics.median(values), digits),
            "min": round(min(values), digits),
            "max": round(max(values), digits),
        }

    try:
        full_table()
        # Every layer must read the same rows, or the comparison means nothing.
        assert all(len(read()) == rows for read in plan["select"][0])
        timed = {
            group: time_rounds(operations, prepare)
            for group, (operations, prepare) in plan.items()
        }
        # Counted last: a listener, even once removed, leaves SQLAlchemy checking for
        # listeners at every statement, which would slow down later timings a little.
        sent = {
            group: [raw_statements[group]]
            + [statements_sent(operation, prepare) for operation in operations[1:]]
            for group, (operations, prepare) in plan.items()
        }
        Base.metadata.drop_all(engine)
        with engine.connect() as conn:
            server = ".".join(map(str, conn.dialect.server_version_info or ()))
    finally:
        pooled.close()
        engine.dispose()
    figures = {
        group: {
            layer: {
                "label": label,
                "statements": sent[group][index],
                "seconds": spread([times[index] for times in timed[group]], 6),
                "ratio": spread([times[index] / times[0] for times in timed[group]], 3),
            }
            for index, (layer, label) in enumerate(GROUPS[group].items())
        }
        for group in GROUPS
    }
    driver = engine.dialect.driver
    return {
        "database": f"{engine.dialect.name} {server}",
        "driver": f"{driver} {driver_version(driver)}",
        "sqlalchemy": sqlalchemy.__version__,
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "rows": rows,
        "rows_one_by_one": len(few),
        "rounds": rounds,
        **figures,
    }


def driver_version(driver: str) -> str:
    if driver == "pysqlite":  # the standard library's sqlite3
        return f"(Python {platform.python_version()})"
    try:
        return version(driver)
    except Exception:  # noqa: BLE001 - a driver package named otherwise
        return ""


def report(result: dict) -> str:
    title = f"{result['database']} via {result['driver']}, SQLAlchemy {result['sqlalchemy']}"
    lines = [
        f"{title}, {result['rows']:,} rows",
        f"median (min-max) of {result['rounds']} rounds",
    ]
    for group in GROUPS:
        lines.append(f"  {group:<24}{'statements':>10}{'ms':>26}{'x raw driver':>24}")
        for figure in result[group].values():
            lines.append(
                f"    {figure['label']:<22}{figure['statements']:>10,}"
                f"{spread_text(figure['seconds'], 1000):>26}"
                f"{spread_text(figure['ratio']):>24}"
            )
    return "\n".join(lines)


def spread_text(figure: dict, scale: float = 1) -> str:
    median, low, high = (figure[key] * scale for key in ("median", "min", "max"))
    return f"{median:.2f} ({low:.2f}-{high:.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", action="append", help="database URL (repeatable)")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--rounds", type=int, default=5, help="timed rounds of every layer (default 5)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    results = []
    for url in args.url or ["sqlite://"]:
        results.append(run(url, args.rows, args.rounds))
        print(report(results[-1]), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"runs": results}, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
