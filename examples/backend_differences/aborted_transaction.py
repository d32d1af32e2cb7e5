# After a failed statement, can the transaction go on? And the portable remedy: run the
# statement that may fail inside a SAVEPOINT (begin_nested).
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE employee (id INTEGER PRIMARY KEY)"))
engine.echo = True  # from here on, log every SQL statement


def first_line(exc: DBAPIError) -> str:
    return f"{type(exc.orig).__name__}: {str(exc.orig).splitlines()[0]}"


# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(text("INSERT INTO employee (id) VALUES (1)"))
    try:
        conn.execute(text("INSERT INTO employee (id) VALUES (1)"))  # duplicate key
    except DBAPIError as exc:
        print("refused:", first_line(exc))
        #> refused: IntegrityError: UNIQUE constraint failed: employee.id
    try:
        count = conn.execute(text("SELECT count(*) FROM employee")).scalar_one()
        print("the transaction goes on, rows:", count)
        #> the transaction goes on, rows: 1
    except DBAPIError as exc:
        print("the transaction is aborted:", first_line(exc))
    conn.rollback()

with engine.connect() as conn:
    conn.execute(text("INSERT INTO employee (id) VALUES (1)"))
    try:
        with conn.begin_nested():  # SAVEPOINT; rolled back to on error
            conn.execute(text("INSERT INTO employee (id) VALUES (1)"))
    except DBAPIError as exc:
        print("refused inside a savepoint:", first_line(exc))
        """
        refused inside a savepoint:
        IntegrityError: UNIQUE constraint failed: employee.id
        """
    count = conn.execute(text("SELECT count(*) FROM employee")).scalar_one()
    print("with the savepoint the transaction goes on, rows:", count)
    #> with the savepoint the transaction goes on, rows: 1
    conn.rollback()
# --8<-- [end:focus]
