"""Code figures for Fragola: size, function length, cross-app imports, cycles, plug-in registries.

Run from the repository root (stdlib only, nothing is imported or executed from the tree):

    python3 scripts/code_metrics.py                 # src/fragola and src/fragola_solver, a table
    python3 scripts/code_metrics.py --json          # the same figures as JSON
    python3 scripts/code_metrics.py path/to/pkg ... # other package roots
    python3 scripts/code_metrics.py --tests e2e     # a folder of tests only (default: ./tests)
    python3 scripts/code_metrics.py --platform core # any module of core may be imported

Definitions (printed with the table too):

- **App**: a root package that is a Django project (some sub-package has an ``apps.py``:
  ``src/fragola``) splits into one app per top-level sub-package (``registry``, ``care``...,
  ``core``, ``settings``, ``testing``) plus its composition root, the modules directly in it
  (``fragola/urls.py``, ``api.py``...), reported under the root's name; any other root
  (``src/fragola_solver``) is one app.
- **Code files** are ``*.py`` files outside ``migrations/`` and ``tests/`` folders and not named
  ``test_*.py``/``conftest.py``; those test files are counted separately and take part in nothing
  else. **Code lines** are lines with a Python token that is not a comment and not part of a
  docstring; **total lines** are all physical lines.
- **Function length**: ``end_lineno - lineno + 1`` of each ``def``/``async def`` (from the ``def``
  line, decorators left out); a nested function counts on its own and inside its parent.
  The median is the statistical one, the 90th percentile nearest-rank.
- **Import graph**: one edge per import of a module of the tree (``import a.b``, ``from a import b``
  where ``b`` is a module, ``from a.b import name``, relative imports resolved), top-level and
  inside functions alike; imports under ``if TYPE_CHECKING:`` are left out. An edge goes to the
  most specific module named, not to the packages above it.
- **Public surface** of an app of a Django project: its package ``__init__`` and the modules or
  packages (with all they contain) named in ``PUBLIC_SURFACE``: models, services, selectors,
  schemas, tasks, urls. Views, forms, api routers and their plumbing, access helpers, hooks,
  adapters and everything else are the app's internals. A library root (the solver) offers its
  package ``__init__`` only. A **cross-app import of internals** is an import in app X of a module
  of app Y (X != Y) that is not on Y's public surface; the composition root wires the apps and may
  import anything; ``--platform APP`` exempts APP as a target. The figure is the number of
  distinct internal modules so imported.
- **Cycles**: strongly connected components (Tarjan) of more than one node, of the module graph
  (between files) and of the graph of apps it induces (between apps).
- **Plug-in registries**: module-level lists, dicts or sets that a module-level ``register_*``
  function appends to, inserts into or assigns items of; listed with the ``apps.py`` files whose
  ``ready()`` calls that function.
- **type: ignore**: comments containing ``type: ignore`` in code files.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import statistics
import sys
import tokenize
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_ROOTS = ("src/fragola", "src/fragola_law", "src/fragola_solver")
EXCLUDED_DIRS = {"migrations", "__pycache__"}
TEST_DIRS = {"tests"}
# An app's public surface: modules (or packages) another app may import.
PUBLIC_SURFACE = frozenset({"models", "services", "selectors", "schemas", "tasks", "urls"})


@dataclass
class Module:
    name: str  # dotted, e.g. fragola.registry.models
    path: Path
    app: str
    is_package: bool
    source: str
    is_test: bool = False
    imports: list[tuple[str, int]] = field(default_factory=list)  # (imported module, line)


@dataclass
class Tree:
    modules: dict[str, Module]
    tests: list[Module]
    roots: list[str]  # root package names, e.g. fragola, fragola_solver
    split_roots: list[str]  # roots split into apps (Django projects)


# --- discovery ------------------------------------------------------------------------------


def _is_test_path(relative: Path) -> bool:
    name = relative.name
    return (
        any(part in TEST_DIRS for part in relative.parts[:-1])
        or (name.startswith("test_") and name.endswith(".py"))
        or name == "conftest.py"
    )


def discover(roots: Iterable[Path], test_dirs: Iterable[Path] = ()) -> Tree:
    """Every ``*.py`` below each root package, named as Python would import it.

    Every ``*.py`` below a folder of ``test_dirs`` (the repository's ``tests/``) is a test file of
    an app named after the folder.
    """
    modules: dict[str, Module] = {}
    tests: list[Module] = []
    root_names: list[str] = []
    split_roots: list[str] = []
    for root in roots:
        root = root.resolve()
        root_names.append(root.name)
        # A Django project (some sub-package has an apps.py) splits into one app per package.
        one_app = not any((child / "apps.py").exists() for child in root.iterdir())
        if not one_app:
            split_roots.append(root.name)
        for path in sorted(root.rglob("*.py")):
            relative = path.relative_to(root)
            if any(part in EXCLUDED_DIRS for part in relative.parts[:-1]):
                continue
            parts = [root.name, *relative.with_suffix("").parts]
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            app = root.name if one_app or len(relative.parts) == 1 else relative.parts[0]
            module = Module(
                name=".".join(parts),
                path=path,
                app=app,
                is_package=is_package,
                source=path.read_text(encoding="utf-8"),
                is_test=_is_test_path(relative),
            )
            if module.is_test:
                tests.append(module)
            else:
                modules[module.name] = module
    for folder in test_dirs:
        folder = folder.resolve()
        for path in sorted(folder.rglob("*.py")):
            tests.append(
                Module(
                    name=".".join(path.relative_to(folder.parent).with_suffix("").parts),
                    path=path,
                    app=folder.name,
                    is_package=path.name == "__init__.py",
                    source=path.read_text(encoding="utf-8"),
                    is_test=True,
                )
            )
    return Tree(modules=modules, tests=tests, roots=root_names, split_roots=split_roots)


# --- lines ----------------------------------------------------------------------------------


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                end = body[0].end_lineno or body[0].lineno
                lines.update(range(body[0].lineno, end + 1))
    return lines


def count_lines(source: str, tree: ast.AST | None = None) -> tuple[int, int]:
    """(code lines, total lines) of one file; see the module docstring."""
    total = len(source.splitlines())
    skip = {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
    }
    code: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in skip:
                code.update(range(token.start[0], token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):
        return sum(1 for line in source.splitlines() if line.strip()), total
    if tree is None:
        tree = ast.parse(source)
    return len(code - _docstring_lines(tree)), total


# --- functions ------------------------------------------------------------------------------


def function_lengths(tree: ast.AST) -> list[int]:
    return [
        (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def percentile(values: list[int], fraction: float) -> int:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil
    return ordered[int(rank) - 1]


# --- imports --------------------------------------------------------------------------------


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those guarded by ``if TYPE_CHECKING:``."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _resolve(module: Module, node: ast.Import | ast.ImportFrom, known: set[str]) -> list[str]:
    def deepest(dotted: str) -> str | None:
        parts = dotted.split(".")
        while parts:
            name = ".".join(parts)
            if name in known:
                return name
            parts.pop()
        return None

    targets: list[str] = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            found = deepest(alias.name)
            if found:
                targets.append(found)
        return targets
    if node.level:
        package = module.name.split(".")
        if not module.is_package:
            package = package[:-1]
        package = package[: len(package) - (node.level - 1)] if node.level > 1 else package
        base = ".".join([*package, node.module] if node.module else package)
    else:
        base = node.module or ""
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        if candidate in known:
            targets.append(candidate)
        else:
            found = deepest(base)
            if found:
                targets.append(found)
    return targets


def build_imports(tree: Tree) -> None:
    known = set(tree.modules)
    for module in [*tree.modules.values(), *tree.tests]:
        syntax = ast.parse(module.source)
        seen: set[str] = set()
        for node in _import_nodes(syntax):
            for target in _resolve(module, node, known):
                if target != module.name and target not in seen:
                    seen.add(target)
                    module.imports.append((target, node.lineno))


def tarjan(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def is_public(target: Module, tree: Tree) -> bool:
    """Whether ``target`` is on its app's public surface (see the module docstring)."""
    parts = target.name.split(".")
    if target.app in tree.roots:  # a library root or the project's composition root
        return len(parts) == 1
    inside = parts[2:]  # below <root>.<app>
    return not inside or inside[0] in PUBLIC_SURFACE


def cross_app_internals(tree: Tree, platform: Iterable[str] = ()) -> dict[str, list[str]]:
    """Internal module of another app -> the modules that import it.

    The composition root (modules directly in a split root: ``fragola/api.py``, ``urls.py``...)
    wires the apps together and may import anything; apps named in ``platform`` are exempt as
    targets.
    """
    exempt = set(platform)
    found: dict[str, list[str]] = defaultdict(list)
    for module in tree.modules.values():
        if module.app in tree.split_roots:
            continue
        for target_name, _line in module.imports:
            target = tree.modules[target_name]
            if target.app == module.app or target.app in exempt or is_public(target, tree):
                continue
            found[target.name].append(module.name)
    return {name: sorted(importers) for name, importers in sorted(found.items())}


# --- plug-in registries ---------------------------------------------------------------------


def _registry_containers(function: ast.FunctionDef, containers: set[str]) -> set[str]:
    touched: set[str] = set()
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"append", "add", "insert", "extend", "update", "setdefault"}
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in containers
        ):
            touched.add(node.func.value.id)
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in containers
                ):
                    touched.add(target.value.id)
    return touched


