"""Every list page, export and API list of the registry, workforce and governance answers with
the same number of queries for one row as for ten: a list that queried once per row would show
it here. (Care's lists are in ``care/tests/test_queries.py``, work integration's in
``integration/tests/test_queries.py``, compliance's and planning's in their apps' tests, the pages
of every persona at two data sizes in ``test_scale_pages.py``.)

The log of sensitive reads writes one row per record read; it is counted apart
(``fragola.testing.queries``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from fragola.core.services import token_create
from fragola.registry.models import Comune, ConsortiumMembership, ShareMovementKind
from fragola.registry.services import share_movement_record
from fragola.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
    comune,
)
from fragola.testing.factories_apps import (
    AssemblyFactory,
    BoardSeatFactory,
    CarerFactory,
    DisadvantageCertificateFactory,
    EmploymentFactory,
)
from fragola.testing.personas import World
from fragola.testing.queries import one_and_ten

pytestmark = pytest.mark.django_db


def _joins_the_consortium(w: World) -> ConsortiumMembership:
    return ConsortiumMembership.objects.create(
        consortium=w.consortium, member=OrganisationFactory(), joined_on=dt.date(2020, 1, 1)
    )


def _shares_and_history(w: World) -> object:
    """A share movement of Alfa's member, and a line more in the history of the book."""
    member = w.alfa_member
    member.save()
    return share_movement_record(
        membership=member,
        kind=ShareMovementKind.SUBSCRIPTION,
        amount=Decimal(25),
        date=member.applied_on,
    )


def _disadvantaged_worker(w: World) -> object:
    certificate = DisadvantageCertificateFactory(organisation=w.beta)
    return EmploymentFactory(organisation=w.beta, person=certificate.person)


def _comuni() -> Callable[[World], object]:
    """Comuni whose ISTAT code starts with 99 (none does in Italy)."""
    serial = itertools.count()

    def add(w: World) -> Comune:
        n = next(serial)
        bergamo = comune()
        return Comune.objects.create(
            istat_code=f"99{n:04d}",
            cadastral_code=f"Y{n:03d}",
            name=f"Comune di prova {n}",
            province=bergamo.province,
            latitude=bergamo.latitude,
            longitude=bergamo.longitude,
        )

    return add


def _assembly(w: World) -> int:
    return AssemblyFactory(organisation=w.alfa, held_on=dt.date(2024, 4, 27)).pk


Url = Callable[[World], str]
Add = Callable[[World], object]

