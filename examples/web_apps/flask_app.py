# Flask: a scoped_session gives each request (each thread) its Session, and
# teardown_appcontext removes it when the request ends.
import tempfile

from flask import Flask, request
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    scoped_session,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


tmp = tempfile.TemporaryDirectory()
# A database file: a Flask server answers requests in several threads, and
# "sqlite://" (in memory) would give each thread a database of its own.
# echo_pool="debug" logs each connection leaving and re-entering the pool.
engine = create_engine(f"sqlite:///{tmp.name}/app.db", echo_pool="debug")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
db_session = scoped_session(sessionmaker(engine))  # one Session per thread
app = Flask(__name__)


@app.teardown_appcontext
def remove_session(exception: BaseException | None) -> None:
    db_session.remove()  # closes this request's Session: ROLLBACK if uncommitted


@app.post("/employees")
def add_employee():
    name = request.args["name"]
    db_session.add(Employee(name=name))
    same = select(func.count()).where(Employee.name == name)  # autoflush: INSERT
    if db_session.scalar(same) > 1:
        return {"detail": f"{name} exists"}, 409  # no commit: remove() rolls back
    db_session.commit()
    return {"added": name}


@app.get("/employees")
def list_employees() -> list[str]:
    return list(db_session.scalars(select(Employee.name).order_by(Employee.id)))


client = app.test_client()
print("--- POST /employees?name=Alice")
#> --- POST /employees?name=Alice
response = client.post("/employees?name=Alice")
print("-->", response.status_code, response.get_json())
#> --> 200 {'added': 'Alice'}
print("--- POST /employees?name=Alice")
#> --- POST /employees?name=Alice
response = client.post("/employees?name=Alice")
print("-->", response.status_code, response.get_json())
#> --> 409 {'detail': 'Alice exists'}
print("--- GET /employees")
#> --- GET /employees
response = client.get("/employees")
print("-->", response.status_code, response.get_json())
#> --> 200 ['Alice']
# --8<-- [end:focus]
engine.dispose()
tmp.cleanup()
