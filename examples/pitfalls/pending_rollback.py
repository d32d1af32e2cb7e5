# After a flush fails, the session refuses to run SQL (PendingRollbackError) until you
# call rollback() yourself. A framed block (session.begin()) rolls back for you.
import textwrap

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError, PendingRollbackError
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

with Session(engine) as session:
    # --8<-- [start:focus]
    session.add(Employee(id=1, name="Alicia"))  # the primary key 1 is taken
    try:
        session.commit()
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError UNIQUE constraint failed: employee.id
    # --8<-- [end:focus]
    try:
        # --8<-- [start:focus]
        session.scalars(select(Employee.name)).all()  # a query
        # --8<-- [end:focus]
    except PendingRollbackError as exc:
        print(type(exc).__name__)
        #> PendingRollbackError
        first_line = str(exc).splitlines()[0]
        for line in textwrap.wrap(first_line, width=70):
            print(line)
            #> This Session's transaction has been rolled back due to a previous
            #> exception during flush. To begin a new transaction with this Session,
            #> first issue Session.rollback(). Original exception was:
            #> (sqlite3.IntegrityError) UNIQUE constraint failed: employee.id
    try:
        session.commit()  # a commit (or a flush)
    except PendingRollbackError as exc:
        print("commit():", type(exc).__name__)
        #> commit(): PendingRollbackError
    # --8<-- [start:focus]
    session.rollback()
    print("after rollback():", session.scalars(select(Employee.name)).all())
    #> after rollback(): ['Alice']
    # --8<-- [end:focus]

with Session(engine) as session:
    try:
        # --8<-- [start:focus]
        with session.begin():  # rolls back when an exception leaves the block
            session.add(Employee(id=1, name="Alicia"))
        # --8<-- [end:focus]
    except IntegrityError as exc:
        print("the block raised", type(exc).__name__)
        #> the block raised IntegrityError
    print("after the block:", session.scalars(select(Employee.name)).all())
    #> after the block: ['Alice']
