# Example 2, 2.0 style: select() run by session.scalars() returns Employee objects;
# .first() gives None when nothing matches, and adds no LIMIT: .limit(1) does; get()
# finds an object by primary key, with a SELECT only if it must load it.
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
with Session(engine) as session, session.begin():  # commits when the block ends
    session.add_all([Employee(name="Alice"), Employee(name="Bob")])
engine.echo = True  # from here on, log every SQL statement

with Session(engine) as session:
    # --8<-- [start:focus]
    # Query all employees
    employees = session.scalars(select(Employee)).all()
    for employee in employees:
        print(employee.name)
        #> Alice
        #> Bob

    one_alice = select(Employee).filter_by(name="Alice").limit(1)
    alice = session.scalars(one_alice).first()
    print("first Alice:", alice)
    #> first Alice: Employee(id=1, name='Alice')
    nobody = session.scalars(select(Employee).filter_by(name="Nobody")).first()
    print("first Nobody:", nobody)
    #> first Nobody: None
    print("get() returns the same object:", session.get(Employee, 1) is alice)
    #> get() returns the same object: True
    session.commit()  # expires every object the session holds
    print("after commit(), get() loads it:", session.get(Employee, 1) is alice)
    #> after commit(), get() loads it: True
    # --8<-- [end:focus]
