# Does `pip install sqlalchemy` also install greenlet? Ask SQLAlchemy's own package
# metadata: 2.0 requires it on the machine types its marker names, 2.1 only with the
# "asyncio" extra. And does synchronous code need it?
import re
import sys
from importlib.metadata import requires, version

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

greenlet = [r for r in requires("sqlalchemy") if r.startswith("greenlet")]
machines = set()  # the platform_machine values of requirements that need no extra
for requirement in greenlet:
    if "extra ==" not in requirement:
        machines.update(re.findall(r'platform_machine == "(\w+)"', requirement))
machines = ", ".join(sorted(machines)) or "no machine"
print("SQLAlchemy", version("sqlalchemy").rsplit(".", 1)[0] + ".x")
#> SQLAlchemy 2.1.x
print("pip install sqlalchemy installs greenlet on:", machines)
#> pip install sqlalchemy installs greenlet on: no machine
print('pip install "sqlalchemy[asyncio]" installs greenlet:', bool(greenlet))
#> pip install "sqlalchemy[asyncio]" installs greenlet: True

# --8<-- [start:focus]
with Session(create_engine("sqlite://")) as session:
    print(session.execute(text("SELECT 'a Session ran'")).scalar_one())
    #> a Session ran
print("greenlet imported:", "greenlet" in sys.modules)
#> greenlet imported: False
# --8<-- [end:focus]
