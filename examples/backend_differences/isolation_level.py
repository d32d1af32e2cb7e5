# The isolation level a transaction gets when you choose none, and what it means: one
# connection reads twice while another commits a row in between. (A file database, so
# that the two connections share it; it is deleted at the end.)
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

with tempfile.TemporaryDirectory() as folder:
    engine = create_engine(f"sqlite:///{Path(folder) / 'shared.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE employee (id INTEGER PRIMARY KEY)"))
    engine.echo = True  # from here on, log every SQL statement

    # --8<-- [start:focus]
    with engine.connect() as reader, engine.connect() as writer:
        print(engine.dialect.name, reader.get_isolation_level())
        #> sqlite SERIALIZABLE
        count = text("SELECT count(*) FROM employee")
        first = reader.execute(count).scalar_one()
        writer.execute(text("INSERT INTO employee (id) VALUES (1)"))
        writer.commit()
        second = reader.execute(count).scalar_one()
        print("one transaction, two reads:", first, "then", second)
        #> one transaction, two reads: 0 then 1
    # --8<-- [end:focus]
    engine.dispose()
