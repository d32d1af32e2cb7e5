# A web request handler: one Session per request, from a sessionmaker configured once at
# start-up; the request's work commits together, or not at all if the handler raises.
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")  # at start-up, once
Base.metadata.create_all(engine)
SessionFactory = sessionmaker(engine, expire_on_commit=False)


# --8<-- [start:focus]
def create_employee(name: str) -> dict:
    """What a POST /employees handler does, whatever the web framework."""
    if not name.strip():
        raise ValueError("name is required")
    with SessionFactory.begin() as session:  # commits if the block succeeds
        employee = Employee(name=name)
        session.add(employee)
    return {"id": employee.id, "name": employee.name}  # loaded, not expired


def list_employees() -> list[str]:
    with SessionFactory() as session:  # read-only: nothing to commit
        return session.scalars(select(Employee.name).order_by(Employee.id)).all()


# --8<-- [end:focus]
print(create_employee("Alice"))
#> {'id': 1, 'name': 'Alice'}
try:
    create_employee("  ")
except ValueError as exc:
    print("400 Bad Request:", exc)
    #> 400 Bad Request: name is required
print(list_employees())
#> ['Alice']
