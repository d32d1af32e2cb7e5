# expire_on_commit: after commit() the Session forgets loaded values (the default) and
# reloads them with a SELECT on next access; with expire_on_commit=False it keeps them.
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with Session(engine) as session:  # expire_on_commit=True, the default
    alice = Employee(name="Alice")
    session.add(alice)
    session.commit()
    print("--- reading alice.name after commit()")
    #> --- reading alice.name after commit()
    print(alice.name)  # a new transaction and a SELECT by primary key
    #> Alice

with Session(engine, expire_on_commit=False) as session:
    bob = Employee(name="Bob")
    session.add(bob)
    session.commit()
    print("--- reading bob.name after commit()")
    #> --- reading bob.name after commit()
    print(bob.name)  # no SQL: the value kept from before the commit
    #> Bob
# --8<-- [end:focus]
print("after close, still readable:", bob.name)
#> after close, still readable: Bob
