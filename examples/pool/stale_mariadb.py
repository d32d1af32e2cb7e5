# A pooled connection that the server has ended (a restart, a failover, an idle
# timeout, an administrator): without pool_pre_ping its next use fails; with it, the
# pool tests the connection when it is checked out and replaces it.
# (Needs a MariaDB server: put yours in the URL.)
from sqlalchemy import create_engine, exc, text

URL = "mariadb+pymysql://root@127.0.0.1:3306/test"
admin = create_engine(URL)  # a second connection, as an administrator's would be


def end_pooled_connection(engine) -> None:
    """Use a connection and give it back to the pool; then the server ends it."""
    with engine.connect() as conn:
        thread_id = conn.execute(text("SELECT CONNECTION_ID()")).scalar_one()
    with admin.connect() as conn:
        conn.execute(text(f"KILL {thread_id}"))


# --8<-- [start:focus]
engine = create_engine(URL)
end_pooled_connection(engine)
try:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
except exc.DBAPIError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    """
    OperationalError: (pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query')
    """
    print("seen as a disconnect:", error.connection_invalidated)
    #> seen as a disconnect: True
with engine.connect() as conn:  # the pool discarded it: a new connection
    print("the next checkout: SELECT 1 returns", conn.scalar(text("SELECT 1")))
    #> the next checkout: SELECT 1 returns 1

pinging = create_engine(URL, pool_pre_ping=True, echo_pool="debug")
end_pooled_connection(pinging)
with pinging.connect() as conn:
    print("with pool_pre_ping: SELECT 1 returns", conn.scalar(text("SELECT 1")))
    #> with pool_pre_ping: SELECT 1 returns 1
# --8<-- [end:focus]

for each in (engine, pinging, admin):
    each.dispose()
