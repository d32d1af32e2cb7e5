# When does a dependency's exit code run, next to a StreamingResponse's body and a
# background task? An ordered trace, for both scopes of Depends().
import tempfile
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.responses import StreamingResponse
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


tmp = tempfile.TemporaryDirectory()
# A database file: FastAPI runs sync code in worker threads (see the first section)
engine = create_engine(f"sqlite:///{tmp.name}/app.db")
trace: list[str] = []  # what happened, in order; printed at the end
opened: list[Session] = []  # each request's Session, to look at after the response


@event.listens_for(engine, "begin")
def on_begin(conn):
    trace.append("    BEGIN")


@event.listens_for(engine, "rollback")
def on_rollback(conn):
    trace.append("    ROLLBACK")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, record):
    trace.append("    connection back in the pool")


@asynccontextmanager
async def lifespan(app: FastAPI):
    trace.append("--- startup: create_all()")
    Base.metadata.create_all(engine)
    yield
    engine.dispose()


app = FastAPI(lifespan=lifespan)


def use(session: Session, where: str) -> None:
    count = session.scalar(select(func.count()).select_from(Employee))
    trace.append(f"{where}: SELECT count = {count}")


# --8<-- [start:focus]
def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        trace.append("dependency: Session opened")
        opened.append(session)
        yield session
        trace.append("dependency: exit code runs, the Session closes")


RequestScope = Annotated[Session, Depends(get_session)]  # scope="request": default
FunctionScope = Annotated[Session, Depends(get_session, scope="function")]


def stream_employees(session: Session) -> StreamingResponse:
    use(session, "path operation")

    def body() -> Iterator[str]:
        use(session, "streamed body")
        yield "rows\n"

    return StreamingResponse(body())


def count_later(session: Session, tasks: BackgroundTasks) -> str:
    use(session, "path operation")
    tasks.add_task(use, session, "background task")
    return "ok"


def count_in_own_session() -> None:  # the fix: a background task's own Session
    with Session(engine) as session:
        use(session, "background task, own Session")


@app.get("/stream/request")
def stream_request(session: RequestScope) -> StreamingResponse:
    return stream_employees(session)


@app.get("/stream/function")
def stream_function(session: FunctionScope) -> StreamingResponse:
    return stream_employees(session)


@app.get("/background/request")
def background_request(session: RequestScope, tasks: BackgroundTasks) -> str:
    return count_later(session, tasks)


@app.get("/background/function")
def background_function(session: FunctionScope, tasks: BackgroundTasks) -> str:
    return count_later(session, tasks)


@app.get("/background/own-session")
def background_own_session(session: FunctionScope, tasks: BackgroundTasks) -> str:
    use(session, "path operation")
    tasks.add_task(count_in_own_session)
    return "ok"


with TestClient(app) as client:
    for url in [
        "/stream/request",
        "/stream/function",
        "/background/request",
        "/background/function",
        "/background/own-session",
    ]:
        trace.append(f"--- GET {url}")
        trace.append(f"client got: {client.get(url).text!r}")
        session = opened.pop()  # the request's Session, kept by the dependency
        trace.append(
            f"after the response: in a transaction: {session.in_transaction()}, "
            f"connections checked out: {engine.pool.checkedout()}"
        )
        trace.append("the program closes that Session")
        session.close()
for line in trace:
    print(line)
    #> --- startup: create_all()
    #>     BEGIN
    #>     connection back in the pool
    #> --- GET /stream/request
    #> dependency: Session opened
    #>     BEGIN
    #> path operation: SELECT count = 0
    #> streamed body: SELECT count = 0
    #> dependency: exit code runs, the Session closes
    #>     ROLLBACK
    #>     connection back in the pool
    #> client got: 'rows\n'
    #> after the response: in a transaction: False, connections checked out: 0
    #> the program closes that Session
    #> --- GET /stream/function
    #> dependency: Session opened
    #>     BEGIN
    #> path operation: SELECT count = 0
    #> dependency: exit code runs, the Session closes
    #>     ROLLBACK
    #>     connection back in the pool
    #>     BEGIN
    #> streamed body: SELECT count = 0
    #> client got: 'rows\n'
    #> after the response: in a transaction: True, connections checked out: 1
    #> the program closes that Session
    #>     ROLLBACK
    #>     connection back in the pool
    #> --- GET /background/request
    #> dependency: Session opened
    #>     BEGIN
    #> path operation: SELECT count = 0
    #> background task: SELECT count = 0
    #> dependency: exit code runs, the Session closes
    #>     ROLLBACK
    #>     connection back in the pool
    #> client got: '"ok"'
    #> after the response: in a transaction: False, connections checked out: 0
    #> the program closes that Session
    #> --- GET /background/function
    #> dependency: Session opened
    #>     BEGIN
    #> path operation: SELECT count = 0
    #> dependency: exit code runs, the Session closes
    #>     ROLLBACK
    #>     connection back in the pool
    #>     BEGIN
    #> background task: SELECT count = 0
    #> client got: '"ok"'
    #> after the response: in a transaction: True, connections checked out: 1
    #> the program closes that Session
    #>     ROLLBACK
    #>     connection back in the pool
    #> --- GET /background/own-session
    #> dependency: Session opened
    #>     BEGIN
    #> path operation: SELECT count = 0
    #> dependency: exit code runs, the Session closes
    #>     ROLLBACK
    #>     connection back in the pool
    #>     BEGIN
    #> background task, own Session: SELECT count = 0
    #>     ROLLBACK
    #>     connection back in the pool
    #> client got: '"ok"'
    #> after the response: in a transaction: False, connections checked out: 0
    #> the program closes that Session
# --8<-- [end:focus]
tmp.cleanup()
