"""The back office's demo data: the demo consortium serves its member co-ops.

``backoffice_demo_load(organisations=..., today=...)``: for each consortium among the
organisations, an agreement per member co-op (payroll and accounting; the start-up package for
the newest member), a year of requests up to ``today`` (a few answered late, so escalated), and
two approved allocation runs (the last two whole months) with their charges. All through the
services, with times relative to ``today``. Idempotent: a consortium that already has requests is
left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fragola.backoffice import services
from fragola.backoffice.allocation import DriverValue, Pool
from fragola.backoffice.models import RequestKind, ServiceRequest
from fragola.registry.models import ConsortiumMembership, Organisation

SEED = 14
SUBJECTS = {
    RequestKind.NEW_HIRE: "Assunzione OSS a tempo parziale",
    RequestKind.CONTRACT_CHANGE: "Passaggio da part-time a tempo pieno",
    RequestKind.SICK_LEAVE: "Certificato di malattia da inoltrare",
    RequestKind.INVOICE_QUESTION: "Fattura del Comune non ancora pagata",
    RequestKind.TRAINING_NEED: "Corso antincendio per tre operatori",
    RequestKind.NON_CONFORMITY: "Non conformità sulla tenuta del diario di assistenza",
    RequestKind.STATUTE_CHANGE: "Modifica dello statuto per il voto a distanza",
}
POOLS = (
    Pool("Ufficio paghe", Decimal("4800.00"), "payslips"),
    Pool("Contabilità", Decimal("3200.00"), "documents"),
    Pool("Qualità e sicurezza", Decimal("1500.00"), "headcount"),
)


def _members(consortium: Organisation, day: dt.date) -> list[Organisation]:
    links = ConsortiumMembership.objects.filter(consortium=consortium, joined_on__lte=day)
    links = links.exclude(left_on__lte=day).select_related("member").order_by("joined_on", "pk")
    return [link.member for link in links]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _requests(members: Sequence[Organisation], today: dt.date, rng: random.Random) -> int:
    now = _at(today, 0)  # what has happened by the start of ``today``
    count = 0
    kinds = list(SUBJECTS)
    for step in range(48):  # about one a week over the last year
        day = today - dt.timedelta(days=365 - step * 7 - rng.randrange(3))
        coop = members[step % len(members)]
        if services.consortium_of(coop, day) is None:
            continue
        kind = kinds[step % len(kinds)]
        request = services.request_open(
            coop=coop, kind=kind, subject=SUBJECTS[kind], at=_at(day, 9 + rng.randrange(8))
        )
        late = step % 6 == 5  # one in six is answered a day after its due time
        answered = request.response_due + dt.timedelta(days=1 if late else 0, hours=-1)
        answered = max(answered, request.opened_at)
        if answered <= now:
            services.request_answer(request=request, answer="Presa in carico.", at=answered)
        resolved = answered + dt.timedelta(days=2)
        if step < 44 and resolved <= now:
            services.request_resolve(request=request, at=resolved)
            services.request_rate(request=request, satisfaction=3 + rng.randrange(3))
        count += 1
    return count


def _runs(consortium: Organisation, today: dt.date, rng: random.Random) -> int:
    first = today.replace(day=1)
    periods = [(first - dt.timedelta(days=1)).replace(day=1)]
    periods.insert(0, (periods[0] - dt.timedelta(days=1)).replace(day=1))
    for period in periods:
        members = _members(consortium, period)
        if not members:
            continue
        values = [
            DriverValue(coop.fiscal_code, driver, Decimal(rng.randrange(5, 80)))
            for coop in members
            for driver in ("payslips", "documents", "headcount")
        ]
        run = services.run_prepare(consortium=consortium, period=period, pools=POOLS, values=values)
        issued = min(today, period.replace(day=28) + dt.timedelta(days=5))
        services.run_approve(run=run, user=None, on=issued)
    return len(periods)


@transaction.atomic
def backoffice_demo_load(*, organisations: Sequence[Organisation], today: dt.date) -> int:
    """The back office of every consortium among ``organisations``; returns requests made."""
    rng = random.Random(SEED)
    made = 0
    for consortium in (o for o in organisations if o.is_consortium):
        if ServiceRequest.objects.filter(consortium=consortium).exists():
            continue
        members = _members(consortium, today)
        if not members:
            continue
        for index, coop in enumerate(members):
            for service in ("payroll", "accounting"):
                services.agreement_add(
                    consortium=consortium, coop=coop, service=service,
                    starts_on=max(today.replace(month=1, day=1), _joined(consortium, coop)),
                    monthly_fee=Decimal("180.00") if index else Decimal("90.00"),
                    startup_package=index == 0, dpa_signed_on=_joined(consortium, coop),
                )  # fmt: skip
        made += _requests(members, today, rng)
        _runs(consortium, today, rng)
        services.requests_escalate(now=_at(today, 0))
    return made


def _joined(consortium: Organisation, coop: Organisation) -> dt.date:
    link = ConsortiumMembership.objects.filter(consortium=consortium, member=coop).first()
    assert link is not None
    return link.joined_on
