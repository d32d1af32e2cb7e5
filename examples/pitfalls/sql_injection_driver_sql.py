# Security: exec_driver_sql() sends its string to the driver as it is, so the same rule
# holds: never format input into it; pass it as a parameter, in the driver's own style
# (? or :name for Python's sqlite3; %s or %(name)s for psycopg and PyMySQL).
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE account (name VARCHAR(50), secret VARCHAR(50))"))
    conn.execute(
        text("INSERT INTO account VALUES ('alice', 'a-secret'), ('bob', 'b-secret')")
    )

name = "nobody' OR '1'='1"

# --8<-- [start:focus]
with engine.connect() as conn:
    unsafe = f"SELECT name FROM account WHERE name = '{name}'"  # never
    print("formatted:", conn.exec_driver_sql(unsafe).all())
    #> formatted: [('alice',), ('bob',)]

    safe = "SELECT name FROM account WHERE name = ?"
    print("parameter:", conn.exec_driver_sql(safe, (name,)).all())
    #> parameter: []
# --8<-- [end:focus]
