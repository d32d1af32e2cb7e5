# An AsyncConnection from engine.connect(): the same commit-as-you-go transaction as a
# Connection, with each call that talks to the database awaited.
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


async def main():
    # --8<-- [start:focus]
    engine = create_async_engine("sqlite+aiosqlite://", echo=True)
    async with engine.connect() as conn:
        await conn.execute(
            text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
        )
        await conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
        await conn.commit()
        await conn.execute(text("INSERT INTO employee (id, name) VALUES (2, 'Bob')"))
        await conn.rollback()
        result = await conn.execute(text("SELECT name FROM employee"))
        print("names:", result.scalars().all())
        #> names: ['Alice']
    await engine.dispose()
    # --8<-- [end:focus]


asyncio.run(main())
