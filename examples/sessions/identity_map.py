# The identity map: within one session, one primary key is one Python object, however
# it was loaded. get() finds it there without any SQL. The map does not keep unchanged
# objects alive: one the program no longer refers to leaves it.
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
with Session(engine) as session:
    session.add(Employee(id=1, name="Alice"))
    session.commit()
engine.echo = True  # from here on, log every SQL statement

with Session(engine) as session:
    # --8<-- [start:focus]
    alice = session.scalars(select(Employee).filter_by(name="Alice")).one()
    print("get() sends no SQL:")
    #> get() sends no SQL:
    print(session.get(Employee, 1) is alice)
    #> True
    again = session.scalars(select(Employee).where(Employee.id == 1)).one()
    print("a new SELECT returns the same object:", again is alice)
    #> a new SELECT returns the same object: True
    # --8<-- [end:focus]

with Session(engine) as other:
    print("another session, another object:", other.get(Employee, 1) is alice)
    #> another session, another object: False

with Session(engine) as session:
    session.get(Employee, 1)  # loaded, but the program keeps no reference to it
    print("objects in the identity map:", len(session.identity_map))
    #> objects in the identity map: 0
