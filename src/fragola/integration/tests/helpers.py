"""Building a type B co-op's workforce through the workforce services, for the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from fragola.integration import services
from fragola.integration.models import IntegrationProject, ReferringService
from fragola.registry.models import Organisation
from fragola.testing.factories import PersonFactory
from fragola.workforce import services as workforce
from fragola.workforce.models import Employment

LONG_AGO = dt.date(2023, 1, 1)


def today() -> dt.date:
    return timezone.localdate()


def hire(
    coop: Organisation,
    *,
    disadvantaged: bool = False,
    category: str = "addiction",
    start: dt.date = LONG_AGO,
    end: dt.date | None = None,
    expires: dt.date | None = None,
    last_name: str | None = None,
) -> Employment:
    person = PersonFactory(organisation=coop, **({"last_name": last_name} if last_name else {}))
    if disadvantaged:
        workforce.certificate_record(
            organisation=coop,
            person=person,
            data=workforce.CertificateData(
                category=category, issued_on=start, expires_on=expires, certified_by="SerD"
            ),
            scan=False,
        )
    return workforce.employment_start(
        organisation=coop,
        person=person,
        data=workforce.EmploymentData(
            started_on=start, ended_on=end, branch="B", contract="employee",
            weekly_hours=Decimal("30"),
        ),
        check=False,
    )  # fmt: skip


def staff(coop: Organisation, others: int, disadvantaged: int) -> list[Employment]:
    """``others`` non-disadvantaged workers, then ``disadvantaged`` ones (returned)."""
    for _ in range(others):
        hire(coop)
    return [hire(coop, disadvantaged=True) for _ in range(disadvantaged)]


def project_for(employment: Employment, tutor_id: int | None = None) -> IntegrationProject:
    return services.project_start(
        organisation=employment.organisation,
        person=employment.person,
        data=services.ProjectData(
            referring_service=ReferringService.SERD,
            referrer_name="dott.ssa Rota",
            goals="Autonomia negli spostamenti",
            weekly_hours=Decimal("30"),
            started_on=employment.started_on,
            tutor_id=tutor_id,
            employment=employment,
        ),
    )