def _module_containers(syntax: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in syntax.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        is_container = isinstance(value, ast.List | ast.Dict | ast.Set) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in {"list", "dict", "set", "defaultdict", "OrderedDict"}
        )
        if is_container:
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _ready_calls(tree: Tree) -> dict[str, list[str]]:
    """register_* function name -> the apps.py modules whose ready() calls it."""
    calls: dict[str, list[str]] = defaultdict(list)
    for module in tree.modules.values():
        if not module.name.endswith(".apps"):
            continue
        for node in ast.walk(ast.parse(module.source)):
            if isinstance(node, ast.FunctionDef) and node.name == "ready":
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and isinstance(call.func, ast.Name)
                        and call.func.id.startswith("register_")
                    ):
                        calls[call.func.id].append(module.name)
    return calls


def plugin_registries(tree: Tree) -> list[dict[str, object]]:
    ready = _ready_calls(tree)
    found: list[dict[str, object]] = []
    for module in sorted(tree.modules.values(), key=lambda m: m.name):
        syntax = ast.parse(module.source)
        containers = _module_containers(syntax)
        for node in syntax.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("register_"):
                for container in sorted(_registry_containers(node, containers)):
                    found.append(
                        {
                            "registry": f"{module.name}.{container}",
                            "register": node.name,
                            "filled_from": sorted(set(ready.get(node.name, []))),
                        }
                    )
    return found


