# A Connection executes more than raw SQL: text() with bound parameters, Core insert()
# and select() on a Table, and driver-level strings through exec_driver_sql().
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    select,
    text,
)

engine = create_engine("sqlite://", echo=True)

metadata = MetaData()
employee = Table(
    "employee",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(50), nullable=False),
)

with engine.begin() as conn:
    metadata.create_all(conn)  # CREATE TABLE, in the SQL of whichever database

    # --8<-- [start:focus]
    # Core insert() with a list of parameter sets: one executemany
    conn.execute(employee.insert(), [{"name": "Alice"}, {"name": "Bob"}])

    # text() with a bound parameter: the value travels apart from the SQL
    stmt = text("SELECT id, name FROM employee WHERE name = :name")
    print(conn.execute(stmt, {"name": "Alice"}).all())
    #> [(1, 'Alice')]

    # Core select() on the Table
    print(conn.execute(select(employee.c.name).order_by(employee.c.id)).all())
    #> [('Alice',), ('Bob',)]

    # a string for the DBAPI driver itself, sent as it is, in the driver's own SQL
    print(conn.exec_driver_sql("SELECT name FROM employee WHERE id = 2").all())
    #> [('Bob',)]
    # --8<-- [end:focus]
