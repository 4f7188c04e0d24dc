"""Loads the packaged territory table (regions, provinces, comuni) into the database."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fragola.core.italy.territory import read_territory
from fragola.registry.models import Comune, Province, Region


@transaction.atomic
def territory_load(
    *, region_model: Any = Region, province_model: Any = Province, comune_model: Any = Comune
) -> int:
    """Insert or update every region, province and comune; returns the number of comuni.

    Idempotent: running it again after a data update changes names and coordinates in place.
    The models are parameters so that the data migration can pass its historical models.
    """
    Region, Province, Comune = region_model, province_model, comune_model
    data = read_territory()
    Region.objects.bulk_create(
        [Region(istat_code=r.istat_code, name=r.name) for r in data.regions],
        update_conflicts=True,
        unique_fields=["istat_code"],
        update_fields=["name"],
    )
    regions = dict(Region.objects.values_list("istat_code", "pk"))
    Province.objects.bulk_create(
        [
            Province(
                istat_code=p.istat_code,
                name=p.name,
                abbreviation=p.abbreviation,
                region_id=regions[p.region_code],
            )
            for p in data.provinces
        ],
        update_conflicts=True,
        unique_fields=["istat_code"],
        update_fields=["name", "abbreviation", "region"],
    )
    provinces = dict(Province.objects.values_list("istat_code", "pk"))
    Comune.objects.bulk_create(
        [
            Comune(
                istat_code=c.istat_code,
                cadastral_code=c.cadastral_code,
                name=c.name,
                province_id=provinces[c.province_code],
                latitude=c.latitude,
                longitude=c.longitude,
            )
            for c in data.comuni
        ],
        update_conflicts=True,
        unique_fields=["istat_code"],
        update_fields=["cadastral_code", "name", "province", "latitude", "longitude"],
        batch_size=1000,
    )
    return len(data.comuni)


def territory_is_loaded() -> bool:
    return Comune.objects.exists()
