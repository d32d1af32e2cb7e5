# Security: an f-string in text() lets the input rewrite the SQL; a bound parameter
# cannot. The same input leaks every row through the first and finds none through the
# second.
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE account (name VARCHAR(50), secret VARCHAR(50))"))
    conn.execute(
        text("INSERT INTO account VALUES ('alice', 'a-secret'), ('bob', 'b-secret')")
    )
engine.echo = True  # from here on, log every SQL statement

name = "nobody' OR '1'='1"  # what an attacker types into a "name" field

# --8<-- [start:focus]
with engine.connect() as conn:
    unsafe = text(f"SELECT name, secret FROM account WHERE name = '{name}'")  # never
    print("f-string:", conn.execute(unsafe).all())
    #> f-string: [('alice', 'a-secret'), ('bob', 'b-secret')]

    safe = text("SELECT name, secret FROM account WHERE name = :name")
    print("bound parameter:", conn.execute(safe, {"name": name}).all())
    #> bound parameter: []

    try:  # a name is not a value: no parameter can stand for it
        conn.execute(text("SELECT name FROM :table"), {"table": "account"}).all()
    except DBAPIError as exc:
        print("a table name as a parameter:", type(exc).__name__)
        #> a table name as a parameter: OperationalError
# --8<-- [end:focus]
