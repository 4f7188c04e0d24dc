"""Convening an assembly and recording who attends: the electorate frozen at the record date,
proxies within the statute's limit per delegate, and the quorum of each call.

The record date is the day the assembly is convened: the members on the book that day who will
have been admitted at least 90 days before the assembly (G2) may vote; a legal person holds the
statute's votes (up to five, ``fragola_law.member_votes``); supporters' votes are capped at a
third of all votes (G3, ``voting.supporters_capped``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

import fragola_law as r
from fragola.governance import voting
from fragola.governance.models import Assembly, AssemblyVoter, Attendance
from fragola.registry.models import MemberCategory, Membership, PersonKind

ERR_ASSEMBLY_CONVENED = _("This assembly has already been convened.")
ERR_CONVENED_AFTER = _("An assembly is convened before the day it is held.")
ERR_SECOND_CALL_BEFORE = _("The second call comes after the first.")
ERR_QUORUM = _("A quorum is a share of the votes from 0 to 100 %.")
ERR_PROXY_LIMIT = _("The statute allows at most 10 proxies per delegate (c.c. art. 2539).")
ERR_LEGAL_PERSON_VOTES = _("A legal person holds from 1 to 5 votes (c.c. art. 2538).")
ERR_ATTENDANCE = _("Choose in person, remote or absent; a proxy is given to a delegate.")
ERR_REMOTE_NOT_ALLOWED = _("The statute does not allow attending this assembly remotely.")
ERR_PROXY_NOT_VOTER = _("A proxy goes only to a member entitled to vote at this assembly.")
ERR_PROXY_SELF = _("A member cannot be their own proxy.")
ERR_PROXY_DELEGATE_ABSENT = _("The delegate must attend the assembly.")
ERR_PROXY_DELEGATE_DELEGATED = _("The delegate has given their own proxy to someone else.")
ERR_PROXY_FULL = _("This delegate already holds as many proxies as the statute allows.")


@dataclass(frozen=True)
class Convening:
    convened_on: dt.date
    second_call_on: dt.date | None = None
    first_call_quorum: Decimal = Decimal("0.5")
    second_call_quorum: Decimal = Decimal(0)
    proxy_limit: int = 1
    legal_person_votes: int = 1
    remote_allowed: bool = False


def _check(assembly: Assembly, data: Convening) -> None:
    if assembly.convened_on is not None:
        raise ValidationError({"convened_on": ERR_ASSEMBLY_CONVENED})
    if data.convened_on >= assembly.held_on:
        raise ValidationError({"convened_on": ERR_CONVENED_AFTER})
    if data.second_call_on is not None and data.second_call_on <= assembly.held_on:
        raise ValidationError({"second_call_on": ERR_SECOND_CALL_BEFORE})
    for field in ("first_call_quorum", "second_call_quorum"):
        if not Decimal(0) <= getattr(data, field) <= Decimal(1):
            raise ValidationError({field: ERR_QUORUM})
    if not 0 <= data.proxy_limit <= 10:
        raise ValidationError({"proxy_limit": ERR_PROXY_LIMIT})
    if not 1 <= data.legal_person_votes <= 5:
        raise ValidationError({"legal_person_votes": ERR_LEGAL_PERSON_VOTES})


def _votes(membership: Membership, legal_person_votes: int, held_on: dt.date) -> int:
    legal = membership.person.kind == PersonKind.LEGAL
    member = r.Member(
        str(membership.pk), r.MEMBER_CATEGORIES[membership.category],
        membership.admitted_on or held_on, natural_person=not legal,
        votes=legal_person_votes if legal else None,
    )  # fmt: skip
    return r.member_votes(member, r.params_at(held_on))


@transaction.atomic
def assembly_convene(*, assembly: Assembly, data: Convening) -> Assembly:
    """Convene the assembly and freeze its electorate at the record date (``convened_on``)."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    _check(assembly, data)
    for field, value in vars(data).items():
        setattr(assembly, field, value)
    assembly.full_clean()
    assembly.save()
    latest = assembly.held_on - dt.timedelta(days=r.params_at(assembly.held_on).g2_min_days_on_book)
    members = (
        Membership.objects.in_book_on(data.convened_on)
        .filter(organisation_id=assembly.organisation_id, admitted_on__lte=latest)
        .select_related("person")
    )
    AssemblyVoter.objects.bulk_create(
        AssemblyVoter(
            assembly=assembly,
            membership=m,
            category=m.category,
            votes=_votes(m, data.legal_person_votes, assembly.held_on),
        )
        for m in members
    )
    return assembly


