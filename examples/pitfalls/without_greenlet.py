# Pitfall: SQLAlchemy 2.1 installed without its "asyncio" extra has no greenlet, and the
# asyncio extension cannot work. This program makes such an environment, a throwaway
# venv holding SQLAlchemy, typing_extensions and aiosqlite but no greenlet, and runs a
# short async program there. The fix: pip install "sqlalchemy[asyncio]".
import shutil
import subprocess
import tempfile
import venv
from pathlib import Path

import aiosqlite
import sqlalchemy
import typing_extensions

ASYNC_PROGRAM = """
import asyncio
from sqlalchemy.ext.asyncio import create_async_engine

async def main():
    async with create_async_engine("sqlite+aiosqlite://").connect():
        pass

asyncio.run(main())
"""

with tempfile.TemporaryDirectory() as folder:
    builder = venv.EnvBuilder(with_pip=False)
    context = builder.ensure_directories(folder)
    builder.create(folder)
    site_packages = subprocess.run(
        [
            context.env_exe,
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    for package in (sqlalchemy, aiosqlite):  # copy the installed packages over
        source = Path(package.__file__).parent
        shutil.copytree(source, Path(site_packages, source.name))
    shutil.copy(typing_extensions.__file__, site_packages)
    # --8<-- [start:focus]
    run = subprocess.run(
        [context.env_exe, "-c", ASYNC_PROGRAM],
        capture_output=True,
        text=True,
        check=False,  # it fails: its error is what this program shows
    )
    print(run.stderr.strip().splitlines()[-1])  # the last line of the traceback
    """
    ImportError: The SQLAlchemy asyncio module requires that the Python 'greenlet' library is installed.  In order to ensure this dependency is available, use the 'sqlalchemy[asyncio]' install target:  'pip install sqlalchemy[asyncio]'
    """
    # --8<-- [end:focus]
