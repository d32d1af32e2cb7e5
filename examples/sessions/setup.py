# Step 1 in 2.0 style: a declarative model, the table created, and a Session used as a
# context manager, so that it is closed at the end of the block.
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:focus]
class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # --8<-- [end:focus]

    def __repr__(self) -> str:
        return f"Employee(id={self.id!r}, name={self.name!r})"


# --8<-- [start:focus]
engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)  # CREATE TABLE employee

with Session(engine) as session:
    session.add(Employee(name="Alice"))
    session.commit()
# --8<-- [end:focus]

with Session(engine) as session:
    print(session.scalars(select(Employee)).all())
    #> [Employee(id=1, name='Alice')]
