"""How much does each layer cost? The raw DBAPI driver, Core through a Connection, and the
ORM through a Session, timed on the same data in the same database, in one process.

    python benchmark.py                          # SQLite in memory, 10,000 rows
    python benchmark.py --rows 100000 --repeat 7
    python benchmark.py --url postgresql+psycopg://user@localhost/test

Each figure is the median of --repeat runs; the ratio divides it by the raw driver's
median for the same operation in the same run. --json FILE also writes the figures with
the Python, SQLAlchemy, driver and database versions they were measured with.
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
from sqlalchemy import Integer, String, create_engine, insert, select
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


def run(url: str, rows: int, repeat: int) -> dict:
    engine = create_engine(url)
    table = Reading.__table__
    data = [{"sensor": f"s{i % 10}", "value": i} for i in range(rows)]
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

    def compare(group: str, operations: list, prepare) -> dict:
        """Median seconds of each layer, and its ratio to the raw driver's median."""
        medians = []
        for operation in operations:
            times = []
            # One untimed round first: SQLAlchemy compiles each statement once, then
            # reuses it from its cache, as a long-running application does.
            for attempt in range(repeat + 1):
                prepare()
                # Garbage left by earlier operations is collected now, not inside the
                # next one's timing; what an operation itself creates still counts.
                gc.collect()
                start = time.perf_counter()
                operation()
                if attempt:
                    times.append(time.perf_counter() - start)
            medians.append(statistics.median(times))
        return {
            layer: {
                "label": label,
                "seconds": round(s, 6),
                "ratio": round(s / medians[0], 2),
            }
            for (layer, label), s in zip(GROUPS[group].items(), medians, strict=True)
        }

    selects = [raw_fetchall, core_select, orm_entities, orm_columns]
    try:
        inserts = compare(
            "insert",
            [raw_executemany, core_insert, orm_add_all, orm_bulk_insert],
            empty_table,
        )
        full_table()
        # Every layer must read the same rows, or the comparison means nothing.
        assert all(len(read()) == rows for read in selects)
        reads = compare("select", selects, prepare=lambda: None)
        one_by_one = compare(
            "one_by_one", [raw_one_by_one, core_one_by_one, orm_one_by_one], empty_table
        )
        Base.metadata.drop_all(engine)
        with engine.connect() as conn:
            server = ".".join(map(str, conn.dialect.server_version_info or ()))
    finally:
        pooled.close()
        engine.dispose()
    driver = engine.dialect.driver
    return {
        "database": f"{engine.dialect.name} {server}",
        "driver": f"{driver} {driver_version(driver)}",
        "sqlalchemy": sqlalchemy.__version__,
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "rows": rows,
        "statements": len(few),
        "repeat": repeat,
        "insert": inserts,
        "select": reads,
        "one_by_one": one_by_one,
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
    lines = [f"{title}, {result['rows']:,} rows"]
    for group in GROUPS:
        lines.append(f"  {group}:")
        for figure in result[group].values():
            lines.append(
                f"    {figure['label']:<22}{figure['seconds'] * 1000:>10.1f} ms"
                f"{figure['ratio']:>8.2f}x"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", action="append", help="database URL (repeatable)")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    results = []
    for url in args.url or ["sqlite://"]:
        results.append(run(url, args.rows, args.repeat))
        print(report(results[-1]), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"runs": results}, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
