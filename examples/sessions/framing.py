# A framed transaction commits when its block succeeds and rolls back when an exception
# leaves it: `with Session(engine) as session, session.begin():` or SessionFactory.begin().
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with Session(engine) as session, session.begin():
    session.add(Employee(name="Alice"))
# the block ended normally: COMMIT, then the session is closed
# --8<-- [end:focus]

SessionFactory = sessionmaker(engine)

try:
    # --8<-- [start:focus]
    with SessionFactory.begin() as session:
        session.add(Employee(name="Bob"))
        session.flush()
        raise ValueError("something went wrong after the INSERT")
    # --8<-- [end:focus]
except ValueError as exc:
    print(type(exc).__name__, exc)
    #> ValueError something went wrong after the INSERT

with SessionFactory() as session:
    print(session.scalars(select(Employee.name)).all())
    #> ['Alice']
