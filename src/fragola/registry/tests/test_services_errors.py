"""The registry's refusals reach the user with their field and message: roles, admissions,
identity codes, the upload form and the API's lookups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.utils import translation

from fragola.core.italy.codes import (
    ERR_FISCAL_CODE_SEX,
    ERR_LEGAL_FISCAL_CODE,
    ERR_ORG_FISCAL_CODE,
    ERR_PERSON_FISCAL_CODE,
    ERR_VAT_NUMBER,
    validate_organisation_fiscal_code,
    validate_person_fiscal_code,
    validate_vat_number,
)
from fragola.core.services import token_create
from fragola.registry.api import ERR_UNKNOWN_COMUNE, ERR_UNKNOWN_REGION
from fragola.registry.forms_io import (
    ERR_UPLOAD_EXTENSION,
    ERR_UPLOAD_TOO_LARGE,
    MAX_UPLOAD_BYTES,
    ImportUploadForm,
)
from fragola.registry.models import PersonKind, Role, RoleName
from fragola.registry.roles import (
    ERR_COOP_ROLE_IN_CONSORTIUM,
    ERR_LAST_ADMIN,
    ERR_STAFF_ONLY_IN_CONSORTIA,
    role_grant,
    role_revoke,
)
from fragola.registry.services import ERR_ALREADY_ADMITTED, membership_admit
from fragola.registry.tests._io_helpers import GIULIA
from fragola.testing.factories import OrganisationFactory, RoleFactory, natural_fiscal_code

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _messages(exc: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return exc.value.message_dict[field]


# Roles


def _grant(organisation, name: str) -> Role:
    return role_grant(
        organisation=organisation,
        email="nuova@example.org",
        first_name="Nadia",
        last_name="Nuova",
        name=name,
    )


def test_it_keeps_the_consortium_staff_role_to_consortia(world):
    with pytest.raises(ValidationError) as exc:
        _grant(world.alfa, RoleName.STAFF)
    assert _messages(exc, "role") == [str(ERR_STAFF_ONLY_IN_CONSORTIA)]


def test_it_gives_no_co_op_role_in_a_consortium(world):
    with pytest.raises(ValidationError) as exc:
        _grant(world.consortium, RoleName.COORDINATOR)
    assert _messages(exc, "role") == [str(ERR_COOP_ROLE_IN_CONSORTIUM)]
    assert not Role.objects.filter(user__email="nuova@example.org").exists()


def test_it_keeps_the_last_administrator(world):
    only_admin = RoleFactory(organisation=OrganisationFactory(), name=RoleName.ADMIN)
    with pytest.raises(ValidationError) as exc:
        role_revoke(role=only_admin)
    assert _messages(exc, "role") == [str(ERR_LAST_ADMIN)]
    assert Role.objects.filter(pk=only_admin.pk).exists()


# The book


def test_it_refuses_to_admit_a_member_twice(world):
    admitted_on = world.alfa_member.admitted_on
    with pytest.raises(ValidationError) as exc:
        membership_admit(membership=world.alfa_member, admitted_on=dt.date(2025, 1, 10))
    assert _messages(exc, "admitted_on") == [str(ERR_ALREADY_ADMITTED)]
    world.alfa_member.refresh_from_db()
    assert world.alfa_member.admitted_on == admitted_on


# Identity codes


def test_it_refuses_an_organisation_code_failing_its_check_digit():
    with pytest.raises(ValidationError) as exc:
        validate_organisation_fiscal_code("12345678901")
    assert _messages(exc, "fiscal_code") == [str(ERR_ORG_FISCAL_CODE)]


def test_it_refuses_a_vat_number_failing_its_check_digit():
    with pytest.raises(ValidationError) as exc:
        validate_vat_number("IT 12345678901")
    assert _messages(exc, "vat_number") == [str(ERR_VAT_NUMBER)]


def test_it_wants_eleven_digits_for_a_legal_person():
    with pytest.raises(ValidationError) as exc:
        validate_person_fiscal_code(kind=PersonKind.LEGAL, fiscal_code="0123456789")
    assert _messages(exc, "fiscal_code") == [str(ERR_LEGAL_FISCAL_CODE)]


def test_it_refuses_a_personal_code_failing_its_check_letter():
    wrong = GIULIA[:-1] + ("B" if GIULIA[-1] != "B" else "C")
    with pytest.raises(ValidationError) as exc:
        validate_person_fiscal_code(kind=PersonKind.NATURAL, fiscal_code=wrong)
    assert _messages(exc, "fiscal_code") == [str(ERR_PERSON_FISCAL_CODE)]


def test_it_refuses_a_sex_the_code_contradicts():
    code = natural_fiscal_code(
        last_name="Verdi", first_name="Giulia", sex="F", birth_date=dt.date(1990, 5, 17)
    )
    assert validate_person_fiscal_code(kind=PersonKind.NATURAL, fiscal_code=code, sex="F") == code
    with pytest.raises(ValidationError) as exc:
        validate_person_fiscal_code(kind=PersonKind.NATURAL, fiscal_code=code, sex="M")
    assert _messages(exc, "sex") == [str(ERR_FISCAL_CODE_SEX)]


# The upload form of the import pages


def test_the_upload_form_takes_csv_and_xlsx_only():
    form = ImportUploadForm(files={"file": SimpleUploadedFile("book.pdf", b"%PDF-1.4")})
    assert not form.is_valid()
    assert form.errors["file"] == [str(ERR_UPLOAD_EXTENSION)]


def test_the_upload_form_says_how_large_a_file_may_be():
    big = SimpleUploadedFile("book.csv", b"x" * (MAX_UPLOAD_BYTES + 1))
    form = ImportUploadForm(files={"file": big})
    assert not form.is_valid()
    expected = ERR_UPLOAD_TOO_LARGE % {"size": filesizeformat(MAX_UPLOAD_BYTES)}
    assert form.errors["file"] == [str(expected)]


# The API's lookups


@pytest.fixture
def alice(world) -> Client:
    _, raw = token_create(user=world.alice, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_the_api_refuses_an_application_from_an_unknown_comune(world, alice):
    application = {
        "kind": "natural",
        "fiscal_code": natural_fiscal_code(
            last_name="Verdi", first_name="Giulia", sex="F", birth_date=dt.date(1990, 5, 17)
        ),
        "first_name": "Giulia",
        "last_name": "Verdi",
        "comune": "999999",
        "category": "volontario",
        "applied_on": "2025-03-01",
    }
    url = f"/api/v1/organisations/{world.alfa.pk}/members"
    response = alice.post(url, application, content_type="application/json", **EN)
    assert response.status_code == 422
    with translation.override("en"):
        assert response.json()["detail"] == [
            {"field": "comune", "message": str(ERR_UNKNOWN_COMUNE)}
        ]


def test_the_api_refuses_an_unknown_register_region(world, alice):
    url = f"/api/v1/organisations/{world.alfa.pk}"
    response = alice.patch(url, {"register_region": "99"}, content_type="application/json", **EN)
    assert response.status_code == 422
    with translation.override("en"):
        assert response.json()["detail"] == [
            {"field": "register_region", "message": str(ERR_UNKNOWN_REGION)}
        ]
