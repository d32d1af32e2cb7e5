# The five states an ORM object goes through, as inspect() reports them: transient,
# pending, persistent, deleted, detached.
from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def state(obj: Employee) -> str:
    """The one state flag of inspect(obj) that is true."""
    flags = ("transient", "pending", "persistent", "deleted", "detached")
    return next(flag for flag in flags if getattr(inspect(obj), flag))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    # --8<-- [start:focus]
    alice = Employee(name="Alice")
    print("new object:", state(alice))
    #> new object: transient
    session.add(alice)
    print("after add():", state(alice))
    #> after add(): pending
    session.flush()
    print("after flush():", state(alice), "id:", alice.id)
    #> after flush(): persistent id: 1
    session.delete(alice)
    session.flush()
    print("after delete() and flush():", state(alice))
    #> after delete() and flush(): deleted
    session.commit()
    print("after commit():", state(alice))
    #> after commit(): detached
    bob = Employee(name="Bob")
    session.add(bob)
    session.commit()
    print("Bob after commit():", state(bob))
    #> Bob after commit(): persistent
print("Bob after close():", state(bob))
#> Bob after close(): detached
# --8<-- [end:focus]
engine.dispose()
