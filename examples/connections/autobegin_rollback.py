# Autobegin: the first statement on a Connection begins a transaction; leaving the block
# without conn.commit() rolls it back, and a second Connection finds nothing.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.begin() as conn:  # set-up: the table, committed
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )

# --8<-- [start:focus]
with engine.connect() as conn:
    print("in a transaction?", conn.in_transaction())
    #> in a transaction? False
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
    print("in a transaction?", conn.in_transaction())
    #> in a transaction? True
    # no conn.commit(): leaving the block rolls back
# --8<-- [end:focus]

with engine.connect() as conn:
    # --8<-- [start:focus]
    count = conn.execute(text("SELECT count(*) FROM employee")).scalar_one()
    # --8<-- [end:focus]
    print("rows seen by a second connection:", count)
    #> rows seen by a second connection: 0
