"""The workforce API: disadvantage data only for the co-op's admin and tutor, each read logged."""

import datetime as dt

import pytest

from fragola.core.models import SensitiveRead
from fragola.testing.factories import PersonFactory
from fragola.workforce import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(world):
    person = PersonFactory(organisation=world.beta)
    employment = services.employment_start(
        organisation=world.beta,
        person=person,
        data=services.EmploymentData(
            started_on=dt.date(2025, 1, 1), branch="B", contract="employee"
        ),
        check=False,
    )
    services.certificate_record(
        organisation=world.beta,
        person=person,
        data=services.CertificateData(
            category="addiction", issued_on=dt.date(2025, 1, 1), certified_by="SerD"
        ),
        scan=False,
    )
    return employment


def _url(world):
    return f"/api/v1/workforce/organisations/{world.beta.pk}/workers"


def test_it_gives_the_tutor_the_certificates_and_logs_the_read(world, worker, client_for):
    body = client_for("tina").get(_url(world)).json()
    assert body["includes_disadvantage"] is True
    assert body["workers"][0]["certificates"][0]["category"] == "addiction"
    assert SensitiveRead.objects.filter(user=world.tina, purpose="workers (API)").count() == 1


def test_it_hides_the_certificates_from_consortium_staff_and_outsiders(world, worker, client_for):
    assert client_for("sara").get(_url(world)).status_code == 404
    assert client_for("charlie").get(_url(world)).status_code == 404
    assert not SensitiveRead.objects.exists()
