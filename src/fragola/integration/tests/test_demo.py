"""The demo gives type B co-ops 60+ workers, 30 %+ disadvantaged, projects and conventions."""

from __future__ import annotations

import pytest
from django.db.models import Q

from fragola.demo.people import integration_worker
from fragola.integration.models import Convention, IntegrationProject, Outcome, ProjectStatus
from fragola.integration.services.demo import integration_demo_load
from fragola.integration.tests.helpers import today
from fragola.workforce.models import DisadvantageCertificate, Employment

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_workers_projects_and_conventions(world):
    world.beta.register_section, world.beta.register_number = "B", "B-77"
    world.beta.save()
    organisations = [world.alfa, world.beta, world.consortium]
    summary = integration_demo_load(
        organisations=organisations, today=today(), people=integration_worker
    )
    assert summary.coops == 1
    current = Employment.objects.filter(organisation=world.beta).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today())
    )
    people = set(current.values_list("person_id", flat=True))
    assert len(people) >= 60
    certified = set(
        DisadvantageCertificate.objects.filter(person_id__in=people).values_list(
            "person_id", flat=True
        )
    )
    assert len(certified) / len(people) >= 0.30
    projects = IntegrationProject.objects.filter(organisation=world.beta)
    assert projects.filter(status=ProjectStatus.ACTIVE).exists()
    assert set(projects.exclude(outcome="").values_list("outcome", flat=True)) == set(
        Outcome.values
    )
    assert projects.filter(reviews__held=True).exists()
    assert projects.filter(reviews__held=False).exists()
    assert Convention.objects.filter(organisation=world.beta).count() == 2
    assert not IntegrationProject.objects.filter(organisation=world.alfa).exists()

    again = integration_demo_load(
        organisations=organisations, today=today(), people=integration_worker
    )
    assert again.coops == 0
    assert Convention.objects.count() == 2
