# Pitfall: a synchronous API called from async code. Given the engine's sync_engine, its
# SQL runs without an await: MissingGreenlet. Given the AsyncEngine itself, or inspect()
# given an AsyncConnection, it refuses at once. Fix: hand the sync API to run_sync(),
# which runs it where SQLAlchemy can await the driver.
import asyncio
import gc
import warnings

from sqlalchemy import String, inspect
from sqlalchemy.exc import MissingGreenlet, NoInspectionAvailable, StatementError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def main():
    engine = create_async_engine("sqlite+aiosqlite://")
    # --8<-- [start:focus]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            Base.metadata.create_all(engine.sync_engine)  # sync API, no await possible
        except (MissingGreenlet, StatementError) as exc:
            print(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            """
            MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            """
        gc.collect()  # what SQLAlchemy could not await is dropped here
    print("warnings:", [str(warning.message) for warning in caught])
    #> warnings: []
    try:
        Base.metadata.create_all(engine)  # the AsyncEngine itself
    except AttributeError as exc:
        print("AttributeError:", exc)
        #> AttributeError: 'AsyncEngine' object has no attribute '_run_ddl_visitor'
    async with engine.connect() as conn:
        try:
            inspect(conn)  # the AsyncConnection itself
        except NoInspectionAvailable as exc:
            print("NoInspectionAvailable:", str(exc).split(". ")[0])
            """
            NoInspectionAvailable:
            Inspection on an AsyncConnection is currently not supported
            """

    async with engine.begin() as conn:  # the fix: run_sync()
        await conn.run_sync(Base.metadata.create_all)
    print("created:", list(Base.metadata.tables))
    #> created: ['employee']
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
