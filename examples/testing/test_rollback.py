# Every test runs in a transaction that is rolled back at the end, even when the code
# under test commits. Run it with pytest: pytest -v -rP -p no:logging test_rollback.py
import pytest
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


def add_user(session: Session, name: str) -> None:
    """The code under test: it commits, as application code does."""
    session.add(User(name=name))
    session.commit()


def names(session: Session) -> list[str]:
    return list(session.scalars(select(User.name).order_by(User.id)))


def sqlite_begins_savepoints(engine) -> None:
    """SQLAlchemy's recipe: Python's sqlite3 sends no BEGIN before a SAVEPOINT."""

    @event.listens_for(engine, "connect")
    def do_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None  # sqlite3 stops sending BEGIN

    @event.listens_for(engine, "begin")
    def do_begin(conn):
        conn.exec_driver_sql("BEGIN")  # SQLAlchemy sends it for every transaction


@pytest.fixture(scope="module")
def engine():
    engine = create_engine("sqlite://")
    if engine.dialect.name == "sqlite":
        sqlite_begins_savepoints(engine)
    Base.metadata.create_all(engine)
    engine.echo = True  # log the tests' SQL, not the set-up's
    yield engine
    engine.echo = False
    Base.metadata.drop_all(engine)
    engine.dispose()


# --8<-- [start:focus]
@pytest.fixture
def session(engine):
    connection = engine.connect()
    transaction = connection.begin()  # the test's own transaction
    session = Session(
        bind=connection,
        join_transaction_mode="create_savepoint",
    )
    yield session
    session.close()
    transaction.rollback()  # everything the test did, commits included, is undone
    connection.close()


def test_code_that_commits(session):
    add_user(session, "alice")  # its commit() only releases a SAVEPOINT
    assert names(session) == ["alice"]


def test_the_next_test_starts_empty(session):
    assert names(session) == []


def test_a_test_can_roll_back_its_own_work(session):
    session.add(User(name="bob"))
    session.flush()
    session.rollback()  # back to the SAVEPOINT; the test's transaction goes on
    add_user(session, "carol")
    assert names(session) == ["carol"]


# --8<-- [end:focus]
