# AUTOCOMMIT is no way to avoid writing commit(): each statement is committed as it runs,
# so a failure halfway leaves the first half done. In a transaction, nothing is left.
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER)"))
    conn.execute(text("INSERT INTO account (id, balance) VALUES (1, 100), (2, 0)"))


def transfer(conn) -> None:  # move 50 from account 1 to account 2
    conn.execute(text("UPDATE account SET balance = balance - 50 WHERE id = 1"))
    # a mistake in the second statement (there is no column "idd"): it fails
    conn.execute(text("UPDATE account SET balance = balance + 50 WHERE idd = 2"))


def balances() -> list[int]:
    with engine.connect() as conn:
        query = text("SELECT balance FROM account ORDER BY id")
        return conn.execute(query).scalars().all()


# --8<-- [start:focus]
try:
    with engine.begin() as conn:  # one transaction
        transfer(conn)
except DBAPIError:
    pass
print("in a transaction:", balances())
#> in a transaction: [100, 0]

try:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        transfer(conn)
except DBAPIError:
    pass
print("in AUTOCOMMIT:", balances())
#> in AUTOCOMMIT: [50, 0]
# --8<-- [end:focus]
