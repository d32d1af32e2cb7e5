# A worker process (gunicorn, Celery, multiprocessing) forked from a process whose
# engine has pooled connections inherits them. engine.dispose(close=False) in the child
# gives it a pool of its own and leaves the parent's connections alone. The child sends
# back the id the server gave its connection; the parent compares it with its own.
# (Needs a MariaDB server: put yours in the URL.)
import multiprocessing

from sqlalchemy import create_engine, text

engine = create_engine("mariadb+pymysql://root@127.0.0.1:3306/test")
SERVER_ID = text("SELECT CONNECTION_ID()")  # the server thread of this connection


# --8<-- [start:focus]
def worker(dispose: bool, results) -> None:
    if dispose:
        engine.dispose(close=False)  # a new pool; the parent's connections untouched
    with engine.connect() as conn:
        results.send(conn.execute(SERVER_ID).scalar_one())


if __name__ == "__main__":
    with engine.connect() as conn:  # the parent's connection, back in its pool after
        parent_id = conn.execute(SERVER_ID).scalar_one()
    fork = multiprocessing.get_context("fork")
    for dispose in (False, True):
        receiver, sender = fork.Pipe(duplex=False)
        child = fork.Process(target=worker, args=(dispose, sender))
        child.start()
        shared = receiver.recv() == parent_id
        child.join()
        label = f"{'with' if dispose else 'without'} dispose(close=False)"
        print(f"{label}, the child had the parent's connection: {shared}")
        #> without dispose(close=False), the child had the parent's connection: True
        #> with dispose(close=False), the child had the parent's connection: False
    # --8<-- [end:focus]
    engine.dispose()
