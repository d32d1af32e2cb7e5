# The guide's Step 1 and model exactly as written, given only an engine: nobody creates
# the employee table, so the first commit fails.
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import declarative_base, sessionmaker

engine = create_engine("sqlite://", echo=True)  # the guide never defines engine

# Create a session factory
Session = sessionmaker(bind=engine)

# Create a session instance
session = Session()

Base = declarative_base()


class Employee(Base):
    __tablename__ = "employee"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))


session.add(Employee(name="Alice"))
try:
    # --8<-- [start:focus]
    session.commit()
    # --8<-- [end:focus]
except DatabaseError as exc:  # OperationalError on SQLite, ProgrammingError elsewhere
    print(type(exc).__name__, str(exc).splitlines()[0])
    #> OperationalError (sqlite3.OperationalError) no such table: employee
session.close()
