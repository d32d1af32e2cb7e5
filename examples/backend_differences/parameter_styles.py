# text() takes :name parameters everywhere; SQLAlchemy rewrites them into the driver's own
# parameter style, which is also the style exec_driver_sql() expects.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.connect() as conn:
    print(engine.dialect.driver, "uses", engine.dialect.paramstyle)
    #> pysqlite uses qmark
    print(conn.execute(text("SELECT :word"), {"word": "hello"}).scalar_one())
    #> hello
