# add() sends no SQL: the object is pending. flush() sends the INSERT inside the
# transaction, without COMMIT; only commit() makes it permanent.
from sqlalchemy import String, create_engine, inspect
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

with Session(engine) as session:
    # --8<-- [start:focus]
    alice = Employee(name="Alice")
    session.add(alice)
    print("pending:", inspect(alice).pending, "session.new:", list(session.new))
    #> pending: True session.new: [Employee(id=None, name='Alice')]
    session.flush()
    print("pending:", inspect(alice).pending, "session.new:", list(session.new))
    #> pending: False session.new: []
    print("flushed, still in the transaction:", session.in_transaction(), alice)
    #> flushed, still in the transaction: True Employee(id=1, name='Alice')
    session.commit()
    # --8<-- [end:focus]
