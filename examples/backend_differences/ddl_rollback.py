# CREATE TABLE inside a transaction that is rolled back: is the table still there?
from sqlalchemy import create_engine, inspect, text

engine = create_engine("sqlite://", echo=True)

# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(text("CREATE TABLE employee (id INTEGER PRIMARY KEY)"))
    conn.rollback()
# --8<-- [end:focus]

print("table after the rollback:", inspect(engine).has_table("employee"))
#> table after the rollback: True
