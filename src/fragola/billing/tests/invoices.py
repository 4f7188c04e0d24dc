"""Invoices for the pure billing tests: a co-op billing a comune (FPA12) and a family (FPR12)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from fragola.billing.fatturapa import (
    Address,
    Customer,
    Invoice,
    Issuer,
    Line,
    Payment,
    RelatedDocument,
)

COOP = Issuer(
    vat_number="01234567890",
    fiscal_code="01234567890",
    name="Cooperativa Sociale Fragola Onlus",
    address=Address("Via Roma", "20121", "Milano", "MI", "1"),
    rea_office="MI",
    rea_number="1234567",
    share_capital=D("10000"),
    iban="IT60X0542811101000000123456",
)

COMUNE = Customer(
    address=Address("Piazza del Comune", "20100", "Milano", "MI", "2"),
    office_code="UFX9AB",
    public_body=True,
    name="Comune di Milano",
    fiscal_code="01199250158",
)

FAMILY = Customer(
    address=Address("Via Verdi", "20121", "Milano", "MI", "7"),
    office_code="0000000",
    first_name="Giulia",
    last_name="Bianchi",
    fiscal_code="BNCGLI80A41F205X",
    pec="giulia.bianchi@pec.example.it",
)

EXEMPT_REFERENCE = "Esente art. 10 c.1 n. 27-ter DPR 633/72"


def comune_invoice(**changes) -> Invoice:
    """May 2026 home care for the comune: 120 h at 21.50 and 8 visits at 35.125 (5 %)."""
    invoice = Invoice(
        issuer=COOP,
        customer=COMUNE,
        number="2026/15",
        date=date(2026, 5, 31),
        lines=(
            Line(
                "Assistenza domiciliare (SAD) - maggio 2026",
                D("120"),
                D("21.50"),
                D("5.00"),
                unit="ore",
            ),
            Line("Visite infermieristiche", D("8"), D("35.125"), D("5.00"), unit="visite"),
        ),
        cig="ZAB1234567",
        cup="J41B21000000001",
        contract=RelatedDocument("REP 123/2025", date(2025, 1, 10)),
        determina=RelatedDocument("DET 45", date(2025, 12, 1)),
        split_payment=True,
        payment=Payment(due_date=date(2026, 6, 30)),
    )
    return replace(invoice, **changes)


def family_invoice(**changes) -> Invoice:
    """A family's co-payment, exempt: 10 h at 9.00 (N4), above the stamp duty threshold."""
    invoice = Invoice(
        issuer=COOP,
        customer=FAMILY,
        number="2026/16",
        date=date(2026, 5, 31),
        lines=(
            Line(
                "Compartecipazione assistenza domiciliare \u2013 maggio",
                D("10"),
                D("9.00"),
                D("0.00"),
                natura="N4",
                reference=EXEMPT_REFERENCE,
                unit="ore",
            ),
        ),
        stamp_duty=D("2.00"),
        payment=Payment(due_date=date(2026, 6, 30)),
    )
    return replace(invoice, **changes)
