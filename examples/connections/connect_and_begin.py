# Where a Connection comes from: engine.connect() and engine.begin() both check out a
# DBAPI connection from the engine's pool and wrap it in a Connection.
from sqlalchemy import create_engine

# --8<-- [start:focus]
engine = create_engine("sqlite://", echo=True)
# --8<-- [end:focus]
print(engine, "with pool", type(engine.pool).__name__)
#> Engine(sqlite://) with pool SingletonThreadPool

# --8<-- [start:focus]
with engine.connect() as conn:
    # --8<-- [end:focus]
    print(type(conn).__name__, "wrapping", conn.connection.dbapi_connection)
    #> Connection wrapping <sqlite3.Connection object at 0x...>
    print("in a transaction before any statement?", conn.in_transaction())
    #> in a transaction before any statement? False
    first = conn.connection.dbapi_connection
print("closed after the with block?", conn.closed)
#> closed after the with block? True

# --8<-- [start:focus]
with engine.begin() as conn:
    # --8<-- [end:focus]
    print(type(conn).__name__, "wrapping", conn.connection.dbapi_connection)
    #> Connection wrapping <sqlite3.Connection object at 0x...>
    print("in a transaction before any statement?", conn.in_transaction())
    #> in a transaction before any statement? True
    print("same DBAPI connection?", conn.connection.dbapi_connection is first)
    #> same DBAPI connection? True
print("closed after the with block?", conn.closed)
#> closed after the with block? True
