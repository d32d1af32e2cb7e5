# session.begin_nested(): a SAVEPOINT, so that one failed flush does not cost the whole
# transaction (and, on PostgreSQL, does not abort it).
from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with Session(engine) as session:
    session.add(Employee(name="Alice"))
    for name in ["Bob", "Alice", "Carol"]:  # the second Alice breaks the unique name
        try:
            with session.begin_nested():  # SAVEPOINT; flushes on the way in and out
                session.add(Employee(name=name))
        except IntegrityError:
            print("skipped a duplicate:", name)  # rolled back to the savepoint only
            #> skipped a duplicate: Alice
    session.commit()
# --8<-- [end:focus]

with Session(engine) as session:
    print(session.scalars(select(Employee.name).order_by(Employee.id)).all())
    #> ['Alice', 'Bob', 'Carol']
