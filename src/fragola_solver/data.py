"""Locating and unpacking the benchmark data (read-only archives, extracted to a cache)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETS = "ABCDEFG"
SIZES = (10, 25, 50, 75, 100, 200, 300)


def default_data_dir() -> Path:
    env = os.environ.get("FRAGOLA_BENCHMARKS")
    return Path(env) if env else REPO.parent / "shared" / "benchmarks"


def cache_dir() -> Path:
    env = os.environ.get("FRAGOLA_CACHE")
    return Path(env) if env else Path(tempfile.gettempdir()) / "fragola-solver-cache"


def extract(archive: Path) -> Path:
    """Extract ``archive`` once into the cache (keyed by name, size and mtime); return the dir."""
    st = archive.stat()
    target = cache_dir() / f"{archive.name}-{st.st_size}-{int(st.st_mtime)}"
    if not target.exists():
        # Extract aside and rename: concurrent benchmark workers must never see half a tree.
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".extract-"))
        with tarfile.open(archive, "r:xz") as tar:
            tar.extractall(tmp, filter="data")
        try:
            tmp.rename(target)
        except OSError:  # another process won the race
            shutil.rmtree(tmp, ignore_errors=True)
    return target


@dataclass(frozen=True)
class MankowskaCase:
    id: str  # literature name, e.g. "C4"
    stem: str  # file stem, e.g. "InstanzCPLEX_HCSRP_50_4"
    bks: float
    mnsa_best: str  # as published (precision varies)
    instance: Path

    @property
    def set(self) -> str:
        return self.id[0]


def mankowska_cases(data_dir: Path | None = None) -> list[MankowskaCase]:
    root = (data_dir or default_data_dir()) / "mankowska-hhcrsp"
    inst_dir = extract(root / "instances-json.tar.xz") / "instances" / "mankowska"
    cases = []
    with open(root / "bks.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            stem = row["file"].removesuffix(".txt")
            cases.append(
                MankowskaCase(
                    row["id"], stem, float(row["bks"]), row["mnsa_best"], inst_dir / f"{stem}.json"
                )
            )
    return sorted(cases, key=lambda c: (c.set, int(c.id[1:])))


def mnsa_solutions(data_dir: Path | None = None) -> dict[str, Path]:
    """File stem -> published MNSA solution file."""
    root = (data_dir or default_data_dir()) / "mankowska-hhcrsp"
    sol_dir = extract(root / "mnsa-best-solutions.tar.xz") / "solutions" / "mankowska"
    out = {}
    for path in sol_dir.glob("sol-*.json"):
        m = re.match(r"sol-(.*)-\d+\.json$", path.name)
        if m:
            out[m.group(1)] = path
    return out


@dataclass(frozen=True)
class UhhcCase:
    name: str  # e.g. "i-116"
    instance: Path
    sa_solution: Path | None
    best_known: float


def uhhc_cases(data_dir: Path | None = None) -> list[UhhcCase]:
    root = (data_dir or default_data_dir()) / "uhhc-validation"
    base = extract(root / "uhhc-validation.tar.xz")
    sols = {}
    for path in (base / "solutions" / "simulated-annealing" / "validation").glob("sol-*.json"):
        m = re.match(r"sol-(i-\d+)-\d+\.json$", path.name)
        if m:
            sols[m.group(1)] = path
    cases = []
    with open(root / "reference.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["instance"]
            cases.append(
                UhhcCase(
                    name,
                    base / "instances" / "validation" / f"{name}.json",
                    sols.get(name),
                    float(row["best_known"]),
                )
            )
    return cases
