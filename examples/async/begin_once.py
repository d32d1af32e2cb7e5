# An AsyncConnection from engine.begin(): one transaction, committed when the block ends,
# rolled back if an exception leaves it.
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


async def main():
    engine = create_async_engine("sqlite+aiosqlite://", echo=True)
    async with engine.begin() as conn:
        await conn.execute(
            text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
        )
    # --8<-- [start:focus]
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO employee (id, name) VALUES (1, 'Alice')"))
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text("INSERT INTO employee (id, name) VALUES (2, 'Bob')")
            )
            raise RuntimeError("something failed after the INSERT")
    except RuntimeError as exc:
        print("raised:", exc)
        #> raised: something failed after the INSERT
    async with engine.connect() as conn:
        names = await conn.scalars(text("SELECT name FROM employee"))
        print("names:", names.all())
        #> names: ['Alice']
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
