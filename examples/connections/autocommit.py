# Statements are independent only in AUTOCOMMIT isolation: each one is committed by the
# database at once, with no conn.commit().
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.begin() as conn:  # set-up: the table, committed
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )

# --8<-- [start:focus]
autocommit_engine = engine.execution_options(isolation_level="AUTOCOMMIT")
print("same pool as engine?", autocommit_engine.pool is engine.pool)
#> same pool as engine? True

with autocommit_engine.connect() as conn:
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
    # no conn.commit()
# --8<-- [end:focus]

# The same, for one connection only:
with engine.connect() as conn:
    # --8<-- [start:focus]
    conn.execution_options(isolation_level="AUTOCOMMIT")
    # --8<-- [end:focus]
    conn.execute(text("INSERT INTO employee (id, name) VALUES (2, 'Bob')"))

with engine.connect() as conn:  # back in the pool, the connection lost AUTOCOMMIT
    conn.execute(text("INSERT INTO employee (id, name) VALUES (3, 'Carol')"))
    # no conn.commit(): this time the INSERT is rolled back

with engine.connect() as conn:
    names = conn.execute(text("SELECT name FROM employee")).scalars().all()
    print("names:", names)
    #> names: ['Alice', 'Bob']
