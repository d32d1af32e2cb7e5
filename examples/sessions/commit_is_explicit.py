# Nothing is committed unless you commit: leaving `with Session(engine)` without
# commit() sends ROLLBACK, and the row is gone.
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
with Session(engine) as session:
    session.add(Employee(name="Alice"))
    session.flush()  # the INSERT is sent, inside a transaction
    print("this session sees:", session.scalars(select(Employee.name)).all())
    #> this session sees: ['Alice']
# no commit(): closing the session rolls the transaction back
# --8<-- [end:focus]

with Session(engine) as session:
    print("a second session sees:", session.scalars(select(Employee.name)).all())
    #> a second session sees: []
