# Pitfall: scalar_one() (and one()) demand exactly one row. Fix: scalar_one_or_none() when
# zero rows is normal; when several are, ask for one (LIMIT 1) and take it with first().
from sqlalchemy import create_engine, text
from sqlalchemy.exc import MultipleResultsFound, NoResultFound

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(
        text("CREATE TABLE employee (id INTEGER PRIMARY KEY, name VARCHAR(50))")
    )
    conn.execute(
        text("INSERT INTO employee (id, name) VALUES (1, 'Alice'), (2, 'Bob')")
    )

by_name = text("SELECT id FROM employee WHERE name = :name")
every_id = text("SELECT id FROM employee ORDER BY id")
first_id = text("SELECT id FROM employee ORDER BY id LIMIT 1")
# --8<-- [start:focus]
with engine.connect() as conn:
    try:
        conn.execute(by_name, {"name": "Zoe"}).scalar_one()  # no row
    except NoResultFound as exc:
        print(type(exc).__name__, exc)
        #> NoResultFound No row was found when one was required
    try:
        conn.execute(every_id).scalar_one()  # two rows
    except MultipleResultsFound as exc:
        print(type(exc).__name__, exc)
        #> MultipleResultsFound Multiple rows were found when exactly one was required

    # the fixes
    print(conn.execute(by_name, {"name": "Zoe"}).scalar_one_or_none())
    #> None
    print(conn.execute(first_id).scalars().first())
    #> 1
# --8<-- [end:focus]
