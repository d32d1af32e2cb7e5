# %% [markdown]
# # Session walkthrough
#
# A `Session` is a workspace for ORM objects: it records what you add, change and delete
# (the *unit of work*), keeps one Python object per database row (the *identity map*),
# and sends the SQL on a `Connection` that it checks out from the engine when it needs
# one ([the Sessions page](../../sessions/#what-is-a-session) logs the pool to show
# when). This notebook runs the ideas of the Sessions page one cell at a time. The
# engine is created with `echo=True`, so each cell's output shows SQLAlchemy's SQL log,
# `BEGIN (implicit)`, `COMMIT` and `ROLLBACK` included.

# %%
from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))

    def __repr__(self) -> str:
        return f"Employee(id={self.id!r}, name={self.name!r})"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

# %% [markdown]
# ## Adding an object sends nothing
#
# The new object becomes *pending*: the session will insert it at the next flush. No SQL
# appears in this cell's output, and the object has no `id` yet.

# %%
session = Session(engine)
alice = Employee(name="Alice")
session.add(alice)
print("pending:", inspect(alice).pending, "new:", list(session.new))

# %% [markdown]
# ## Flush is not commit
#
# `flush()` sends the `INSERT` inside a transaction that begins right there on the
# session's connection (`BEGIN (implicit)`), and the database hands out the `id`. No
# `COMMIT` follows: that comes only with `commit()` (next cell), which would first flush
# anything still pending
# ([shown on the Sessions page](../../sessions/#what-commit-does)).

# %%
session.flush()
print("after flush:", alice)

# %% [markdown]
# ## Expired on commit
#
# `commit()` sends `COMMIT` and expires every object the session holds: their loaded
# values are gone, because other transactions may change the rows now. Reading an
# attribute begins a new transaction and runs a `SELECT` by primary key.

# %%
session.commit()
print("expired:", sorted(inspect(alice).expired_attributes))
print("name:", alice.name)

# %% [markdown]
# ## The identity map
#
# Within one session, one primary key is one Python object. `get()` finds Alice in the
# identity map and sends no SQL; a query for the same row returns the very same object.

# %%
print(session.get(Employee, 1) is alice)
print(session.scalars(select(Employee).filter_by(name="Alice")).one() is alice)

# %% [markdown]
# ## Rollback
#
# `rollback()` sends `ROLLBACK`, expunges the objects added since the last commit and
# expires the rest: Alice's unsaved new name is lost, and Bob was never saved.

# %%
alice.name = "Alicia"
bob = Employee(name="Bob")
session.add(bob)
session.flush()
session.rollback()
print("Bob in the session:", bob in session)
print("name:", alice.name)

# %% [markdown]
# ## A detached object cannot load
#
# The next cell commits and then closes the session. `commit()` expires Alice
# (`expire_on_commit=True`, the default), and `close()` detaches her from the session, so
# nothing can load her name again: reading it raises `DetachedInstanceError`, on purpose
# ([SQLAlchemy's explanation](https://docs.sqlalchemy.org/en/21/errors.html#error-bhk3)).
# Read what you need before closing, or create the session with
# `Session(engine, expire_on_commit=False)` to keep the loaded values after a commit
# ([shown on the Transactions page](../../transactions/#expire-on-commit)).

# %% tags=["raises-exception"]
session.commit()
session.close()
print(alice.name)
