# run_sync(): call a synchronous-only API, such as MetaData.create_all() or inspect(),
# with the sync Connection behind the AsyncConnection (AsyncSession has one too).
import asyncio

from sqlalchemy import String, inspect
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:focus]
def column_names(sync_conn):  # a plain function: it gets a sync Connection
    return [column["name"] for column in inspect(sync_conn).get_columns("employee")]


async def main():
    engine = create_async_engine("sqlite+aiosqlite://", echo=True)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
        print("columns:", await conn.run_sync(column_names))
        #> columns: ['id', 'name']
    await engine.dispose()
    # --8<-- [end:focus]


asyncio.run(main())
