# Relationships in async code: load them up front with selectinload(), or await them
# one at a time through AsyncAttrs.awaitable_attrs. A plain lazy load raises (Pitfalls).
import asyncio

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)


class Base(AsyncAttrs, DeclarativeBase):  # AsyncAttrs adds .awaitable_attrs
    pass


class Dept(Base):
    __tablename__ = "dept"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    employees: Mapped[list["Employee"]] = relationship(order_by="Employee.id")


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
        staff = [Employee(name="Alice"), Employee(name="Bob")]
        session.add(Dept(name="Sales", employees=staff))
    engine.echo = True  # from here on, log every SQL statement

    # --8<-- [start:focus]
    async with Session() as session:  # up front: one more SELECT for all departments
        query = select(Dept).options(selectinload(Dept.employees))
        sales = await session.scalar(query)
        print("selectinload:", [employee.name for employee in sales.employees])
        #> selectinload: ['Alice', 'Bob']

    async with Session() as session:  # on demand: awaited where it is read
        sales = await session.scalar(select(Dept))
        employees = await sales.awaitable_attrs.employees
        print("awaitable_attrs:", [employee.name for employee in employees])
        #> awaitable_attrs: ['Alice', 'Bob']
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
