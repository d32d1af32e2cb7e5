# A one-off report: read-only SQL, rows out. A Connection and text() (or Core select());
# nothing to commit, and the transaction the SELECT began rolls back harmlessly at the end.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")
with engine.begin() as conn:  # set-up: some data to report on
    conn.execute(text("CREATE TABLE sale (region VARCHAR(20), amount INTEGER)"))
    conn.execute(
        text("INSERT INTO sale VALUES ('north', 120), ('south', 80), ('north', 30)")
    )
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
report = text(
    "SELECT region, sum(amount) AS total FROM sale "
    "WHERE amount >= :minimum GROUP BY region ORDER BY region"
)
with engine.connect() as conn:
    for row in conn.execute(report, {"minimum": 50}):
        print(f"{row.region:<6} {row.total:>5}")
        #> north    120
        #> south     80
# --8<-- [end:focus]
