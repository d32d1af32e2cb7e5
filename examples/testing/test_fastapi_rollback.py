# A FastAPI app under test: every test runs in a transaction that is rolled back at
# the end, though the route commits. Run it with pytest:
# pytest -v -rP -p no:logging test_fastapi_rollback.py
import tempfile
from collections.abc import Iterator
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


tmp = tempfile.TemporaryDirectory()
# A database file: FastAPI runs the sync routes in worker threads, and SQLAlchemy lets
# a file database's connections be used from any thread. "sqlite://" (in memory)
# refuses a connection made in another thread, such as the test's.
engine = create_engine(f"sqlite:///{tmp.name}/app.db")


def get_session() -> Iterator[Session]:
    with Session(engine) as session:  # one Session per request
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
app = FastAPI()


@app.post("/users")
def add_user(name: str, session: SessionDep) -> dict:
    session.add(User(name=name))
    session.commit()
    return {"added": name}


@app.get("/users")
def list_users(session: SessionDep) -> list[str]:
    return list(session.scalars(select(User.name).order_by(User.id)))


@pytest.fixture(scope="module")
def database():
    if engine.dialect.name == "sqlite":
        sqlite_begins_savepoints(engine)
    Base.metadata.create_all(engine)
    engine.echo = True  # log the tests' SQL, not the set-up's
    yield engine
    engine.echo = False
    Base.metadata.drop_all(engine)
    engine.dispose()
    tmp.cleanup()


# --8<-- [start:focus]
@pytest.fixture
def session(database):
    connection = database.connect()
    transaction = connection.begin()  # the test's own transaction
    session = Session(
        bind=connection,
        join_transaction_mode="create_savepoint",
    )
    yield session
    session.close()
    transaction.rollback()  # the routes' commits are undone too
    connection.close()


@pytest.fixture
def client(session):
    # Every request gets the test's Session, not one of its own. The routes use it
    # in FastAPI's worker threads, one request at a time: TestClient waits for each.
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


def test_post_commits_then_get_sees_the_row(client):
    response = client.post("/users", params={"name": "alice"})
    assert response.json() == {"added": "alice"}
    assert client.get("/users").json() == ["alice"]


def test_the_next_test_sees_no_row(client):
    assert client.get("/users").json() == []


# --8<-- [end:focus]
def sqlite_begins_savepoints(engine) -> None:
    """SQLAlchemy's recipe: Python's sqlite3 sends no BEGIN before a SAVEPOINT."""

    @event.listens_for(engine, "connect")
    def do_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None  # sqlite3 stops sending BEGIN

    @event.listens_for(engine, "begin")
    def do_begin(conn):
        conn.exec_driver_sql("BEGIN")  # SQLAlchemy sends it for every transaction
