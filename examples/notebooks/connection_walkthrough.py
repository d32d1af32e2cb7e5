# %% [markdown]
# # Connection walkthrough
#
# A `Connection` is one DBAPI connection checked out from the engine's pool, by default
# with a transaction around the work you do on it. This notebook runs the ideas of the
# Connections page one cell at a time. The engine is created with `echo=True`, so each
# cell's output shows SQLAlchemy's SQL log, `BEGIN (implicit)`, `COMMIT` and `ROLLBACK`
# included.

# %%
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )

# %% [markdown]
# ## Autobegin: a Connection works in a transaction
#
# The first statement on a connection logs `BEGIN (implicit)`. Leave the `with` block
# without `conn.commit()` and the log ends with `ROLLBACK`: the row is gone, as the count
# on the next connection shows.

# %%
with engine.connect() as conn:
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
    print("in a transaction?", conn.in_transaction())

with engine.connect() as conn:
    print("rows:", conn.execute(text("SELECT count(*) FROM employee")).scalar_one())

# %% [markdown]
# ## Commit as you go
#
# `conn.commit()` makes the work permanent and `conn.rollback()` discards it. Either one
# ends the transaction, and the next statement begins a new one by itself.

# %%
with engine.connect() as conn:
    conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
    conn.commit()
    conn.execute(text("INSERT INTO employee (id, name) VALUES (2, 'Bob')"))
    conn.rollback()
    print(conn.execute(text("SELECT name FROM employee")).scalars().all())

# %% [markdown]
# ## Begin once
#
# `engine.begin()` hands you a connection whose transaction is already open: the log
# shows `BEGIN (implicit)` before any statement. It commits when the block ends normally
# (Carol is kept) and rolls back when an exception leaves the block (Eve is not); the
# exception still reaches you.

# %%
with engine.begin() as conn:
    print("in a transaction before any statement?", conn.in_transaction())
    conn.execute(text("INSERT INTO employee (id, name) VALUES (3, 'Carol')"))

try:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO employee (id, name) VALUES (5, 'Eve')"))
        raise ValueError("something went wrong after the INSERT")
except ValueError as exc:
    print(type(exc).__name__, exc)

with engine.connect() as conn:
    print(conn.execute(text("SELECT name FROM employee")).scalars().all())

# %% [markdown]
# ## Independent statements need AUTOCOMMIT
#
# Only with `isolation_level="AUTOCOMMIT"` does each statement stand alone: the database
# commits it at once, and the data stays without any `commit()`.

# %%
autocommit_engine = engine.execution_options(isolation_level="AUTOCOMMIT")

with autocommit_engine.connect() as conn:
    conn.execute(text("INSERT INTO employee (id, name) VALUES (4, 'Dave')"))

with engine.connect() as conn:
    print(conn.execute(text("SELECT name FROM employee")).scalars().all())

# %% [markdown]
# ## Rows come from the Result
#
# `conn.execute()` returns a `CursorResult`; `fetchall()`, `all()`, `scalar_one()` and
# `scalars()` are its methods.

# %%
with engine.connect() as conn:
    result = conn.execute(text("SELECT id, name FROM employee"))
    print(type(result).__name__)
    methods = ("fetchall", "all", "scalar_one", "scalars")
    print("Result has:", [name for name in methods if hasattr(result, name)])
    print(result.all())

# %% [markdown]
# The guide lists `fetchall()` among the Connection's methods. It is not one: the next
# cell asks the Connection for it and fails, on purpose, with `AttributeError`. No
# statement ran, so no transaction began and the log stays empty; the `with` block
# closes the connection before the error reaches the notebook.

# %% tags=["raises-exception"]
with engine.connect() as conn:
    conn.fetchall()
