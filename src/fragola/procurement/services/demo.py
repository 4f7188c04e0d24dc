"""Public-contract demo data for the demo consortium.

``procurement_demo_load(organisations=..., today=..., now=...)`` records the province's public
bodies, tenders at every stage of the pipeline, a won home-care contract split among three
member co-ops (type A or A+B) whose care commissions are linked to their shares, so that the
months of visits done show as delivered hours, and a reserved (art. 61) contract executed by a
type B co-op. Everything goes through the services; the art. 61 check reads the co-ops'
standing as the consortium's staff would. Idempotent: a consortium that already has tenders is
left alone. Dates are relative to ``today``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from fragola.care.models import Commission
from fragola.procurement import services
from fragola.procurement.models import (
    Contract,
    ContractLot,
    PublicBody,
    PublicBodyKind,
    Tender,
    TenderState,
)
from fragola.registry.models import Organisation, OrganisationType, Role, RoleName
from fragola.registry.selectors import consortium_members

# The province's bodies (fiscal codes as published by the bodies themselves).
BODIES = (
    (PublicBodyKind.COMUNE, "Comune di Bergamo", "80034840167"),
    (PublicBodyKind.HEALTH, "ATS di Bergamo", "04114370168"),
    (PublicBodyKind.OTHER, "Provincia di Bergamo", "80004870160"),
    (PublicBodyKind.REGION, "Regione Lombardia", "80050050154"),
)
SHARES = (Decimal(50), Decimal(30), Decimal(20))


@dataclass
class ProcurementDemoSummary:
    bodies: int = 0
    tenders: int = 0
    contracts: int = 0


def _bodies() -> dict[str, PublicBody]:
    return {
        name: services.public_body_upsert(
            data=services.PublicBodyData(kind=kind, name=name, fiscal_code=code)
        )[0]
        for kind, name, code in BODIES
    }


def _at(now: dt.datetime, days: int, hour: int = 12) -> dt.datetime:
    return (now + dt.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _tender(
    consortium: Organisation, body: PublicBody, serial: int, now: dt.datetime, **changes: Any
) -> Tender:
    values: dict[str, Any] = {
        "body": body,
        "title": "Servizio di assistenza domiciliare",
        "procedure": "open",
        "base_amount": Decimal("400000.00"),
        "labour_cost": Decimal("300000.00"),
        "ccnl": "CCNL Cooperative sociali",
        "cig": f"B{serial:03d}DEMO{serial:02d}"[:10],
        "cpv": "85310000-5",
        "clarifications_due": _at(now, 7),
        "submission_due": _at(now, 14),
        "opening_at": _at(now, 15, 10),
        "requirements": "Iscrizione all'albo regionale; esperienza triennale nel servizio.",
    }
    data = services.TenderData(**{**values, **changes})
    return services.tender_record(organisation=consortium, data=data)


def _walk(tender: Tender, staff: User, today: dt.date, *states: str) -> Tender:
    for state in states:
        tender = services.tender_move(tender=tender, to=state, user=staff, on=today)
    return tender


def _won(tender: Tender, coops: Sequence[Organisation], staff: User, today: dt.date) -> Tender:
    for coop in coops:
        services.executor_name(tender=tender, coop=coop, user=staff, on=today)
    tender = _walk(tender, staff, today, "go_no_go", "preparing", "submitted")
    amount = (tender.base_amount * Decimal("0.95")).quantize(Decimal("0.01"))
    return services.tender_award(tender=tender, amount=amount)


def _contract(tender: Tender, number: str, today: dt.date) -> Contract:
    start = (today.replace(day=1) - dt.timedelta(days=85)).replace(day=1)
    return services.contract_record(
        tender=tender,
        data=services.ContractData(
            number=number,
            signed_on=start - dt.timedelta(days=10),
            commitment_number=f"DET {number}",
            commitment_date=start - dt.timedelta(days=20),
            starts_on=start,
            ends_on=start.replace(year=start.year + 2) - dt.timedelta(days=1),
            amount=tender.awarded_amount or Decimal(0),
        ),
    )


def _home_care(
    consortium: Organisation, body: PublicBody, coops: Sequence[Organisation], staff: User,
    today: dt.date, now: dt.datetime,
) -> None:  # fmt: skip
    tender = _tender(consortium, body, 7, now, title="SAD Ambito di Bergamo 2026-2027",
                     submission_due=_at(now, -120), clarifications_due=_at(now, -130),
                     opening_at=_at(now, -119))  # fmt: skip
    services.lot_add(tender=tender, number=1, title="Assistenza domiciliare anziani e disabili",
                     service="personal_care", hours=Decimal("36000"),
                     base_amount=tender.base_amount)  # fmt: skip
    contract = _contract(_won(tender, coops, staff, today), "REP 118/2026", today)
    lot = ContractLot.objects.get(contract=contract)
    services.contract_price_set(lot=lot, service="personal_care", qualification="oss",
                                price_per_hour=Decimal("23.40"))  # fmt: skip
    services.contract_price_set(lot=lot, service="personal_care", qualification="none",
                                price_per_hour=Decimal("21.10"))  # fmt: skip
    for coop, percent in zip(coops, SHARES, strict=False):
        share = services.contract_share_set(
            lot=lot, coop=coop, percent=percent,
            hours_per_month=(lot.hours_per_month * percent / 100).quantize(Decimal("0.01")),
        )  # fmt: skip
        for commission in Commission.objects.filter(
            service_user__organisation=coop, funder_kind="comune", public_contract_link=None
        ):
            services.commission_link(share=share, commission=commission)


def _reserved(
    consortium: Organisation, body: PublicBody, coop: Organisation, staff: User,
    today: dt.date, now: dt.datetime,
) -> None:  # fmt: skip
    tender = _tender(consortium, body, 8, now, title="Manutenzione del verde pubblico (art. 61)",
                     procedure="reserved", social_services=False, cpv="77310000-6",
                     base_amount=Decimal("180000.00"), labour_cost=Decimal("120000.00"),
                     submission_due=_at(now, -110), clarifications_due=_at(now, -120),
                     opening_at=_at(now, -109))  # fmt: skip
    services.lot_add(tender=tender, number=1, title="Parchi e aiuole", service="companionship",
                     hours=Decimal("9600"), base_amount=tender.base_amount)  # fmt: skip
    contract = _contract(_won(tender, [coop], staff, today), "REP 131/2026", today)
    lot = ContractLot.objects.get(contract=contract)
    services.contract_share_set(lot=lot, coop=coop, percent=Decimal(100),
                                hours_per_month=lot.hours_per_month)  # fmt: skip


def _pipeline(
    consortium: Organisation, bodies: dict[str, PublicBody], coop: Organisation, staff: User,
    today: dt.date, now: dt.datetime,
) -> int:  # fmt: skip
    comune, ats = bodies["Comune di Bergamo"], bodies["ATS di Bergamo"]
    _tender(consortium, comune, 1, now, title="Assistenza educativa scolastica")
    _walk(_tender(consortium, ats, 2, now, title="ADI Distretto Bergamo Est",
                  clarifications_due=_at(now, 3), submission_due=_at(now, 9),
                  opening_at=_at(now, 10)), staff, today, "go_no_go")  # fmt: skip
    preparing = _tender(consortium, comune, 3, now, title="Centro diurno disabili")
    services.executor_name(tender=preparing, coop=coop, user=staff, on=today)
    _walk(preparing, staff, today, "go_no_go", "preparing")
    submitted = _tender(consortium, comune, 4, now, title="Trasporto sociale",
                        clarifications_due=_at(now, -20), submission_due=_at(now, -5),
                        opening_at=_at(now, 2))  # fmt: skip
    services.executor_name(tender=submitted, coop=coop, user=staff, on=today)
    _walk(submitted, staff, today, "go_no_go", "preparing", "submitted")
    lost = _tender(consortium, ats, 5, now, title="Assistenza domiciliare integrata 2025",
                   clarifications_due=_at(now, -70), submission_due=_at(now, -60),
                   opening_at=_at(now, -59))  # fmt: skip
    services.executor_name(tender=lost, coop=coop, user=staff, on=today)
    _walk(lost, staff, today, "go_no_go", "preparing", "submitted", "lost")
    declined = _tender(consortium, comune, 6, now, title="Pulizia uffici comunali",
                       social_services=False, labour_intensive=False)  # fmt: skip
    services.tender_move(tender=declined, to=TenderState.DECLINED, user=staff, on=today,
                         note="Fuori dall'oggetto sociale dei soci.")  # fmt: skip
    return 6


@transaction.atomic
def procurement_demo_load(
    *, organisations: Sequence[Organisation], today: dt.date, now: dt.datetime
) -> ProcurementDemoSummary:
    summary = ProcurementDemoSummary()
    consortium = next((o for o in organisations if o.is_consortium), None)
    if consortium is None or Tender.objects.filter(organisation=consortium).exists():
        return summary
    staff = Role.objects.filter(organisation=consortium, name=RoleName.STAFF).first()
    if staff is None:
        return summary
    bodies = _bodies()
    members = [link.member for link in consortium_members(consortium, today)]
    care = [o for o in members if o.type in (OrganisationType.A, OrganisationType.AB)]
    type_b = [o for o in members if o.type == OrganisationType.B]
    if not care:
        return summary
    summary.bodies = len(bodies)
    summary.tenders = _pipeline(consortium, bodies, care[0], staff.user, today, now)
    _home_care(consortium, bodies["Comune di Bergamo"], care[:3], staff.user, today, now)
    summary.tenders += 1
    summary.contracts = 1
    if type_b:
        _reserved(consortium, bodies["Comune di Bergamo"], type_b[0], staff.user, today, now)
        summary.tenders += 1
        summary.contracts += 1
    return summary
