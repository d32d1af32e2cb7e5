# "idle in transaction": a session whose transaction is open while your code does
# something slow (an API call, a file, a computation) keeps that transaction open on
# the server the whole time. A second connection sees it in pg_stat_activity.
# (Needs a PostgreSQL server: put yours in the two URLs.)
import time

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql+psycopg://@127.0.0.1:5432/test")
# a second engine, as psql or a monitoring tool would be
monitor = create_engine("postgresql+psycopg://@127.0.0.1:5432/test")


def slow_work() -> None:
    time.sleep(0.2)  # an API call, a file to parse, a computation


def seen_by_the_server(pid: int) -> str:
    with monitor.connect() as conn:
        state, query = conn.execute(
            text("SELECT state, query FROM pg_stat_activity WHERE pid = :pid"),
            {"pid": pid},
        ).one()
    return f"{state} (last statement: {query})"


# --8<-- [start:focus]
with Session(engine) as session:
    pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()  # BEGIN
    slow_work()
    print("held open:", seen_by_the_server(pid))
    #> held open: idle in transaction (last statement: SELECT pg_backend_pid())
    session.commit()

with Session(engine) as session:
    pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()  # BEGIN
    session.commit()  # the transaction ends; the connection goes back to the pool
    slow_work()
    print("committed first:", seen_by_the_server(pid))
    #> committed first: idle (last statement: COMMIT)
# --8<-- [end:focus]

engine.dispose()
monitor.dispose()
