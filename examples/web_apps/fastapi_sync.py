# FastAPI, sync: a dependency with yield gives each request a Session of its own and
# closes it when the request is done. The log shows each request's transaction.
import tempfile
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


tmp = tempfile.TemporaryDirectory()
# A database file: FastAPI runs sync code in worker threads, and "sqlite://" (in
# memory) would give each thread a database of its own.
# echo_pool="debug" logs each connection leaving and re-entering the pool.
engine = create_engine(f"sqlite:///{tmp.name}/app.db", echo_pool="debug")


@asynccontextmanager
async def lifespan(app: FastAPI):
    Base.metadata.create_all(engine)
    engine.echo = True  # from here on, log every SQL statement
    yield
    engine.dispose()  # at shutdown: close the pool's connections


app = FastAPI(lifespan=lifespan)


# --8<-- [start:focus]
def get_session() -> Iterator[Session]:
    with Session(engine) as session:  # one Session per request
        yield session  # closed after the response, by the with block


SessionDep = Annotated[Session, Depends(get_session)]


@app.post("/employees")
def add_employee(name: str, session: SessionDep) -> dict:
    session.add(Employee(name=name))
    same = select(func.count()).where(Employee.name == name)  # autoflush: INSERT
    if session.scalar(same) > 1:
        raise HTTPException(409, f"{name} exists")  # the with block rolls back
    session.commit()
    return {"added": name}


@app.get("/employees")
def list_employees(session: SessionDep) -> list[str]:
    return list(session.scalars(select(Employee.name).order_by(Employee.id)))


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
tmp.cleanup()
