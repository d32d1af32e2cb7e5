# Example 1, 2.0 style: add() only makes the object pending; the INSERT is sent when the
# session flushes, and nothing is saved until COMMIT. A new session reads the row back.
from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))

    def __repr__(self) -> str:
        return f"Employee(id={self.id!r}, name={self.name!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

with Session(engine) as session:
    # --8<-- [start:focus]
    new_employee = Employee(name="Alice")
    session.add(new_employee)
    print("after add():", new_employee, "pending:", inspect(new_employee).pending)
    #> after add(): Employee(id=None, name='Alice') pending: True
    session.flush()  # commit() would flush too; here we watch it happen
    print("after flush():", new_employee, "pending:", inspect(new_employee).pending)
    #> after flush(): Employee(id=1, name='Alice') pending: False
    session.commit()  # Save to the database
    # --8<-- [end:focus]

with Session(engine) as session:
    print("a new session sees:", session.scalars(select(Employee)).all())
    #> a new session sees: [Employee(id=1, name='Alice')]
