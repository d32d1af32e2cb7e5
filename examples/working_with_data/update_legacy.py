# Example 3 as the guide wrote it, completed so it runs. Run a second time, the guide's
# code crashes: .first() returns None when no "Alice" is left.
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
session.add(Employee(name="Alice"))
session.commit()
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
# Update an employee's name
employee_to_update = session.query(Employee).filter_by(name="Alice").first()
employee_to_update.name = "Alicia"
session.commit()  # Commit the change
# --8<-- [end:focus]
print("after commit:", employee_to_update.name)  # expired by commit: runs a SELECT
#> after commit: Alicia
session.close()  # the guide never closes its session

with Session() as other:
    print("a new session sees:", other.query(Employee.id, Employee.name).all())
    #> a new session sees: [(1, 'Alicia')]
    # The guide's update run a second time: no "Alice" is left.
    try:
        employee_to_update = other.query(Employee).filter_by(name="Alice").first()
        employee_to_update.name = "Alicia"
    except AttributeError:  # its message differs between Python versions
        print("AttributeError: .first() returned", employee_to_update)
        #> AttributeError: .first() returned None
