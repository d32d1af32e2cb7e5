# A migration script: change the schema and backfill data as one unit. engine.begin()
# commits at the end or rolls back on error. (On MariaDB DDL commits at once and cannot
# be rolled back: see Backend differences.)
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

engine = create_engine("sqlite://")
with engine.begin() as conn:  # set-up: the schema before the migration
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
    conn.execute(
        text("INSERT INTO employee (id, name) VALUES (1, 'alice'), (2, 'bob')")
    )
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with engine.begin() as conn:
    conn.execute(text("ALTER TABLE employee ADD COLUMN display_name VARCHAR(50)"))
    conn.execute(text("UPDATE employee SET display_name = upper(name)"))
# --8<-- [end:focus]

try:
    # --8<-- [start:focus]
    with engine.begin() as conn:  # a second migration, whose UPDATE fails
        conn.execute(text("ALTER TABLE employee ADD COLUMN note VARCHAR(50)"))
        conn.execute(text("UPDATE employee SET note = no_such_column"))
    # --8<-- [end:focus]
except DBAPIError as exc:
    print("the UPDATE failed:", type(exc).__name__)
    #> the UPDATE failed: OperationalError

engine.echo = False  # the checks below need no log
print([c["name"] for c in inspect(engine).get_columns("employee")])
#> ['id', 'name', 'display_name', 'note']
with engine.connect() as conn:
    query = text("SELECT display_name FROM employee ORDER BY id")
    print(conn.execute(query).scalars().all())
    #> ['ALICE', 'BOB']
