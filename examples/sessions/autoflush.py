# Autoflush: before a query runs, the session sends the INSERTs (and UPDATEs) it holds,
# so that the query sees them. In SQLAlchemy 2.1 this includes text() statements.
from sqlalchemy import String, create_engine, select, text
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

with Session(engine) as session:
    # --8<-- [start:focus]
    session.add(Employee(name="Alice"))
    print("no SQL yet; the query below flushes first")
    #> no SQL yet; the query below flushes first
    print(session.scalars(select(Employee.name)).all())
    #> ['Alice']
    session.add(Employee(name="Bob"))
    print(session.execute(text("SELECT count(*) FROM employee")).scalar())
    #> 2
    # --8<-- [end:focus]
    session.commit()
