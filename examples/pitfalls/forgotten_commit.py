# Pitfall: no conn.commit(). There is no error at all: the Connection closes with a
# ROLLBACK and the row is gone. Fix: commit, or use engine.begin().
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
engine.echo = True  # from here on, log every SQL statement


def count() -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM employee")).scalar_one()


# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
print("without commit():", count())
#> without commit(): 0

with engine.connect() as conn:  # the fix
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
    conn.commit()
print("with commit():", count())
#> with commit(): 1
# --8<-- [end:focus]
