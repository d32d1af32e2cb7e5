# A Connection runs an ORM select(Model) too, but returns plain Row tuples: turning rows
# into Employee objects is the Session's job.
from sqlalchemy import String, create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://", echo=True)

with engine.begin() as conn:
    conn.execute(
        text(
            "CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)"
        )
    )
    conn.execute(
        text("INSERT INTO employee (id, name) VALUES (1, 'Alice'), (2, 'Bob')")
    )

with engine.connect() as conn:
    # --8<-- [start:focus]
    rows = conn.execute(select(Employee).order_by(Employee.id)).all()
    # --8<-- [end:focus]
    print(rows)
    #> [(1, 'Alice'), (2, 'Bob')]
    print(type(rows[0]).__name__, rows[0].name)
    #> Row Alice
