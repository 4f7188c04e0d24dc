"""Which user-facing error constants Fragola's tests provoke, and which are dead.

Run from the repository root (stdlib only, nothing is imported or executed from the tree):

    python3 scripts/error_constants.py            # the four figures
    python3 scripts/error_constants.py --list     # and every constant not used by tests, or dead
    python3 scripts/error_constants.py --json     # the figures and the lists as JSON
    python3 scripts/error_constants.py --check    # exit 1 if a constant is dead or untested

Definitions:

- An **error constant** is a module-level assignment to a name starting with ``ERR_`` in a code
  file of ``src/fragola`` or ``src/fragola_law``. Code files are ``*.py`` files outside
  ``tests/`` and ``migrations/`` folders, not named ``test_*.py`` or ``conftest.py``; every other
  ``*.py`` file under ``src/`` and ``tests/`` is a test file.
- A file **uses** a constant when it reads it (a name or attribute load, not the import alone):
  as a name bound by ``from M import ERR_X`` (relative imports and re-exports through other
  modules' ``from ... import`` followed to the defining module), as ``alias.ERR_X`` where the
  alias is bound to the defining module (or a module re-exporting it), or, in its own module,
  by its bare name.
- **Used by tests**: some test file uses it. **Unused by tests**: no test file does.
- **Dead**: no code file uses it, or only inside undecorated module-level functions whose name
  no code file reads (functions nothing calls; tests do not count as callers). Decorated
  functions (endpoints, tasks, receivers) and methods count as called. Names are compared
  without their modules here, so a dead function sharing a live one's name hides.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONSTANT_ROOTS = ("src/fragola", "src/fragola_law")
SCAN_ROOTS = ("src", "tests")
PREFIX = "ERR_"


@dataclass
class Module:
    name: str  # dotted, e.g. fragola.care.services.visits
    path: Path
    is_package: bool
    is_test: bool
    tree: ast.Module
    imported_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # local -> (mod, name)
    module_aliases: dict[str, str] = field(default_factory=dict)  # local -> module


def is_test_file(path: Path) -> bool:
    parts = path.parts
    return (
        "tests" in parts
        or path.name.startswith("test_")
        or path.name == "conftest.py"
        or parts[0] == "tests"
    )


def module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.with_suffix("").parts)
    if parts[0] == "src":
        parts = parts[1:]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


def load_modules(root: Path) -> dict[str, Module]:
    modules: dict[str, Module] = {}
    for scan in SCAN_ROOTS:
        for path in sorted((root / scan).rglob("*.py")):
            rel = path.relative_to(root)
            if "migrations" in rel.parts:
                continue
            name, is_package = module_name(rel)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(rel))
            modules[name] = Module(name, rel, is_package, is_test_file(rel), tree)
    return modules


def resolve_from(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.name.split(".")
    if not module.is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def bind_imports(modules: dict[str, Module]) -> None:
    for module in modules.values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        module.module_aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        module.module_aliases[top] = top
            elif isinstance(node, ast.ImportFrom):
                source = resolve_from(module, node)
                for alias in node.names:
                    local = alias.asname or alias.name
                    submodule = f"{source}.{alias.name}"
                    if submodule in modules:
                        module.module_aliases[local] = submodule
                    else:
                        module.imported_names[local] = (source, alias.name)


def definitions(modules: dict[str, Module]) -> dict[tuple[str, str], Module]:
    found: dict[tuple[str, str], Module] = {}
    for module in modules.values():
        if module.is_test or not module.path.as_posix().startswith(CONSTANT_ROOTS):
            continue
        for node in module.tree.body:
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.startswith(PREFIX):
                    found[(module.name, target.id)] = module
    return found


def follow(
    modules: dict[str, Module], key: tuple[str, str], defined: set[tuple[str, str]]
) -> tuple[str, str] | None:
    """The defining (module, name) of ``key``, following re-exports; None if not a constant."""
    seen: set[tuple[str, str]] = set()
    while key not in defined:
        if key in seen or key[0] not in modules:
            return None
        seen.add(key)
        bound = modules[key[0]].imported_names.get(key[1])
        if bound is None:
            return None
        key = bound
    return key


def dotted(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        head = dotted(node.value)
        return None if head is None else [*head, node.attr]
    return None


def _loads(node: ast.AST) -> Iterator[ast.Name | ast.Attribute]:
    for child in ast.walk(node):
        if isinstance(child, ast.Name | ast.Attribute) and isinstance(child.ctx, ast.Load):
            yield child


def _scopes(module: Module) -> Iterator[tuple[str | None, ast.AST]]:
    """The module's top-level statements, each with the name of the plain function it defines.

    Only undecorated module-level functions are named: a decorated one (an endpoint, a task, a
    receiver) is reached through its decorator, a method through its class.
    """
    for statement in module.tree.body:
        name = None
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            name = None if statement.decorator_list else statement.name
        yield name, statement


def called_names(modules: dict[str, Module]) -> set[str]:
    """Names read anywhere in code, a function's reads of its own name left out."""
    found: set[str] = set()
    for module in modules.values():
        if module.is_test:
            continue
        for function, statement in _scopes(module):
            for node in _loads(statement):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name != function:
                    found.add(name)
    return found


