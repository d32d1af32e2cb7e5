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
    Column("name", String, nullable=False),
)

with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    )

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

    # a string for the DBAPI driver itself, in its own parameter style (? for sqlite3)
    print(conn.exec_driver_sql("SELECT name FROM employee WHERE id = ?", (2,)).all())
    #> [('Bob',)]
    # --8<-- [end:focus]
