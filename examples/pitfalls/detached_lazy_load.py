# Pitfall: a relationship that was never loaded, read after the Session closed. Fix: load
# it while the Session is open, for example eagerly with selectinload().
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class Dept(Base):
    __tablename__ = "dept"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    employees: Mapped[list["Employee"]] = relationship(back_populates="dept")


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    dept_id: Mapped[int] = mapped_column(ForeignKey("dept.id"))
    dept: Mapped[Dept] = relationship(back_populates="employees")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Dept(name="Sales", employees=[Employee(name="Alice")]))
    session.commit()
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with Session(engine) as session:
    sales = session.scalars(select(Dept)).one()
try:
    print(sales.employees)  # lazy load, but the session is closed
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    """
    DetachedInstanceError
    Parent instance <Dept at 0x...> is not bound to a Session; lazy load operation of attribute 'employees' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    """

with Session(engine) as session:  # the fix: load the relationship up front
    sales = session.scalars(select(Dept).options(selectinload(Dept.employees))).one()
print([employee.name for employee in sales.employees])
#> ['Alice']
# --8<-- [end:focus]
