# SQLAlchemy's recipe for Python's sqlite3 driver: let SQLAlchemy send BEGIN itself, so
# DDL and SAVEPOINTs are transactional. The price: its BEGIN also opens a transaction on
# an isolation_level="AUTOCOMMIT" connection, and closing the connection rolls it back.
from sqlalchemy import create_engine, event, inspect, text

engine = create_engine("sqlite://")


# --8<-- [start:focus]
@event.listens_for(engine, "connect")
def do_connect(dbapi_connection, connection_record):
    dbapi_connection.isolation_level = None  # sqlite3 stops sending BEGIN itself


@event.listens_for(engine, "begin")
def do_begin(conn):
    conn.exec_driver_sql("BEGIN")  # ...and SQLAlchemy sends it for every transaction


# --8<-- [end:focus]


with engine.begin() as conn:
    conn.execute(text("CREATE TABLE employee (id INTEGER PRIMARY KEY)"))
engine.echo = True  # from here on, log every SQL statement

with engine.connect() as conn:
    conn.execute(text("CREATE TABLE department (id INTEGER PRIMARY KEY)"))
    with conn.begin_nested():
        conn.execute(text("INSERT INTO employee (id) VALUES (1)"))
    conn.rollback()

with engine.connect() as conn:
    count = conn.execute(text("SELECT count(*) FROM employee")).scalar_one()
    print("rows after the outer rollback:", count)
    #> rows after the outer rollback: 0
print("department after the rollback:", inspect(engine).has_table("department"))
#> department after the rollback: False

# --8<-- [start:focus]
with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
    conn.execute(text("INSERT INTO employee (id) VALUES (2)"))
    dbapi_connection = conn.connection.driver_connection  # the sqlite3 connection
    print("sqlite3 in a transaction:", dbapi_connection.in_transaction)
    #> sqlite3 in a transaction: True
with engine.connect() as conn:
    count = conn.execute(text("SELECT count(*) FROM employee")).scalar_one()
    print("rows after an AUTOCOMMIT insert:", count)
    #> rows after an AUTOCOMMIT insert: 0
# --8<-- [end:focus]
