# Example 3, 2.0 style: the change is sent as an UPDATE at commit; commit expires the
# object, so reading it again runs a SELECT. scalar_one() fails loudly if nothing matches.
from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import NoResultFound
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
with Session(engine) as session, session.begin():  # commits when the block ends
    session.add(Employee(name="Alice"))
engine.echo = True  # from here on, log every SQL statement

with Session(engine) as session:
    # --8<-- [start:focus]
    # Update an employee's name
    employee = session.execute(select(Employee).filter_by(name="Alice")).scalar_one()
    employee.name = "Alicia"
    print("changed, not sent yet:", session.dirty)
    #> changed, not sent yet: IdentitySet([Employee(id=1, name='Alicia')])
    session.commit()  # Commit the change
    print("after commit:", employee.name)  # expired by commit: this runs a SELECT
    #> after commit: Alicia
    # --8<-- [end:focus]

with Session(engine) as session:
    print("a new session sees:", session.get(Employee, 1))
    #> a new session sees: Employee(id=1, name='Alicia')
    # The same update run again: no "Alice" is left, and scalar_one() says so.
    try:
        session.execute(select(Employee).filter_by(name="Alice")).scalar_one()
    except NoResultFound as exc:
        print("NoResultFound:", exc)
        #> NoResultFound: No row was found when one was required
