# A Session runs its SQL on a Connection: the same INSERT through a Connection and
# through a Session sends the same BEGIN, INSERT and COMMIT.
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
engine.echo = True  # from here on, log every SQL statement

print("--- Connection ---")
#> --- Connection ---
# --8<-- [start:focus]
with engine.connect() as conn:
    conn.execute(insert(Employee.__table__), {"name": "Alice"})
    conn.commit()
# --8<-- [end:focus]

print("--- Session ---")
#> --- Session ---
# --8<-- [start:focus]
with Session(engine) as session:
    session.add(Employee(name="Bob"))
    session.commit()
# --8<-- [end:focus]

with Session(engine) as session:
    print("the session's connection:", type(session.connection()).__name__)
    #> the session's connection: Connection
