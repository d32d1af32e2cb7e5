from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.connect() as conn:
    # --8<-- [start:focus]
    conn.execute(text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name TEXT)"))
    conn.execute(text("INSERT INTO employee (name) VALUES ('Alice')"))
    print("in a transaction?", conn.in_transaction())
    #> in a transaction? True
    conn.commit()
    # --8<-- [end:focus]
    print("after commit?", conn.in_transaction())
    #> after commit? False
