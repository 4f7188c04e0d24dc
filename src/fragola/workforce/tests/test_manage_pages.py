"""Recording hires, ends of contract and certificates from the workers page."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fragola.compliance.models import ComplianceOverride
from fragola.core.models import SensitiveRead
from fragola.testing.factories import natural_fiscal_code
from fragola.workforce.models import DisadvantageCertificate, Employment

pytestmark = pytest.mark.django_db

GIORGIO = {
    "first_name": "Giorgio",
    "last_name": "Ferri",
    "sex": "M",
    "birth_date": "1979-04-02",
    "fiscal_code": natural_fiscal_code(
        last_name="Ferri", first_name="Giorgio", sex="M", birth_date=dt.date(1979, 4, 2)
    ),
}


def _hire(client, organisation, **extra):
    data = {**GIORGIO, "branch": "B", "contract": "employee", "started_on": "2026-01-12"}
    data.update(extra)
    return client.post(reverse("worker_hire", args=[organisation.pk]), data)


def test_it_records_a_hire_in_a_type_a_cooperative(world, client_for):
    response = _hire(client_for("alice"), world.alfa, branch="A")
    assert response.status_code == 302
    employment = Employment.objects.get(organisation=world.alfa)
    assert employment.person.fiscal_code == GIORGIO["fiscal_code"]
    assert employment.started_on == dt.date(2026, 1, 12)


def test_it_stops_a_hire_that_would_break_l4_2_and_records_an_override(world, client_for):
    # Beta has no worker yet: a first hire without a certificate puts it at 0 % disadvantaged.
    client = client_for("tina")
    refused = _hire(client, world.beta, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    assert "L4.2" in refused.content.decode()
    assert not Employment.objects.filter(organisation=world.beta).exists()
    accepted = _hire(client, world.beta, override_reason="Cantiere avviato, inserimenti a marzo")
    assert accepted.status_code == 302
    assert ComplianceOverride.objects.filter(organisation_id=world.beta.pk).exists()


def test_it_records_a_certificate_with_its_document_and_logs_the_read(world, client_for):
    tina = client_for("tina")
    _hire(tina, world.beta, override_reason="prova")
    employment = Employment.objects.get(organisation=world.beta)
    url = reverse("worker_certificate", args=[world.beta.pk, employment.pk])
    document = SimpleUploadedFile("cert.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = tina.post(
        url,
        {
            "category": "addiction",
            "certified_by": "SerD Bergamo",
            "issued_on": "2026-01-05",
            "expires_on": "2027-01-05",
            "document": document,
        },
    )
    assert response.status_code == 302
    assert DisadvantageCertificate.objects.get(person=employment.person).category == "addiction"
    before = SensitiveRead.objects.count()
    page = tina.get(reverse("worker_list", args=[world.beta.pk])).content.decode()
    assert "SerD Bergamo" in page
    assert SensitiveRead.objects.count() > before


def test_it_ends_a_contract(world, client_for):
    tina = client_for("tina")
    _hire(tina, world.beta, override_reason="prova")
    employment = Employment.objects.get(organisation=world.beta)
    url = reverse("worker_end", args=[world.beta.pk, employment.pk])
    response = tina.post(url, {"ended_on": "2026-06-30", "override_reason": "fine cantiere"})
    assert response.status_code == 302
    employment.refresh_from_db()
    assert employment.ended_on == dt.date(2026, 6, 30)


@pytest.mark.parametrize("persona", ["bob", "sara", "charlie"])
def test_it_hides_the_hire_page_from_those_who_may_not_read_disadvantage(
    persona, world, client_for
):
    url = reverse("worker_hire", args=[world.beta.pk])
    assert client_for(persona).get(url).status_code == 404


def test_it_records_a_wise_category_that_does_not_count_for_l4_2(world, client_for):
    from fragola.compliance.adapter import evaluate_organisation

    tina = client_for("tina")
    _hire(tina, world.beta, override_reason="prova")
    employment = Employment.objects.get(organisation=world.beta)
    url = reverse("worker_certificate", args=[world.beta.pk, employment.pk])
    response = tina.post(
        url,
        {
            "category": "wise_refugee",
            "certified_by": "Prefettura di Bergamo",
            "issued_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    l4_2 = next(
        x for x in evaluate_organisation(world.beta, dt.date(2026, 3, 31)) if x.rule == "L4.2"
    )
    assert (l4_2.status, l4_2.numerator) == ("breach", 0)
