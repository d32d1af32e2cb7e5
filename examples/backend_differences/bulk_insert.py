# add_all() of several new objects: how many INSERT statements reach the database?
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
with Session(engine) as session:
    employees = [Employee(name=name) for name in ["Alice", "Bob", "Carol"]]
    session.add_all(employees)
    session.flush()  # INSERT; the new primary keys come back from the database
    print("ids:", [employee.id for employee in employees])
    #> ids: [1, 2, 3]
    session.commit()
# --8<-- [end:focus]
