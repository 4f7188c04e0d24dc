"""The services of the work itself, called directly with the factories: each refusal names its
field and its message, and nothing is written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fragola.integration.models import JobSite, TeamAssignment, TimesheetEntry, WorkContract
from fragola.integration.services import work
from fragola.integration.services.work import (
    ERR_CLIENT,
    ERR_EMPLOYMENT_OTHER_ORG,
    ERR_NAME,
    ERR_NOT_CURRENT,
    ERR_NOT_ON_TEAM,
)
from fragola.registry.models import OrganisationType
from fragola.testing.factories import OrganisationFactory
from fragola.testing.factories_apps import EmploymentFactory, TeamFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 4)


def _refused(error: pytest.ExceptionInfo[ValidationError], field: str, message: object) -> None:
    assert error.value.message_dict[field] == [str(message)]


def test_a_contract_needs_a_client_and_a_site_a_name() -> None:
    coop = OrganisationFactory(type=OrganisationType.B)
    with pytest.raises(ValidationError) as error:
        work.contract_with_site_create(
            organisation=coop, client="  ", object_kind="cleaning",
            value_net_of_vat=Decimal(1000), started_on=DAY, site_name=" ",
        )  # fmt: skip
    _refused(error, "client", ERR_CLIENT)
    _refused(error, "site_name", ERR_NAME)
    assert not WorkContract.objects.exists() and not JobSite.objects.exists()


def test_a_worker_of_another_coop_cannot_join_a_team() -> None:
    team = TeamFactory()
    stranger = EmploymentFactory()  # another co-op's contract
    with pytest.raises(ValidationError) as error:
        work.team_assign(team=team, employment=stranger, started_on=DAY)
    _refused(error, "employment", ERR_EMPLOYMENT_OTHER_ORG)
    assert not TeamAssignment.objects.exists()


def test_from_the_pages_a_worker_joins_only_while_the_contract_is_in_force() -> None:
    team = TeamFactory()
    ended = EmploymentFactory(
        organisation=team.site.contract.organisation, ended_on=DAY - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        work.team_assign(team=team, employment=ended, started_on=DAY, current=True)
    _refused(error, "employment", ERR_NOT_CURRENT)
    assert not TeamAssignment.objects.exists()


def test_hours_on_a_team_need_the_worker_on_it_that_day() -> None:
    team = TeamFactory()
    employment = EmploymentFactory(organisation=team.site.contract.organisation)
    work.team_assign(team=team, employment=employment, started_on=DAY)
    with pytest.raises(ValidationError) as error:
        work.site_timesheet_record(
            site=team.site, team=team, employment=employment,
            day=DAY - dt.timedelta(days=1), hours=Decimal(6), today=DAY,
        )  # fmt: skip
    _refused(error, "employment", ERR_NOT_ON_TEAM)
    entry = work.site_timesheet_record(
        site=team.site, team=team, employment=employment, day=DAY, hours=Decimal(6), today=DAY
    )
    assert list(TimesheetEntry.objects.values_list("pk", "hours")) == [(entry.pk, Decimal(6))]
