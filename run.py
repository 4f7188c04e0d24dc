#!/usr/bin/env python3
"""Fragola's two commands, for a machine that has only Python 3.11+.

    python3 run.py demo    install Fragola in ./.venv and start the demo (web server + worker)
    python3 run.py test    install Fragola with its test tools and run the whole test suite

Anything after the command is passed on: ``python3 run.py demo --port 8080``,
``python3 run.py test -k book``. The virtual environment is reused and only reinstalled when
pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("FRAGOLA_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
USAGE = "usage: python3 run.py {demo|test} [arguments…]"


def _stamp(extra: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(extra.encode())
    return digest.hexdigest()


def ensure_installed(extra: str) -> None:
    """Create the venv and install Fragola (wheels only), unless nothing changed since last time."""
    marker = VENV / ".fragola-installed"
    wanted = _stamp(extra)
    if marker.exists() and marker.read_text() == wanted:
        return
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing Fragola and its dependencies (wheels only) …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip", "setuptools", "wheel"], check=True)
    target = f".[{extra}]" if extra else "."
    subprocess.run([*pip, "--only-binary=:all:", "--editable", target], check=True, cwd=ROOT)
    marker.write_text(wanted)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script must explain, not crash, on 3.10
        print("Fragola needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in {"demo", "test"}:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "demo":
        ensure_installed("")
        return subprocess.call([str(BIN / "fragola"), "demo", *rest])
    ensure_installed("dev")
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
