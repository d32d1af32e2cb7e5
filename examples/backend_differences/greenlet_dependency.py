# Does `pip install sqlalchemy` also install greenlet? Ask SQLAlchemy's own package
# metadata: 2.0 requires it on the common platforms, 2.1 only with the "asyncio" extra.
from importlib.metadata import requires, version

greenlet = [r for r in requires("sqlalchemy") if r.startswith("greenlet")]
without_extra = [r for r in greenlet if "extra ==" not in r]
print("SQLAlchemy", version("sqlalchemy").rsplit(".", 1)[0] + ".x")
#> SQLAlchemy 2.1.x
print("pip install sqlalchemy installs greenlet:", bool(without_extra))
#> pip install sqlalchemy installs greenlet: False
print('pip install "sqlalchemy[asyncio]" installs greenlet:', bool(greenlet))
#> pip install "sqlalchemy[asyncio]" installs greenlet: True