def reads(
    modules: dict[str, Module],
    module: Module,
    defined: set[tuple[str, str]],
    live: set[str] | None = None,
) -> set[tuple[str, str]]:
    """The constants that ``module`` reads; with ``live``, only in functions named in it."""
    found: set[tuple[str, str]] = set()
    for function, statement in _scopes(module):
        if live is not None and function is not None and function not in live:
            continue  # read only by a function nothing calls
        for node in _loads(statement):
            key: tuple[str, str] | None = None
            if isinstance(node, ast.Name) and node.id.startswith(PREFIX):
                if (module.name, node.id) in defined:
                    key = (module.name, node.id)
                elif node.id in module.imported_names:
                    key = module.imported_names[node.id]
            elif isinstance(node, ast.Attribute) and node.attr.startswith(PREFIX):
                chain = dotted(node.value)
                if chain and chain[0] in module.module_aliases:
                    key = (".".join([module.module_aliases[chain[0]], *chain[1:]]), node.attr)
            if key is not None and (resolved := follow(modules, key, defined)) is not None:
                found.add(resolved)
    return found


def measure(root: Path) -> dict[str, Any]:
    modules = load_modules(root)
    bind_imports(modules)
    owners = definitions(modules)
    defined = set(owners)
    by_tests: set[tuple[str, str]] = set()
    by_code: set[tuple[str, str]] = set()
    live = called_names(modules)
    for module in modules.values():
        if module.is_test:
            by_tests.update(reads(modules, module, defined))
        else:
            by_code.update(reads(modules, module, defined, live))

    def label(key: tuple[str, str]) -> str:
        return f"{owners[key].path.as_posix()}:{key[1]}"

    untested = sorted(defined - by_tests)
    dead = sorted(defined - by_code)
    return {
        "total": len(defined),
        "used_by_tests": len(defined & by_tests),
        "unused_by_tests": len(untested),
        "dead": len(dead),
        "unused_by_tests_list": [label(k) for k in untested if k not in dead],
        "dead_list": [label(k) for k in dead],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root")
    parser.add_argument("--list", action="store_true", help="list untested and dead constants")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if any is untested or dead")
    args = parser.parse_args(argv)
    figures = measure(args.root)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"error constants:  {figures['total']}")
        print(f"used by tests:    {figures['used_by_tests']}")
        print(f"unused by tests:  {figures['unused_by_tests']}")
        print(f"dead:             {figures['dead']}")
        if args.list:
            for title, key in (("untested", "unused_by_tests_list"), ("dead", "dead_list")):
                for line in figures[key]:
                    print(f"{title:9} {line}")
    failing = figures["unused_by_tests"] or figures["dead"]
    return 1 if args.check and failing else 0


if __name__ == "__main__":
    sys.exit(main())
