"""Which of SQLAlchemy's classes, functions, methods and parameters a program uses, read
from its code (for the row of reference links under each program on the pages).

Nothing is typed by hand: the program's source is parsed, and what each name holds is
followed the way a type checker would, from SQLAlchemy's own annotations
(`create_engine() -> Engine`, `Engine.begin() -> Iterator[Connection]`,
`AsyncSession.execute() -> Result[Any]`, ...). So in

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("..."))

`engine` holds an Engine and `conn` a Connection, and the uses are `create_engine()`,
`Engine.begin()`, `Connection.execute()` and `text()`. A value whose type cannot be
followed (a row, a program's own object) yields no use: the row lists what the program
certainly calls, never a guess.
"""

from __future__ import annotations

import ast
import builtins
import collections.abc
import contextlib
import importlib
import inspect
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Where a name in one of SQLAlchemy's string annotations is looked up when the module
# that wrote it imports it only for type checkers (`if TYPE_CHECKING:`).
PUBLIC_NAMESPACES = (
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.engine",
    "sqlalchemy.ext.asyncio",
    "sqlalchemy.pool",
    "sqlalchemy.sql",
    "sqlalchemy.sql.expression",
    "sqlalchemy.engine.result",
    "sqlalchemy.orm.session",
    "sqlalchemy.orm.state",
    "sqlalchemy.ext.asyncio.result",
)
# Annotations whose first argument is the value a caller gets: `Optional[X]` may be X,
# `Iterator[X]` is what `with` gives for a @contextmanager, `Awaitable[X]` what `await` gives.
UNWRAP_FIRST_ARGUMENT = {
    "Optional",
    "Union",
    "Iterator",
    "AsyncIterator",
    "Generator",
    "AsyncGenerator",
    "Awaitable",
    "Coroutine",
    "Type",
    "type",
}


@dataclass(frozen=True)
class ApiUse:
    """One thing of SQLAlchemy's a program uses.

    `owner` is the class whose method, attribute or parameter is used, as the program
    holds it (a CursorResult's `scalars()`, though Result defines it; None for a class or
    function used by itself); `name` is that member's (or the object's own) name;
    `kind` is "class", "function", "method", "attribute" or "parameter"; `callable_name`
    names, for a parameter, the method it is passed to ("__init__" for a class).
    """

    kind: str
    owner: type | None
    name: str
    target: object
    callable_name: str | None = None

    @property
    def label(self) -> str:
        """How the row shows it: `create_engine()`, `Session.commit()`, `expire_on_commit`."""
        if self.kind == "parameter":
            return self.name
        call = "()" if self.kind in ("function", "method") else ""
        prefix = f"{self.owner.__name__}." if self.owner is not None else ""
        return f"{prefix}{self.name}{call}"


# What a name in the program holds: a module, a class or function of SQLAlchemy's, an
# instance of a class, or a method bound to an instance of a class.
@dataclass(frozen=True)
class Module:
    module: object


@dataclass(frozen=True)
class Object:
    obj: object


@dataclass(frozen=True)
class Instance:
    cls: type


@dataclass(frozen=True)
class Bound:
    cls: type
    name: str
    function: object


Value = Module | Object | Instance | Bound


def is_sqlalchemy(obj: object) -> bool:
    return (getattr(obj, "__module__", None) or "").split(".")[0] == "sqlalchemy"


def api_uses(program: Path) -> list[ApiUse]:
    """The SQLAlchemy API `program` uses, in the order of first use."""
    return list(uses_in(program.read_text(encoding="utf-8")))


@cache
def uses_in(source: str) -> tuple[ApiUse, ...]:
    """The SQLAlchemy API the program `source` uses, in the order of first use."""
    reader = ProgramReader()
    reader.statements(ast.parse(source).body)
    return tuple(dict.fromkeys(reader.uses))


