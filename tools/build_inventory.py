"""Build SQLAlchemy's Sphinx inventories (objects.inv) from its own documentation sources.

    python tools/build_inventory.py          # make inventory: every SQLAlchemy line
    python tools/build_inventory.py 2.0.58   # one line only

For each SQLAlchemy line pyproject.toml declares, fetch the sdist of exactly the locked
version from PyPI, check it against the sha256 hashes its lock file pins, run Sphinx
over its doc/build/ in a tooling venv made from its own lock
([tool.session-docs.reference] tools-lock, .venv-inventory), and write the inventory to
docsite/inventories/sqlalchemy-<version>.inv, which is committed: the site build needs
neither the network nor Sphinx. tests/test_reference.py checks what it wrote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

from docsite.config import REFERENCE, ROOT, SQLALCHEMY_LINES, SQLAlchemyLine, rel
from docsite.reference import inventory, inventory_path
from docsite.sources import lock_pins

PYPI_SIMPLE = "https://pypi.org/simple/sqlalchemy/"
CACHE = ROOT / ".cache" / "inventory"
TOOLS_VENV = ROOT / ".venv-inventory"


def sdist(line: SQLAlchemyLine) -> Path:
    """The line's sdist, from .cache/inventory/ or PyPI, checked against its lock."""
    pin = lock_pins(line.lock)["sqlalchemy"]
    if pin.version != line.version:
        sys.exit(
            f"{rel(line.lock)} pins sqlalchemy=={pin.version}, pyproject.toml declares "
            f"{line.version}; run `make lock`"
        )
    name = f"sqlalchemy-{line.version}.tar.gz"
    path = CACHE / name
    if not path.is_file():
        request = urllib.request.Request(
            PYPI_SIMPLE, headers={"Accept": "application/vnd.pypi.simple.v1+json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            files = json.load(response)["files"]
        url = next((f["url"] for f in files if f["filename"] == name), None)
        if url is None:
            sys.exit(f"PyPI lists no {name}")
        print(f"fetching {url}")
        with urllib.request.urlopen(url, timeout=300) as response:
            data = response.read()
        CACHE.mkdir(parents=True, exist_ok=True)
        path.with_suffix(".part").write_bytes(data)
        path.with_suffix(".part").replace(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest not in pin.hashes:
        sys.exit(
            f"{rel(path)}: sha256 {digest} is not one of the hashes {rel(line.lock)} pins "
            f"for sqlalchemy=={line.version} (delete the file to fetch it again)"
        )
    return path


def tools_venv() -> Path:
    """.venv-inventory, made from the tools lock (again whenever the lock changes)."""
    lock = REFERENCE.tools_lock
    stamp = (
        TOOLS_VENV / f".installed-{hashlib.sha256(lock.read_bytes()).hexdigest()[:12]}"
    )
    if not stamp.is_file():
        print(f"creating {rel(TOOLS_VENV)} from {rel(lock)}")
        shutil.rmtree(TOOLS_VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", TOOLS_VENV], check=True)
        subprocess.run(
            [TOOLS_VENV / "bin/python", "-m", "pip", "install", "-qq",
             "--disable-pip-version-check", "--require-hashes", "--no-deps", "-r", lock],
            check=True,
        )  # fmt: skip
        stamp.touch()
    return TOOLS_VENV


def build(line: SQLAlchemyLine, venv: Path) -> float:
    """Sphinx over the sdist's doc/build/; the seconds it took."""
    top = f"sqlalchemy-{line.version}"
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(sdist(line)) as archive:
            # All of it: conf.py imports lib/ and, for their pages, examples/.
            archive.extractall(scratch, filter="data")
        source = Path(scratch) / top
        # conf.py puts the sdist's lib/ first on sys.path: autodoc imports this very
        # release, whatever else the venv holds. Check that it is the locked one.
        version_line = next(
            line_
            for line_ in (source / "lib/sqlalchemy/__init__.py")
            .read_text()
            .splitlines()
            if line_.startswith("__version__")
        )
        if f'"{line.version}"' not in version_line:
            sys.exit(
                f"{top}.tar.gz holds SQLAlchemy {version_line}, not {line.version}"
            )
        zzzeeksphinx = lock_pins(REFERENCE.tools_lock)["zzzeeksphinx"].version
        command = [
            venv / "bin/sphinx-build", "-b", "html", "-q",
            # The inventory's "Version:" line names the release (conf.py's `version`
            # is "2.1"): the tests compare it with the lock.
            "-D", f"version={line.version}",
            # conf.py asks for zzzeeksphinx 1.6.4, which is not on PyPI; the newest
            # release there is what the tools lock pins.
            "-D", f"needs_extensions.zzzeeksphinx={zzzeeksphinx}",
            source / "doc/build", Path(scratch) / "html",
        ]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        target = inventory_path(line)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(scratch) / "html/objects.inv", target)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "versions", nargs="*", help="only these SQLAlchemy lines (default: all)"
    )
    versions = parser.parse_args().versions
    unknown = set(versions) - {line.version for line in SQLALCHEMY_LINES}
    if unknown:
        sys.exit(f"pyproject.toml declares no SQLAlchemy line {', '.join(unknown)}")
    venv = tools_venv()
    for line in SQLALCHEMY_LINES:
        if versions and line.version not in versions:
            continue
        print(f"building SQLAlchemy {line.version}'s inventory (Sphinx, a few minutes)")
        seconds = build(line, venv)
        written = inventory(line)  # raises if it is not this line's
        print(
            f"wrote {written.where}: {len(written.entries)} Python entries, "
            f"Sphinx took {seconds:.0f} s"
        )
    kept = {inventory_path(line) for line in SQLALCHEMY_LINES}
    for old in REFERENCE.inventories.glob("sqlalchemy-*.inv"):
        if old not in kept:
            old.unlink()
            print(f"removed {rel(old)}: no SQLAlchemy line declares it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
