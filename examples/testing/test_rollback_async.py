# The same fixtures for async code, run by anyio's pytest plugin (FastAPI and httpx
# install anyio). Run it with pytest: pytest -v -rP -p no:logging test_rollback_async.py
import pytest
from sqlalchemy import String, event, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

pytestmark = pytest.mark.anyio  # every test in this module runs in an event loop


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


async def add_user(session: AsyncSession, name: str) -> None:
    """The code under test: it commits, as application code does."""
    session.add(User(name=name))
    await session.commit()


async def names(session: AsyncSession) -> list[str]:
    return list(await session.scalars(select(User.name).order_by(User.id)))


def sqlite_begins_savepoints(engine) -> None:
    """SQLAlchemy's recipe: aiosqlite, like sqlite3, sends no BEGIN before a SAVEPOINT."""

    @event.listens_for(engine.sync_engine, "connect")
    def do_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None  # aiosqlite stops sending BEGIN

    @event.listens_for(engine.sync_engine, "begin")
    def do_begin(conn):
        conn.exec_driver_sql("BEGIN")  # SQLAlchemy sends it for every transaction


@pytest.fixture(scope="module")
def anyio_backend():
    return "asyncio"  # not trio; module scope, as the engine fixture's


@pytest.fixture(scope="module")
async def engine():
    engine = create_async_engine("sqlite+aiosqlite://")
    if engine.dialect.name == "sqlite":
        sqlite_begins_savepoints(engine)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    engine.echo = True  # log the tests' SQL, not the set-up's
    yield engine
    engine.echo = False
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
    await engine.dispose()


# --8<-- [start:focus]
@pytest.fixture
async def session(engine):
    connection = await engine.connect()
    transaction = await connection.begin()  # the test's own transaction
    session = AsyncSession(
        bind=connection,
        join_transaction_mode="create_savepoint",
    )
    yield session
    await session.close()
    await transaction.rollback()  # everything the test did, commits included
    await connection.close()


async def test_code_that_commits(session):
    await add_user(session, "alice")  # its commit() only releases a SAVEPOINT
    assert await names(session) == ["alice"]


async def test_the_next_test_starts_empty(session):
    assert await names(session) == []


async def test_a_test_can_roll_back_its_own_work(session):
    session.add(User(name="bob"))
    await session.flush()
    await session.rollback()  # back to the SAVEPOINT; the test's transaction goes on
    await add_user(session, "carol")
    assert await names(session) == ["carol"]


# --8<-- [end:focus]
