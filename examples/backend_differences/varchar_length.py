# A String column without a length: fine on SQLite and PostgreSQL; for MySQL and MariaDB,
# whose VARCHAR needs one, SQLAlchemy refuses to compile the CREATE TABLE at all. (The
# other examples write String(50) for this reason.)
from sqlalchemy import create_engine
from sqlalchemy.exc import CompileError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]  # no length: VARCHAR


engine = create_engine("sqlite://", echo=True)  # log every SQL statement
try:
    Base.metadata.create_all(engine)
    print("table created")
    #> table created
except CompileError as exc:
    print(type(exc).__name__, exc)
