# A legacy Query passed to session.execute(): SQLAlchemy 2.0 still runs it (with a
# deprecation warning), 2.1 refuses it. select() runs on both.
import warnings

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import ObjectNotExecutableError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session, warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record every warning; printed below
    session.add(Employee(name="Alice"))
    session.commit()
    # --8<-- [start:focus]
    query = session.query(Employee.name)  # legacy
    try:
        print("Query:", session.execute(query).all())
    except ObjectNotExecutableError as exc:
        print(type(exc).__name__, exc)
        """
        ObjectNotExecutableError
        Not an executable object: <sqlalchemy.orm.query.Query object at 0x...>
        """
    print("select():", session.execute(select(Employee.name)).all())
    #> select(): [('Alice',)]
    # --8<-- [end:focus]
for warning in caught:
    print(warning.category.__name__, str(warning.message).split(".  ")[0])
