"""The back office's lists take the same number of queries for one row as for ten."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from fragola.testing.factories_apps import (
    AllocationRunFactory,
    ChargeFactory,
    ServiceRequestFactory,
)
from fragola.testing.queries import one_and_ten

pytestmark = pytest.mark.django_db


def _request(world) -> Callable[[], object]:
    return lambda: ServiceRequestFactory(consortium=world.consortium, coop=world.alfa)


def _charge(world) -> Callable[[], object]:
    return lambda: ChargeFactory(consortium=world.consortium, coop=world.alfa)


def _run(world) -> Callable[[], object]:
    return lambda: AllocationRunFactory(consortium=world.consortium)


LISTS = [
    ("sara", "consortium", "backoffice:home", _request),
    ("alice", "alfa", "backoffice:home", _request),
    ("sara", "consortium", "backoffice:charges", _charge),
    ("alice", "alfa", "backoffice:charges", _charge),
    ("sara", "consortium", "backoffice:costs", _run),
    ("sara", "consortium", "/api/v1/backoffice/organisations/{}/requests", _request),
    ("alice", "alfa", "/api/v1/backoffice/organisations/{}/charges", _charge),
]


@pytest.mark.parametrize(("persona", "organisation", "page", "add"), LISTS)
def test_a_list_takes_as_many_queries_for_ten_rows_as_for_one(
    world, client_for, persona, organisation, page, add
):
    pk = getattr(world, organisation).pk
    url = page.format(pk) if page.startswith("/") else reverse(page, args=[pk])
    one, ten = one_and_ten(client_for(persona), url, add(world))
    assert one.queries == ten.queries
