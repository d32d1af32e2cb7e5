# Two differences between SQLAlchemy 2.0 and 2.1 that change no result: how the SELECT
# that session.get() sends names its columns, and the link at the end of an error.
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Employee(id=1, name="Alice"))
    session.commit()
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with Session(engine) as session:
    alice = session.get(Employee, 1)  # SQLAlchemy writes this SELECT itself
    session.scalars(select(Employee)).all()  # this one is written here
    session.expire(alice)  # forget the loaded values...
try:
    print(alice.name)  # ...so this needs a session, which is closed
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    """
    DetachedInstanceError
    Instance <Employee at 0x...> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    """
# --8<-- [end:focus]
