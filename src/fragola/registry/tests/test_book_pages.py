import datetime as dt

import pytest
from django.urls import reverse

from fragola.registry.models import MemberCategory, Membership
from fragola.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_it_shows_alice_her_cooperatives_book(world, client_for):
    response = client_for("alice").get(reverse("member_book", args=[world.alfa.pk]))
    assert response.status_code == 200
    assert world.alfa_member.person.fiscal_code in response.content.decode()


def test_it_hides_alfas_book_from_charlie(world, client_for):
    response = client_for("charlie").get(reverse("member_book", args=[world.alfa.pk]))
    assert response.status_code == 404


def test_it_hides_betas_unshared_book_from_the_consortium(world, client_for):
    sara = client_for("sara")
    assert sara.get(reverse("member_book", args=[world.alfa.pk])).status_code == 200
    assert sara.get(reverse("member_book", args=[world.beta.pk])).status_code == 404
    assert sara.get(reverse("organisation_detail", args=[world.beta.pk])).status_code == 200


def test_it_shows_the_book_as_it_stood_on_a_date(world, client_for):
    MembershipFactory(
        organisation=world.alfa,
        category=MemberCategory.VOLUNTEER,
        applied_on=dt.date(2024, 1, 1),
        admitted_on=dt.date(2024, 2, 1),
    )
    url = reverse("member_book", args=[world.alfa.pk])
    before = client_for("alice").get(url, {"as_of": "2023-12-31"})
    after = client_for("alice").get(url, {"as_of": "2024-02-01"})
    assert before.context["page"].paginator.count == 1
    assert after.context["page"].paginator.count == 2


def test_it_admits_an_applicant_and_records_who_did_it(world, client_for):
    applicant = MembershipFactory(
        organisation=world.alfa,
        admitted_on=None,
        member_number=None,
        applied_on=dt.date(2025, 3, 1),
    )
    url = reverse("member_admit", args=[world.alfa.pk, applicant.pk])
    response = client_for("alice").post(url, {"admitted_on": "2025-03-20"})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.admitted_on == dt.date(2025, 3, 20)
    assert applicant.member_number == world.alfa_member.member_number + 1
    latest = Membership.history.filter(id=applicant.pk).latest("history_date")
    assert latest.history_user == world.alice


def test_it_refuses_an_admission_before_the_application(world, client_for):
    applicant = MembershipFactory(
        organisation=world.alfa,
        admitted_on=None,
        member_number=None,
        applied_on=dt.date(2025, 3, 1),
    )
    url = reverse("member_admit", args=[world.alfa.pk, applicant.pk])
    response = client_for("alice").post(
        url, {"admitted_on": "2025-02-01"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    assert "cannot come before the application" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.admitted_on is None


def test_it_does_not_let_a_coordinator_admit(world, client_for):
    applicant = MembershipFactory(organisation=world.alfa, admitted_on=None, member_number=None)
    url = reverse("member_admit", args=[world.alfa.pk, applicant.pk])
    assert client_for("bob").post(url, {"admitted_on": "2025-03-20"}).status_code == 404


def _organisation_post(organisation, **changes):
    from fragola.registry.forms import OrganisationForm

    data = {
        k: ("" if v is None else v) for k, v in OrganisationForm.initial_for(organisation).items()
    }
    data["register_region"] = organisation.register_region_id or ""
    data.update(changes)
    return data


def test_it_refuses_a_name_without_cooperativa_sociale_citing_l1_3(world, client_for):
    url = reverse("organisation_edit", args=[world.alfa.pk])
    response = client_for("alice").post(
        url, _organisation_post(world.alfa, name="Alfa Servizi S.r.l."), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "L1.3" in response.content.decode()
    world.alfa.refresh_from_db()
    assert world.alfa.name == "Alfa Cooperativa Sociale"


def test_it_saves_a_valid_name_and_keeps_the_old_one_in_history(world, client_for):
    url = reverse("organisation_edit", args=[world.alfa.pk])
    new_name = "Alfa Società Cooperativa Sociale Onlus"
    response = client_for("alice").post(url, _organisation_post(world.alfa, name=new_name))
    assert response.status_code == 302
    world.alfa.refresh_from_db()
    assert world.alfa.name == new_name
    assert world.alfa.history.earliest().name == "Alfa Cooperativa Sociale"


def test_it_does_not_let_a_carer_edit_the_organisation(world, client_for):
    url = reverse("organisation_edit", args=[world.alfa.pk])
    assert client_for("carla").get(url).status_code == 404


def test_it_suggests_comuni_by_name_and_by_istat_code(world, client_for):
    url = reverse("comune_options")
    by_name = client_for("alice").get(url, {"q": "Berg"}).content.decode()
    assert 'value="016024"' in by_name and "Bergamo (BG)" in by_name
    by_code = client_for("alice").get(url, {"q": "01602"}).content.decode()
    assert "Bergamo" in by_code


def test_it_reads_the_term_under_the_form_fields_name(world, client_for):
    response = client_for("alice").get(
        reverse("comune_options"), {"field": "comune", "comune": "Treviglio"}
    )
    assert "016219" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("alice", "/org/{alfa}/"),
        ("carla", "/me/today/"),
        ("vera", "/org/{alfa}/care/volunteer/"),
        ("mario", "/org/{alfa}/"),
    ],
)
def test_it_lands_each_persona_on_the_page_they_use_every_day(persona, landing, world, client_for):
    response = client_for(persona).get(reverse("home"))
    assert response["Location"] == landing.format(alfa=world.alfa.pk)
