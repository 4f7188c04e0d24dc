"""Disadvantage data is for the co-op's administrator and tutor only, and every read is logged."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fragola.core.models import SensitiveRead
from fragola.integration.tests.helpers import hire, project_for, staff, today
from fragola.registry.models import RoleName
from fragola.testing.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSONAL_PAGES = [
    "project_list", "project_detail", "project_new", "relief", "relief_csv", "public_value",
    "sites",
]  # fmt: skip
LOGGED_PAGES = [page for page in PERSONAL_PAGES if page not in ("project_new", "sites")]


@pytest.fixture
def beta(world):
    disadvantaged = staff(world.beta, 10, 4)
    project = project_for(disadvantaged[0], tutor_id=world.tina.pk)
    users = {}
    for name, role in [("bea", RoleName.ADMIN), ("cora", RoleName.COORDINATOR),
                       ("carlo", RoleName.CARER)]:  # fmt: skip
        users[name] = UserFactory(username=name)
        RoleFactory(user=users[name], organisation=world.beta, name=role)
    return world, project, users


def client(world, users, name: str) -> Client:
    c = Client()
    c.force_login(users.get(name) or getattr(world, name))
    return c


def url(name: str, world, project) -> str:
    org = world.beta.pk
    if name == "project_detail":
        return reverse("integration:project_detail", args=[org, project.pk])
    if name == "relief_csv":
        return reverse("integration:relief_csv", args=[org, today().year, today().month])
    return reverse(f"integration:{name}", args=[org])


@pytest.mark.parametrize("page", PERSONAL_PAGES)
@pytest.mark.parametrize("who", ["cora", "carlo", "sara", "charlie", "alice"])
def test_it_hides_disadvantage_data_from_everyone_else(beta, page, who):
    world, project, users = beta
    response = client(world, users, who).get(url(page, world, project))
    assert response.status_code == 404
    assert project.person.last_name not in response.content.decode()
    assert not SensitiveRead.objects.exists()


@pytest.mark.parametrize("page", LOGGED_PAGES)
@pytest.mark.parametrize("who", ["tina", "bea"])
def test_the_tutor_and_the_administrator_read_it_and_each_read_is_logged(beta, page, who):
    world, project, users = beta
    response = client(world, users, who).get(url(page, world, project))
    assert response.status_code == 200
    assert project.person.last_name in response.content.decode()
    reads = SensitiveRead.objects.filter(organisation_id=world.beta.pk)
    assert reads.exists()
    assert {r.user.username for r in reads} == {who}


@pytest.mark.parametrize("page", ["project_new", "sites"])
def test_the_tutor_opens_the_new_project_and_job_sites_pages(beta, page):
    world, project, users = beta
    assert client(world, users, "tina").get(url(page, world, project)).status_code == 200


def test_the_project_list_logs_one_read_per_project(beta):
    world, project, users = beta
    client(world, users, "tina").get(url("project_list", world, project))
    read = SensitiveRead.objects.get()
    assert (read.object_type, read.object_id) == ("integration.integrationproject", str(project.pk))
    assert read.subject == project.person.display_name


def test_a_coordinator_sees_the_ratio_but_no_names(beta):
    world, project, users = beta
    response = client(world, users, "cora").get(reverse("integration:ratio", args=[world.beta.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="forecast"' in body
    assert 'id="planned"' not in body and project.person.last_name not in body
    assert not SensitiveRead.objects.exists()


@pytest.mark.parametrize("who", ["sara", "charlie", "carlo"])
def test_the_ratio_of_a_coop_is_not_found_without_its_book(beta, who):
    world, _project, users = beta
    response = client(world, users, who).get(reverse("integration:ratio", args=[world.beta.pk]))
    assert response.status_code == 404


def test_consortium_staff_see_outcomes_only_summed_over_member_coops(beta):
    world, project, users = beta
    c = client(world, users, "sara")
    response = c.get(reverse("integration:outcomes", args=[world.consortium.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert project.person.last_name not in body and world.beta.name not in body
    assert '<td class="text-end" id="active">1</td>' in body
    assert c.get(reverse("integration:outcomes", args=[world.beta.pk])).status_code == 404


def test_the_project_list_costs_one_query_per_project_only_for_its_log_row(world):
    c = Client()
    c.force_login(world.tina)
    page = reverse("integration:project_list", args=[world.beta.pk])
    counts = []
    for _ in range(2):
        for _ in range(3):
            project_for(hire(world.beta, disadvantaged=True), tutor_id=world.tina.pk)
        with CaptureQueriesContext(connection) as queries:
            assert c.get(page).status_code == 200
        counts.append(len(queries))
    assert counts[1] - counts[0] == 3  # three more projects: three more SensitiveRead rows
