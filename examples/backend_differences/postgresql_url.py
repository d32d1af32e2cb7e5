# Which driver does a plain postgresql:// URL use? SQLAlchemy looks up the URL's default
# dialect without importing the driver, so this runs with no driver installed.
from sqlalchemy.engine import make_url

dialect = make_url("postgresql://user:password@host/dbname").get_dialect()
print("postgresql:// uses the driver", dialect.driver)
#> postgresql:// uses the driver psycopg
