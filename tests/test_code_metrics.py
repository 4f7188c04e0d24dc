"""scripts/code_metrics.py on a tiny made-up project: the figures it prints are the right ones."""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "code_metrics.py"


@pytest.fixture(scope="module")
def metrics() -> ModuleType:
    spec = importlib.util.spec_from_file_location("code_metrics", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["code_metrics"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two apps, ``shop`` and ``stock``, with one of each thing the script counts."""
    root = tmp_path / "proj"
    write(
        root,
        {
            "__init__.py": "",
            "urls.py": "from proj.shop import views  # the composition root may import anything\n",
            "shop/__init__.py": "",
            "shop/apps.py": """\
                class ShopConfig:
                    def ready(self):
                        from proj.stock.hooks import register_listener

                        register_listener(print)
            """,
            "shop/views.py": """\
                from proj.stock.models import Item
                from proj.stock import helpers
            """,
            "shop/services.py": '''\
                """Selling."""

                from typing import TYPE_CHECKING

                if TYPE_CHECKING:
                    from proj.shop.views import Item  # not counted: no cycle through views


                def sell(item):
                    """Sell one item."""
                    # a comment line
                    count = item.count  # type: ignore[attr-defined]
                    return count - 1
            ''',
            "shop/tests/test_services.py": "x = 1  # type: ignore\n",
            "shop/migrations/0001_initial.py": "y = 2  # type: ignore\n",
            "stock/__init__.py": "",
            "stock/apps.py": "class StockConfig:\n    pass\n",
            "stock/models.py": """\
                class Item:
                    def restock(self):
                        from proj.shop.services import sell

                        return sell(self)
            """,
            "stock/helpers.py": "from proj.stock.ledger import entry\n",
            "stock/ledger.py": """\
                def entry():
                    from proj.stock import helpers

                    return helpers
            """,
            "stock/hooks.py": """\
                _listeners = []


                def register_listener(listener):
                    _listeners.append(listener)
            """,
        },
    )
    return root


def test_it_counts_files_lines_and_function_lengths(metrics: ModuleType, project: Path) -> None:
    report = metrics.measure([project])

    shop = report["apps"]["shop"]
    assert (shop["files"], shop["test_files"]) == (4, 1)  # migrations are left out
    # services.py: 13 lines, of which 6 are code (not blank, comment or docstring)
    assert metrics.count_lines((project / "shop/services.py").read_text()) == (6, 13)
    # sell() runs from its def to its return: 5 lines; ready() 4; restock() 4, entry() 4,
    # register_listener() 2
    assert shop["functions"] == 2
    assert metrics.function_lengths(ast.parse((project / "shop/services.py").read_text())) == [5]
    assert report["total"]["functions"] == 5
    assert report["total"]["function_median"] == 4


def test_it_counts_type_ignores_in_code_only(metrics: ModuleType, project: Path) -> None:
    report = metrics.measure([project])

    assert report["total"]["type_ignores"] == 1
    assert report["apps"]["shop"]["type_ignores"] == 1


def test_it_finds_cycles_between_apps_and_between_files(metrics: ModuleType, project: Path) -> None:
    report = metrics.measure([project])

    assert report["file_cycles"] == [["proj.stock.helpers", "proj.stock.ledger"]]
    assert [cycle["apps"] for cycle in report["app_cycles"]] == [["shop", "stock"]]


def test_it_lists_imports_of_another_apps_internals(metrics: ModuleType, project: Path) -> None:
    report = metrics.measure([project])

    # stock.models is public; stock.helpers and stock.hooks are not; urls.py is exempt.
    assert report["cross_app_internals"] == {
        "proj.stock.helpers": ["proj.shop.views"],
        "proj.stock.hooks": ["proj.shop.apps"],
    }


def test_it_lists_plugin_registries_filled_from_ready(
    metrics: ModuleType, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project.parent / "e2e", {"test_pages.py": "def test_it():\n    pass\n"})
    metrics.main([str(project), "--json", "--tests", str(project.parent / "e2e")])

    printed = json.loads(capsys.readouterr().out)
    assert printed["apps"]["e2e"]["test_files"] == 1
    assert printed["plugin_registries"] == [
        {
            "registry": "proj.stock.hooks._listeners",
            "register": "register_listener",
            "filled_from": ["proj.shop.apps"],
        }
    ]