# --- type: ignore ---------------------------------------------------------------------------


def type_ignores(source: str) -> int:
    count = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and "type: ignore" in token.string:
                count += 1
    except (tokenize.TokenError, SyntaxError):
        return source.count("type: ignore")
    return count


# --- the report -----------------------------------------------------------------------------


@dataclass
class _Size:
    files: int = 0
    code_lines: int = 0
    total_lines: int = 0
    type_ignores: int = 0
    functions: list[int] = field(default_factory=list)
    test_files: int = 0
    test_code_lines: int = 0

    def row(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "code_lines": self.code_lines,
            "total_lines": self.total_lines,
            "functions": len(self.functions),
            "function_median": statistics.median(self.functions) if self.functions else 0,
            "function_p90": percentile(self.functions, 0.9),
            "type_ignores": self.type_ignores,
            "test_files": self.test_files,
            "test_code_lines": self.test_code_lines,
        }


def sizes(tree: Tree) -> dict[str, _Size]:
    """Files, lines, function lengths and type: ignore comments per app, plus a TOTAL row."""
    per_app: dict[str, _Size] = defaultdict(_Size)
    for module in tree.modules.values():
        syntax = ast.parse(module.source)
        code, total = count_lines(module.source, syntax)
        size = per_app[module.app]
        size.files += 1
        size.code_lines += code
        size.total_lines += total
        size.functions.extend(function_lengths(syntax))
        size.type_ignores += type_ignores(module.source)
    for module in tree.tests:
        code, _total = count_lines(module.source)
        per_app[module.app].test_files += 1
        per_app[module.app].test_code_lines += code
    grand = _Size()
    for size in per_app.values():
        grand.files += size.files
        grand.code_lines += size.code_lines
        grand.total_lines += size.total_lines
        grand.type_ignores += size.type_ignores
        grand.functions.extend(size.functions)
        grand.test_files += size.test_files
        grand.test_code_lines += size.test_code_lines
    return {**dict(sorted(per_app.items())), "TOTAL": grand}


def app_cycles(tree: Tree) -> list[dict[str, list[str]]]:
    """Cycles of the app graph, each with the imports that make it."""
    graph: dict[str, set[str]] = {module.app: set() for module in tree.modules.values()}
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for module in tree.modules.values():
        for target, line in module.imports:
            other = tree.modules[target].app
            if other != module.app:
                graph[module.app].add(other)
                edges[(module.app, other)].append(f"{module.name}:{line} -> {target}")
    return [
        {
            "apps": cycle,
            "imports": [e for a in cycle for b in cycle if a != b for e in edges[(a, b)]],
        }
        for cycle in tarjan(graph)
    ]


