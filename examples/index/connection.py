# One small job through a Connection: save an employee, read the table back.
# Statements in, rows out; the block is one transaction, committed when it ends.
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
)

metadata = MetaData()
employee = Table(
    "employee",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(50)),
)

engine = create_engine("sqlite://")
metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with engine.begin() as conn:
    conn.execute(insert(employee), {"name": "Alice"})
    row = conn.execute(select(employee)).one()
    print(type(row).__name__, row.id, row.name)
    #> Row 1 Alice
# --8<-- [end:focus]
