"""Governance's demo: in each co-operative a past assembly (convened, with attendance and a
proxy, so its minutes come out), a closed ranked-choice poll and an
open consultation with the users and families (the *fruitori*; every member where it has none).

``governance_demo_load(organisations=..., today=...)`` is idempotent: a co-op that already has a
consultation is left alone. Dates are relative to ``today``; ballots follow a fixed pattern.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import cycle

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fragola.governance.models import (
    AssemblyKind,
    AssemblyVoter,
    Attendance,
    Poll,
    PollKind,
    PollVoter,
)
from fragola.governance.services import assembly_schedule
from fragola.governance.services.assemblies import (
    Convening,
    assembly_convene,
    attendance_record,
    proxy_give,
)
from fragola.governance.services.polls import (
    PollData,
    ballot_cast,
    poll_close,
    poll_create,
    poll_open,
)
from fragola.registry.models import MemberCategory, Organisation, OrganisationType

RANKED_OPTIONS = ["Orto sociale", "Laboratorio di falegnameria", "Bottega del riuso", "Caffè"]
# Orders of preference (option positions) the demo's voters take in turn: plurality, Borda and
# the instant runoff do not all agree on them.
ORDERS = [(1, 2, 3), (1, 2, 3), (1, 4), (4, 3, 2), (4, 3), (3, 2, 4), (2, 3, 4), (3, 4, 2)]
ANSWERS = ["agree", "agree", "abstain", "agree", "disagree"]


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _voters(poll: Poll, share: int = 1) -> list[PollVoter]:
    """Every ``share``-th voter of the electorate, in book order."""
    return list(PollVoter.objects.filter(poll=poll).order_by("membership__member_number"))[::share]


def _ranked_poll(organisation: Organisation, today: dt.date) -> None:
    opened = _at(today - dt.timedelta(days=45))
    data = PollData(
        title="Quale nuovo laboratorio apriamo il prossimo anno?",
        description="Consultazione dei soci prima del piano delle attività.",
        kind=PollKind.RANKED, options=RANKED_OPTIONS, anonymous=True, results_hidden=True,
        closes_at=opened + dt.timedelta(days=14),
    )  # fmt: skip
    poll = poll_open(poll=poll_create(organisation=organisation, data=data, now=opened), now=opened)
    ids = dict(poll.options.values_list("position", "pk"))
    for voter, order in zip(_voters(poll), cycle(ORDERS), strict=False):
        marks = {ids[position]: rank for rank, position in enumerate(order, 1)}
        ballot_cast(poll=poll, voter=voter, marks=marks, now=opened + dt.timedelta(days=1))
    poll_close(poll=poll, now=opened + dt.timedelta(days=10))


def _open_consultation(organisation: Organisation, today: dt.date) -> None:
    opened = _at(today - dt.timedelta(days=2), hour=9)
    has_users = organisation.memberships.filter(
        category=MemberCategory.USER, admitted_on__lte=today - dt.timedelta(days=120)
    ).exists()
    data = PollData(
        title="Proposta: il sabato mattina apriamo il centro diurno alle famiglie",
        description="Un sabato al mese il centro diurno accoglie utenti e famiglie per un "
        "laboratorio comune. Puoi dirti favorevole, astenerti, essere contrario o porre il veto "
        "se la proposta ti sembra dannosa per la cooperativa.",
        kind=PollKind.PROPOSAL, category=MemberCategory.USER if has_users else "",
        anonymous=True, results_hidden=False, closes_at=_at(today + dt.timedelta(days=14), 18),
    )  # fmt: skip
    poll = poll_open(poll=poll_create(organisation=organisation, data=data, now=opened), now=opened)
    for voter, answer in zip(_voters(poll, share=3), cycle(ANSWERS), strict=False):
        ballot_cast(poll=poll, voter=voter, answer=answer, now=opened + dt.timedelta(hours=5))


@transaction.atomic
def governance_demo_load(*, organisations: Iterable[Organisation], today: dt.date) -> int:
    """The demo's assemblies and consultations; returns how many co-ops got them."""
    loaded = 0
    for organisation in organisations:
        if organisation.type == OrganisationType.CONSORTIUM or organisation.polls.exists():
            continue
        try:
            with transaction.atomic():
                _load(organisation, today)
        except ValidationError:  # no member may vote yet: nothing to consult
            continue
        loaded += 1
    return loaded


def _past_assembly(organisation: Organisation, today: dt.date) -> None:
    """Held 60 days ago, convened three weeks before: two in three attend, one by proxy."""
    held_on = today - dt.timedelta(days=60)
    assembly = assembly_schedule(
        organisation=organisation, held_on=held_on, kind=AssemblyKind.ORDINARY,
        agenda="1. Approvazione del bilancio\n2. Relazione sulla mutualità\n3. Varie",
    )  # fmt: skip
    data = Convening(convened_on=held_on - dt.timedelta(days=21), proxy_limit=2)
    assembly_convene(assembly=assembly, data=data)
    voters = list(AssemblyVoter.objects.filter(assembly=assembly))
    present = [v for n, v in enumerate(voters) if n % 3 != 2]
    for voter in present:
        attendance_record(voter=voter, attendance=Attendance.IN_PERSON)
    absent = [v for n, v in enumerate(voters) if n % 3 == 2]
    if present and absent:
        proxy_give(voter=absent[0], delegate=present[0])


def _load(organisation: Organisation, today: dt.date) -> None:
    _past_assembly(organisation, today)
    _ranked_poll(organisation, today)
    _open_consultation(organisation, today)
