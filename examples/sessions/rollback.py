# rollback() sends ROLLBACK, expunges the pending objects, restores the deleted ones and
# expires everything, so that changed attributes are loaded again from the database.
from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Employee(name="Alice"), Employee(name="Bob")])
    session.commit()
engine.echo = True  # from here on, log every SQL statement

with Session(engine) as session:
    alice = session.get(Employee, 1)
    bob = session.get(Employee, 2)
    # --8<-- [start:focus]
    alice.name = "Alicia"  # a change
    session.delete(bob)  # a deletion
    carol = Employee(name="Carol")
    session.add(carol)  # a new object
    session.flush()  # all three are sent to the database
    session.rollback()
    # --8<-- [end:focus]
    print("Carol is in the session:", carol in session)
    #> Carol is in the session: False
    print("Bob is in the session:", bob in session)
    #> Bob is in the session: True
    print("Alice's expired attributes:", sorted(inspect(alice).expired_attributes))
    #> Alice's expired attributes: ['id', 'name']
    print("Alice's name:", alice.name)
    #> Alice's name: Alice
