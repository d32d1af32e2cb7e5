# Pitfall: conn.begin() after a statement already began the transaction (autobegin).
# Fix: call begin() first, or use engine.begin(), or just commit as you go.
from sqlalchemy import create_engine, text
from sqlalchemy.exc import InvalidRequestError

engine = create_engine("sqlite://")

# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))  # autobegin: the transaction has begun
    try:
        conn.begin()
    except InvalidRequestError as exc:
        print(type(exc).__name__, exc)
        """
        InvalidRequestError
        This connection has already initialized a SQLAlchemy Transaction() object via begin() or autobegin; can't call begin() here unless rollback() or commit() is called first.
        """

with engine.connect() as conn, conn.begin():  # the fix: begin() comes first
    print(conn.execute(text("SELECT 1")).scalar_one())
    #> 1
# --8<-- [end:focus]
