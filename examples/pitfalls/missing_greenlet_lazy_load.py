# Pitfall: a lazy load in async code. Reading a relationship that was not loaded would
# send a SELECT from plain attribute access, which cannot be awaited: MissingGreenlet.
# Fix: load it up front with selectinload() (or await it via AsyncAttrs.awaitable_attrs).
import asyncio
import gc
import warnings

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


class Dept(Base):
    __tablename__ = "dept"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    employees: Mapped[list["Employee"]] = relationship()


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    dept_id: Mapped[int] = mapped_column(ForeignKey("dept.id"))


async def main():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine)
    async with Session.begin() as session:
        session.add(Dept(name="Sales", employees=[Employee(name="Alice")]))

    # --8<-- [start:focus]
    async with Session() as session:
        sales = await session.scalar(select(Dept))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                print(sales.employees)  # a lazy load: SQL without an await
            except (MissingGreenlet, StatementError) as exc:  # 2.1: StatementError
                print(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
                """
                StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
                """
            gc.collect()  # what SQLAlchemy could not await is dropped here
        print("warnings:", [str(warning.message) for warning in caught])
        #> warnings: ["coroutine 'Connection.cursor' was never awaited"]

    async with Session() as session:  # the fix: load the relationship up front
        sales = await session.scalar(select(Dept).options(selectinload(Dept.employees)))
        print([employee.name for employee in sales.employees])
        #> ['Alice']
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
