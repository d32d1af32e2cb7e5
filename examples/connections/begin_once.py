# Begin once: engine.begin() commits when its block succeeds and rolls back when an
# exception leaves it; the exception still reaches the caller.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

# --8<-- [start:focus]
with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
# --8<-- [end:focus]

# --8<-- [start:focus]
try:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO employee (id, name) VALUES (2, 'Bob')"))
        raise ValueError("something went wrong after the INSERT")
except ValueError as exc:
    print(type(exc).__name__, exc)
    #> ValueError something went wrong after the INSERT
# --8<-- [end:focus]

with engine.connect() as conn:
    names = conn.execute(text("SELECT name FROM employee")).scalars().all()
    print("names:", names)
    #> names: ['Alice']