def measure(
    roots: Iterable[Path], tests: Iterable[Path] = (), platform: Iterable[str] = ()
) -> dict[str, Any]:
    tree = discover(roots, tests)
    build_imports(tree)
    module_graph = {name: {t for t, _ in m.imports} for name, m in tree.modules.items()}
    rows = {app: size.row() for app, size in sizes(tree).items()}
    return {
        "roots": tree.roots,
        "public_surface": sorted(PUBLIC_SURFACE),
        "platform": sorted(platform),
        "apps": {app: row for app, row in rows.items() if app != "TOTAL"},
        "total": rows["TOTAL"],
        "cross_app_internals": cross_app_internals(tree, platform),
        "file_cycles": tarjan(module_graph),
        "app_cycles": app_cycles(tree),
        "plugin_registries": plugin_registries(tree),
    }


DEFINITIONS = f"""\
Definitions
  app               each top-level package of a Django project root (fragola.registry...), its
                    composition root (modules directly in fragola/) and each library root
                    (fragola_solver)
  code lines        lines holding Python tokens other than comments and docstrings
  tests             files under tests/ or named test_*.py / conftest.py: counted apart only
  function length   def line to last line, decorators left out, nested functions counted too;
                    median and nearest-rank 90th percentile
  public surface    an app's package __init__ and its modules/packages named
                    {", ".join(sorted(PUBLIC_SURFACE))};
                    a library root (fragola_solver): its package __init__ only
  cross-app import  a module of app X importing a module of app Y (Y != X) outside Y's
                    public surface (the composition root may import anything); counted as
                    distinct imported modules
  import graph      top-level and function-level imports; TYPE_CHECKING imports left out
  cycles            Tarjan SCCs of more than one node, over modules and over apps
  plug-in registry  a module-level list/dict/set that a module-level register_* function fills
"""


def render(report: dict[str, Any]) -> str:
    out: list[str] = []
    header = (
        f"{'app':<16}{'files':>6}{'code':>8}{'total':>8}{'defs':>6}{'med':>5}{'p90':>5}"
        f"{'ignore':>7}{'tests':>7}{'t.code':>8}"
    )
    out.append(header)
    out.append("-" * len(header))
    rows = [*report["apps"].items(), ("TOTAL", report["total"])]
    for app, row in rows:
        if app == "TOTAL":
            out.append("-" * len(header))
        out.append(
            f"{app:<16}{row['files']:>6}{row['code_lines']:>8}{row['total_lines']:>8}"
            f"{row['functions']:>6}{row['function_median']:>5g}{row['function_p90']:>5}"
            f"{row['type_ignores']:>7}{row['test_files']:>7}{row['test_code_lines']:>8}"
        )
    internals = report["cross_app_internals"]
    out.append("")
    out.append(f"Cross-app imports of another app's internals: {len(internals)} modules")
    for target, importers in internals.items():
        out.append(f"  {target}  <-  {', '.join(importers)}")
    out.append("")
    out.append(f"Import cycles between apps: {len(report['app_cycles'])}")
    for cycle in report["app_cycles"]:
        out.append(f"  {' <-> '.join(cycle['apps'])}")
        out.extend(f"    {edge}" for edge in cycle["imports"])
    out.append(f"Import cycles between files: {len(report['file_cycles'])}")
    out.extend(f"  {' <-> '.join(cycle)}" for cycle in report["file_cycles"])
    out.append("")
    out.append(f"Hand-made plug-in registries: {len(report['plugin_registries'])}")
    for registry in report["plugin_registries"]:
        filled = ", ".join(registry["filled_from"]) or "no ready() call"
        out.append(f"  {registry['registry']}  via {registry['register']}()  from {filled}")
    out.append("")
    out.append(f"type: ignore comments: {report['total']['type_ignores']}")
    out.append("")
    out.append(DEFINITIONS)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="*", default=list(DEFAULT_ROOTS), help="package roots")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--platform",
        action="append",
        default=[],
        metavar="APP",
        help="an app whose every module others may import (e.g. core); repeatable",
    )
    parser.add_argument(
        "--tests",
        action="append",
        metavar="DIR",
        help="a folder of test files only, counted apart (default: ./tests when it exists)",
    )
    args = parser.parse_args(argv)
    test_dirs = args.tests if args.tests is not None else [d for d in ["tests"] if Path(d).is_dir()]
    report = measure(
        [Path(r) for r in args.roots], [Path(d) for d in test_dirs], platform=args.platform
    )
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
