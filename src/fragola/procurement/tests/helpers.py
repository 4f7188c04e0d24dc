"""Scenes for the procurement tests: a consortium's tender with its lots, named co-ops and a
contract split among them."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fragola.procurement import services
from fragola.procurement.models import PublicBody, Tender
from fragola.registry.models import ConsortiumMembership, Organisation, OrganisationType
from fragola.testing.factories import OrganisationFactory
from fragola.testing.factories_apps import PublicBodyFactory
from fragola.testing.personas import World

LONG_AGO = dt.date(2015, 1, 1)
_serial = itertools.count(1)


def next_cig() -> str:
    return f"Z{next(_serial):09d}"


def tender_data(body: PublicBody | None = None, **changes: Any) -> services.TenderData:
    now = timezone.now()
    values: dict[str, Any] = {
        "body": body or PublicBodyFactory(),
        "title": "Servizio di assistenza domiciliare anziani",
        "procedure": "open",
        "base_amount": Decimal("500000.00"),
        "cig": "A1B2C3D4E5",
        "clarifications_due": now + dt.timedelta(days=10),
        "submission_due": now + dt.timedelta(days=20),
        "opening_at": now + dt.timedelta(days=21),
    }
    return services.TenderData(**{**values, **changes})


def tender_for(world: World, **changes: Any) -> Tender:
    return services.tender_record(organisation=world.consortium, data=tender_data(**changes))


def member(world: World, type: str = OrganisationType.A, name: str = "") -> Organisation:
    coop = OrganisationFactory(type=type, **({"name": name} if name else {}))
    ConsortiumMembership.objects.create(
        consortium=world.consortium, member=coop, joined_on=LONG_AGO
    )
    return coop


def move(world: World, tender: Tender, *states: str) -> Tender:
    for state in states:
        tender = services.tender_move(
            tender=tender, to=state, user=world.sara, on=timezone.localdate()
        )
    return tender


def contract_data(**changes: Any) -> services.ContractData:
    values: dict[str, Any] = {
        "number": "REP 123/2025",
        "signed_on": dt.date(2025, 1, 10),
        "commitment_number": "DET 45",
        "commitment_date": dt.date(2024, 12, 20),
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2026, 12, 31),
        "amount": Decimal("450000.00"),
    }
    return services.ContractData(**{**values, **changes})


def awarded(world: World, *coops: Organisation, lots: int = 1) -> Tender:
    """A tender of the consortium with ``lots`` lots, ``coops`` named, submitted and awarded."""
    tender = tender_for(world, cig=next_cig())
    for number in range(1, lots + 1):
        services.lot_add(
            tender=tender,
            number=number,
            title=f"Lotto {number}",
            service="personal_care",
            hours=Decimal("24000"),
            base_amount=Decimal("500000.00") / lots,
        )
    for coop in coops:
        services.executor_name(tender=tender, coop=coop, user=world.sara, on=timezone.localdate())
    move(world, tender, "go_no_go", "preparing", "submitted")
    return services.tender_award(tender=tender, amount=Decimal("450000.00"))
