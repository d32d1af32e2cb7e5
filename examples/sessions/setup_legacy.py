# Step 1 as the guide wrote it (declarative_base, Column, sessionmaker), completed: an
# engine, the table created, and the session closed at the end.
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

# --8<-- [start:focus]
engine = create_engine("sqlite://", echo=True)  # the guide never defines engine
# --8<-- [end:focus]

Base = declarative_base()


class Employee(Base):
    __tablename__ = "employee"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))

    def __repr__(self) -> str:
        return f"Employee(id={self.id!r}, name={self.name!r})"


# --8<-- [start:focus]
Base.metadata.create_all(engine)  # the guide never creates the table
# --8<-- [end:focus]

# Create a session factory
Session = sessionmaker(bind=engine)

# Create a session instance
session = Session()

session.add(Employee(name="Alice"))
session.commit()
print(session.query(Employee).all())
#> [Employee(id=1, name='Alice')]
print("still in a transaction:", session.in_transaction())
#> still in a transaction: True
# --8<-- [start:focus]
session.close()  # the guide never closes its session
# --8<-- [end:focus]
