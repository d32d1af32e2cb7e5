# In the ORM, .first() without .limit(1) still turns every matching row into an object,
# then keeps the first; .limit(1) asks the database for one row. A "load" event counts
# the objects the ORM builds from rows.
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session, session.begin():
    session.add_all([Employee(name=f"Employee {n}") for n in range(100)])

built = []  # one entry per object the ORM builds from a row
event.listen(Employee, "load", lambda employee, context: built.append(employee.id))

# --8<-- [start:focus]
with Session(engine) as session:
    session.scalars(select(Employee)).first()
print("first() alone built", len(built), "objects")
#> first() alone built 100 objects
built.clear()
with Session(engine) as session:
    session.scalars(select(Employee).limit(1)).first()
print("limit(1) and first() built", len(built), "object")
#> limit(1) and first() built 1 object
# --8<-- [end:focus]
