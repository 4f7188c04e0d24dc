"""The import contracts bite: a pure module that reaches Django, even through another module,
fails ``lint-imports`` (which CI runs, see ``.ci/run``).

Each test copies the sources and pyproject.toml to a temporary folder, adds one import there and
runs lint-imports on the copy; the repository itself is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "locale", "static", "templates")
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_import(tree: Path, module: str, statement: str) -> None:
    path = tree / "src" / Path(*module.split(".")).with_suffix(".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n{statement}  # noqa\n")


def test_the_contracts_hold_on_the_code_as_it_is(tree: Path) -> None:
    result = _lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract"),
    [
        # The rules reach Django through the compliance app's wording.
        (
            "fragola_law.engine",
            "from fragola.compliance import wording as _wording",
            "Law 381 rules (fragola_law) are a plain library",
        ),
        # Care's domain reaches Django through care's own figures module.
        (
            "fragola.care.domain",
            "from fragola.care import figures as _figures",
            "Home care's domain rules are plain Python",
        ),
        # Integration's arithmetic reaches Django through its own selectors.
        (
            "fragola.integration.forecast",
            "from fragola.integration import selectors as _selectors",
            "Work integration's arithmetic is plain Python",
        ),
        # Tender scoring reaches Django through the command that prints it.
        (
            "fragola.procurement.scoring.engine",
            "from fragola.procurement.management.commands import tenders as _tenders",
            "Tender scoring, labour costing",
        ),
        # The back office's allocation reaches Django through the file preview.
        (
            "fragola.backoffice.allocation",
            "from fragola.backoffice import preview as _preview",
            "The back office's allocation of shared costs is plain Python",
        ),
        # The solver imports a Fragola module.
        (
            "fragola_solver.model",
            "from fragola.care import domain as _domain",
            "The solver is a plain library",
        ),
        # Core imports a domain app, any of them.
        (
            "fragola.core.http",
            "from fragola.planning import labels as _labels",
            "Core is the platform",
        ),
        # A lower app imports a higher one.
        (
            "fragola.registry.selectors",
            "from fragola.integration import models as _models",
            "Apps import each other in one direction",
        ),
    ],
)
def test_an_import_across_a_contract_fails(
    tree: Path, module: str, statement: str, contract: str
) -> None:
    _add_import(tree, module, statement)
    result = _lint_imports(tree)
    assert result.returncode != 0, result.stdout
    # lint-imports wraps long contract names; each named here fits on the report's first line.
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken
