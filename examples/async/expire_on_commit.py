# expire_on_commit: after commit() the default expires every loaded object, and reading
# an attribute again needs an await; expire_on_commit=False keeps the values instead,
# as they were at commit, even if the row changes later.
import asyncio

from sqlalchemy import String, text
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
    Session = async_sessionmaker(engine)  # expire_on_commit=True, the default
    async with Session() as session:
        alice = Employee(name="Alice")
        session.add(alice)
        await session.commit()
        await session.refresh(alice)  # a SELECT, awaited, before alice.name is read
        print("refreshed:", alice.name)
        #> refreshed: Alice

    KeepValues = async_sessionmaker(engine, expire_on_commit=False)
    async with KeepValues() as session:
        bob = Employee(name="Bob")
        session.add(bob)
        await session.commit()
        print("kept:", bob.name)  # no SELECT
        #> kept: Bob
        async with engine.begin() as conn:  # meanwhile, someone renames Bob
            await conn.execute(text("UPDATE employee SET name = 'Robert' WHERE id = 2"))
        print("still kept:", bob.name)  # not the row's name any more
        #> still kept: Bob
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
