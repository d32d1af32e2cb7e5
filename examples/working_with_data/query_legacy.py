# Example 2 as the guide wrote it (session.query), completed so it runs: the model, the
# table and two rows to find. Legacy, but it works in 2.1 without a warning.
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

Base = declarative_base()


class Employee(Base):
    __tablename__ = "employee"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

# Create a session factory
Session = sessionmaker(bind=engine)

# Create a session instance
session = Session()
session.add_all([Employee(name="Alice"), Employee(name="Bob")])
session.commit()
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
# Query all employees
employees = session.query(Employee).all()
for employee in employees:
    print(employee.name)
    #> Alice
    #> Bob
# --8<-- [end:focus]

print("first Nobody:", session.query(Employee).filter_by(name="Nobody").first())
#> first Nobody: None
session.close()  # the guide never closes its session
