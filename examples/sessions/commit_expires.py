# commit() flushes, sends COMMIT, returns the connection to the pool and expires every
# loaded object: the next attribute access loads it again in a new transaction.
from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# echo_pool="debug" also logs when the connection leaves and re-enters the pool
engine = create_engine("sqlite://", echo=True, echo_pool="debug")
Base.metadata.create_all(engine)
print("--- the table is created; now the session ---")
#> --- the table is created; now the session ---

with Session(engine) as session:
    alice = Employee(name="Alice")
    session.add(alice)
    # --8<-- [start:focus]
    session.commit()
    print("in a transaction?", session.in_transaction())
    #> in a transaction? False
    print("expired:", sorted(inspect(alice).expired_attributes))
    #> expired: ['id', 'name']
    print("name:", alice.name)
    #> name: Alice
    # --8<-- [end:focus]
