"""The consortium-scale data and the pages the load benchmark opens, on a small sample of it.

The benchmark scripts (benchmarks/scale/) print the timings; this test keeps them honest: the
generator still fits the models, every page of every persona answers, and no page's number of
database queries grows with the data (a list that queries once per row would).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from fragola.registry.models import Organisation

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks" / "scale"))

import generate
import pages

AS_OF = dt.date(2028, 2, 29)


def _queries_per_page() -> dict[str, tuple[int, int]]:
    values = pages.ids()
    found: dict[str, tuple[int, int]] = {}
    for persona, paths in pages.PAGES.items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=persona))
        for template in paths:
            path = template.format(**values)
            client.get(path)  # warm caches (permissions, sessions) as a second visit would
            queries: list[str] = []

            def count(run, sql, *args, queries=queries):
                queries.append(sql)
                return run(sql, *args)

            with connection.execute_wrapper(count):
                response = client.get(path)
            found[f"{persona} {path}"] = (response.status_code, len(queries))
    return found


@pytest.mark.django_db
def test_it_serves_every_persona_page_at_two_sizes_with_the_same_queries():
    small = generate.Size(coops=3, members=60, service_users=12, visits=1_500)
    generate.generate(size=small, as_of=AS_OF)
    before = _queries_per_page()
    assert {page: status for page, (status, _q) in before.items() if status not in (200, 302)} == {}

    # Twice the service users, visits and members of the largest co-op: same queries per page.
    gen = generate.Generator(size=small, as_of=AS_OF, seed=7)
    coops = list(Organisation.objects.exclude(type="consortium").order_by("pk"))
    gen.comuni = [coops[0].comune]
    gen.serial = 10_000  # new people, new fiscal codes
    gen.care(coops, gen.books(coops))
    gen.visits()
    after = _queries_per_page()
    grew = {page: (before[page][1], q) for page, (_s, q) in after.items() if q > before[page][1]}
    assert grew == {}
