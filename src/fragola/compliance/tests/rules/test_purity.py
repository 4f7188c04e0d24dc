import ast
import subprocess
import sys
from pathlib import Path

import fragola_law as rules

PACKAGE = Path(rules.__file__).parent


def test_it_never_imports_django_in_the_rules_package() -> None:
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "django" for n in names), path


def test_it_imports_without_loading_django() -> None:
    code = (
        "import sys, fragola_law; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    src = str(PACKAGE.parent)
    completed = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": src}, check=False)
    assert completed.returncode == 0
