"""Italian identifiers: fiscal codes (codice fiscale) of people and organisations, VAT numbers.

Error messages are module constants so that tests, forms and importers name the same text.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale, iva


class PersonKind(models.TextChoices):
    """A natural person has a 16-character fiscal code, a legal person (a company) 11 digits."""

    NATURAL = "natural", _("Natural person")
    LEGAL = "legal", _("Legal person")


ERR_ORG_FISCAL_CODE = _("This is not a valid fiscal code for an organisation (11 digits).")
ERR_VAT_NUMBER = _("This is not a valid Italian VAT number.")
ERR_PERSON_FISCAL_CODE = _("This is not a valid Italian fiscal code.")
ERR_NATURAL_FISCAL_CODE = _("A natural person's fiscal code has 16 characters.")
ERR_LEGAL_FISCAL_CODE = _("A legal person's fiscal code has 11 digits.")
ERR_FISCAL_CODE_BIRTH_DATE = _("The fiscal code does not match the birth date.")
ERR_FISCAL_CODE_SEX = _("The fiscal code does not match the sex.")
ERR_BIRTH_IN_FUTURE = _("A birth date cannot be after today.")


def normalise_code(value: str) -> str:
    return "".join(value.split()).upper()


def validate_organisation_fiscal_code(value: str) -> str:
    code = normalise_code(value)
    if len(code) != 11 or not codicefiscale.is_valid(code):
        raise ValidationError({"fiscal_code": ERR_ORG_FISCAL_CODE}, code="invalid")
    return code


def validate_vat_number(value: str) -> str:
    code = normalise_code(value).removeprefix("IT")
    try:
        return str(iva.validate(code))
    except StdnumError as exc:
        raise ValidationError({"vat_number": ERR_VAT_NUMBER}, code="invalid") from exc


def validate_person_fiscal_code(
    *, kind: str, fiscal_code: str, birth_date: dt.date | None = None, sex: str = ""
) -> str:
    """A person's fiscal code: well formed, and consistent with birth date and sex if given."""
    code = normalise_code(fiscal_code)
    if kind == PersonKind.LEGAL:
        if len(code) != 11:
            raise ValidationError({"fiscal_code": ERR_LEGAL_FISCAL_CODE}, code="invalid")
        if not codicefiscale.is_valid(code):
            raise ValidationError({"fiscal_code": ERR_PERSON_FISCAL_CODE}, code="invalid")
        return code
    if len(code) != 16:
        raise ValidationError({"fiscal_code": ERR_NATURAL_FISCAL_CODE}, code="invalid")
    if not codicefiscale.is_valid(code):
        raise ValidationError({"fiscal_code": ERR_PERSON_FISCAL_CODE}, code="invalid")
    errors: dict[str, object] = {}
    if birth_date is not None and not _birth_date_matches(code, birth_date):
        errors["birth_date"] = ERR_FISCAL_CODE_BIRTH_DATE
    elif birth_date is not None and birth_date > timezone.localdate():
        errors["birth_date"] = ERR_BIRTH_IN_FUTURE
    if sex and codicefiscale.get_gender(code) != sex:
        errors["sex"] = ERR_FISCAL_CODE_SEX
    if errors:
        raise ValidationError(errors, code="inconsistent")
    return code


def _birth_date_matches(code: str, birth_date: dt.date) -> bool:
    """Whether the code's day, month and two-digit year are those of ``birth_date``.

    The code keeps only two digits of the year, so it is decoded in the birth date's own century:
    a person born on 29 February 2000 has a valid code although 1900 was not a leap year.
    """
    try:
        encoded = codicefiscale.get_birth_date(code, minyear=birth_date.year // 100 * 100)
    except StdnumError:  # a day that does not exist in that century (29 February 1900)
        return False
    return encoded == birth_date
