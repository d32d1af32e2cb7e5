"""Everything the tests know about the project: where things are, how pages embed examples,
how an example is run as a reader runs it, and how its output is normalised and compared.

Paths come from the [tool.session-docs] table of pyproject.toml, the one place that declares
them; the build hooks (hooks/*.py) read the same table.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
with open(ROOT / "pyproject.toml", "rb") as _f:
    _CONFIG = tomllib.load(_f)["tool"]["session-docs"]

DOCS_DIR = ROOT / _CONFIG["docs-dir"]
EXAMPLES_DIR = ROOT / _CONFIG["examples-dir"]
NOTEBOOKS_DIR = ROOT / _CONFIG["notebooks-dir"]
OUTPUT_SUFFIX = _CONFIG["output-suffix"]
UPDATE_COMMAND = "make update-outputs"


def locked_version(package: str) -> str:
    """The version requirements.lock pins for a package."""
    lock = (ROOT / "requirements.lock").read_text()
    return re.search(rf"^{re.escape(package)}==([^\s;]+)", lock, re.MULTILINE)[1]


def rel(path: Path) -> str:
    """A path as contributors type it: relative to the project root."""
    return path.relative_to(ROOT).as_posix()


# --- Which page shows which example ---------------------------------------------------

INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<path>[^"]+)"[ \t]*$', re.MULTILINE)
FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})[ \t]*\{?\.?(?P<lang>[\w-]*)"
)
PYTHON_LANGS = {"py", "python", "python3", "pycon", "py3"}


@dataclass(frozen=True)
class Include:
    page: Path
    line: int
    target: str  # as written: "examples/x.py" or "examples/x.py:section"

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"

    @property
    def path(self) -> Path:
        return ROOT / self.target.split(":", 1)[0]


def pages() -> list[Path]:
    return sorted(DOCS_DIR.rglob("*.md"))


def includes(page: Path) -> list[Include]:
    text = page.read_text()
    return [
        Include(page, text.count("\n", 0, m.start()) + 1, m["path"])
        for m in INCLUDE.finditer(text)
    ]


@dataclass(frozen=True)
class InlineBlock:
    page: Path
    line: int
    lang: str

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"


def inline_python_blocks(page: Path) -> list[InlineBlock]:
    """Python fences whose body is anything but include lines: code typed into a page."""
    found, lines, i = [], page.read_text().splitlines(), 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        start, close = i, m["indent"] + m["ticks"]
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith(close):
            body.append(lines[i])
            i += 1
        i += 1
        typed = [b for b in body if b.strip() and not INCLUDE.match(b)]
        if m["lang"].lower() in PYTHON_LANGS and typed:
            found.append(InlineBlock(page, start + 1, m["lang"]))
    return found


def example_programs() -> list[Path]:
    """Every runnable example that a page embeds (notebooks are checked by the build)."""
    return sorted(
        p for p in EXAMPLES_DIR.rglob("*.py") if NOTEBOOKS_DIR not in p.parents
    )


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("*.py"))


@cache
def pages_showing() -> dict[Path, list[Include]]:
    """example file -> the includes (page and line) that show it."""
    shown: dict[Path, list[Include]] = {}
    for page in pages():
        for inc in includes(page):
            shown.setdefault(inc.path, []).append(inc)
    return shown


def example_id(program: Path) -> str:
    """Test id naming the page first: 'docs/connections.md › examples/connections/x.py'."""
    shown = pages_showing().get(program)
    if program.parent == NOTEBOOKS_DIR:
        page = f"notebooks/{program.stem}"
    else:
        page = rel(shown[0].page) if shown else "(no page)"
    return f"{page} › {rel(program)}"


def recorded_output_path(program: Path) -> Path:
    return program.with_suffix(OUTPUT_SUFFIX)


# --- Running an example the way a reader does -------------------------------------------

# echo=True prefixes every log line with a timestamp and the logger name; SQLAlchemy's own
# docs show the statement alone, and so do we.
LOG_PREFIX = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?:INFO|DEBUG|WARNING) sqlalchemy\.[\w.]+ ",
    re.MULTILINE,
)
# Timings such as "[generated in 0.00012s]", "[cached since 0.0021s ago]" and
# "[no key 0.00006s]" are shown as [...], the way SQLAlchemy's tutorial shows them.
# Other bracket notes (insertmanyvalues batches) stay.
TIMING = re.compile(r"(?:generated in|cached since|no key) \d+(?:\.\d+)?s(?: ago)?")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def normalise(output: str) -> str:
    """What the page shows for a run: volatile parts replaced, nothing else touched."""
    output = LOG_PREFIX.sub("", output)
    output = TIMING.sub("...", output)
    output = ADDRESS.sub("0x...", output)
    return output


@dataclass(frozen=True)
class Run:
    program: Path
    returncode: int
    stdout: str
    stderr: str
    leftovers: list[str]  # files the program left in its working directory


def run_as_reader(program: Path, timeout: float = 60) -> Run:
    """Run a copy of the program in a fresh interpreter and an empty directory, as a
    reader who pasted it into a file would; report what it printed and left behind."""
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        script = Path(workdir, program.name)
        script.write_text(program.read_text())
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["PYTHONIOENCODING"] = "utf-8"
        proc = subprocess.run(
            [sys.executable, "-X", "utf8", script.name],
            cwd=workdir,
            check=False,  # the caller reports a failure with the program's stderr
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
        leftovers = sorted(
            p.name for p in Path(workdir).iterdir() if p.name != script.name
        )
    return Run(program, proc.returncode, proc.stdout, proc.stderr, leftovers)


def output_diff(recorded: str, actual: str, recorded_path: Path) -> tuple[int, str]:
    """The first differing line number of the recorded file, and a unified diff."""
    rec_lines, act_lines = recorded.splitlines(), actual.splitlines()
    first = next(
        (
            i
            for i, (a, b) in enumerate(zip(rec_lines, act_lines, strict=False))
            if a != b
        ),
        min(len(rec_lines), len(act_lines)),
    )
    diff = "\n".join(
        difflib.unified_diff(
            rec_lines,
            act_lines,
            fromfile=f"{rel(recorded_path)} (recorded)",
            tofile="what the program prints now",
            lineterm="",
        )
    )
    return first + 1, diff
