"""scripts/error_constants.py on a tiny made-up tree, and on Fragola: every error constant is
provoked by a test, and none is dead."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "error_constants.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("error_constants", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["error_constants"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_it_tells_tested_untested_and_dead_constants_apart(script, tmp_path):
    write(
        tmp_path,
        {
            "src/fragola/__init__.py": "",
            "src/fragola/shop/__init__.py": "",
            "src/fragola/shop/services.py": """\
                from fragola.shop.messages import ERR_SOLD_OUT

                ERR_PRICE = "Give a price."
                ERR_CLOSED = "The shop is closed."
                ERR_FORGOTTEN = "Nobody raises this."
                ERR_ORPHAN = "Only an uncalled function raises this."


                def sell(price):
                    if price is None:
                        raise ValueError(ERR_PRICE)
                    if price < 0:
                        raise ValueError(ERR_CLOSED)
                    raise ValueError(ERR_SOLD_OUT)


                def _never_called():
                    raise ValueError(ERR_ORPHAN)
            """,
            "src/fragola/shop/messages.py": 'ERR_SOLD_OUT = "Sold out."\n',
            "src/fragola/shop/views.py": """\
                from fragola.shop import services


                def buy(request):
                    return services.sell(request.price)
            """,
            "src/fragola/shop/tests/__init__.py": "",
            "src/fragola/shop/tests/test_sell.py": """\
                from fragola.shop import services
                from fragola.shop.services import ERR_CLOSED, ERR_SOLD_OUT


                def test_it():
                    assert services.ERR_PRICE and ERR_SOLD_OUT
            """,
            "tests/__init__.py": "",
        },
    )
    figures = script.measure(tmp_path)
    assert (figures["total"], figures["used_by_tests"], figures["dead"]) == (5, 2, 2)
    assert figures["unused_by_tests_list"] == ["src/fragola/shop/services.py:ERR_CLOSED"]
    assert figures["dead_list"] == [
        "src/fragola/shop/services.py:ERR_FORGOTTEN",
        "src/fragola/shop/services.py:ERR_ORPHAN",
    ]


def test_every_error_constant_of_fragola_is_provoked_by_a_test_and_none_is_dead(script):
    figures = script.measure(ROOT)
    assert figures["total"] > 0
    assert figures["unused_by_tests_list"] == []
    assert figures["dead_list"] == []
