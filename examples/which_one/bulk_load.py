# A bulk load: many rows, no objects needed. Pass a list of dictionaries to an insert();
# SQLAlchemy sends them in batches (executemany or insertmanyvalues), not row by row.
from sqlalchemy import String, create_engine, func, insert, select
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

# --8<-- [start:focus]
with engine.begin() as conn:  # Core: a Connection and the table
    conn.execute(insert(Employee.__table__), rows)

with Session(engine) as session:  # ORM: the same fast path through a Session
    session.execute(insert(Employee), rows)
    session.commit()
# --8<-- [end:focus]

with Session(engine) as session:
    print(session.scalar(select(func.count(Employee.id))))
    #> 20000
