# mysql+ or mariadb+ in the URL? SQLAlchemy reads the server's version when it first
# connects and finds MariaDB either way; both engines then send INSERT ... RETURNING.
# (Needs a MariaDB server: put yours in the two URLs.)
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


urls = [
    "mysql+pymysql://root@127.0.0.1:3306/test",
    "mariadb+pymysql://root@127.0.0.1:3306/test",
]
for url in urls:
    # --8<-- [start:focus]
    engine = create_engine(url)
    before = engine.dialect.is_mariadb
    Base.metadata.create_all(engine)  # the first connection
    after = engine.dialect.is_mariadb
    print(f"{url.split(':')[0]}: is_mariadb {before} before connecting, {after} after")
    #> mysql+pymysql: is_mariadb False before connecting, True after
    #> mariadb+pymysql: is_mariadb True before connecting, True after
    # --8<-- [end:focus]
    engine.echo = True  # from here on, log every SQL statement
    with Session(engine) as session, session.begin():
        session.add_all([Employee(name="Alice"), Employee(name="Bob")])
    engine.echo = False
    Base.metadata.drop_all(engine)
    engine.dispose()
