"""The project's configuration: its folders, and the [tool.session-docs] table of
pyproject.toml (the verification matrix, the benchmark, the Run buttons).

Hooks, tests and commands all read it here, so the site's "Verified on" badges, the test
matrix and the commands cannot disagree.
"""

from __future__ import annotations

import ast
import functools
import os
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path

# The project that hooks, tests and commands act on: this checkout, or a scratch copy of
# it that a test breaks on purpose and builds (docsite.site.mkdocs_build sets the variable).
ROOT = Path(
    os.environ.get("SESSION_DOCS_ROOT") or Path(__file__).resolve().parent.parent
).resolve()

# The layout, fixed by convention (mkdocs.yml's docs_dir must agree: the build checks it).
DOCS_DIR = ROOT / "docs"  # the pages
EXAMPLES_DIR = ROOT / "examples"  # examples/<page>/<name>.py, included by the pages
NOTEBOOKS_DIR = EXAMPLES_DIR / "notebooks"  # jupytext percent files, one page each
OUTPUT_SUFFIX = ".out"  # examples/<page>/<name>.out: what <name>.py printed
# Each term defined once, shown as a tooltip on the other pages (docsite/glossary.py).
GLOSSARY = DOCS_DIR / "glossary.md"

with open(ROOT / "pyproject.toml", "rb") as _f:
    _CONFIG = tomllib.load(_f)["tool"]["session-docs"]

BROWSERS = {name: Path(path) for name, path in _CONFIG["browsers"].items()}


@dataclass(frozen=True)
class Backend:
    name: str  # as in `--backend postgresql` and in recorded-output file names
    label: str  # as on the pages
    url: str  # where the examples' create_engine("sqlite://") is pointed
    # The asyncio driver that create_async_engine("sqlite+aiosqlite://") is pointed at:
    # the same server, database and user as `url`.
    async_driver: str = ""

    @property
    def dialect(self) -> str:
        return self.url.split(":", 1)[0].split("+", 1)[0]

    def async_url(self, url: str | None = None) -> str:
        """`url` (default: the backend's) with the asyncio driver in place of its own:
        "mariadb+pymysql://root@host/test" -> "mariadb+aiomysql://root@host/test"."""
        url = url or self.url
        dialect, rest = url.split(":", 1)
        return f"{dialect.split('+', 1)[0]}+{self.async_driver}:{rest}"

    def env_var(self) -> str:
        return f"SESSION_DOCS_{self.name.upper()}_URL"


@dataclass(frozen=True)
class SQLAlchemyLine:
    version: str  # "2.0.58"
    lock: Path  # the lock file that pins it

    @property
    def name(self) -> str:  # "2.0"
        return ".".join(self.version.split(".")[:2])


def _backend(name: str, table: dict[str, str]) -> Backend:
    # Another machine's servers (CI service containers, say) without editing pyproject.
    env_var = Backend(name, "", "").env_var()
    return Backend(
        name,
        table["label"],
        os.environ.get(env_var, table["url"]),
        table["async-driver"],
    )


BACKENDS: dict[str, Backend] = {
    name: _backend(name, table) for name, table in _CONFIG["backends"].items()
}
DEFAULT_BACKEND = next(iter(BACKENDS.values()))  # what `make test` and the pages use
SQLALCHEMY_LINES = [
    SQLAlchemyLine(line["version"], ROOT / line["lock"])
    for line in _CONFIG["sqlalchemy"]
]
LOCKED_LINE = SQLALCHEMY_LINES[0]  # what the pages show


@dataclass(frozen=True)
class Benchmark:
    program: Path  # readers run it; its output is timings, so nothing is recorded
    results: Path  # what the Performance page's chart and table are built from
    backends: list[Backend]
    rows: int
    rounds: int  # timed rounds; each runs every layer of a group once


BENCHMARK = Benchmark(
    ROOT / _CONFIG["benchmark"]["program"],
    ROOT / _CONFIG["benchmark"]["results"],
    [BACKENDS[name] for name in _CONFIG["benchmark"]["backends"]],
    _CONFIG["benchmark"]["rows"],
    _CONFIG["benchmark"]["rounds"],
)
_ONLY_ON = {ROOT / path: names for path, names in _CONFIG.get("only-on", {}).items()}
# A program a reader runs with a tool rather than `python x.py` (a pytest module): the
# command before the file name, `python -m <module> <options>` ([run-with]).
_RUN_WITH = {
    ROOT / path: shlex.split(command)
    for path, command in _CONFIG.get("run-with", {}).items()
}


def declared_programs() -> list[Path]:
    """Every program pyproject.toml names ([only-on], [run-with], [not-runnable])."""
    return sorted({*_ONLY_ON, *_RUN_WITH, *BROWSER_RUN.not_runnable})


def run_with(program: Path) -> list[str]:
    """["-m", "pytest", ...] for a program run with a tool; [] for `python x.py`."""
    command = _RUN_WITH.get(program.resolve())
    return ["-m", *command] if command else []


@dataclass(frozen=True)
class BrowserRun:
    """What the Run buttons load (see [tool.session-docs.browser-run])."""

    pyodide: str  # the npm package's version
    pyodide_integrity: str  # npm's "sha512-<base64>" of its tarball
    packages: list[str]  # versions and hashes come from the locked line's lock file
    drop_from_packages: list[str]  # regular expressions over paths in the wheels
    drop_from_stdlib: list[str]  # ... and over paths in Pyodide's python_stdlib.zip
    not_runnable: dict[Path, str]  # example -> why it has no Run button


