# Pitfall: reading an attribute of an object after commit() and close(). commit()
# expired it; once closed, nothing can load it again. Fix: read what you need before
# closing, or use expire_on_commit=False.
from sqlalchemy import String, create_engine
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

# --8<-- [start:focus]
with Session(engine) as session:
    alice = Employee(name="Alice")
    session.add(alice)
    session.commit()  # expires alice
try:
    print(alice.name)
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    """
    DetachedInstanceError
    Instance <Employee at 0x...> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    """

with Session(engine, expire_on_commit=False) as session:  # the fix
    bob = Employee(name="Bob")
    session.add(bob)
    session.commit()
print(bob.name)
#> Bob
# --8<-- [end:focus]
