# CREATE TABLE inside a transaction that is rolled back: is the table still there? And a
# row inserted before a CREATE TABLE, in the same transaction?
from sqlalchemy import create_engine, inspect, text

engine = create_engine("sqlite://", echo=True)

# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(text("CREATE TABLE employee (id INTEGER PRIMARY KEY)"))
    conn.rollback()
# --8<-- [end:focus]

print("table after the rollback:", inspect(engine).has_table("employee"))
#> table after the rollback: True

with engine.begin() as conn:
    conn.execute(text("CREATE TABLE department (id INTEGER PRIMARY KEY)"))

# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(text("INSERT INTO department (id) VALUES (1)"))
    conn.execute(text("CREATE TABLE project (id INTEGER PRIMARY KEY)"))
    conn.rollback()
# --8<-- [end:focus]

with engine.connect() as conn:
    count = conn.execute(text("SELECT count(*) FROM department")).scalar_one()
print("row inserted before it, after the rollback:", count)
#> row inserted before it, after the rollback: 0
print("second table after the rollback:", inspect(engine).has_table("project"))
#> second table after the rollback: False
