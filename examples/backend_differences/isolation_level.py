# The isolation level a new transaction gets when you do not choose one.
from sqlalchemy import create_engine

engine = create_engine("sqlite://")

with engine.connect() as conn:
    print(engine.dialect.name, conn.get_isolation_level())
    #> sqlite SERIALIZABLE
