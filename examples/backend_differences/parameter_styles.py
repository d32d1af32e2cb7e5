# text() takes :name parameters everywhere; SQLAlchemy rewrites them into the driver's own
# parameter style, which is also the style exec_driver_sql() expects. In the pyformat
# style a literal % is written %%: text() does that for you, a driver string does not.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)

with engine.connect() as conn:
    print(engine.dialect.driver, "uses", engine.dialect.paramstyle)
    #> pysqlite uses qmark
    print(conn.execute(text("SELECT :word"), {"word": "hello"}).scalar_one())
    #> hello
    print(conn.execute(text("SELECT '100%'")).scalar_one())
    #> 100%
    print(conn.exec_driver_sql("SELECT '100%%'").scalar_one())
    #> 100%%
