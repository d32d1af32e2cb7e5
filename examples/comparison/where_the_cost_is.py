# The same three rows, inserted through a Connection, through a Session with objects, and
# through a Session in bulk: the transaction SQL is identical; only objects cost extra.
from sqlalchemy import String, create_engine, insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True  # log the SQL from here on, after the table is created
rows = [{"name": "Alice"}, {"name": "Bob"}, {"name": "Carol"}]

print("--- Connection: Core insert")
#> --- Connection: Core insert
# --8<-- [start:focus]
with engine.begin() as conn:
    conn.execute(insert(Employee.__table__), rows)
# --8<-- [end:focus]

print("--- Session: one object per row")
#> --- Session: one object per row
with Session(engine) as session:
    # --8<-- [start:focus]
    employees = [Employee(**row) for row in rows]
    session.add_all(employees)
    session.commit()
    # --8<-- [end:focus]
    print("objects the session tracks:", len(session.identity_map))
    #> objects the session tracks: 3

print("--- Session: bulk insert, no objects")
#> --- Session: bulk insert, no objects
with Session(engine) as session:
    # --8<-- [start:focus]
    session.execute(insert(Employee), rows)
    session.commit()
    # --8<-- [end:focus]
    print("objects the session tracks:", len(session.identity_map))
    #> objects the session tracks: 0
