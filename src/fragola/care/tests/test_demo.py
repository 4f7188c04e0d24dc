"""The care demo keeps its promises: enough users and carers, eight weeks of visits, logins."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from fragola.care.models import Carer, CarerKind, ServiceUser, Visit, VisitStatus
from fragola.care.services.demo import DEMO_PASSWORD, care_demo_load
from fragola.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 10, 20)  # the DST change of 25 October falls inside the eight weeks


def test_the_demo_gives_type_a_coops_users_carers_and_eight_weeks_of_visits(
    django_assert_max_num_queries,
):
    coops = [
        OrganisationFactory(type="A"),
        OrganisationFactory(type="A"),
        OrganisationFactory(type="B"),
    ]
    # The demo writes in bulk: about 610 queries for 22,000 visits (four weeks back, or the whole
    # of last month when it starts earlier, as billing needs), so a start of `fragola demo` stays
    # quick; a per-visit write would take tens of thousands.
    with django_assert_max_num_queries(650):
        summary = care_demo_load(organisations=coops, today=TODAY)
    assert (summary.service_users, summary.workers, summary.volunteers) == (300, 80, 40)
    assert ServiceUser.objects.filter(organisation=coops[2]).count() == 0
    assert Carer.objects.filter(kind=CarerKind.VOLUNTEER).count() == 40
    visits = Visit.objects.all()
    assert visits.count() == summary.visits > 300 * 5 * 8
    assert visits.filter(day__lt=TODAY, status=VisitStatus.DONE).count() > 1000
    assert not visits.filter(
        day__lt=TODAY, status=VisitStatus.DONE, checked_out_at__isnull=True
    ).exists()
    assert visits.filter(day=TODAY + dt.timedelta(days=27)).exists()


def test_the_demo_is_idempotent_and_its_logins_work(settings):
    coops = [OrganisationFactory(type="A")]
    first = care_demo_load(organisations=coops, today=TODAY)
    again = care_demo_load(organisations=coops, today=TODAY)
    assert again.visits == 0
    assert ServiceUser.objects.count() == first.service_users
    assert [login.username for login in again.logins] == ["operatrice", "volontaria", "famiglia"]
    for login in again.logins:
        user = get_user_model().objects.get(username=login.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.fragola_roles.filter(name=login.role, organisation=coops[0]).exists()
    carer = Carer.objects.get(user__username="operatrice")
    assert Visit.objects.filter(carer=carer, day=TODAY).exists()
