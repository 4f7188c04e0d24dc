"""Every list page answers with the same number of queries for one row as for ten: a list that
queried once per row would show it here. (Work integration's lists and reports are in
``integration/tests/test_queries.py``, planning's board and care's pages in their apps' tests,
the pages of every persona at two data sizes in ``test_scale_pages.py``.)

The log of sensitive reads writes one row per record read; it is counted apart.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fragola.core.services import token_create
from fragola.testing.factories import MembershipFactory
from fragola.testing.factories_apps import (
    AssemblyFactory,
    BoardSeatFactory,
    CarerFactory,
    EmploymentFactory,
)
from fragola.testing.personas import World

pytestmark = pytest.mark.django_db

LOG_INSERT = 'INSERT INTO "core_sensitiveread"'


def _queries(client: Client, url: str) -> tuple[int, int]:
    """(queries other than the log of sensitive reads, rows written to that log)."""
    client.get(url)  # warm the caches a second visit would have (session, permissions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    logged = sum(1 for q in queries.captured_queries if q["sql"].startswith(LOG_INSERT))
    return len(queries) - logged, logged


def _one_and_ten(world: World, url: str, add: Callable[[World], object]) -> list[tuple[int, int]]:
    client = Client()
    client.force_login(world.alice)  # the administrator of Alfa
    add(world)
    counts = [_queries(client, url)]
    for _ in range(9):
        add(world)
    counts.append(_queries(client, url))
    return counts


PAGES: dict[str, tuple[Callable[[World], str], Callable[[World], object]]] = {
    "the members' book": (
        lambda w: reverse("member_book", args=[w.alfa.pk]),
        lambda w: MembershipFactory(organisation=w.alfa),
    ),
    "the workers": (
        lambda w: reverse("worker_list", args=[w.alfa.pk]),
        lambda w: EmploymentFactory(organisation=w.alfa),
    ),
    "the board and the assemblies": (
        lambda w: reverse("governance:home", args=[w.alfa.pk]),
        lambda w: (BoardSeatFactory(organisation=w.alfa), AssemblyFactory(organisation=w.alfa)),
    ),
    "the carers": (
        lambda w: reverse("care_carers", args=[w.alfa.pk]),
        lambda w: CarerFactory(organisation=w.alfa),
    ),
    "the access tokens": (
        lambda w: reverse("token_list"),
        lambda w: token_create(user=w.alice, name="script"),
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_list_takes_the_same_queries_for_one_row_and_for_ten(world: World, page: str) -> None:
    url, add = PAGES[page]
    one, ten = _one_and_ten(world, url(world), add)
    assert one == ten
