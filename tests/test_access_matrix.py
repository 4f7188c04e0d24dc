"""Every page, every persona: nobody sees what is not theirs, and nobody ever sees a 500.

The URL patterns are enumerated from the resolver, so a new page is covered the moment it is
added. Routes are filled with Alfa's ids (Alfa is Alice's co-operative).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("admin/", "api/", "i18n/", "static/", "media/")
# Pages that only make sense for a consortium: a co-operative's id gives "not found".
CONSORTIUM_ONLY = ("compliance/board/", "coops/", "procurement/", "backoffice/costs/")
# A carer's or volunteer's own pages: "not found" for anyone without a carer profile there.
PERSONAL_PAGES = ("planning/mine/",)


def _walk(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


FILLABLE = {"<int:organisation_id>", "<int:membership_id>", "<str:file_format>", "<int:role_id>"}


def organisation_routes() -> list[str]:
    """Routes of an organisation whose every parameter we can fill with a sample id.

    Routes with other ids (a visit, a certificate…) are covered by their app's access tests.
    """
    routes = []
    for found, _pattern in _walk(get_resolver().url_patterns):
        # Ids are ``<id:…>`` (fragola.core.converters) or, in apps not moved yet, ``<int:…>``.
        route = found.replace("<id:", "<int:")
        if route.startswith(SKIP_PREFIXES) or "<int:organisation_id>" not in route:
            continue
        if set(re.findall(r"<[^>]+>", route)) <= FILLABLE:
            routes.append(route)
    return sorted(set(routes))


def fill(route: str, world, organisation=None) -> str | None:
    from fragola.registry.models import Role

    organisation = organisation or world.alfa
    values = {
        "<int:organisation_id>": str(organisation.pk),
        "<int:membership_id>": str(world.alfa_member.pk),
        "<str:file_format>": "csv",
        "<int:role_id>": str(Role.objects.filter(organisation=organisation).first().pk),
    }
    for placeholder, value in values.items():
        route = route.replace(placeholder, value)
    if "<" in route:
        return None
    return "/" + route


ROUTES = organisation_routes()


def test_it_finds_the_organisation_pages():
    assert any("members/" in route for route in ROUTES)


@pytest.mark.parametrize("route", ROUTES)
def test_it_shows_an_outsider_nothing_of_another_cooperative(route, world, client_for):
    url = fill(route, world)
    if url is None:
        pytest.skip(f"no sample id for {route}")
    charlie = client_for("charlie")
    # A POST-only action answers a GET with 405 before looking anything up: nothing leaks.
    assert charlie.get(url).status_code in {404, 405}
    assert charlie.post(url, {}).status_code in {404, 405}


@pytest.mark.parametrize("route", ROUTES)
def test_it_sends_an_anonymous_visitor_to_the_login_page(route, world):
    url = fill(route, world)
    if url is None:
        pytest.skip(f"no sample id for {route}")
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["alice", "bob", "carla", "vera", "mario", "tina", "sara"])
@pytest.mark.parametrize("route", ROUTES)
def test_it_never_fails_with_a_server_error(route, persona, world, client_for):
    url = fill(route, world)
    if url is None:
        pytest.skip(f"no sample id for {route}")
    response = client_for(persona).get(url)
    assert response.status_code in {200, 302, 404, 405}


def test_it_lets_alice_open_every_page_of_her_cooperative(world, client_for):
    alice = client_for("alice")
    opened = {}
    for route in ROUTES:
        url = fill(route, world)
        skipped = CONSORTIUM_ONLY + PERSONAL_PAGES
        if url is not None and not any(marker in route for marker in skipped):
            opened[route] = alice.get(url).status_code
    refused = {route: code for route, code in opened.items() if code not in {200, 302, 405}}
    assert refused == {}


def test_it_lets_sara_open_every_consortium_page(world, client_for):
    sara = client_for("sara")
    opened = {}
    for route in ROUTES:
        if any(marker in route for marker in CONSORTIUM_ONLY):
            url = fill(route, world, world.consortium)
            if url is not None:
                opened[route] = sara.get(url).status_code
    refused = {route: code for route, code in opened.items() if code not in {200, 302, 405}}
    assert refused == {}
