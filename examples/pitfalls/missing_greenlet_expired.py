# Pitfall: an attribute expired by commit(), read in async code. The default
# expire_on_commit=True expires every object; reading one would send a SELECT without an
# await: MissingGreenlet. Fixes: await session.refresh(obj), await it through
# AsyncAttrs.awaitable_attrs, or create the sessions with expire_on_commit=False.
import asyncio
import gc
import warnings

from sqlalchemy import String
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def main():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine)

    # --8<-- [start:focus]
    async with Session() as session:
        alice = Employee(name="Alice")
        session.add(alice)
        await session.commit()  # expires alice
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                print(alice.name)
            except (MissingGreenlet, StatementError) as exc:  # 2.1: StatementError
                print(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
                """
                StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
                """
            gc.collect()  # what SQLAlchemy could not await is dropped here
        print("warnings:", [str(warning.message) for warning in caught])
        #> warnings: ["coroutine 'Connection.cursor' was never awaited"]
        print("awaited:", await alice.awaitable_attrs.name)  # the fix: one await
        #> awaited: Alice

    KeepValues = async_sessionmaker(engine, expire_on_commit=False)  # or: no expiry
    async with KeepValues() as session:
        bob = Employee(name="Bob")
        session.add(bob)
        await session.commit()
        print("not expired:", bob.name)
        #> not expired: Bob
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
