"""Who sees what: disadvantage data only for the co-op's admin and tutor, every read logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from fragola.compliance.tests.scenario import members, workers
from fragola.core.models import SensitiveRead
from fragola.workforce.models import DisadvantageCertificate

pytestmark = pytest.mark.django_db
SOON = dt.date.today() + dt.timedelta(days=20)


@pytest.fixture
def staffed(world):
    """Alfa and Beta each with 3 workers, one of them with a certificate expiring soon."""
    for org in (world.alfa, world.beta):
        members(org, 9)
        workers(org, 2)
        worker = workers(org, 1, disadvantaged=True, expires_on=SOON)[0]
        certificate = DisadvantageCertificate.objects.get(person=worker.person)
        certificate.document.save("cert.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return world


def _certificate(org):
    return DisadvantageCertificate.objects.get(organisation=org)


@pytest.mark.parametrize("name, org", [("alice", "alfa"), ("tina", "beta")])
def test_it_shows_admin_and_tutor_the_disadvantage_data_and_logs_each_read(
    staffed, client_for, name, org
):
    organisation = getattr(staffed, org)
    client = client_for(name)
    page = client.get(f"/org/{organisation.pk}/workers/")
    assert page.status_code == 200
    assert "ASL Milano" in page.content.decode()
    assert SensitiveRead.objects.filter(user=getattr(staffed, name)).count() == 1
    export = client.get(f"/org/{organisation.pk}/workers/export.csv")
    assert "disadvantaged_category" in export.content.decode()
    api = client.get(f"/org/{organisation.pk}/workers.json").json()
    assert {w["disadvantaged_category"] for w in api["workers"]} == {"", "physical"}
    document = client.get(
        f"/org/{organisation.pk}/workers/certificates/{_certificate(organisation).pk}/document/"
    )
    assert document.status_code == 200
    assert SensitiveRead.objects.filter(user=getattr(staffed, name)).count() == 4


def test_it_never_shows_bob_the_disadvantage_data(staffed, client_for):
    client = client_for("bob")
    alfa = staffed.alfa
    page = client.get(f"/org/{alfa.pk}/workers/")
    assert page.status_code == 200
    assert "ASL Milano" not in page.content.decode()
    assert (
        "disadvantaged_category"
        not in client.get(f"/org/{alfa.pk}/workers/export.csv").content.decode()
    )
    api = client.get(f"/org/{alfa.pk}/workers.json").json()
    assert len(api["workers"]) == 3
    assert all("disadvantaged_category" not in w for w in api["workers"])
    document = f"/org/{alfa.pk}/workers/certificates/{_certificate(alfa).pk}/document/"
    assert client.get(document).status_code == 404
    compliance = client.get(f"/org/{alfa.pk}/compliance/").content.decode()
    assert "L4.4" in compliance
    assert not SensitiveRead.objects.exists()


def test_it_lists_the_expiring_workers_in_l4_4_only_for_the_tutor(staffed, client_for):
    beta = staffed.beta
    person_id = str(_certificate(beta).person_id)
    tina_page = client_for("tina").get(f"/org/{beta.pk}/compliance/").content.decode()
    assert f"({person_id} " in tina_page
    assert SensitiveRead.objects.filter(user=staffed.tina, object_type="compliance.l4_4").exists()
    sara_page = client_for("sara").get(f"/org/{beta.pk}/compliance/").content.decode()
    assert "L4.4" in sara_page and f"({person_id} " not in sara_page
    assert not SensitiveRead.objects.filter(user=staffed.sara).exists()


def test_it_shows_sara_the_board_with_statuses_but_no_disadvantage_detail(staffed, client_for):
    response = client_for("sara").get(f"/org/{staffed.consortium.pk}/compliance/board/")
    assert response.status_code == 200
    html = response.content.decode()
    for org in (staffed.alfa, staffed.beta):
        assert f'data-org="{org.fiscal_code}"' in html
        assert f"/org/{org.pk}/compliance/" in html
    assert 'data-rule="L4.2" data-status="pass"' in html  # Beta: 1 against 2 others
    assert 'data-rule="L4.4" data-status="warning"' in html  # a certificate expires soon
    assert "ASL Milano" not in html
    assert f"({_certificate(staffed.beta).person_id} " not in html
    assert client_for("sara").get(f"/org/{staffed.beta.pk}/workers/").status_code == 404
    assert not SensitiveRead.objects.exists()


def test_the_board_words_a_co_ops_findings_only_when_asked_and_names_no_one(staffed, client_for):
    client = client_for("sara")
    board = client.get(f"/org/{staffed.consortium.pk}/compliance/board/").content.decode()
    url = f"/org/{staffed.consortium.pk}/compliance/board/{staffed.beta.pk}/"
    assert f'hx-get="{url}"' in board
    person_id = _certificate(staffed.beta).person_id
    # Under the co-op's row (htmx), and as a page of its own without JavaScript.
    row = client.get(url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for html in (row, page):
        assert f'data-findings="{staffed.beta.fiscal_code}"' in html
        assert "certificates expire within 60 days" in html  # L4.4, worded
        assert f"({person_id} " not in html and "ASL Milano" not in html
    assert row.startswith('<tr class="board-findings">') and "<html" not in row
    assert "<html" in page
    assert not SensitiveRead.objects.exists()


def test_it_words_the_board_row_of_members_only(staffed, client_for):
    consortium = staffed.consortium
    sara = client_for("sara")
    assert sara.get(f"/org/{consortium.pk}/compliance/board/{consortium.pk}/").status_code == 200
    assert sara.get(f"/org/{consortium.pk}/compliance/board/{staffed.gamma.pk}/").status_code == 404
    url = f"/org/{consortium.pk}/compliance/board/{staffed.alfa.pk}/"
    assert client_for("charlie").get(url).status_code == 404
    assert client_for("alice").get(url).status_code == 404
    not_a_consortium = f"/org/{staffed.alfa.pk}/compliance/board/{staffed.alfa.pk}/"
    assert client_for("alice").get(not_a_consortium).status_code == 404


def test_it_hides_alfa_from_charlie(staffed, client_for):
    client = client_for("charlie")
    alfa = staffed.alfa
    for url in (
        f"/org/{alfa.pk}/compliance/",
        f"/org/{alfa.pk}/compliance/alerts/",
        f"/org/{alfa.pk}/compliance/report.csv",
        f"/org/{alfa.pk}/compliance/report.pdf",
        f"/org/{alfa.pk}/workers/",
        f"/org/{alfa.pk}/workers.json",
        f"/org/{staffed.consortium.pk}/compliance/board/",
    ):
        assert client.get(url).status_code == 404, url


def test_it_refuses_the_board_of_a_coop_that_is_not_a_consortium(staffed, client_for):
    assert client_for("alice").get(f"/org/{staffed.alfa.pk}/compliance/board/").status_code == 404


def test_it_renders_the_page_with_timeline_and_exports(staffed, client_for):
    client = client_for("alice")
    alfa = staffed.alfa
    page = client.get(f"/org/{alfa.pk}/compliance/?as_of=2026-06-30")
    html = page.content.decode()
    assert 'id="compliance-timeline"' in html and "06/2026" in html and "07/2025" in html
    csv_text = client.get(f"/org/{alfa.pk}/compliance/report.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == (
        "rule,status,value,threshold,numerator,denominator,explanation,source"
    )
    pdf = client.get(f"/org/{alfa.pk}/compliance/report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
