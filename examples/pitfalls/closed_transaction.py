# Pitfall: conn.commit() inside engine.begin(), then more work in the same block.
# Fix: let the block commit, or use engine.connect() and commit as you go.
from sqlalchemy import create_engine, text
from sqlalchemy.exc import InvalidRequestError

engine = create_engine("sqlite://")

# --8<-- [start:focus]
try:
    with engine.begin() as conn:
        conn.execute(text("SELECT 1"))
        conn.commit()  # ends the block's transaction early
        conn.execute(text("SELECT 2"))
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    """
    InvalidRequestError
    Can't operate on closed transaction inside context manager.  Please complete the context manager before emitting further commands.
    """

with engine.connect() as conn:  # the fix: commit as you go on engine.connect()
    conn.execute(text("SELECT 1"))
    conn.commit()
    print(conn.execute(text("SELECT 2")).scalar_one())
    #> 2
    conn.commit()
# --8<-- [end:focus]