class ProgramReader:
    """Follows a program's statements in order, recording SQLAlchemy uses."""

    def __init__(self) -> None:
        self.names: dict[str, Value] = {}
        self.uses: list[ApiUse] = []

    # --- statements --------------------------------------------------------------------

    def statements(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.statement(statement)

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "sqlalchemy":
                    top = alias.asname or alias.name.split(".")[0]
                    module = importlib.import_module(alias.asname and alias.name or top)
                    self.names[top] = Module(module)
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] == "sqlalchemy" and not node.level:
                module = importlib.import_module(node.module)
                for alias in node.names:
                    obj = getattr(module, alias.name)
                    self.names[alias.asname or alias.name] = (
                        Module(obj) if inspect.ismodule(obj) else Object(obj)
                    )
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            value = self.expression(node.value) if node.value is not None else None
            if isinstance(node, ast.AnnAssign):
                value = self.annotation(node.annotation) or value
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                self.bind(target, value)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                value = self.entered(self.expression(item.context_expr))
                if item.optional_vars is not None:
                    self.bind(item.optional_vars, value)
            self.statements(node.body)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                self.expression(decorator)
            arguments = node.args
            for argument in (
                arguments.posonlyargs + arguments.args + arguments.kwonlyargs
            ):
                if argument.annotation is not None:
                    self.names[argument.arg] = self.annotation(argument.annotation)
            self.statements(node.body)
        elif isinstance(node, ast.ClassDef):
            for base in node.bases:
                self.expression(base)
            self.statements(node.body)
        else:
            # Any other statement: its expressions, then the statements it holds.
            for field in ast.iter_child_nodes(node):
                if isinstance(field, ast.expr):
                    self.expression(field)
                elif isinstance(field, ast.stmt):
                    self.statement(field)
                elif isinstance(field, ast.excepthandler | ast.match_case):
                    for child in ast.iter_child_nodes(field):
                        if isinstance(child, ast.expr):
                            self.expression(child)
                    self.statements(field.body)

    def bind(self, target: ast.expr, value: Value | None) -> None:
        if isinstance(target, ast.Name):
            if value is None:
                self.names.pop(target.id, None)
            else:
                self.names[target.id] = value
        else:
            self.expression(target)

    def annotation(self, node: ast.expr) -> Value | None:
        """`session: Session` or `Mapped[int]`: the value an annotation promises."""
        value = self.expression(node)
        if isinstance(value, Object) and inspect.isclass(value.obj):
            return Instance(value.obj)
        return None

    # --- expressions -------------------------------------------------------------------

    def expression(self, node: ast.expr) -> Value | None:
        """What `node` evaluates to, recording the uses on the way."""
        if isinstance(node, ast.Name):
            value = self.names.get(node.id)
            if isinstance(value, Object):
                self.use_object(value.obj)
            return value
        if isinstance(node, ast.Attribute):
            return self.attribute(self.expression(node.value), node.attr)
        if isinstance(node, ast.Call):
            function = self.expression(node.func)
            for argument in node.args:
                self.expression(argument)
            for keyword in node.keywords:
                self.expression(keyword.value)
            return self.call(function, [k.arg for k in node.keywords if k.arg])
        if isinstance(node, ast.Await):
            return self.expression(
                node.value
            )  # annotations of async def are awaited types
        if isinstance(node, ast.Subscript):
            value = self.expression(node.value)
            self.expression(node.slice)
            return value if isinstance(value, Object) else None
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.expression(child)
            elif isinstance(child, ast.comprehension):
                self.expression(child.iter)
                for condition in child.ifs:
                    self.expression(condition)
        return None

    def attribute(self, value: Value | None, name: str) -> Value | None:
        if isinstance(value, Module):
            obj = getattr(value.module, name, None)
            if obj is None:
                return None
            if inspect.ismodule(obj):
                return Module(obj)
            self.use_object(obj)
            return Object(obj)
        if isinstance(value, Instance | Object) and is_sqlalchemy(
            cls := value.cls if isinstance(value, Instance) else value.obj
        ):
            if not inspect.isclass(cls):
                return None
            try:
                member = inspect.getattr_static(cls, name)
            except AttributeError:
                return None
            if isinstance(member, staticmethod | classmethod):
                function = member.__func__
                return Bound(cls, name, function)
            if inspect.isfunction(member):
                return Bound(cls, name, member)
            self.uses.append(ApiUse("attribute", cls, name, member))
            fget = getattr(member, "fget", None)
            if fget is not None:
                return returned(fget, cls)
        return None

    def call(self, function: Value | None, keywords: list[str]) -> Value | None:
        if isinstance(function, Object):
            obj = function.obj
            if inspect.isclass(obj):
                self.parameters(obj, obj, "__init__", keywords)
            elif is_sqlalchemy(obj):
                self.parameters(None, obj, getattr(obj, "__name__", None), keywords)
            if inspect.isclass(obj):
                return Instance(obj)
            return returned(obj, None) if callable(obj) else None
        if isinstance(function, Bound):
            owner = function.cls
            self.uses.append(ApiUse("method", owner, function.name, function.function))
            self.parameters(owner, function.function, function.name, keywords)
            return returned(function.function, function.cls)
        if isinstance(function, Instance) and is_sqlalchemy(function.cls):
            # an instance called: sessionmaker()(), async_sessionmaker()()
            call = inspect.getattr_static(function.cls, "__call__", None)
            if call is not None:
                return returned(call, function.cls)
        return None

    def parameters(
        self,
        owner: type | None,
        callable_: object,
        name: str | None,
        keywords: list[str],
    ) -> None:
        for keyword in keywords:
            self.uses.append(ApiUse("parameter", owner, keyword, callable_, name))

    def use_object(self, obj: object) -> None:
        if is_sqlalchemy(obj) and (inspect.isclass(obj) or inspect.isfunction(obj)):
            kind = "class" if inspect.isclass(obj) else "function"
            self.uses.append(ApiUse(kind, None, obj.__name__, obj))

    def entered(self, value: Value | None) -> Value | None:
        """What `with x as y` binds to y: `__enter__`'s (or `__aenter__`'s) result."""
        if isinstance(value, Instance):
            for method in ("__enter__", "__aenter__"):
                enter = getattr(value.cls, method, None)
                if enter is not None:
                    return returned(enter, value.cls) or value
        return value


