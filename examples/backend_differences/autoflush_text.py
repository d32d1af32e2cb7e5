# Autoflush before a text() statement: SQLAlchemy 2.1 flushes pending objects before
# every statement, 2.0 only before ORM statements, so a text() count can miss them.
from sqlalchemy import String, create_engine, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

with Session(engine) as session:
    # --8<-- [start:focus]
    session.add(Employee(name="Alice"))  # pending: not in the database yet
    print(
        "text() count:", session.execute(text("SELECT count(*) FROM employee")).scalar()
    )
    #> text() count: 1
    print("select() count:", session.scalar(select(func.count(Employee.id))))
    #> select() count: 1
    # --8<-- [end:focus]
