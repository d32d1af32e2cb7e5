# The fixture on SQLite without SQLAlchemy's recipe: Python's sqlite3 sends no BEGIN for
# the test's transaction, so the SAVEPOINT is a transaction of its own, and the code's
# commit() (RELEASE SAVEPOINT) commits the row for good.
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


engine = create_engine("sqlite://")  # no recipe
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement


def run_test(test) -> None:
    """The fixture of test_rollback.py around one test."""
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(
        bind=connection,
        join_transaction_mode="create_savepoint",
    )
    test(session)
    session.close()
    transaction.rollback()
    connection.close()


def test_code_that_commits(session: Session) -> None:
    session.add(User(name="alice"))
    session.commit()


def test_the_next_test_starts_empty(session: Session) -> None:
    print("the next test sees:", session.scalars(select(User.name)).all())
    #> the next test sees: ['alice']


# --8<-- [start:focus]
run_test(test_code_that_commits)
run_test(test_the_next_test_starts_empty)
# --8<-- [end:focus]
engine.dispose()
