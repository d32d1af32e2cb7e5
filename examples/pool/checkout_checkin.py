# When a connection leaves the pool and when it comes back, in the pool's own log
# (echo_pool="debug") beside the SQL log (echo=True): engine.connect() checks one out
# at once and back in when its block ends; a Session checks one out at its first
# statement, not when it is created, and gives it back at commit() or close().
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

# --8<-- [start:focus]
# QueuePool is the pool a server's engine gets by default; in-memory SQLite would get
# SingletonThreadPool (one connection per thread), so this program asks for QueuePool.
engine = create_engine("sqlite://", poolclass=QueuePool, echo=True, echo_pool="debug")

with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
    print("inside the with block:", engine.pool.checkedout(), "checked out")
    #> inside the with block: 1 checked out
print("after the with block:", engine.pool.checkedout(), "checked out")
#> after the with block: 0 checked out

session = Session(engine)
print("Session(engine):", engine.pool.checkedout(), "checked out")
#> Session(engine): 0 checked out
session.execute(text("SELECT 1"))
print("after its first statement:", engine.pool.checkedout(), "checked out")
#> after its first statement: 1 checked out
session.commit()
print("after commit():", engine.pool.checkedout(), "checked out")
#> after commit(): 0 checked out
session.execute(text("SELECT 2"))  # a new transaction: checked out again
session.close()
print(f"engine.pool.status(): {engine.pool.status()}")
"""
engine.pool.status(): Pool size: 5  Connections in pool: 1 Current Overflow: -4 Current Checked out connections: 0
"""
# --8<-- [end:focus]