_BROWSER_RUN = _CONFIG["browser-run"]
BROWSER_RUN = BrowserRun(
    _BROWSER_RUN["pyodide"],
    _BROWSER_RUN["pyodide-integrity"],
    _BROWSER_RUN["packages"],
    _BROWSER_RUN["drop-from-packages"],
    _BROWSER_RUN["drop-from-stdlib"],
    {ROOT / path: why for path, why in _BROWSER_RUN["not-runnable"].items()},
)


@dataclass(frozen=True)
class Reference:
    """How code spans in prose become links into SQLAlchemy's reference
    ([tool.session-docs.reference]; docsite/reference.py, docsite/reference_links.py).
    """

    inventories: (
        Path  # the committed objects.inv of each line: sqlalchemy-<version>.inv
    )
    tools_lock: Path  # the Sphinx tooling `make inventory` builds them with
    tools: list[str]  # its requirements, resolved into tools_lock by `make lock`
    # An instance name the pages use -> the classes it may be, tried in order:
    # "engine" -> ["Engine", "AsyncEngine"].
    receivers: dict[str, list[str]]
    prefer: dict[str, str]  # short name -> the full name meant, where several exist
    methods_of: list[str]  # classes a method named alone ("commit()") is looked up on
    params_of: list[str]  # owners a parameter named alone is looked up on, in order
    unlinked: dict[str, str]  # code span -> why it is deliberately not a link
    only_in_locked_line: dict[str, str]  # linked name -> why 2.0's reference lacks it


_REFERENCE = _CONFIG["reference"]
REFERENCE = Reference(
    ROOT / _REFERENCE["inventories"],
    ROOT / _REFERENCE["tools-lock"],
    _REFERENCE["tools"],
    _REFERENCE["receivers"],
    _REFERENCE["prefer"],
    _REFERENCE["methods-of"],
    _REFERENCE["params-of"],
    _REFERENCE["unlinked"],
    _REFERENCE["only-in-locked-line"],
)


def backends_for(program: Path) -> list[Backend]:
    """The backends an example is verified on: all, unless [only-on] narrows it. The
    benchmark is smoke-tested on the backends it measures."""
    if program.resolve() == BENCHMARK.program:
        return BENCHMARK.backends
    names = _ONLY_ON.get(program.resolve(), list(BACKENDS))
    return [BACKENDS[name] for name in names]


# What a program imports that the browser's Python (Pyodide) cannot run, and why: read
# from the program itself, so that no program needs an entry in pyproject.toml.
NOT_IN_BROWSER_IMPORTS = {
    "sqlalchemy.ext.asyncio": (
        "it uses SQLAlchemy's asyncio extension, which needs greenlet (and its SQLite "
        "driver, aiosqlite, a thread); the browser's Python has neither; run it locally"
    ),
    "subprocess": "it starts another Python process, which a browser tab cannot; "
    "run it locally",
    "venv": "it creates a virtual environment, which a browser tab cannot; "
    "run it locally",
    "threading": "it starts threads, which the browser's Python cannot; run it locally",
    "concurrent.futures": "it starts threads, which the browser's Python cannot; "
    "run it locally",
    "multiprocessing": "it starts another process, which a browser tab cannot; "
    "run it locally",
    "fastapi": "it runs a FastAPI application, whose test client needs threads the "
    "browser's Python lacks; run it locally",
    "flask": "it runs a Flask application, which the browser's copy of Python does not "
    "install; run it locally",
    "pytest": "it is a test module that pytest runs, which the browser's copy of Python "
    "does not install; run it locally",
}


def imported_modules(program: Path) -> set[str]:
    """Every module the program imports (`import a.b`, `from a.b import c`: "a.b")."""
    return _imported_modules(program.resolve(), program.stat().st_mtime_ns)


@functools.cache
def _imported_modules(program: Path, _mtime: int) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(program.read_text(), str(program))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def why_not_in_browser(program: Path) -> str | None:
    """None if the program gets a Run button, else what the page says instead. The
    browser has SQLite alone (Python's sqlite3, inside Pyodide), and no greenlet, threads
    or processes: a program importing what needs them is told apart by its imports."""
    if (why := BROWSER_RUN.not_runnable.get(program.resolve())) is not None:
        return why
    backends = backends_for(program)
    if DEFAULT_BACKEND not in backends:
        return "it runs on " + " and ".join(b.label for b in backends) + " only"
    imported = imported_modules(program)
    for module, why in NOT_IN_BROWSER_IMPORTS.items():
        if any(m == module or m.startswith(module + ".") for m in imported):
            return why
    return None


def installed_line() -> SQLAlchemyLine:
    """The matrix line of the SQLAlchemy installed here (each line has its own venv)."""
    from importlib.metadata import version

    installed = version("sqlalchemy")
    for line in SQLALCHEMY_LINES:
        if line.version == installed:
            return line
    raise RuntimeError(
        f"SQLAlchemy {installed} is installed, but pyproject.toml's matrix declares "
        + ", ".join(line.version for line in SQLALCHEMY_LINES)
        + "; recreate the venv (make clean test)"
    )


def rel(path: Path) -> str:
    """A path as contributors type it: relative to the project root."""
    return path.relative_to(ROOT).as_posix()


def check_layout(project: Path, docs_dir: Path) -> None:
    """The build hooks act on ROOT: MkDocs must be building that project, from DOCS_DIR.
    ValueError saying what disagrees."""
    if project.resolve() != ROOT:
        raise ValueError(
            f"MkDocs builds {project}, but docsite acts on {ROOT}: set "
            f"SESSION_DOCS_ROOT={project} (docsite.site.mkdocs_build does)"
        )
    if docs_dir.resolve() != DOCS_DIR:
        raise ValueError(
            f"mkdocs.yml's docs_dir is {docs_dir}; docsite expects {DOCS_DIR}"
        )
