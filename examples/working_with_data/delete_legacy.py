# Example 4 as the guide wrote it, completed so it runs. Run a second time, the guide's
# code crashes: .first() returns None and session.delete(None) raises.
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker
from sqlalchemy.orm.exc import UnmappedInstanceError

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
session.add(Employee(name="Alicia"))
session.commit()
engine.echo = True  # from here on, log every SQL statement

# --8<-- [start:focus]
# Delete an employee
employee_to_delete = session.query(Employee).filter_by(name="Alicia").first()
session.delete(employee_to_delete)
session.commit()  # Commit the deletion
# --8<-- [end:focus]
session.close()  # the guide never closes its session

with Session() as other:
    print("rows left:", other.query(Employee).count())
    #> rows left: 0
    # The guide's delete run a second time: no "Alicia" is left.
    try:
        employee_to_delete = other.query(Employee).filter_by(name="Alicia").first()
        other.delete(employee_to_delete)
    except UnmappedInstanceError as exc:
        print("UnmappedInstanceError:", exc)
        #> UnmappedInstanceError: Class 'builtins.NoneType' is not mapped
