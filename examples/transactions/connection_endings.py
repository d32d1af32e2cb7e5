# Every way a Connection's transaction can end, and what each leaves in the table.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
engine.echo = True  # from here on, log every SQL statement


def names() -> list[str]:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT name FROM employee ORDER BY id")).scalars().all()
        )


insert = text("INSERT INTO employee (id, name) VALUES (:id, :name)")

# --8<-- [start:focus]
with engine.connect() as conn:  # 1. commit as you go
    conn.execute(insert, {"id": 1, "name": "Alice"})
    conn.commit()
    conn.execute(insert, {"id": 2, "name": "Bob"})  # begins a new transaction
    conn.commit()
print("after commit():", names())
#> after commit(): ['Alice', 'Bob']

with engine.connect() as conn:  # 2. roll back explicitly
    conn.execute(insert, {"id": 3, "name": "Carol"})
    conn.rollback()
print("after rollback():", names())
#> after rollback(): ['Alice', 'Bob']

with engine.connect() as conn:  # 3. close with work not committed
    conn.execute(insert, {"id": 4, "name": "Dave"})
print("after closing without commit():", names())
#> after closing without commit(): ['Alice', 'Bob']

with engine.begin() as conn:  # 4. begin once: commits when the block ends...
    conn.execute(insert, {"id": 5, "name": "Erin"})
print("after engine.begin():", names())
#> after engine.begin(): ['Alice', 'Bob', 'Erin']

try:
    with engine.begin() as conn:  # ...or rolls back if an exception leaves it
        conn.execute(insert, {"id": 6, "name": "Frank"})
        raise ValueError("something went wrong after the INSERT")
except ValueError as exc:
    print(type(exc).__name__, exc)
    #> ValueError something went wrong after the INSERT
print("after an exception in engine.begin():", names())
#> after an exception in engine.begin(): ['Alice', 'Bob', 'Erin']
# --8<-- [end:focus]
