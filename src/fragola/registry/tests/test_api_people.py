"""The co-op's people through the API: names and fiscal codes, for those who may read the book."""

from __future__ import annotations

import pytest

from fragola.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_searches_the_co_ops_people(world, client_for):
    person = world.alfa_member.person
    alice = client_for("alice")
    url = f"/api/v1/organisations/{world.alfa.pk}/people"
    listed = alice.get(url).json()
    assert person.pk in {row["id"] for row in listed["items"]}
    found = alice.get(url, {"q": person.fiscal_code}).json()
    assert [row["id"] for row in found["items"]] == [person.pk]
    assert world.beta_member.person.pk not in {row["id"] for row in listed["items"]}


@pytest.mark.parametrize("who", ["charlie", "carla", "vera"])
def test_others_get_a_404(world, client_for, who):
    response = client_for(who).get(f"/api/v1/organisations/{world.alfa.pk}/people")
    assert response.status_code == 404


def test_a_bad_kind_is_a_422_naming_it(world, client_for):
    response = client_for("alice").get(f"/api/v1/organisations/{world.alfa.pk}/people?kind=robot")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["kind"]


def test_the_people_list_costs_the_same_queries_for_more_people(
    world, client_for, django_assert_max_num_queries
):
    alice = client_for("alice")
    url = f"/api/v1/organisations/{world.alfa.pk}/people"
    alice.get(url)
    for _ in range(8):
        PersonFactory(organisation=world.alfa)
    with django_assert_max_num_queries(8):
        assert alice.get(url).json()["count"] >= 9
