"""What a typical example does, run once at build time inside Pyodide (see
docsite/compile_for_pyodide.mjs): the standard-library modules it imports along the way
are the ones the Run buttons load at start; the rest of the standard library is fetched
only if a program imports it. Not a page's example: it is never shown or tested as one.
"""

import logging

from sqlalchemy import ForeignKey, String, create_engine, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

logging.basicConfig()


class Base(DeclarativeBase):
    pass


class Dept(Base):
    __tablename__ = "dept"
    id: Mapped[int] = mapped_column(primary_key=True)
    employees: Mapped[list["Employee"]] = relationship(back_populates="dept")


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    dept_id: Mapped[int | None] = mapped_column(ForeignKey("dept.id"), default=None)
    dept: Mapped[Dept | None] = relationship(back_populates="employees")


engine = create_engine("sqlite://", echo=True, echo_pool="debug")
Base.metadata.create_all(engine)
with engine.begin() as conn:
    conn.execute(insert(Employee), [{"name": "Alice"}, {"name": "Bob"}])
    conn.execute(text("SELECT count(*) FROM employee WHERE name = :n"), {"n": "Bob"})
    conn.exec_driver_sql("SELECT 1")
with Session(engine) as session, session.begin():
    session.add(Dept(employees=[Employee(name="Carol")]))
    session.flush()
    print(session.scalars(select(Employee).filter_by(name="Carol").limit(1)).first())
try:
    with Session(engine) as session:
        session.add(Employee(id=1, name="Alice again"))
        session.commit()
except IntegrityError as exc:
    print(type(exc).__name__, exc)
engine.dispose()
