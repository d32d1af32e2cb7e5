# Commit as you go: conn.commit() and conn.rollback() end the current transaction; the
# next statement begins a new one by itself.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.connect() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
    # --8<-- [start:focus]
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
    conn.commit()
    # --8<-- [end:focus]
    print("in a transaction after commit?", conn.in_transaction())
    #> in a transaction after commit? False
    # --8<-- [start:focus]
    conn.execute(text("INSERT INTO employee (id, name) VALUES (2, 'Bob')"))
    conn.rollback()
    # --8<-- [end:focus]
    print("in a transaction after rollback?", conn.in_transaction())
    #> in a transaction after rollback? False
    names = conn.execute(text("SELECT name FROM employee")).scalars().all()
    print("names:", names)
    #> names: ['Alice']
    conn.commit()  # ends the read-only transaction with COMMIT instead of ROLLBACK
