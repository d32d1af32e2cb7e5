# Pitfall: conn.commit() inside engine.begin(), then more work in the same block; and the
# same with a Session's framed block. Fix: let the block commit, or commit as you go.
from sqlalchemy import create_engine, text
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

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

with Session(engine) as session:  # a Session's framed block behaves the same
    try:
        with session.begin():
            session.execute(text("SELECT 1"))
            session.commit()  # ends the block's transaction early
            session.execute(text("SELECT 2"))
    except InvalidRequestError as exc:
        print("Session:", type(exc).__name__, exc)
        """
        Session:
        InvalidRequestError
        Can't operate on closed transaction inside context manager.  Please complete the context manager before emitting further commands.
        """
