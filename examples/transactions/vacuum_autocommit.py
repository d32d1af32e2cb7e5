# A statement that must not run in a transaction: PostgreSQL refuses VACUUM inside one,
# and runs it on a Connection in AUTOCOMMIT. (Needs a PostgreSQL server: put yours in
# the URL.)
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

engine = create_engine("postgresql+psycopg://@127.0.0.1:5432/test")
with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with engine.connect() as conn:  # the default: a transaction
    try:
        conn.execute(text("VACUUM employee"))
    except DBAPIError as exc:
        print(type(exc.orig).__name__, exc.orig)
        #> ActiveSqlTransaction VACUUM cannot run inside a transaction block

with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
    conn.execute(text("VACUUM employee"))
    print("VACUUM in AUTOCOMMIT: done")
    #> VACUUM in AUTOCOMMIT: done
# --8<-- [end:focus]

engine.echo = False
with engine.begin() as conn:  # leave your server as it was
    conn.execute(text("DROP TABLE employee"))
engine.dispose()
