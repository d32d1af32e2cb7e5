# Pitfall: a forgotten await. Without it, a call to an async method only creates a
# coroutine: no SQL is sent, and Python warns, when the coroutine is dropped, that it
# "was never awaited". Here the warnings are caught to print them; an example's test
# fails on any warning it does not show on purpose.
import asyncio
import gc
import warnings

from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
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
    engine.echo = True  # from here on, log every SQL statement

    # --8<-- [start:focus]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with Session() as session:
            session.add(Employee(name="Alice"))
            session.commit()  # forgot await: nothing is committed
        async with Session() as session:
            try:
                result = session.execute(select(func.count(Employee.id)))  # no await
                print(result.scalar_one())
            except AttributeError as exc:
                print(f"{type(exc).__name__}: {exc}")
                #> AttributeError: 'coroutine' object has no attribute 'scalar_one'
        del result
        gc.collect()
    print("warnings:", [str(warning.message) for warning in caught])
    """
    warnings:
    [
        "coroutine 'AsyncSession.commit' was never awaited",
        "coroutine 'AsyncSession.execute' was never awaited",
    ]
    """

    async with Session() as session:  # with the awaits
        session.add(Employee(name="Alice"))
        await session.commit()
        result = await session.execute(select(func.count(Employee.id)))
        print("employees:", result.scalar_one())
        #> employees: 1
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
