# A plain SQL string is not executable in SQLAlchemy 2.x: wrap it in text(), or pass it
# to exec_driver_sql().
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ObjectNotExecutableError

engine = create_engine("sqlite://", echo=True)

with engine.connect() as conn:
    # --8<-- [start:focus]
    try:
        conn.execute("SELECT 1")
    except ObjectNotExecutableError as exc:
        print(type(exc).__name__, exc)
        #> ObjectNotExecutableError Not an executable object: 'SELECT 1'
    # --8<-- [end:focus]
    print(conn.execute(text("SELECT 1")).scalar_one())
    #> 1
    print(conn.exec_driver_sql("SELECT 1").scalar_one())
    #> 1
