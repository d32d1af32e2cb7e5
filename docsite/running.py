"""Running a program the way a reader does: a copy of it, in a fresh interpreter and an
empty directory, on SQLite or pointed at a server (docsite.redirected)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docsite.config import DEFAULT_BACKEND, Backend, rel, run_with
from docsite.servers import private_database


@dataclass(frozen=True)
class Run:
    program: Path
    returncode: int
    stdout: str
    stderr: str
    leftovers: list[str]  # files the program left in its working directory


def run_as_reader(
    program: Path,
    backend: Backend = DEFAULT_BACKEND,
    timeout: float = 120,
    source: str | None = None,
    args: Sequence[str] = (),
) -> Run:
    """Run a copy of the program in a fresh interpreter and an empty directory, as a
    reader who pasted it into a file would; report what it printed and left behind.
    On another backend the unchanged program runs in a schema (or database) of its own.
    """
    with (
        tempfile.TemporaryDirectory(prefix="example-") as workdir,
        private_database(backend) as redirect,
    ):
        script = Path(workdir, program.name)
        script.write_text(program.read_text() if source is None else source)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["PYTHONIOENCODING"] = "utf-8"
        # Bytecode a tool writes beside the program (pytest's rewritten test modules in
        # __pycache__) is no leftover of the program's own.
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        command = [sys.executable, "-X", "utf8", *run_with(program), script.name, *args]
        if redirect is not None:
            env["SESSION_DOCS_REDIRECT"] = json.dumps(redirect)
            command[3:3] = ["-m", "docsite.redirected"]
        proc = subprocess.run(
            command,
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


NOTEBOOK_CELL = re.compile(r"^# %%(?P<header>.*)$", re.MULTILINE)


def notebook_as_program(notebook: Path) -> str:
    """A jupytext percent notebook as one program that runs its code cells in order, as
    nbclient does at build time: a cell tagged raises-exception must raise, and the run
    goes on after it."""
    text = notebook.read_text()
    heads = list(NOTEBOOK_CELL.finditer(text))
    program = [text[: heads[0].start()] if heads else text]
    for head, nxt in zip(heads, [*heads[1:], None], strict=True):
        if "[markdown]" in head["header"]:
            continue
        body = text[head.end() : nxt.start() if nxt else len(text)]
        line = text.count("\n", 0, head.start()) + 1
        if "raises-exception" not in head["header"]:
            program.append(f"# cell at line {line}{body}")
            continue
        where = f"{rel(notebook)}:{line}"
        program.append(
            f"try:  # cell at line {line}, tagged raises-exception\n"
            f"    exec(compile({body!r}, {where!r}, 'exec'))\n"
            "except Exception as exc:\n"
            f"    print('[raised as intended]', type(exc).__name__)\n"
            "else:\n"
            f"    raise SystemExit({where!r} + ': tagged raises-exception, raised nothing')\n"
        )
    return "\n".join(program)
