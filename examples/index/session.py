# The same job through a Session: save an employee, read the table back.
# Objects in, objects out; the block is one transaction, committed when it ends.
from sqlalchemy import String, create_engine, select
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
with Session(engine) as session, session.begin():
    session.add(Employee(name="Alice"))
    alice = session.scalars(select(Employee)).one()
    print(type(alice).__name__, alice.id, alice.name)
    #> Employee 1 Alice
# --8<-- [end:focus]
