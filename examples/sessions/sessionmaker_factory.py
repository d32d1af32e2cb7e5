# Session(engine) is all a session needs. sessionmaker is a factory that remembers a
# configuration; its begin() hands out a session whose transaction commits at the end.
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
with Session(engine) as session:  # no factory needed
    session.add(Employee(name="Alice"))
    session.commit()

SessionFactory = sessionmaker(engine, expire_on_commit=False)  # configured once
# --8<-- [end:focus]

with SessionFactory() as session:
    print("bound to the engine:", session.get_bind() is engine)
    #> bound to the engine: True
    print("expire_on_commit:", session.expire_on_commit)
    #> expire_on_commit: False

# --8<-- [start:focus]
with SessionFactory.begin() as session:  # begins a transaction, commits at the end
    session.add(Employee(name="Bob"))
# --8<-- [end:focus]

with SessionFactory() as session:
    print(session.scalars(select(Employee.name)).all())
    #> ['Alice', 'Bob']
