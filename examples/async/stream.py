# Streaming results: conn.stream() returns an AsyncResult that fetches rows as you iterate
# (a server-side cursor where the driver has one), instead of all rows at once.
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


async def main():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE number (n INTEGER PRIMARY KEY)"))
        await conn.execute(
            text("INSERT INTO number (n) VALUES (:n)"), [{"n": n} for n in range(1, 6)]
        )
    engine.echo = True  # from here on, log every SQL statement
    # --8<-- [start:focus]
    async with engine.connect() as conn:
        result = await conn.stream(text("SELECT n FROM number ORDER BY n"))
        async for row in result:
            print("row", row.n)
            #> row 1
            #> row 2
            #> row 3
            #> row 4
            #> row 5
        squares = await conn.stream_scalars(text("SELECT n * n FROM number ORDER BY n"))
        print("squares:", [square async for square in squares])
        #> squares: [1, 4, 9, 16, 25]
    # --8<-- [end:focus]
    await engine.dispose()


asyncio.run(main())
