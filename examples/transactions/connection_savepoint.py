# begin_nested() on a Connection: a SAVEPOINT inside the transaction, so that part of the
# work can be undone while the rest is kept.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
engine.echo = True  # from here on, log every SQL statement

insert = text("INSERT INTO employee (id, name) VALUES (:id, :name)")

# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(insert, {"id": 1, "name": "Alice"})
    savepoint = conn.begin_nested()  # SAVEPOINT
    conn.execute(insert, {"id": 2, "name": "Bob"})
    savepoint.rollback()  # ROLLBACK TO SAVEPOINT: Bob is undone, Alice is not
    with conn.begin_nested():  # as a context manager: RELEASE at the end of the block
        conn.execute(insert, {"id": 3, "name": "Carol"})
    conn.commit()
# --8<-- [end:focus]

with engine.connect() as conn:
    print(conn.execute(text("SELECT name FROM employee ORDER BY id")).scalars().all())
    #> ['Alice', 'Carol']
