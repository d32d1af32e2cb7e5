# commit() flushes, sends COMMIT, expires every loaded object and returns the connection
# to the pool: the next attribute access loads the object again in a new transaction.
from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# echo_pool="debug" logs when a connection leaves and re-enters the engine's pool
engine = create_engine("sqlite://", echo_pool="debug")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement too
print("--- the table is created; now the session ---")
#> --- the table is created; now the session ---


# Two listeners, each run once: just before the next COMMIT, and when the connection
# is back in the pool. Each prints which of Alice's attributes are expired.
@event.listens_for(engine, "commit", once=True)
def before_commit(connection):
    print("COMMIT next; expired:", sorted(inspect(alice).expired_attributes))
    #> COMMIT next; expired: []


@event.listens_for(engine, "checkin", once=True)
def after_checkin(dbapi_connection, connection_record):
    print("back in the pool; expired:", sorted(inspect(alice).expired_attributes))
    #> back in the pool; expired: ['id', 'name']


with Session(engine) as session:
    alice = Employee(name="Alice")
    session.add(alice)
    # --8<-- [start:focus]
    session.commit()
    print("in a transaction?", session.in_transaction())
    #> in a transaction? False
    print("name:", alice.name)
    #> name: Alice
    # --8<-- [end:focus]

print("detached after close():", inspect(alice).detached)
#> detached after close(): True
