"""Public bodies: recorded one by one or imported from a CSV/XLSX file (``core.importing``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fragola.core.importing.cells import Cells, fold
from fragola.core.importing.result import FileProblem, ImportResult, Outcome
from fragola.core.importing.runner import all_or_nothing, attempt
from fragola.core.importing.table import duplicate_column_errors, read_table
from fragola.core.italy.codes import validate_organisation_fiscal_code
from fragola.procurement.models import PublicBody, PublicBodyKind
from fragola.registry.models import Comune

ERR_BODY_KIND = _("Unknown kind of public body.")
ERR_IPA_CODE = _("An IPA office code has 6 letters or digits.")
ERR_NAME_REQUIRED = _("Give the body's name.")
ERR_COMUNE = _("No comune has this ISTAT code.")
ERR_DUPLICATE_BODY = _("This fiscal code is already on row %(row)d.")

IPA_CODE = re.compile(r"^[A-Z0-9]{6}$")
BODY_COLUMNS = (
    "kind",
    "name",
    "fiscal_code",
    "ipa_code",
    "split_payment",
    "comune_istat",
    "email",
    "pec",
    "phone",
)
BODY_REQUIRED = ("kind", "name", "fiscal_code")
KIND_ALIASES = {fold(k): k for k in PublicBodyKind.values} | {
    "asl": PublicBodyKind.HEALTH,
    "ats": PublicBodyKind.HEALTH,
    "ulss": PublicBodyKind.HEALTH,
    "scuola": PublicBodyKind.SCHOOL,
    "regione": PublicBodyKind.REGION,
    "ambito_sociale": PublicBodyKind.AMBITO,
    "altro": PublicBodyKind.OTHER,
}
YES_NO = {"si": "yes", "yes": "yes", "1": "yes", "true": "yes", "s": "yes"} | {
    "no": "no",
    "0": "no",
    "false": "no",
    "n": "no",
}


@dataclass(frozen=True, kw_only=True)
class PublicBodyData:
    kind: str
    name: str
    fiscal_code: str
    ipa_code: str = ""
    split_payment: bool = True
    comune: Comune | None = None
    email: str = ""
    pec: str = ""
    phone: str = ""


def _checked(data: PublicBodyData) -> PublicBodyData:
    errors: dict[str, object] = {}
    if data.kind not in PublicBodyKind.values:
        errors["kind"] = ERR_BODY_KIND
    if not data.name.strip():
        errors["name"] = ERR_NAME_REQUIRED
    ipa_code = "".join(data.ipa_code.split()).upper()
    if ipa_code and not IPA_CODE.match(ipa_code):
        errors["ipa_code"] = ERR_IPA_CODE
    fiscal_code = data.fiscal_code
    try:
        fiscal_code = validate_organisation_fiscal_code(data.fiscal_code)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return replace(data, name=data.name.strip(), ipa_code=ipa_code, fiscal_code=fiscal_code)


FIELDS = ("kind", "name", "ipa_code", "split_payment", "comune", "email", "pec", "phone")


@transaction.atomic
def public_body_upsert(*, data: PublicBodyData) -> tuple[PublicBody, Outcome]:
    """The body with this fiscal code, created or brought up to date (the code is unique)."""
    data = _checked(data)
    body = PublicBody.objects.select_for_update().filter(fiscal_code=data.fiscal_code).first()
    if body is None:
        body = PublicBody(fiscal_code=data.fiscal_code)
        outcome = Outcome.CREATED
    elif all(getattr(body, name) == getattr(data, name) for name in FIELDS):
        return body, Outcome.UNCHANGED
    else:
        outcome = Outcome.UPDATED
    for name in FIELDS:
        setattr(body, name, getattr(data, name))
    body.full_clean()
    body.save()
    return body, outcome


def _comune(cells: Cells, comuni: dict[str, Comune]) -> Comune | None:
    code = cells.istat_code("comune_istat")
    if not code:
        return None
    found = comuni.get(code)
    if found is None:
        cells.fail("comune_istat", ERR_COMUNE)
    return found


def parse_body(cells: Cells, comuni: dict[str, Comune]) -> PublicBodyData:
    split = cells.choice("split_payment", YES_NO) or "yes"
    return PublicBodyData(
        kind=cells.choice("kind", KIND_ALIASES, required=True),
        name=cells.text("name", required=True, max_length=200),
        fiscal_code=cells.code("fiscal_code", required=True),
        ipa_code=cells.code("ipa_code"),
        split_payment=split == "yes",
        comune=_comune(cells, comuni),
        email=cells.email("email"),
        pec=cells.email("pec"),
        phone=cells.text("phone", max_length=30),
    )


def _write(data: PublicBodyData) -> Outcome:
    return public_body_upsert(data=data)[1]


def import_public_bodies(*, content: bytes, filename: str, dry_run: bool) -> ImportResult:
    """Import public bodies: all rows or, if any row is bad, none (errors by row and column)."""
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(content, filename, columns=BODY_COLUMNS, required=BODY_REQUIRED)
    except FileProblem as exc:
        result.errors.extend(exc.errors)
        return result
    codes = {raw.get("comune_istat").zfill(6) for raw in table.rows if raw.get("comune_istat")}
    comuni = {c.istat_code: c for c in Comune.objects.filter(istat_code__in=codes)}
    rows = []
    for raw in table.rows:
        cells = Cells(raw)
        data = parse_body(cells, comuni)
        result.errors.extend(cells.errors)
        if not cells.errors:
            rows.append((raw.number, data))
    result.errors.extend(duplicate_column_errors(table.rows, "fiscal_code", ERR_DUPLICATE_BODY))
    with all_or_nothing(result):
        for number, data in rows:
            outcome = attempt(
                result, number, partial(_write, data), columns={}, default_column="fiscal_code"
            )
            if outcome is not None:
                result.count(outcome)
    return result
