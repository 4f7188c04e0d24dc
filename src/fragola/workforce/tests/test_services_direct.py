"""The workforce services, called directly with the factories."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fragola.registry.models import OrganisationType
from fragola.testing.factories import OrganisationFactory, PersonFactory
from fragola.testing.factories_apps import EmploymentFactory
from fragola.workforce.models import Employment
from fragola.workforce.services import (
    ERR_ALREADY_ENDED,
    ERR_BRANCH,
    ERR_CONTRACT,
    ERR_PERSON_OTHER_ORG,
    EmploymentData,
    employment_end,
    employment_start,
)

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 4)


def test_a_hire_is_of_a_person_of_the_coop() -> None:
    coop = OrganisationFactory(type=OrganisationType.B)
    data = EmploymentData(started_on=DAY, branch="B", contract="employee")
    with pytest.raises(ValidationError) as error:
        employment_start(organisation=coop, person=PersonFactory(), data=data)
    assert error.value.message_dict == {"person": [str(ERR_PERSON_OTHER_ORG)]}
    assert not Employment.objects.exists()


def test_a_hire_names_a_branch_and_a_contract_that_exist() -> None:
    coop = OrganisationFactory(type=OrganisationType.B)
    data = EmploymentData(started_on=DAY, branch="C", contract="zero_hours")
    with pytest.raises(ValidationError) as error:
        employment_start(organisation=coop, person=PersonFactory(organisation=coop), data=data)
    assert error.value.message_dict == {
        "branch": [str(ERR_BRANCH)],
        "contract": [str(ERR_CONTRACT)],
    }
    assert not Employment.objects.exists()


def test_an_ended_contract_cannot_end_again_later() -> None:
    employment = EmploymentFactory(ended_on=DAY)
    with pytest.raises(ValidationError) as error:
        employment_end(employment=employment, ended_on=DAY + dt.timedelta(days=10))
    assert error.value.message_dict == {"ended_on": [str(ERR_ALREADY_ENDED)]}
    employment.refresh_from_db()
    assert employment.ended_on == DAY
