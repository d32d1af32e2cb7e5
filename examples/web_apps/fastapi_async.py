# FastAPI, async: an async dependency with yield gives each request an AsyncSession
# of its own; the lifespan creates the table and disposes of the engine at shutdown.
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# echo_pool="debug" logs each connection leaving and re-entering the pool.
engine = create_async_engine("sqlite+aiosqlite://", echo_pool="debug")
Session = async_sessionmaker(engine)


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    engine.echo = True  # from here on, log every SQL statement
    yield
    await engine.dispose()  # at shutdown, on the app's event loop


app = FastAPI(lifespan=lifespan)


# --8<-- [start:focus]
async def get_session() -> AsyncIterator[AsyncSession]:
    async with Session() as session:  # one AsyncSession per request
        yield session  # closed after the response, by the async with block


SessionDep = Annotated[AsyncSession, Depends(get_session)]


@app.post("/employees")
async def add_employee(name: str, session: SessionDep) -> dict:
    session.add(Employee(name=name))
    same = select(func.count()).where(Employee.name == name)  # autoflush: INSERT
    if await session.scalar(same) > 1:
        raise HTTPException(409, f"{name} exists")  # the block rolls back
    await session.commit()
    return {"added": name}


@app.get("/employees")
async def list_employees(session: SessionDep) -> list[str]:
    names = await session.scalars(select(Employee.name).order_by(Employee.id))
    return list(names)


with TestClient(app) as client:  # a with block: the lifespan runs
    print("--- POST /employees?name=Alice")
    #> --- POST /employees?name=Alice
    response = client.post("/employees?name=Alice")
    print("-->", response.status_code, response.json())
    #> --> 200 {'added': 'Alice'}
    print("--- POST /employees?name=Alice")
    #> --- POST /employees?name=Alice
    response = client.post("/employees?name=Alice")
    print("-->", response.status_code, response.json())
    #> --> 409 {'detail': 'Alice exists'}
    print("--- GET /employees")
    #> --- GET /employees
    response = client.get("/employees")
    print("-->", response.status_code, response.json())
    #> --> 200 ['Alice']
# --8<-- [end:focus]
