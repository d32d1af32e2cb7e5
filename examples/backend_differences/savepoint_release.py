# A SAVEPOINT released, then the whole transaction rolled back: the row must go too.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE employee (id INTEGER PRIMARY KEY)"))
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with engine.connect() as conn:
    with conn.begin_nested():  # SAVEPOINT ... RELEASE SAVEPOINT
        conn.execute(text("INSERT INTO employee (id) VALUES (1)"))
    conn.rollback()  # the outer transaction: everything in it is undone
# --8<-- [end:focus]

with engine.connect() as conn:
    count = conn.execute(text("SELECT count(*) FROM employee")).scalar_one()
    print("rows after the outer rollback:", count)
    #> rows after the outer rollback: 1
