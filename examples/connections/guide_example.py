# The guide's Connection example as a complete program: engine, table and rows first,
# then the query, with .all() as the 2.x spelling of .fetchall().
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
    conn.execute(
        text("INSERT INTO employee (id, name) VALUES (1, 'Alice'), (2, 'Bob')")
    )

# --8<-- [start:focus]
with engine.connect() as conn:
    result = conn.execute(text("SELECT * FROM employee"))
    rows = result.fetchall()
# --8<-- [end:focus]
print(rows)
#> [(1, 'Alice'), (2, 'Bob')]

with engine.connect() as conn:
    # --8<-- [start:focus]
    rows = conn.execute(text("SELECT * FROM employee")).all()
    # --8<-- [end:focus]
print(rows)
#> [(1, 'Alice'), (2, 'Bob')]
