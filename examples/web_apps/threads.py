# One Session per thread: by hand, or with scoped_session, which keeps one per thread
# until remove() closes it. Results are printed by the main thread, in a fixed order.
import tempfile
import threading

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
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
# A database file that every thread's connection opens: with "sqlite://" (in memory)
# each thread would get a connection, and a database, of its own.
engine = create_engine(f"sqlite:///{tmp.name}/app.db")
Base.metadata.create_all(engine)


# --8<-- [start:focus]
def add_employee(name: str, results: dict) -> None:
    with Session(engine) as session:  # this thread's own Session
        session.add(Employee(name=name))
        session.commit()
        results[name] = "committed"


results: dict[str, str] = {}
threads = [
    threading.Thread(target=add_employee, args=(name, results))
    for name in ["Alice", "Bob"]
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("a Session per thread:", sorted(results.items()))
#> a Session per thread: [('Alice', 'committed'), ('Bob', 'committed')]
with Session(engine) as session:
    names = session.scalars(select(Employee.name).order_by(Employee.name))
    print("in the database:", names.all())
    #> in the database: ['Alice', 'Bob']

DbSession = scoped_session(sessionmaker(engine))  # a registry: one Session per thread
in_main = DbSession()
print("main thread, the same Session twice:", DbSession() is in_main)
#> main thread, the same Session twice: True


def use_registry(seen: dict) -> None:
    first = DbSession()
    seen["the same Session twice"] = DbSession() is first
    seen["the main thread's Session"] = first is in_main
    employees = first.scalars(select(Employee)).all()  # held in this Session
    seen["objects in it"] = len(first.identity_map)
    DbSession.remove()  # closes this thread's Session and forgets it
    seen["its objects detached by remove()"] = all(
        inspect(employee).detached for employee in employees
    )
    seen["a new one after remove()"] = DbSession() is not first
    DbSession.remove()


seen: dict[str, object] = {}
worker = threading.Thread(target=use_registry, args=(seen,))
worker.start()
worker.join()
for what, value in seen.items():
    print(f"other thread, {what}: {value}")
    #> other thread, the same Session twice: True
    #> other thread, the main thread's Session: False
    #> other thread, objects in it: 2
    #> other thread, its objects detached by remove(): True
    #> other thread, a new one after remove(): True
DbSession.remove()
# --8<-- [end:focus]
engine.dispose()
tmp.cleanup()
