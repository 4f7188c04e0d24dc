"""The compliance engine sees home care's roster: L2.2, a volunteer insured before rostering."""

import datetime as dt

import pytest

from fragola.care.models.choices import VisitStatus
from fragola.compliance.adapter import evaluate_organisation
from fragola.compliance.wording import explain_in

pytestmark = pytest.mark.django_db


def _l2_2(organisation, day):
    return next(x for x in evaluate_organisation(organisation, day) if x.rule == "L2.2")


def test_it_passes_l2_2_when_the_rostered_volunteer_is_insured(care):
    care.volunteer_task.carer = care.vera_volunteer
    care.volunteer_task.status = VisitStatus.ASSIGNED
    care.volunteer_task.save()
    result = _l2_2(care.world.alfa, care.today)
    assert (result.status, result.numerator, result.denominator) == ("pass", 0, 1)


def test_it_breaches_l2_2_when_an_uninsured_volunteer_is_on_the_roster(care):
    # The assignment service refuses this (L2.2); a roster imported or changed elsewhere can
    # still put Ugo, whose cover ended yesterday, on tomorrow's visit: the engine must see it.
    care.volunteer_task.carer = care.ugo
    care.volunteer_task.status = VisitStatus.ASSIGNED
    care.volunteer_task.save()
    result = _l2_2(care.world.alfa, care.today)
    assert result.status == "breach"
    assert "L2.2" in explain_in("en", result, personal=True)


def test_it_forgets_a_roster_more_than_a_year_old(care):
    care.volunteer_task.carer = care.ugo
    care.volunteer_task.status = VisitStatus.ASSIGNED
    care.volunteer_task.save()
    result = _l2_2(care.world.alfa, care.today + dt.timedelta(days=400))
    assert result.status == "not_applicable"
