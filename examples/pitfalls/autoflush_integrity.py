# Pitfall: an IntegrityError from a query. Autoflush sent an object that was not ready
# (no name yet) before the SELECT. Fix: finish the object first, or query inside
# session.no_autoflush.
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))  # NOT NULL


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with Session(engine) as session:
    carol = Employee()  # the name comes later...
    session.add(carol)
    try:
        count = session.scalar(select(func.count(Employee.id)))  # autoflush first
    except IntegrityError as exc:
        print(type(exc).__name__, str(exc).split("\n[SQL")[0])
        """
        IntegrityError
        (raised as a result of Query-invoked autoflush; consider using a session.no_autoflush block if this flush is occurring prematurely)
        (sqlite3.IntegrityError) NOT NULL constraint failed: employee.name
        """
    session.rollback()

with Session(engine) as session:  # the fix: no autoflush while the object is unfinished
    carol = Employee()
    session.add(carol)
    with session.no_autoflush:
        count = session.scalar(select(func.count(Employee.id)))
    carol.name = f"Carol #{count + 1}"
    session.commit()
    print(carol.name)
    #> Carol #1
# --8<-- [end:focus]
