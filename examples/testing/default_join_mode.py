# The fixture without join_transaction_mode="create_savepoint": a rollback() in the test
# ends the test's own transaction, and the next commit() is a real COMMIT.
import warnings

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
connection = engine.connect()
transaction = connection.begin()  # the fixture: the test's own transaction
session = Session(bind=connection)  # no join_transaction_mode: the default

session.add(User(name="bob"))  # the test...
session.flush()
session.rollback()  # ...rolls back its own work, and the fixture's transaction
print("fixture's transaction active:", transaction.is_active)
#> fixture's transaction active: False
session.add(User(name="carol"))
session.commit()  # the code under test commits: COMMIT, for good

session.close()  # the fixture's teardown
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    transaction.rollback()
(warning,) = caught
print(f"{warning.category.__name__}: {warning.message}")
#> SAWarning: transaction already deassociated from connection
connection.close()
# --8<-- [end:focus]

with Session(engine) as session:
    print("left for the next test:", session.scalars(select(User.name)).all())
    #> left for the next test: ['carol']
engine.dispose()
