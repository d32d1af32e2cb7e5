# Pitfall: one AsyncSession used by concurrent tasks (asyncio.gather). A session is one
# unit of work on one connection, not safe for concurrent use: the second task's
# commit() runs into the first one's, and SQLAlchemy refuses it. Fix: a session per task.
import asyncio

from sqlalchemy import String, select
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
    async with Session.begin() as session:
        session.add_all([Employee(id=1, name="alice"), Employee(id=2, name="bob")])

    # --8<-- [start:focus]
    async def capitalise(session, employee):
        employee.name = employee.name.title()
        await session.commit()

    async with Session() as session:  # one session shared by two tasks: the mistake
        query = select(Employee).order_by(Employee.id)
        alice, bob = (await session.scalars(query)).all()
        results = await asyncio.gather(
            capitalise(session, alice), capitalise(session, bob), return_exceptions=True
        )
        print("\n".join(f"{type(result).__name__}: {result}" for result in results))
        """
        ResourceClosedError: This transaction is closed
        IllegalStateChangeError: Method 'commit()' can't be called here; method '_prepare_impl()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
        """
    async with Session() as session:
        names = await session.scalars(select(Employee.name).order_by(Employee.id))
        print("saved:", names.all())
        #> saved: ['alice', 'bob']

    async def capitalise_in_own_session(employee_id):  # the fix: a session per task
        async with Session() as session:
            await capitalise(session, await session.get(Employee, employee_id))

    await asyncio.gather(capitalise_in_own_session(1), capitalise_in_own_session(2))
    async with Session() as session:
        names = await session.scalars(select(Employee.name).order_by(Employee.id))
        print("saved:", names.all())
        #> saved: ['Alice', 'Bob']
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
