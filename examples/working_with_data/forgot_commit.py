# Nothing is saved without commit(): the query autoflushes the INSERT, but closing the
# session sends ROLLBACK, and a new session finds no row.
from sqlalchemy import String, create_engine, select
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
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
with Session(engine) as session:
    session.add(Employee(name="Alice"))
    print("inside the session:", session.scalars(select(Employee)).all())
    #> inside the session: [Employee(id=1, name='Alice')]
    # no session.commit(): leaving the block closes the session
# --8<-- [end:focus]

with Session(engine) as session:
    print("a new session sees:", session.scalars(select(Employee)).all())
    #> a new session sees: []
