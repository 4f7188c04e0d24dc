from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fragola.compliance.adapter import evaluate_organisation
from fragola.governance import selectors, services
from fragola.governance.models import Assembly, AssemblyKind, BoardRole, BoardSeat
from fragola.registry.models import MemberCategory, Membership, OrganisationType
from fragola.testing.factories import MembershipFactory, OrganisationFactory, PersonFactory
from fragola_law import Status

DAY = dt.date(2025, 6, 30)


def _result(organisation, rule: str, day: dt.date):
    return next(r for r in evaluate_organisation(organisation, day) if r.rule == rule)


def _member(organisation, admitted_on: dt.date, category=MemberCategory.WORKER) -> Membership:
    return MembershipFactory(
        organisation=organisation,
        category=category,
        applied_on=admitted_on,
        admitted_on=admitted_on,
    )


@pytest.mark.django_db
def test_g4_passes_with_a_board_of_three_worker_members():
    coop = OrganisationFactory(type=OrganisationType.A)
    roles = [BoardRole.PRESIDENT, BoardRole.VICE_PRESIDENT, BoardRole.DIRECTOR]
    for role in roles:
        membership = _member(coop, dt.date(2020, 1, 1))
        services.board_seat_add(
            organisation=coop, person=membership.person, role=role, started_on=dt.date(2024, 1, 1)
        )
    result = _result(coop, "G4", DAY)
    assert result.status == Status.PASS
    assert (result.numerator, result.denominator) == (3, 3)


@pytest.mark.django_db
def test_g4_breaches_with_two_non_members_and_one_member():
    coop = OrganisationFactory(type=OrganisationType.A)
    member = _member(coop, dt.date(2020, 1, 1))
    services.board_seat_add(
        organisation=coop, person=member.person, role=BoardRole.PRESIDENT, started_on=DAY
    )
    for _ in range(2):
        outsider = PersonFactory(organisation=coop)
        services.board_seat_add(
            organisation=coop, person=outsider, role=BoardRole.DIRECTOR, started_on=DAY
        )
    result = _result(coop, "G4", DAY)
    assert result.status == Status.BREACH
    assert (result.numerator, result.denominator) == (1, 3)
    # Before the seats began there is no board: nothing to judge.
    assert _result(coop, "G4", DAY - dt.timedelta(days=1)).status == Status.NOT_APPLICABLE


@pytest.mark.django_db
def test_g4_takes_the_category_of_the_day_and_ended_seats_drop_out():
    coop = OrganisationFactory(type=OrganisationType.A)
    late = PersonFactory(organisation=coop)
    seat = services.board_seat_add(
        organisation=coop, person=late, role=BoardRole.DIRECTOR, started_on=dt.date(2024, 1, 1)
    )
    MembershipFactory(
        organisation=coop, person=late, applied_on=DAY, admitted_on=DAY
    )  # a member only from DAY on
    before = _result(coop, "G4", DAY - dt.timedelta(days=1))
    after = _result(coop, "G4", DAY)
    assert (before.status, after.status) == (Status.BREACH, Status.PASS)
    services.board_seat_end(seat=seat, ended_on=DAY)
    assert _result(coop, "G4", DAY + dt.timedelta(days=1)).status == Status.NOT_APPLICABLE
    with pytest.raises(ValidationError) as error:
        services.board_seat_end(seat=seat, ended_on=DAY)
    assert "ended_on" in error.value.error_dict


@pytest.mark.django_db
def test_board_seat_add_names_the_wrong_field():
    coop, other = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.board_seat_add(
            organisation=coop,
            person=PersonFactory(organisation=other),
            role=BoardRole.DIRECTOR,
            started_on=DAY,
        )
    assert "person" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.board_seat_add(
            organisation=coop,
            person=PersonFactory(organisation=coop),
            role=BoardRole.DIRECTOR,
            started_on=DAY,
            ended_on=DAY - dt.timedelta(days=1),
        )
    assert "ended_on" in error.value.error_dict


