# AsyncSession from an async_sessionmaker: the Session's unit of work, with every call
# that may send SQL awaited; add() only records the object, so it is not awaited.
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
    engine.echo = True  # from here on, log every SQL statement
    # --8<-- [start:focus]
    Session = async_sessionmaker(engine)

    async with Session.begin() as session:  # commits when the block ends
        session.add_all([Employee(name="Alice"), Employee(name="Bob")])

    async with Session() as session:  # commit as you go
        bob = await session.scalar(select(Employee).where(Employee.name == "Bob"))
        bob.name = "Robert"
        await session.commit()
        names = await session.scalars(select(Employee.name).order_by(Employee.id))
        print("names:", names.all())
        #> names: ['Alice', 'Robert']
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
