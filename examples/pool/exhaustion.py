# "QueuePool limit of size ... reached, connection timed out": every connection the
# pool may open is checked out, and none came back within pool_timeout. Here the pool
# has one connection, a session that is never closed keeps it, and the next session
# waits half a second for it, then fails.
from sqlalchemy import create_engine, exc, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

# --8<-- [start:focus]
engine = create_engine(
    "sqlite://",
    poolclass=QueuePool,  # a server's default pool (in-memory SQLite has another)
    pool_size=1,  # connections kept open in the pool (default 5)
    max_overflow=0,  # extra connections allowed beyond pool_size (default 10)
    pool_timeout=0.5,  # seconds to wait for a connection (default 30)
)

leaked = Session(engine)  # never closed
leaked.execute(text("SELECT 1"))  # its first statement checks the connection out
print(f"engine.pool.status(): {engine.pool.status()}")
"""
engine.pool.status(): Pool size: 1  Connections in pool: 0 Current Overflow: 0 Current Checked out connections: 1
"""

try:
    with Session(engine) as session:
        session.execute(text("SELECT 1"))
except exc.TimeoutError as error:
    print(f"{type(error).__module__}.{type(error).__name__}: {error}")
    """
    sqlalchemy.exc.TimeoutError: QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.50 (Background on this error at: https://sqlalche.me/e/21/3o7r)
    """

leaked.close()  # the fix: close every session, best with a with block
for _ in range(3):
    with Session(engine) as session:
        session.execute(text("SELECT 1"))
print("checked out after three sessions:", engine.pool.checkedout())
#> checked out after three sessions: 0
# --8<-- [end:focus]