# --- SQLAlchemy's annotations --------------------------------------------------------------


def returned(function: object, owner: type | None) -> Value | None:
    """What calling `function` gives, from its return annotation (`Self` is `owner`)."""
    function = inspect.unwrap(function)
    annotation = getattr(function, "__annotations__", {}).get("return")
    if annotation is None:
        return None
    return annotated(annotation, getattr(function, "__globals__", {}), owner)


def annotated(annotation: object, namespace: dict, owner: type | None) -> Value | None:
    if isinstance(annotation, str):
        try:
            tree = ast.parse(annotation, mode="eval").body
        except SyntaxError:
            return None
        return annotated_node(tree, namespace, owner)
    if isinstance(annotation, typing.TypeVar):
        bound = annotation.__bound__
        if isinstance(bound, typing.ForwardRef):
            bound = bound.__forward_arg__
        return annotated(bound, namespace, owner) if bound is not None else None
    origin = typing.get_origin(annotation)
    if origin is not None:
        arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
        name = getattr(origin, "__name__", str(origin))
        if name in UNWRAP_FIRST_ARGUMENT or origin in (
            collections.abc.Iterator,
            collections.abc.AsyncIterator,
            collections.abc.Generator,
            collections.abc.AsyncGenerator,
            typing.Union,
        ):
            return annotated(arguments[0], namespace, owner) if arguments else None
        annotation = origin
    if annotation is typing.Self:
        return Instance(owner) if owner is not None else None
    if inspect.isclass(annotation) and is_sqlalchemy(annotation):
        return Instance(annotation)
    return None


def annotated_node(node: ast.expr, namespace: dict, owner: type | None) -> Value | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return annotated(node.value, namespace, owner)
    if isinstance(node, ast.BinOp):  # X | None
        for side in (node.left, node.right):
            value = annotated_node(side, namespace, owner)
            if value is not None:
                return value
        return None
    if isinstance(node, ast.Subscript):
        base = dotted(node.value)
        if base.split(".")[-1] in UNWRAP_FIRST_ARGUMENT:
            first = (
                node.slice.elts[0] if isinstance(node.slice, ast.Tuple) else node.slice
            )
            if isinstance(first, ast.Constant) and first.value is None:
                first = (
                    node.slice.elts[1] if isinstance(node.slice, ast.Tuple) else first
                )
            return annotated_node(first, namespace, owner)
        return annotated_node(node.value, namespace, owner)  # Result[_T] -> Result
    name = dotted(node)
    if name in ("Self", "typing.Self", "typing_extensions.Self"):
        return Instance(owner) if owner is not None else None
    obj = lookup(name, namespace)
    if obj is None or obj is type(None):
        return None
    return annotated(obj, namespace, owner)


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def lookup(name: str, namespace: dict) -> object | None:
    head, *rest = name.split(".")
    candidates = [namespace] + [vars(public_module(m)) for m in PUBLIC_NAMESPACES]
    for scope in candidates:
        obj = scope.get(head)
        if obj is None:
            continue
        with contextlib.suppress(AttributeError):
            for part in rest:
                obj = getattr(obj, part)
            return obj
    return getattr(builtins, head, None) if not rest else None