# what: (who, url, one row more, one log row per row shown)
PAGES: dict[str, tuple[str, Url, Add, bool]] = {
    "the members' book": (
        "alice",
        lambda w: reverse("member_book", args=[w.alfa.pk]),
        lambda w: MembershipFactory(organisation=w.alfa),
        False,
    ),
    "the workers": (
        "alice",
        lambda w: reverse("worker_list", args=[w.alfa.pk]),
        lambda w: EmploymentFactory(organisation=w.alfa),
        False,
    ),
    "the board and the assemblies": (
        "alice",
        lambda w: reverse("governance:home", args=[w.alfa.pk]),
        lambda w: (BoardSeatFactory(organisation=w.alfa), AssemblyFactory(organisation=w.alfa)),
        False,
    ),
    "the carers": (
        "alice",
        lambda w: reverse("care_carers", args=[w.alfa.pk]),
        lambda w: CarerFactory(organisation=w.alfa),
        False,
    ),
    "the access tokens": (
        "alice",
        lambda w: reverse("token_list"),
        lambda w: token_create(user=w.alice, name="script"),
        False,
    ),
    "one's organisations": (
        "alice",
        lambda w: reverse("home"),
        lambda w: RoleFactory(user=w.alice, organisation=OrganisationFactory(), name="admin"),
        False,
    ),
    "a consortium's member co-ops": (
        "sara",
        lambda w: reverse("organisation_detail", args=[w.consortium.pk]),
        _joins_the_consortium,
        False,
    ),
    "the roles": (
        "alice",
        lambda w: reverse("roles", args=[w.alfa.pk]),
        lambda w: RoleFactory(user=UserFactory(), organisation=w.alfa, name="member"),
        False,
    ),
    "the history of the book": (
        "alice",
        lambda w: reverse("book_history", args=[w.alfa.pk]),
        lambda w: MembershipFactory(organisation=w.alfa),
        False,
    ),
    "a member's shares and history": (
        "alice",
        lambda w: reverse("member_detail", args=[w.alfa.pk, w.alfa_member.pk]),
        _shares_and_history,
        False,
    ),
    "the book as CSV": (
        "alice",
        lambda w: reverse("member_export", args=[w.alfa.pk, "csv"]),
        lambda w: MembershipFactory(organisation=w.alfa),
        False,
    ),
    "the book as XLSX": (
        "alice",
        lambda w: reverse("member_export", args=[w.alfa.pk, "xlsx"]),
        lambda w: MembershipFactory(organisation=w.alfa),
        False,
    ),
    "the disadvantaged workers": (
        "tina",
        lambda w: reverse("worker_list", args=[w.beta.pk]),
        _disadvantaged_worker,
        True,
    ),
    "the workers as CSV": (
        "tina",
        lambda w: reverse("worker_export", args=[w.beta.pk]),
        _disadvantaged_worker,
        True,
    ),
    "the workers as JSON": (
        "tina",
        lambda w: reverse("worker_api", args=[w.beta.pk]),
        _disadvantaged_worker,
        True,
    ),
    "the voters of an assembly": (
        "alice",
        lambda w: reverse("governance:voters", args=[w.alfa.pk, _assembly(w)]),
        lambda w: MembershipFactory(organisation=w.alfa),
        False,
    ),
    "API: organisations": (
        "sara",
        lambda w: "/api/v1/organisations",
        _joins_the_consortium,
        False,
    ),
    "API: a consortium's members": (
        "sara",
        lambda w: f"/api/v1/organisations/{w.consortium.pk}/consortium-members",
        _joins_the_consortium,
        False,
    ),
    "API: the members' book": (
        "alice",
        lambda w: f"/api/v1/organisations/{w.alfa.pk}/members",
        lambda w: MembershipFactory(organisation=w.alfa, shares=Decimal(25)),
        False,
    ),
    "API: a member's history": (
        "alice",
        lambda w: f"/api/v1/organisations/{w.alfa.pk}/members/{w.alfa_member.pk}/history",
        _shares_and_history,
        False,
    ),
    "API: the caller's roles": (
        "alice",
        lambda w: "/api/v1/me",
        lambda w: RoleFactory(user=w.alice, organisation=OrganisationFactory(), name="admin"),
        False,
    ),
    "API: comuni": ("alice", lambda w: "/api/v1/comuni?q=99", _comuni(), False),
    "API: access tokens": (
        "alice",
        lambda w: "/api/v1/tokens",
        lambda w: token_create(user=w.alice, name="script"),
        False,
    ),
    "API: people": (
        "alice",
        lambda w: f"/api/v1/organisations/{w.alfa.pk}/people",
        lambda w: PersonFactory(organisation=w.alfa),
        False,
    ),
    "API: workers": (
        "tina",
        lambda w: f"/api/v1/workforce/organisations/{w.beta.pk}/workers",
        _disadvantaged_worker,
        True,
    ),
    "API: the board": (
        "alice",
        lambda w: f"/api/v1/governance/organisations/{w.alfa.pk}/board",
        lambda w: BoardSeatFactory(organisation=w.alfa),
        False,
    ),
    "API: assemblies": (
        "alice",
        lambda w: f"/api/v1/governance/organisations/{w.alfa.pk}/assemblies?start=2024-01-01",
        lambda w: AssemblyFactory(organisation=w.alfa, held_on=dt.date(2024, 4, 27)),
        False,
    ),
    "API: the voters of an assembly": (
        "alice",
        lambda w: f"/api/v1/governance/organisations/{w.alfa.pk}/assemblies/{_assembly(w)}/voters",
        lambda w: MembershipFactory(organisation=w.alfa),
        False,
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_list_takes_the_same_queries_for_one_row_and_for_ten(
    world: World, client_for: Callable[[str], Client], page: str
) -> None:
    who, url, add, logs_each_row = PAGES[page]
    one, ten = one_and_ten(client_for(who), lambda: url(world), lambda: add(world))
    assert len(ten.body) > len(one.body)  # the nine rows more are shown
    assert one.queries == ten.queries
    assert ten.logged - one.logged == (9 if logs_each_row else 0)
