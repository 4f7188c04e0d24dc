"""The consortium board loads every member co-op in a bounded number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from fragola.compliance.tests.scenario import coop, members, workers
from fragola.registry.models import ConsortiumMembership, OrganisationType

pytestmark = pytest.mark.django_db


def _more_members(world, n: int) -> None:
    for _ in range(n):
        org = coop(OrganisationType.B)
        members(org, 3)
        workers(org, 2)
        workers(org, 1, disadvantaged=True)
        ConsortiumMembership.objects.create(
            consortium=world.consortium, member=org, joined_on=dt.date(2020, 1, 1)
        )


@pytest.mark.parametrize("extra", [0, 10])
def test_it_shows_the_board_in_bounded_queries(
    world, client_for, django_assert_max_num_queries, extra
):
    _more_members(world, extra)
    client = client_for("sara")
    # The same bound with 0 or 10 more co-ops: no query per row (21 includes the shared tabs,
    # the board, the assemblies and the consortium's own book for L8).
    with django_assert_max_num_queries(21):
        response = client.get(f"/org/{world.consortium.pk}/compliance/board/")
    assert response.status_code == 200
    assert response.content.decode().count("data-org=") == 3 + extra


def test_it_shows_a_coop_page_in_bounded_queries(world, client_for, django_assert_max_num_queries):
    members(world.beta, 20)
    workers(world.beta, 20)
    client = client_for("tina")
    with django_assert_max_num_queries(19):
        assert client.get(f"/org/{world.beta.pk}/compliance/").status_code == 200


def test_the_board_names_each_rule_and_explains_its_colours(world, client_for):
    url = f"/org/{world.consortium.pk}/compliance/board/"
    page = client_for("sara").get(url, HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Supporters at most 1/3 of votes" in text  # G3 by name, not only its id
    legend = text[text.index('id="compliance-board-legend"') :]
    for meaning in ("the rule is respected", "the rule is broken", "does not apply"):
        assert meaning in legend