@transaction.atomic
def attendance_record(*, voter: AssemblyVoter, attendance: str) -> AssemblyVoter:
    """In person, remote or absent (``proxy_give`` records a proxy). A delegate who leaves
    takes no proxies with them: their delegators count as absent again."""
    voter = AssemblyVoter.objects.select_for_update().select_related("assembly").get(pk=voter.pk)
    if attendance not in (Attendance.IN_PERSON, Attendance.REMOTE, Attendance.ABSENT):
        raise ValidationError({"attendance": ERR_ATTENDANCE})
    if attendance == Attendance.REMOTE and not voter.assembly.remote_allowed:
        raise ValidationError({"attendance": ERR_REMOTE_NOT_ALLOWED})
    voter.attendance = attendance
    voter.delegate = None
    voter.save(update_fields=["attendance", "delegate"])
    if attendance == Attendance.ABSENT:
        voter.proxies.update(attendance=Attendance.ABSENT, delegate=None)
    return voter


@transaction.atomic
def proxy_give(*, voter: AssemblyVoter, delegate: AssemblyVoter) -> AssemblyVoter:
    """``voter`` is represented by ``delegate``, a member attending the same assembly."""
    voter = AssemblyVoter.objects.select_for_update().select_related("assembly").get(pk=voter.pk)
    delegate = AssemblyVoter.objects.select_for_update().get(pk=delegate.pk)
    if delegate.assembly_id != voter.assembly_id:
        raise ValidationError({"delegate": ERR_PROXY_NOT_VOTER})
    if delegate.pk == voter.pk:
        raise ValidationError({"delegate": ERR_PROXY_SELF})
    if delegate.attendance == Attendance.PROXY:
        raise ValidationError({"delegate": ERR_PROXY_DELEGATE_DELEGATED})
    if delegate.attendance == Attendance.ABSENT:
        raise ValidationError({"delegate": ERR_PROXY_DELEGATE_ABSENT})
    held = delegate.proxies.exclude(pk=voter.pk).count()
    if held >= voter.assembly.proxy_limit:
        raise ValidationError({"delegate": ERR_PROXY_FULL})
    voter.proxies.update(attendance=Attendance.ABSENT, delegate=None)
    voter.attendance = Attendance.PROXY
    voter.delegate = delegate
    voter.save(update_fields=["attendance", "delegate"])
    return voter


@dataclass(frozen=True)
class Quorum:
    call: int
    present: Fraction  # votes present, in person, remote or by proxy (G3-capped)
    total: Fraction
    quorum: Fraction
    reached: bool


def assembly_quorum(assembly: Assembly, call: int = 1) -> Quorum:
    """The quorum of the first or second call, on the frozen electorate's weighted votes."""
    rows = list(
        AssemblyVoter.objects.filter(assembly=assembly).values_list(
            "pk", "votes", "category", "attendance"
        )
    )
    supporters = {pk for pk, _, category, _ in rows if category == MemberCategory.SUPPORTER}
    weights = voting.supporters_capped({pk: votes for pk, votes, _, _ in rows}, supporters)
    present = sum(
        (weights[pk] for pk, _, _, attendance in rows if attendance != Attendance.ABSENT),
        Fraction(0),
    )
    total = sum(weights.values(), Fraction(0))
    share = assembly.first_call_quorum if call == 1 else assembly.second_call_quorum
    quorum = Fraction(share)
    return Quorum(call, present, total, quorum, voting.quorum_reached(present, total, quorum))
