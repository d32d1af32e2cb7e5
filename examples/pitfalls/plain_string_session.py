# A plain SQL string to session.execute() fails too, with another error. Wrap it in
# text(), or send it to the driver through the Connection the session runs on.
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")

with Session(engine) as session:
    # --8<-- [start:focus]
    try:
        session.execute("SELECT 1")
    except ArgumentError as exc:
        print(type(exc).__name__, exc)
        """
        ArgumentError
        Textual SQL expression 'SELECT 1' should be explicitly declared as text('SELECT 1')
        """
    # --8<-- [end:focus]
    print(session.execute(text("SELECT 1")).scalar_one())
    #> 1
    print("session.exec_driver_sql() exists?", hasattr(session, "exec_driver_sql"))
    #> session.exec_driver_sql() exists? False
    # --8<-- [start:focus]
    print(session.connection().exec_driver_sql("SELECT 1").scalar_one())
    #> 1
    # --8<-- [end:focus]
