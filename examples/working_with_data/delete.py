# Example 4, 2.0 style: delete() only marks the object; the DELETE is sent when the
# session.begin() block commits. A new session finds no row left.
from sqlalchemy import String, create_engine, func, select
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
with Session(engine) as session, session.begin():  # commits when the block ends
    session.add(Employee(name="Alicia"))
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with Session(engine) as session, session.begin():  # commits when the block ends
    # Delete an employee
    employee = session.get(Employee, 1)
    print("found:", employee)
    #> found: Employee(id=1, name='Alicia')
    session.delete(employee)
    print("marked for deletion:", session.deleted)
    #> marked for deletion: IdentitySet([Employee(id=1, name='Alicia')])
# --8<-- [end:focus]

with Session(engine) as session:
    print("rows left:", session.scalar(select(func.count()).select_from(Employee)))
    #> rows left: 0
    print("get(Employee, 1):", session.get(Employee, 1))
    #> get(Employee, 1): None
