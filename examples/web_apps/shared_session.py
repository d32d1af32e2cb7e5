# One Session used by two threads at once: SQLAlchemy refuses the second while the
# first is getting its connection. Events make the timing the same on every run.
import tempfile
import threading

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

tmp = tempfile.TemporaryDirectory()
# A database file that every thread's connection opens (not one per thread in memory)
engine = create_engine(f"sqlite:///{tmp.name}/app.db")
checking_out = threading.Event()  # the first thread is getting its connection
go_on = threading.Event()  # the main thread has tried the Session meanwhile


@event.listens_for(engine, "checkout")
def hold_the_first_checkout(dbapi_connection, record, proxy):
    if threading.current_thread().name == "first":
        checking_out.set()
        go_on.wait(timeout=10)


# --8<-- [start:focus]
session = Session(engine)  # one Session, shared: the mistake
results = {}


def first_thread():
    results["first thread"] = session.scalar(select(1))


thread = threading.Thread(target=first_thread, name="first")
thread.start()
checking_out.wait(timeout=10)  # the first thread is inside session.scalar() now
try:
    session.scalar(select(2))
except InvalidRequestError as exc:
    results["main thread"] = f"{type(exc).__name__}: {exc}"
go_on.set()
thread.join()
print("main thread:", results["main thread"])
"""
main thread:
InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
"""
print("first thread:", results["first thread"])
#> first thread: 1
session.close()
# --8<-- [end:focus]
engine.dispose()
tmp.cleanup()
