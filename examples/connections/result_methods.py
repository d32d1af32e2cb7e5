# fetchall(), all(), scalar_one() and scalars() are methods of the Result that
# conn.execute() returns, not of the Connection.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
    conn.execute(
        text("INSERT INTO employee (id, name) VALUES (1, 'Alice'), (2, 'Bob')")
    )

with engine.connect() as conn:
    # --8<-- [start:focus]
    result = conn.execute(text("SELECT id, name FROM employee ORDER BY id"))
    print(type(result).__name__)
    #> CursorResult
    print(result.fetchall())
    #> [(1, 'Alice'), (2, 'Bob')]
    # --8<-- [end:focus]

    print(conn.execute(text("SELECT name FROM employee ORDER BY id")).all())
    #> [('Alice',), ('Bob',)]
    print(conn.execute(text("SELECT count(*) FROM employee")).scalar_one())
    #> 2
    print(conn.execute(text("SELECT name FROM employee ORDER BY id")).scalars().all())
    #> ['Alice', 'Bob']

    # --8<-- [start:focus]
    try:
        conn.fetchall()
    except AttributeError as exc:
        print(type(exc).__name__, exc)
        #> AttributeError 'Connection' object has no attribute 'fetchall'

    own = "execute scalar scalars exec_driver_sql begin begin_nested commit rollback close"
    print("Connection has them all:", all(hasattr(conn, name) for name in own.split()))
    #> Connection has them all: True
    fetching = "fetchall fetchone all first one scalar_one"
    print("Result has:", [name for name in fetching.split() if hasattr(result, name)])
    #> Result has: ['fetchall', 'fetchone', 'all', 'first', 'one', 'scalar_one']
    print("Connection has:", [name for name in fetching.split() if hasattr(conn, name)])
    #> Connection has: []
    # --8<-- [end:focus]

    # conn.scalar() and conn.scalars() are shortcuts: execute(), then the Result method
    print(conn.scalar(text("SELECT count(*) FROM employee")))
    #> 2
    print(conn.scalars(text("SELECT name FROM employee ORDER BY id")).all())
    #> ['Alice', 'Bob']
