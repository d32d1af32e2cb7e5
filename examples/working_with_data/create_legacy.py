# Example 1 as the guide wrote it (declarative_base, Column, sessionmaker), completed so
# it runs: an engine, the table, and a session that is closed at the end.
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

engine = create_engine("sqlite://")

# Define the Employee class (ORM model)
Base = declarative_base()


class Employee(Base):
    __tablename__ = "employee"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))


Base.metadata.create_all(engine)  # the guide never creates the table
engine.echo = True  # from here on, log every SQL statement

# Create a session factory
Session = sessionmaker(bind=engine)

# Create a session instance
session = Session()

# --8<-- [start:focus]
# Add a new employee
new_employee = Employee(name="Alice")
session.add(new_employee)
print("added, id is still", new_employee.id)
#> added, id is still None
session.commit()  # Save to the database
# --8<-- [end:focus]
session.close()  # the guide never closes its session

with Session() as other:
    print("a new session sees:", other.query(Employee.id, Employee.name).all())
    #> a new session sees: [(1, 'Alice')]
