"""The members' book through the API: applications, admissions, exits, capital, history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from fragola.core.italy.codes import ERR_NATURAL_FISCAL_CODE
from fragola.core.services import token_create
from fragola.registry.models import Membership, Organisation, Person, ShareMovement
from fragola.registry.services import (
    ERR_ADMIT_BEFORE_APPLY,
    ERR_BEYOND_HORIZON,
    ERR_NUMBER_FOR_FUTURE_ADMISSION,
    FUTURE_HORIZON_DAYS,
)
from fragola.registry.validators import ERR_NAME_L1_3
from fragola.testing.factories import MembershipFactory, natural_fiscal_code

pytestmark = pytest.mark.django_db

GIULIA = {
    "kind": "natural",
    "fiscal_code": natural_fiscal_code(
        last_name="Verdi", first_name="Giulia", sex="F", birth_date=dt.date(1990, 5, 17)
    ),
    "first_name": "Giulia",
    "last_name": "Verdi",
    "birth_date": "1990-05-17",
    "sex": "F",
    "comune": "016024",
    "category": "volontario",
    "applied_on": "2025-03-01",
    "shares_subscribed": "50.00",
}


@pytest.fixture
def alice(world) -> Client:
    _, raw = token_create(user=world.alice, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _members_url(world, *parts: object) -> str:
    return "/".join([f"/api/v1/organisations/{world.alfa.pk}/members", *map(str, parts)])


def test_it_records_an_application_with_its_subscribed_capital(world, alice):
    response = alice.post(_members_url(world), GIULIA, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "applied"
    assert body["member_number"] is None
    assert body["shares_subscribed"] == "50.00"
    assert body["shares_paid"] == "0.00"
    assert body["person"]["fiscal_code"] == GIULIA["fiscal_code"]
    assert body["person"]["comune"] == "016024"


def test_it_refuses_a_bad_fiscal_code_naming_the_field_and_writes_nothing(world, alice):
    people, memberships = Person.objects.count(), Membership.objects.count()
    response = alice.post(
        _members_url(world),
        {**GIULIA, "fiscal_code": "NOTACODE"},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"field": "fiscal_code", "message": str(ERR_NATURAL_FISCAL_CODE)}]
    }
    assert (Person.objects.count(), Membership.objects.count()) == (people, memberships)


def test_it_rolls_back_the_person_when_the_application_fails(world, alice):
    # The person is valid, the category is not (a natural person cannot join as a legal one):
    # the person written first must not survive the failed application.
    people = Person.objects.count()
    response = alice.post(
        _members_url(world),
        {**GIULIA, "category": "persona_giuridica"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "category"
    assert Person.objects.count() == people


def test_it_speaks_italian_by_default(world, alice):
    response = alice.post(
        _members_url(world), {**GIULIA, "last_name": " "}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "last_name", "message": "Questo campo è obbligatorio."}
    ]


def test_it_explains_a_bad_fiscal_code_in_italian_by_default(world, alice):
    response = alice.post(
        _members_url(world), {**GIULIA, "fiscal_code": "NOTACODE"}, content_type="application/json"
    )
    assert response.status_code == 422
    message = response.json()["detail"][0]["message"]
    assert message != "A natural person's fiscal code has 16 characters."


def test_it_refuses_an_unknown_comune(world, alice):
    response = alice.post(
        _members_url(world), {**GIULIA, "comune": "999999"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "comune"


def test_it_admits_an_applicant_with_the_next_number_and_records_who(world, alice):
    applicant = MembershipFactory(
        organisation=world.alfa,
        admitted_on=None,
        member_number=None,
        applied_on=dt.date(2025, 3, 1),
    )
    response = alice.post(
        _members_url(world, applicant.pk, "admit"),
        {"admitted_on": "2025-03-20"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "admitted"
    assert response.json()["member_number"] == world.alfa_member.member_number + 1
    history = alice.get(_members_url(world, applicant.pk, "history")).json()
    assert history[0]["who"] == "alice"
    assert history[0]["type"] == "changed"
    changed = {change["field"]: change["new"] for change in history[0]["changes"]}
    assert changed == {
        "member_number": str(world.alfa_member.member_number + 1),
        "admitted_on": "2025-03-20",
    }
    assert history[-1]["type"] == "created"


def test_it_refuses_an_admission_before_the_application_in_english(world, alice):
    applicant = MembershipFactory(
        organisation=world.alfa,
        admitted_on=None,
        member_number=None,
        applied_on=dt.date(2025, 3, 1),
    )
    response = alice.post(
        _members_url(world, applicant.pk, "admit"),
        {"admitted_on": "2025-02-01"},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "admitted_on", "message": str(ERR_ADMIT_BEFORE_APPLY)}
    ]
    applicant.refresh_from_db()
    assert applicant.admitted_on is None


def test_it_records_an_exit(world, alice):
    response = alice.post(
        _members_url(world, world.alfa_member.pk, "exit"),
        {"exited_on": "2025-06-30", "exit_reason": "withdrawal", "notes": "Trasferita"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "exited"
    assert response.json()["exit_reason"] == "withdrawal"


def test_it_records_a_payment_and_shows_the_capital(world, alice):
    url = _members_url(world, world.alfa_member.pk)
    ShareMovement.objects.create(
        membership=world.alfa_member,
        kind="subscription",
        amount=Decimal("50.00"),
        date=world.alfa_member.applied_on,
    )
    response = alice.post(
        f"{url}/shares",
        {"kind": "payment", "amount": "25.50", "date": "2025-01-15"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["amount"] == "25.50"
    assert alice.get(url).json()["shares_paid"] == "25.50"


def test_it_refuses_a_refund_larger_than_what_was_paid(world, alice):
    response = alice.post(
        _members_url(world, world.alfa_member.pk, "shares"),
        {"kind": "refund", "amount": "10.00", "date": "2025-01-15"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "amount"
    assert not ShareMovement.objects.filter(membership=world.alfa_member).exists()


def test_it_filters_the_book_as_it_stood_on_a_date(world, alice):
    MembershipFactory(
        organisation=world.alfa,
        category="volontario",
        applied_on=dt.date(2024, 1, 1),
        admitted_on=dt.date(2024, 2, 1),
    )
    assert alice.get(_members_url(world), {"as_of": "2023-12-31"}).json()["count"] == 1
    assert alice.get(_members_url(world), {"as_of": "2024-02-01"}).json()["count"] == 2
    volunteers = alice.get(_members_url(world), {"category": "volontario"}).json()
    assert [item["category"] for item in volunteers["items"]] == ["volontario"]


def test_it_lists_the_book_without_a_query_per_member(world, alice, django_assert_max_num_queries):
    for _ in range(30):
        MembershipFactory(organisation=world.alfa, shares=Decimal("25.00"))
    with django_assert_max_num_queries(7):
        response = alice.get(_members_url(world), {"page_size": 100})
    assert response.json()["count"] == 31
    assert {item["shares_subscribed"] for item in response.json()["items"][1:]} == {"25.00"}


def test_it_lists_organisations_without_a_query_per_row(world, django_assert_max_num_queries):
    _, raw = token_create(user=world.sara, name="test")
    sara = Client(headers={"Authorization": f"Bearer {raw}"})
    with django_assert_max_num_queries(7):
        response = sara.get("/api/v1/organisations")
    assert response.json()["count"] == 3


def test_it_enforces_the_social_cooperative_name_rule_on_rename(world, alice):
    response = alice.patch(
        f"/api/v1/organisations/{world.alfa.pk}",
        {"name": "Alfa S.r.l."},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [{"field": "name", "message": str(ERR_NAME_L1_3)}]
    assert Organisation.objects.get(pk=world.alfa.pk).name == "Alfa Cooperativa Sociale"


def test_it_renames_and_moves_an_organisation(world, alice):
    response = alice.patch(
        f"/api/v1/organisations/{world.alfa.pk}",
        {"name": "Alfa Nuova Cooperativa Sociale", "comune": "016024", "register_date": None},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Alfa Nuova Cooperativa Sociale"
    assert response.json()["fiscal_code"] == world.alfa.fiscal_code


def test_it_finds_comuni_by_name_prefix_or_istat_code(world, alice):
    by_name = alice.get("/api/v1/comuni", {"q": "berg"}).json()["items"]
    by_code = alice.get("/api/v1/comuni", {"q": "016024"}).json()["items"]
    assert "Bergamo" in [item["name"] for item in by_name]
    assert by_code == [{"istat_code": "016024", "name": "Bergamo", "province": "BG"}]


def test_it_searches_the_book_for_a_superscript_digit(world, alice):
    # Found by the schema fuzzer: "³".isdigit() is true, but int() refuses it.
    response = alice.get(_members_url(world), {"q": "³"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_it_refuses_through_the_api_an_application_dated_beyond_the_horizon(world, alice):
    far = timezone.localdate() + dt.timedelta(days=FUTURE_HORIZON_DAYS + 1)
    people = Person.objects.count()
    response = alice.post(
        _members_url(world),
        {**GIULIA, "applied_on": far.isoformat()},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"field": "applied_on", "message": ERR_BEYOND_HORIZON % {"days": FUTURE_HORIZON_DAYS}}
        ]
    }
    assert Person.objects.count() == people


def test_it_refuses_through_the_api_a_number_for_an_admission_after_today(world, alice):
    member = MembershipFactory(organisation=world.alfa, admitted_on=None, member_number=None)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = alice.post(
        _members_url(world, member.pk, "admit"),
        {"admitted_on": tomorrow.isoformat(), "member_number": 77},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "member_number", "message": str(ERR_NUMBER_FOR_FUTURE_ADMISSION)}
    ]
    member.refresh_from_db()
    assert member.admitted_on is None
