# The pattern test suites use: a Session joined to a transaction that the test begins on
# a Connection. The code under test may commit; the test rolls everything back at the end.
from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")

if (
    engine.dialect.name == "sqlite"
):  # Python's sqlite3 needs this for SAVEPOINTs to nest

    @event.listens_for(engine, "connect")
    def do_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def do_begin(conn):
        conn.exec_driver_sql("BEGIN")


Base.metadata.create_all(engine)


def code_under_test(session: Session) -> None:
    session.add(Employee(name="Alice"))
    session.commit()  # inside the test: only releases a SAVEPOINT


engine.echo = True  # from here on, log every SQL statement
# --8<-- [start:focus]
with engine.connect() as conn:
    outer = conn.begin()  # the test's own transaction
    session = Session(bind=conn, join_transaction_mode="create_savepoint")
    code_under_test(session)
    print("during the test:", session.scalar(select(func.count(Employee.id))))
    #> during the test: 1
    session.close()
    outer.rollback()  # the end of the test: everything undone
# --8<-- [end:focus]

with Session(engine) as session:
    print("after the test:", session.scalar(select(func.count(Employee.id))))
    #> after the test: 0
