# A caveat of Python's sqlite3 driver (default, legacy transaction mode): it sends no BEGIN
# before DDL, so a CREATE TABLE survives the ROLLBACK that an INSERT does not.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
    # no conn.commit()
# --8<-- [end:focus]

with engine.connect() as conn:
    tables = conn.execute(text("SELECT name FROM sqlite_master")).scalars().all()
    print("tables:", tables)
    #> tables: ['employee']
    count = conn.execute(text("SELECT count(*) FROM employee")).scalar_one()
    print("rows:", count)
    #> rows: 0
