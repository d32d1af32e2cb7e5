# Does `pip install sqlalchemy` also install greenlet? Ask SQLAlchemy's own package
# metadata: 2.0 requires it on the machine types its marker names, 2.1 only with the
# "asyncio" extra.
import re
from importlib.metadata import requires, version

greenlet = [r for r in requires("sqlalchemy") if r.startswith("greenlet")]
machines = set()  # the platform_machine values of requirements that need no extra
for requirement in greenlet:
    if "extra ==" not in requirement:
        machines.update(re.findall(r'platform_machine == "(\w+)"', requirement))
machines = ", ".join(sorted(machines)) or "no machine"
print("SQLAlchemy", version("sqlalchemy").rsplit(".", 1)[0] + ".x")
#> SQLAlchemy 2.1.x
# --8<-- [start:focus]
print("pip install sqlalchemy installs greenlet on:", machines)
#> pip install sqlalchemy installs greenlet on: no machine
print('pip install "sqlalchemy[asyncio]" installs greenlet:', bool(greenlet))
#> pip install "sqlalchemy[asyncio]" installs greenlet: True
# --8<-- [end:focus]
