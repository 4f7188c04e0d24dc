"""A co-op of the personas' world ready to bill: its issuer profile, a comune and a family."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D
from typing import Any

from django.utils import timezone

from fragola.billing import services, vat
from fragola.billing.models import Customer, CustomerKind, Invoice
from fragola.care.models import Carer, Commission, PlanService, Visit
from fragola.procurement.models import CommissionLink, ContractPrice, ContractShare, PublicBody
from fragola.registry.models import Organisation
from fragola.testing.factories_apps import (
    CarerFactory,
    CommissionFactory,
    ContractShareFactory,
    PlanServiceFactory,
    PublicBodyFactory,
    VisitFactory,
)

DAY = dt.date(2026, 5, 31)


def profile(org: Organisation) -> None:
    services.issuer_profile_set(
        organisation=org,
        kind="social_coop",
        street="Via Roma",
        street_number="1",
        postcode="24121",
        rea_office="BG",
        share_capital=D("10000"),
        iban="IT60 X054 2811 1010 0000 0123 456",
    )


def comune(org: Organisation, **changes: Any) -> Customer:
    data = services.CustomerData(
        kind=CustomerKind.PUBLIC_BODY,
        name="Comune di Bergamo",
        fiscal_code="80034840167",
        office_code="UFX9AB",
        street="Piazza Matteotti",
        street_number="27",
        postcode="24122",
        comune="Bergamo",
        province="BG",
    )
    return services.customer_add(
        organisation=org, data=data.__class__(**{**data.__dict__, **changes})
    )


def family(org: Organisation) -> Customer:
    data = services.CustomerData(
        kind=CustomerKind.PERSON,
        first_name="Giulia",
        last_name="Bianchi",
        fiscal_code="BNCGLI80A41F205X",
        office_code="0000000",
        street="Via Verdi",
        street_number="7",
        postcode="24121",
        comune="Bergamo",
        province="BG",
    )
    return services.customer_add(organisation=org, data=data)


def care_line(hours: str = "120", price: str = "21.50", **changes: Any) -> services.LineData:
    values: dict[str, Any] = {
        "description": "Assistenza domiciliare (SAD)",
        "quantity": D(hours),
        "unit_price": D(price),
        "nature": vat.ServiceNature.SOCIAL_CARE,
        "recipient": vat.Recipient.ELDERLY,
        "channel": vat.Channel.CONTRACT,
        "unit": "ore",
    }
    return services.LineData(**{**values, **changes})


CONTRACT = services.References(
    cig="ZAB1234567",
    cup="J41B21000000001",
    contract_number="REP 123/2025",
    contract_date=dt.date(2025, 1, 10),
    determina_number="DET 45",
    determina_date=dt.date(2025, 12, 1),
)


def comune_draft(org: Organisation, day: dt.date = DAY, **changes: Any) -> Invoice:
    args: dict[str, Any] = {
        "organisation": org,
        "customer": comune(org),
        "date": day,
        "lines": [care_line()],
        "references": CONTRACT,
    }
    return services.invoice_draft(**{**args, **changes})


@dataclass
class Billable:
    """A co-op's share of a Comune's contract, a user's commission under it and a carer."""

    share: ContractShare
    commission: Commission
    service: PlanService
    carer: Carer


def billable(
    org: Organisation, *, body: PublicBody | None = None, price: str = "23.40"
) -> Billable:
    """``org`` executes a share of a contract of the Comune di Bergamo (its customer, split
    payment) priced ``price`` an hour for personal care by an OSS."""
    if body is None:
        body = PublicBody.objects.filter(fiscal_code="80034840167").first() or (
            PublicBodyFactory(fiscal_code="80034840167", ipa_code="UFX9AB")
        )
    if not Customer.objects.filter(organisation=org, fiscal_code=body.fiscal_code).exists():
        comune(org)
    share = ContractShareFactory(coop=org, lot__contract__tender__body=body)
    ContractPrice.objects.create(
        lot=share.lot, service="personal_care", qualification="oss", price_per_hour=D(price)
    )
    commission = CommissionFactory(service_user__organisation=org)
    CommissionLink.objects.create(share=share, commission=commission)
    service = PlanServiceFactory(
        plan__service_user=commission.service_user,
        plan__commission=commission,
        qualification="oss",
    )
    return Billable(share, commission, service, CarerFactory(organisation=org))


def visit(
    b: Billable,
    day: dt.date,
    *,
    start: dt.time = dt.time(8),
    minutes: int = 60,
    status: str = "done",
    slot: int = 1,
) -> Visit:
    starts = timezone.make_aware(dt.datetime.combine(day, start))
    return VisitFactory(
        organisation=b.share.coop,
        service_user=b.commission.service_user,
        plan_service=b.service,
        day=day,
        slot=slot,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=minutes),
        status=status,
        carer=b.carer,
    )
