"""Convening an assembly: the electorate frozen at the record date with its votes (G2, G3),
attendance, proxies within the statute's limit, the quorum of each call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fragola.governance import voting
from fragola.governance.models import AssemblyVoter, Attendance
from fragola.governance.services import assemblies as services
from fragola.governance.services.assemblies import Convening
from fragola.registry.models import MemberCategory, PersonKind
from fragola.testing.factories import MembershipFactory, OrganisationFactory
from fragola.testing.factories_apps import AssemblyFactory

pytestmark = pytest.mark.django_db

HELD = dt.date(2025, 5, 30)
CONVENED = dt.date(2025, 5, 10)


def _member(coop, admitted: dt.date, category=MemberCategory.WORKER, **person):
    return MembershipFactory(
        organisation=coop, category=category, applied_on=admitted, admitted_on=admitted,
        **{f"person__{k}": v for k, v in person.items()},
    )  # fmt: skip


def _convened(coop, **changes):
    assembly = AssemblyFactory(organisation=coop, held_on=HELD)
    data = Convening(**{"convened_on": CONVENED, **changes})
    return services.assembly_convene(assembly=assembly, data=data)


def _voter(assembly, membership) -> AssemblyVoter:
    return AssemblyVoter.objects.get(assembly=assembly, membership=membership)


def _refused(call, field: str, message) -> None:
    with pytest.raises(ValidationError) as error:
        call()
    assert error.value.message_dict[field] == [str(message)]


def test_the_electorate_is_frozen_at_the_record_date_with_g2_and_legal_person_votes():
    coop = OrganisationFactory()
    veteran = _member(coop, dt.date(2024, 1, 1))
    recent = _member(coop, dt.date(2025, 4, 1))  # under 90 days before the assembly
    company = _member(
        coop, dt.date(2023, 1, 1), MemberCategory.LEGAL_PERSON,
        kind=PersonKind.LEGAL, legal_name="Alfa S.r.l.", first_name="", last_name="",
    )  # fmt: skip
    assembly = _convened(coop, legal_person_votes=3)
    _member(coop, dt.date(2024, 1, 1))  # typed into the book after convening: not in it
    voters = {v.membership_id: v.votes for v in AssemblyVoter.objects.filter(assembly=assembly)}
    assert voters.get(veteran.pk) == 1 and voters.get(company.pk) == 3
    assert recent.pk not in voters
    assert AssemblyVoter.objects.filter(assembly=assembly).count() == 2
    _refused(
        lambda: services.assembly_convene(assembly=assembly, data=Convening(CONVENED)),
        "convened_on",
        services.ERR_ASSEMBLY_CONVENED,
    )


def test_convening_checks_the_statutes_rules():
    coop = OrganisationFactory()
    _refused(lambda: _convened(coop, convened_on=HELD), "convened_on", services.ERR_CONVENED_AFTER)
    _refused(
        lambda: _convened(coop, second_call_on=HELD), "second_call_on",
        services.ERR_SECOND_CALL_BEFORE,
    )  # fmt: skip
    _refused(
        lambda: _convened(coop, first_call_quorum=Decimal(2)), "first_call_quorum",
        services.ERR_QUORUM,
    )  # fmt: skip
    _refused(lambda: _convened(coop, proxy_limit=11), "proxy_limit", services.ERR_PROXY_LIMIT)
    _refused(
        lambda: _convened(coop, legal_person_votes=6), "legal_person_votes",
        services.ERR_LEGAL_PERSON_VOTES,
    )  # fmt: skip
    assert not AssemblyVoter.objects.exists()


def test_proxies_go_to_attending_members_within_the_limit_per_delegate():
    coop = OrganisationFactory()
    a, b, c, d = (_member(coop, dt.date(2024, 1, 1)) for _ in range(4))
    assembly = _convened(coop, proxy_limit=1)
    va, vb, vc, vd = (_voter(assembly, m) for m in (a, b, c, d))
    _refused(lambda: services.proxy_give(voter=vb, delegate=va), "delegate",
             services.ERR_PROXY_DELEGATE_ABSENT)  # fmt: skip
    services.attendance_record(voter=va, attendance=Attendance.IN_PERSON)
    _refused(lambda: services.proxy_give(voter=va, delegate=va), "delegate",
             services.ERR_PROXY_SELF)  # fmt: skip
    services.proxy_give(voter=vb, delegate=va)
    _refused(lambda: services.proxy_give(voter=vc, delegate=va), "delegate",
             services.ERR_PROXY_FULL)  # fmt: skip
    _refused(lambda: services.proxy_give(voter=vd, delegate=vb), "delegate",
             services.ERR_PROXY_DELEGATE_DELEGATED)  # fmt: skip
    elsewhere = OrganisationFactory()
    _member(elsewhere, dt.date(2024, 1, 1))
    stranger = AssemblyVoter.objects.get(assembly=_convened(elsewhere))
    _refused(lambda: services.proxy_give(voter=vc, delegate=stranger), "delegate",
             services.ERR_PROXY_NOT_VOTER)  # fmt: skip
    _refused(lambda: services.attendance_record(voter=vc, attendance=Attendance.REMOTE),
             "attendance", services.ERR_REMOTE_NOT_ALLOWED)  # fmt: skip
    _refused(lambda: services.attendance_record(voter=vc, attendance="proxy"), "attendance",
             services.ERR_ATTENDANCE)  # fmt: skip
    # Proxies are counted: a in person and b by proxy are half of four votes.
    first = services.assembly_quorum(assembly, call=1)
    assert (first.present, first.total, first.reached) == (2, 4, True)
    services.attendance_record(voter=va, attendance=Attendance.ABSENT)  # the proxy lapses
    assert services.assembly_quorum(assembly, call=1).present == 0
    assert not services.assembly_quorum(assembly, call=2).reached


def test_supporters_hold_at_most_a_third_of_the_votes():
    coop = OrganisationFactory()
    worker = _member(coop, dt.date(2024, 1, 1))
    supporters = [_member(coop, dt.date(2024, 1, 1), MemberCategory.SUPPORTER) for _ in range(3)]
    assembly = _convened(coop, first_call_quorum=Decimal("0.5"))
    for membership in supporters:
        services.attendance_record(voter=_voter(assembly, membership), attendance="in_person")
    # 3 supporters and 1 worker: the supporters' 3 votes weigh 1/2 together (1/3 of 1.5).
    quorum = services.assembly_quorum(assembly)
    assert (quorum.present, quorum.total) == (Fraction(1, 2), Fraction(3, 2))
    assert not quorum.reached
    services.attendance_record(voter=_voter(assembly, worker), attendance="in_person")
    assert services.assembly_quorum(assembly).reached


def test_the_supporter_cap_and_quorum_are_plain_arithmetic():
    weights = voting.supporters_capped({1: 1, 2: 1, 3: 5}, supporters={1, 2})
    assert weights == {1: 1, 2: 1, 3: 5}  # 2 of 7: under a third
    capped = voting.supporters_capped({1: 1, 2: 1, 3: 1}, supporters={1, 2})
    assert capped[1] + capped[2] == Fraction(1, 3) * sum(capped.values())
    assert voting.quorum_reached(Fraction(1), Fraction(3), Fraction(0))
    assert not voting.quorum_reached(Fraction(0), Fraction(3), Fraction(0))


# Pages --------------------------------------------------------------------------------------


def test_the_admin_convenes_records_a_proxy_and_prints_the_minutes(world, client_for):
    alfa = world.alfa
    second = _member(alfa, dt.date(2024, 1, 1))
    assembly = AssemblyFactory(organisation=alfa, held_on=HELD)
    alice = client_for("alice")
    args = [alfa.pk, assembly.pk]
    body = {"convened_on": "2025-05-10", "first_call_quorum": "50", "second_call_quorum": "0",
            "proxy_limit": "1", "legal_person_votes": "1"}  # fmt: skip
    assert alice.post(reverse("governance:assembly_convene", args=args), body).status_code == 302
    present, delegating = _voter(assembly, world.alfa_member), _voter(assembly, second)
    url = reverse("governance:attendance", args=[*args, present.pk])
    alice.post(url, {"attendance": "in_person"})
    url = reverse("governance:attendance", args=[*args, delegating.pk])
    alice.post(url, {"attendance": "proxy", "delegate": present.pk})
    page = alice.get(reverse("governance:assembly", args=args)).content.decode()
    assert 'data-quorum="1" data-reached="yes"' in page
    assert services.assembly_quorum(assembly).present == 2
    pdf = alice.get(reverse("governance:minutes", args=args))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    again = alice.post(reverse("governance:assembly_convene", args=args), body)
    assert again.status_code == 400
    assert str(services.ERR_ASSEMBLY_CONVENED) in again.content.decode()


def test_another_coop_sees_no_assembly_and_a_member_changes_nothing(world, client_for):
    assembly = _convened(world.alfa)
    voter = AssemblyVoter.objects.filter(assembly=assembly).first()
    args = [world.alfa.pk, assembly.pk]
    charlie = client_for("charlie")
    for name in ("governance:assembly", "governance:minutes"):
        assert charlie.get(reverse(name, args=args)).status_code == 404
    assert (
        client_for("charlie")
        .get(reverse("governance:assembly", args=[world.gamma.pk, assembly.pk]))
        .status_code
        == 404
    )
    url = reverse("governance:attendance", args=[*args, voter.pk])
    assert client_for("mario").post(url, {"attendance": "in_person"}).status_code == 404
    assert client_for("bob").post(url, {"attendance": "in_person"}).status_code == 404
    voter.refresh_from_db()
    assert voter.attendance == Attendance.ABSENT
