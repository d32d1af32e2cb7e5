# A bulk load: many rows, no objects needed. Pass a list of dictionaries to an insert();
# SQLAlchemy hands them all to the driver in one executemany() call, not row by row.
from sqlalchemy import String, create_engine, event, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
rows = [{"name": f"employee {n}"} for n in range(1, 10_001)]
calls = []  # one entry per call to the driver: True for an executemany()


@event.listens_for(engine, "before_cursor_execute")
def count_calls(conn, cursor, statement, parameters, context, executemany):
    calls.append(executemany)


# --8<-- [start:focus]
with engine.begin() as conn:  # Core: a Connection and the table
    conn.execute(insert(Employee.__table__), rows)
print("Core:", len(calls), "driver call, executemany:", all(calls))
#> Core: 1 driver call, executemany: True

calls.clear()
with Session(engine) as session:  # ORM: the same fast path through a Session
    session.execute(insert(Employee), rows)
    print("objects in the session:", len(session.identity_map))
    #> objects in the session: 0
    session.commit()
print("ORM bulk:", len(calls), "driver call, executemany:", all(calls))
#> ORM bulk: 1 driver call, executemany: True
# --8<-- [end:focus]

with Session(engine) as session:
    print(session.scalar(select(func.count(Employee.id))))
    #> 20000
