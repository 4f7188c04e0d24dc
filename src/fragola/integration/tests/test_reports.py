"""The relief page and payroll CSV, public value, and the convention wizard through the pages."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from fragola.integration.models import Convention
from fragola.integration.tests.helpers import hire, staff, today
from fragola.integration.views.reports import PAYROLL_COLUMNS

pytestmark = pytest.mark.django_db


def payroll(client, world) -> list[dict[str, str]]:
    url = reverse("integration:relief_csv", args=[world.beta.pk, today().year, today().month])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_payroll_file_lists_each_disadvantaged_contract_with_its_relief(world, client_for):
    staff(world.beta, 10, 3)
    prisoner = hire(world.beta, disadvantaged=True, category="prisoner", last_name="Rossi")
    rows = payroll(client_for("tina"), world)
    assert list(rows[0].keys()) == list(PAYROLL_COLUMNS)
    assert len(rows) == 4
    by_name = {row["last_name"]: row for row in rows}
    assert by_name["Rossi"]["relief_code"] == "L381_ART4_C3BIS_DM148_2014"
    assert by_name["Rossi"]["relief_rate_percent"] == "95.00"
    assert by_name["Rossi"]["employment_id"] == str(prisoner.pk)
    others = [row for row in rows if row["last_name"] != "Rossi"]
    assert {(r["relief_code"], r["relief_rate_percent"]) for r in others} == {
        ("L381_ART4_C3", "100.00")
    }
    assert rows[0]["month"] == f"{today():%Y-%m}"


def test_the_payroll_file_shows_the_relief_lost_below_thirty_percent(world, client_for):
    staff(world.beta, 12, 3)  # 3 / 12 = 25 %
    rows = payroll(client_for("tina"), world)
    assert {row["relief_code"] for row in rows} == {""}
    assert {row["lost_reasons"] for row in rows} == {"below_30"}
    page = client_for("tina").get(reverse("integration:relief", args=[world.beta.pk]))
    assert 'id="below-30"' in page.content.decode()


def test_an_expired_certificate_ends_the_relief(world, client_for):
    staff(world.beta, 6, 3)
    hire(world.beta, disadvantaged=True, last_name="Scaduto",
         expires=today() - dt.timedelta(days=40))  # fmt: skip
    rows = {row["last_name"]: row for row in payroll(client_for("tina"), world)}
    assert rows["Scaduto"]["relief_code"] == ""
    assert rows["Scaduto"]["lost_reasons"] == "certificate_expired"


def test_public_value_lists_each_worker_and_marks_assumptions(world, client_for):
    staff(world.beta, 2, 2)
    response = client_for("tina").get(reverse("integration:public_value", args=[world.beta.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("Fragola") >= 1 and 'id="parameters"' in body
    assert "DL 48/2023" in body
    assert len(response.context["rows"]) == 2
    assert response.context["total"].contributions == 0  # art. 4(3): no contributions paid


CONVENTION = {
    "public_body": "Comune di Bergamo",
    "object_kind": "green_maintenance",
    "value_net_of_vat": "215999.99",
    "checked_on": "2026-01-01",
    "job_plan_summary": "3 inserimenti",
    "notice_reference": "Avviso prot. 1",
    "invitees": "Beta\nDelta",
    "scoring": "Beta: 80",
}


def test_the_wizard_checks_each_criterion_and_records_an_eligible_convention(world, client_for):
    world.beta.register_section, world.beta.register_number = "B", "B-77"
    world.beta.save()
    tina = client_for("tina")
    url = reverse("integration:convention_wizard", args=[world.beta.pk])
    page = tina.post(url, {**CONVENTION, "value_net_of_vat": "216000", "check": "1"})
    body = page.content.decode()
    assert page.context["result"].eligible is False
    assert 'data-criterion="value"' in body and "2025/2152" in body
    tina.post(url, {**CONVENTION, "save": "1"})
    convention = Convention.objects.get()
    assert convention.eligible and convention.selection_recorded
    assert {c["code"] for c in convention.criteria} >= {"type", "register", "value", "selection"}


def test_the_wizard_refuses_a_type_a_coop(world, client_for):
    url = reverse("integration:convention_wizard", args=[world.alfa.pk])
    page = client_for("alice").post(url, {**CONVENTION, "save": "1"})
    assert page.status_code == 200
    assert page.context["result"].by_code("type").passed is False
    assert not Convention.objects.exists()
