# A failed flush inside a framed block: the IntegrityError leaves the block, the block
# rolls back, and the session can be used again at once (no PendingRollbackError).
from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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
    try:
        with session.begin():
            session.add(Employee(id=2, name="Bob"))
            session.add(Employee(id=1, name="Alicia"))  # the primary key 1 is taken
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError UNIQUE constraint failed: employee.id
    print(session.scalars(select(Employee.name)).all())  # the same session, at once
    #> ['Alice']
# --8<-- [end:focus]
