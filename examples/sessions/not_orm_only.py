# A Session is not ORM-only: it runs text() and Core statements too, in the same
# transaction as its ORM objects.
from sqlalchemy import String, create_engine, func, insert, select, text
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
employee_table = Employee.__table__  # the Core Table behind the model
engine.echo = True  # from here on, log every SQL statement

with Session(engine) as session:
    # --8<-- [start:focus]
    session.execute(
        text("INSERT INTO employee (name) VALUES (:name)"), {"name": "Alice"}
    )
    session.execute(insert(employee_table), [{"name": "Bob"}, {"name": "Carol"}])
    print(session.execute(text("SELECT id, name FROM employee")).all())
    #> [(1, 'Alice'), (2, 'Bob'), (3, 'Carol')]
    print(session.scalar(select(func.count()).select_from(employee_table)))
    #> 3
    employees = session.scalars(select(Employee)).all()
    print(len(employees), "Employee objects; the first:", employees[0])
    #> 3 Employee objects; the first: Employee(id=1, name='Alice')
    # --8<-- [end:focus]
    session.commit()