def test_g2_counts_only_members_admitted_90_days_before(world, client_for):
    alfa = world.alfa
    today = timezone.localdate()
    held_on = today + dt.timedelta(days=30)
    ninety = held_on - dt.timedelta(days=90)
    book = Membership.objects.in_book_on(held_on).filter(organisation=alfa)
    baseline_total = book.count()
    baseline_eligible = book.filter(admitted_on__lte=ninety).count()
    for _ in range(2):
        _member(alfa, held_on - dt.timedelta(days=200))
    _member(alfa, ninety)  # exactly 90 days: may vote
    for _ in range(3):
        _member(alfa, held_on - dt.timedelta(days=60))  # admitted 60 days before: may not
    left = _member(alfa, held_on - dt.timedelta(days=300))
    Membership.objects.filter(pk=left.pk).update(exited_on=today, exit_reason="withdrawal")

    assembly = services.assembly_schedule(
        organisation=alfa, held_on=held_on, kind=AssemblyKind.ORDINARY, agenda="Bilancio"
    )
    expected = baseline_eligible + 3
    assert selectors.voters_count(assembly) == expected

    g2 = _result(alfa, "G2", today)
    assert g2.details["meeting"] == held_on
    assert (g2.numerator, g2.denominator) == (expected, baseline_total + 6)

    page = client_for("alice").get(reverse("governance:home", args=[alfa.pk]))
    assert page.status_code == 200
    assert f'data-voters="{expected}"' in page.content.decode()
    voters = client_for("alice").get(reverse("governance:voters", args=[alfa.pk, assembly.pk]))
    assert voters.status_code == 200
    assert len(voters.context["voters"]) == expected
    assert left.pk not in {m.pk for m in voters.context["voters"]}


def test_alice_adds_a_seat_by_fiscal_code_and_schedules_an_assembly(world, client_for):
    alfa, client = world.alfa, client_for("alice")
    person = world.alfa_member.person
    response = client.post(
        reverse("governance:seat_add", args=[alfa.pk]),
        {
            "fiscal_code": person.fiscal_code.lower(),
            "role": "president",
            "started_on": "2024-01-01",
        },
    )
    assert response.status_code == 302
    seat = BoardSeat.objects.get(organisation=alfa)
    assert (seat.person, seat.role) == (person, BoardRole.PRESIDENT)
    assert seat.history.count() == 1

    unknown = client.post(
        reverse("governance:seat_add", args=[alfa.pk]),
        {"fiscal_code": "XXXXXX00A00A000X", "role": "director", "started_on": "2024-01-01"},
    )
    assert unknown.status_code == 400
    assert unknown.context["seat_form"].errors["fiscal_code"]

    page = client.get(reverse("governance:home", args=[alfa.pk]))
    assert person.fiscal_code in page.content.decode()

    ended = client.post(
        reverse("governance:seat_end", args=[alfa.pk, seat.pk]), {"ended_on": "2024-12-31"}
    )
    assert ended.status_code == 302
    seat.refresh_from_db()
    assert seat.ended_on == dt.date(2024, 12, 31)

    scheduled = client.post(
        reverse("governance:assembly_add", args=[alfa.pk]),
        {"held_on": "2030-04-30", "kind": "extraordinary", "agenda": "Statuto"},
    )
    assert scheduled.status_code == 302
    assert Assembly.objects.get(organisation=alfa).kind == AssemblyKind.EXTRAORDINARY


def test_bob_views_but_cannot_change_and_charlie_sees_nothing(world, client_for):
    alfa = world.alfa
    assembly = services.assembly_schedule(
        organisation=alfa, held_on=dt.date(2030, 1, 1), kind=AssemblyKind.ORDINARY
    )
    home = reverse("governance:home", args=[alfa.pk])
    voters = reverse("governance:voters", args=[alfa.pk, assembly.pk])
    posts = {
        reverse("governance:seat_add", args=[alfa.pk]): {
            "fiscal_code": world.alfa_member.person.fiscal_code,
            "role": "director",
            "started_on": "2024-01-01",
        },
        reverse("governance:assembly_add", args=[alfa.pk]): {
            "held_on": "2030-02-01",
            "kind": "ordinary",
        },
    }
    bob = client_for("bob")
    page = bob.get(home)
    assert page.status_code == 200
    assert reverse("governance:seat_add", args=[alfa.pk]) not in page.content.decode()
    assert bob.get(voters).status_code == 200
    for url, data in posts.items():
        assert bob.post(url, data).status_code == 404
    assert not BoardSeat.objects.exists()
    assert Assembly.objects.count() == 1

    charlie = client_for("charlie")
    assert charlie.get(home).status_code == 404
    assert charlie.get(voters).status_code == 404
    for url, data in posts.items():
        assert charlie.post(url, data).status_code == 404