@cache
def public_module(name: str):
    return importlib.import_module(name)


# --- Where SQLAlchemy documents a use ---------------------------------------------------------


def reference_name(use: ApiUse, documented: frozenset[str]) -> str | None:
    """The identifier SQLAlchemy's reference (its inventory, `documented`) gives `use`:
    `sqlalchemy.orm.Session.commit` for `Session.commit()`. A member is looked for on the
    class the program holds, then on its bases (a CursorResult's `scalars()` is
    documented on Result); None if SQLAlchemy documents no such entry."""
    if use.kind in ("class", "function"):
        return next(iter(documented_as(use.target, documented)), None)
    if use.kind == "parameter":
        if use.owner is None:
            bases = documented_as(use.target, documented)
        else:
            member = ApiUse("method", use.owner, use.callable_name or "", use.target)
            method = reference_name(member, documented)
            bases = [method] if method else []
            if use.callable_name == "__init__":  # a class's parameters are on the class
                bases = [*documented_as(use.owner, documented), *bases]
        return next(
            (
                f"{b}.params.{use.name}"
                for b in bases
                if f"{b}.params.{use.name}" in documented
            ),
            None,
        )
    for klass in use.owner.__mro__ if use.owner is not None else ():
        for name in documented_as(klass, documented):
            if f"{name}.{use.name}" in documented:
                return f"{name}.{use.name}"
    return None


def documented_as(obj: object, documented: frozenset[str]) -> list[str]:
    """The inventory's names for a class or function (`sqlalchemy.orm.Session` for the
    class defined in sqlalchemy.orm.session): those ending in its name that import as it.
    """
    name = getattr(obj, "__name__", None)
    return [d for d in by_last_part(documented).get(name, ()) if imported(d) is obj]


@cache
def by_last_part(documented: frozenset[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name in sorted(documented, key=len):  # the shortest (most public) name first
        index.setdefault(name.rsplit(".", 1)[-1], []).append(name)
    return {key: tuple(names) for key, names in index.items()}


@cache
def imported(dotted_name: str) -> object | None:
    """The object `dotted_name` names (`sqlalchemy.orm.Session.commit`), or None."""
    parts = dotted_name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        with contextlib.suppress(AttributeError):
            for part in parts[split:]:
                obj = getattr(obj, part)
            return obj
        return None
    return None


# --- The row under a program -----------------------------------------------------------------


def linked_uses(program: Path, documented: frozenset[str]) -> dict[str, str]:
    """What the row under `program` shows: reference identifier -> label, in the order of
    first use, for every use SQLAlchemy's reference documents."""
    row: dict[str, str] = {}
    for use in api_uses(program):
        name = reference_name(use, documented)
        if name is not None and name not in row:
            row[name] = label_of(name, use)
    return row


def label_of(identifier: str, use: ApiUse) -> str:
    """The label names what SQLAlchemy documents (`Engine.connect()`, though the program
    held an OptionEngine); a parameter shows with its callable: `Session(expire_on_commit=)`.
    """
    parts = identifier.split(".")
    if use.kind == "parameter":
        callable_ = parts[-3]
        if use.callable_name not in ("__init__", callable_) and len(parts) > 3:
            callable_ = f"{parts[-4]}.{callable_}"
        return f"{callable_}({use.name}=)"
    if use.kind in ("class", "function"):
        return use.label
    return f"{parts[-2]}.{parts[-1]}" + ("()" if use.kind == "method" else "")


def api_row(program: Path, documented: frozenset[str], indent: str = "") -> str:
    """The row of links under a program, as Markdown autorefs resolves:
    [`Session.commit()`][sqlalchemy.orm.Session.commit] · ..."""
    row = linked_uses(program, documented)
    if not row:
        return ""
    links = " · ".join(f"[`{label}`][{name}]" for name, label in row.items())
    return f"{indent}Uses {links}\n{indent}{{ .api-uses }}"
