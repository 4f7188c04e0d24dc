"""Rows of the co-operatives file: typed and checked before anything touches the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from fragola.core.importing.cells import Cells, fold
from fragola.core.importing.result import RowError, errors_from_validation
from fragola.core.importing.table import RawRow
from fragola.core.italy.codes import validate_organisation_fiscal_code
from fragola.registry.importing import messages as msg
from fragola.registry.importing.columns import (
    LEGAL_FORM_ALIASES,
    SECTION_ALIASES,
    TYPE_ALIASES,
)
from fragola.registry.models import Comune, Organisation, OrganisationType, Region
from fragola.registry.services import OrganisationData
from fragola.registry.validators import validate_organisation_name

COOP_FIELD_COLUMNS = {
    "comune": "comune_istat",
    "consortium": "consortium_fiscal_code",
    "member": "fiscal_code",
}
# The organisation fields the file speaks of; every other field is kept as it is.
COOP_FILE_FIELDS = (
    "type",
    "name",
    "legal_form",
    "founded_on",
    "comune",
    "register_region",
    "register_section",
    "register_number",
    "register_date",
)


@dataclass(frozen=True, kw_only=True)
class CoopRow:
    number: int
    data: OrganisationData
    consortium_fiscal_code: str
    joined_on: dt.date | None

    @property
    def fiscal_code(self) -> str:
        return self.data.fiscal_code


@dataclass(frozen=True, kw_only=True)
class Lookups:
    comuni: dict[str, Comune]
    regions: dict[str, Region]

    @classmethod
    def load(cls, rows: list[RawRow]) -> Lookups:
        codes = {raw.get("comune_istat").zfill(6) for raw in rows if raw.get("comune_istat")}
        regions: dict[str, Region] = {}
        for region in Region.objects.all():
            regions[region.istat_code] = region
            regions[fold(region.name)] = region
            for part in region.name.split("/"):
                regions[fold(part)] = region
        return cls(
            comuni={c.istat_code: c for c in Comune.objects.filter(istat_code__in=codes)},
            regions=regions,
        )


def parse_coop(
    raw: RawRow, lookups: Lookups, *, consortium: Organisation | None
) -> tuple[CoopRow | None, list[RowError]]:
    """One row; ``consortium`` (if given) is the only consortium its co-ops may be linked to."""
    cells = Cells(raw)
    data = OrganisationData(
        fiscal_code=cells.code("fiscal_code", required=True),
        name=cells.text("name", required=True),
        type=cells.choice("type", TYPE_ALIASES, required=True),
        legal_form=cells.choice("legal_form", LEGAL_FORM_ALIASES, required=True),
        founded_on=cells.date("founded_on", required=True) or dt.date.min,
        comune=_comune(cells, lookups),  # type: ignore[arg-type]  # None only on a bad row
        register_region=_region(cells, lookups),
        register_section=cells.choice("register_section", SECTION_ALIASES),
        register_number=cells.text("register_number", max_length=30),
        register_date=cells.date("register_date"),
    )
    _check_identity(cells, data)
    row = CoopRow(
        number=raw.number,
        data=data,
        consortium_fiscal_code=cells.code("consortium_fiscal_code"),
        joined_on=cells.date("joined_consortium_on"),
    )
    _check_link(cells, row, consortium)
    return (None if cells.errors else row), cells.errors


def _comune(cells: Cells, lookups: Lookups) -> Comune | None:
    code = cells.istat_code("comune_istat", required=True)
    if code and code not in lookups.comuni:
        cells.fail("comune_istat", msg.ERR_COMUNE)
    return lookups.comuni.get(code)


def _region(cells: Cells, lookups: Lookups) -> Region | None:
    value = cells.raw.get("register_region")
    if not value:
        return None
    key = value.zfill(2) if value.isdigit() else fold(value)
    region = lookups.regions.get(key)
    if region is None:
        cells.fail("register_region", msg.ERR_REGION)
    return region


def _check_identity(cells: Cells, data: OrganisationData) -> None:
    checks: list[Callable[[], object]] = [
        lambda: validate_organisation_fiscal_code(data.fiscal_code)
    ]
    if data.type and data.name:
        checks.append(lambda: validate_organisation_name(type=data.type, name=data.name))
    for check in checks:
        try:
            check()
        except ValidationError as exc:
            for error in errors_from_validation(cells.raw.number, exc, {}, "fiscal_code"):
                if not cells.failed(error.field):
                    cells.errors.append(error)


def _check_link(cells: Cells, row: CoopRow, consortium: Organisation | None) -> None:
    code = row.consortium_fiscal_code
    if code and row.joined_on is None and not cells.failed("joined_consortium_on"):
        cells.fail("joined_consortium_on", msg.ERR_CONSORTIUM_WITHOUT_DATE)
    if row.joined_on and not code:
        cells.fail("consortium_fiscal_code", msg.ERR_DATE_WITHOUT_CONSORTIUM)
    if code and code == row.fiscal_code:
        cells.fail("consortium_fiscal_code", msg.ERR_CONSORTIUM_ITSELF)
    elif code and consortium is not None and code != consortium.fiscal_code:
        cells.fail("consortium_fiscal_code", msg.ERR_CONSORTIUM_OTHER, consortium=consortium.name)


def is_consortium_row(row: CoopRow) -> bool:
    return row.data.type == OrganisationType.CONSORTIUM
