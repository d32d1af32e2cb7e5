# A Session is a workspace for ORM objects: a unit of work (what to write) and an
# identity map (what it has loaded), on a Connection it checks out when it needs one.
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))

    def __repr__(self) -> str:
        return f"Employee(id={self.id!r}, name={self.name!r})"


# echo_pool="debug" logs when a connection leaves and re-enters the engine's pool
engine = create_engine("sqlite://", echo_pool="debug")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement too
print("--- the table is created; now the session ---")
#> --- the table is created; now the session ---

with Session(engine) as session:
    # --8<-- [start:focus]
    alice = Employee(name="Alice")
    session.add(alice)
    print("unit of work, new objects:", list(session.new))
    #> unit of work, new objects: [Employee(id=None, name='Alice')]
    print("no SQL and no connection yet; flush() needs them")
    #> no SQL and no connection yet; flush() needs them
    session.flush()
    print("identity map:", list(session.identity_map.values()))
    #> identity map: [Employee(id=1, name='Alice')]
    connection = session.connection()
    print("runs on a", type(connection).__name__, "of the same engine:")
    #> runs on a Connection of the same engine:
    print(connection.engine is engine)
    #> True
    # --8<-- [end:focus]
    session.commit()
    print("transaction after commit?", session.in_transaction())
    #> transaction after commit? False
