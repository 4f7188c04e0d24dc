"""Billing demo data: what the demo's co-ops need to bill their public contracts.

``billing_demo_load(organisations=...)`` gives every demo co-op (not the consortium) an issuer
profile (social co-op, regime RF01, REA, IBAN, registered office), gives the province's public
bodies an IPA office code (made-up demo codes, 6 characters as IPA's), adds the contracting
bodies to the executing co-ops' customers, prices every service the linked care plans deliver
and the type B hours, and records each contract's billing terms (the defaults). So
``fragola billing run --coop <demo co-op> --month <last month> --issue`` bills on any date.
The procurement demo's home-care contract is executed by three co-ops; so that every care
co-op (type A or A+B) bills, an ADI contract with the ATS di Bergamo, executed by all of them,
takes their users' health-funded commissions (recorded through procurement's services).
Runs after the procurement demo; idempotent (a co-op with a profile is left alone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fragola.billing import services
from fragola.billing.models import Customer, CustomerKind, IssuerKind, IssuerProfile
from fragola.billing.runs import terms_of
from fragola.care.models import Commission, FunderKind, Qualification, ServiceKind
from fragola.procurement import services as procurement
from fragola.procurement.models import ContractPrice, ContractShare, PublicBody, Tender
from fragola.registry.models import Organisation, OrganisationType, Role, RoleName
from fragola.registry.selectors import consortium_members

# Made-up office codes for the demo bodies (the real ones are on indicepa.gov.it).
IPA_CODES = {
    "80034840167": "UFDBG1",  # Comune di Bergamo
    "04114370168": "UFDAT2",  # ATS di Bergamo
    "80004870160": "UFDPR3",  # Provincia di Bergamo
    "80050050154": "UFDRL4",  # Regione Lombardia
}
ADDRESSES = {
    "80034840167": ("Piazza Matteotti", "27", "24122", "Bergamo"),
    "04114370168": ("Via Gallicciolli", "4", "24121", "Bergamo"),
    "80004870160": ("Via Tasso", "8", "24121", "Bergamo"),
    "80050050154": ("Piazza Città di Lombardia", "1", "20124", "Milano"),
}
PRICES = {  # per hour, beside the contract's own (personal care by OSS or by anyone)
    (ServiceKind.DOMESTIC, Qualification.NONE): Decimal("19.80"),
    (ServiceKind.PERSONAL_CARE, Qualification.NURSE): Decimal("31.50"),
    (ServiceKind.NURSING, Qualification.NURSE): Decimal("33.00"),
    (ServiceKind.COMPANIONSHIP, Qualification.NONE): Decimal("18.90"),
}
IBAN = "IT60X0542811101000000123456"
ADI_CIG = "B0200ADI26"
ATS = "04114370168"


def _adi_contract(consortium: Organisation, care: Sequence[Organisation], today: dt.date) -> None:
    """An ADI contract with the ATS executed by every care co-op, on its health commissions."""
    staff = Role.objects.filter(organisation=consortium, name=RoleName.STAFF).first()
    body = PublicBody.objects.filter(fiscal_code=ATS).first()
    if staff is None or body is None or not care:
        return
    if Tender.objects.filter(organisation=consortium, cig=ADI_CIG).exists():
        return
    noon = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    tender = procurement.tender_record(
        organisation=consortium,
        data=procurement.TenderData(
            body=body,
            title="Cure domiciliari (ADI) Distretto Bergamo Ovest",
            procedure="negotiated",
            base_amount=Decimal("300000.00"),
            labour_cost=Decimal("230000.00"),
            ccnl="CCNL Cooperative sociali",
            cig=ADI_CIG,
            cpv="85141200-1",
            clarifications_due=noon - dt.timedelta(days=140),
            submission_due=noon - dt.timedelta(days=130),
            opening_at=noon - dt.timedelta(days=129),
        ),
    )
    procurement.lot_add(
        tender=tender, number=1, title="Assistenza domiciliare integrata", service="nursing",
        hours=Decimal("24000"), base_amount=tender.base_amount,
    )  # fmt: skip
    for coop in care:
        procurement.executor_name(tender=tender, coop=coop, user=staff.user, on=today)
    for state in ("go_no_go", "preparing", "submitted"):
        tender = procurement.tender_move(tender=tender, to=state, user=staff.user, on=today)
    tender = procurement.tender_award(tender=tender, amount=Decimal("288000.00"))
    start = (today.replace(day=1) - dt.timedelta(days=85)).replace(day=1)
    contract = procurement.contract_record(
        tender=tender,
        data=procurement.ContractData(
            number="REP 140/2026",
            signed_on=start - dt.timedelta(days=12),
            commitment_number="DET 77/2026",
            commitment_date=start - dt.timedelta(days=25),
            starts_on=start,
            ends_on=start.replace(year=start.year + 2) - dt.timedelta(days=1),
            amount=Decimal("288000.00"),
        ),
    )
    lot = contract.lots.get()
    percent = (Decimal(100) / len(care)).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    for coop in care:
        share = procurement.contract_share_set(
            lot=lot, coop=coop, percent=percent,
            hours_per_month=(lot.hours_per_month * percent / 100).quantize(Decimal("0.01")),
        )  # fmt: skip
        for commission in Commission.objects.filter(
            service_user__organisation=coop,
            funder_kind=FunderKind.HEALTH,
            public_contract_link=None,
        ):
            procurement.commission_link(share=share, commission=commission)
    procurement.contract_price_set(
        lot=lot, service="personal_care", qualification="oss", price_per_hour=Decimal("24.10")
    )


def _profile(coop: Organisation, number: int) -> None:
    services.issuer_profile_set(
        organisation=coop,
        kind=IssuerKind.SOCIAL_COOP,
        street="Via XX Settembre",
        street_number=str(10 + number),
        postcode="24122",
        tax_regime="RF01",
        rea_office=coop.comune.province.abbreviation,
        share_capital=Decimal("25000.00"),
        iban=IBAN,
    )


def _body_ready(body: PublicBody) -> None:
    code = IPA_CODES.get(body.fiscal_code, "")
    if code and not body.ipa_code:
        procurement.public_body_upsert(
            data=procurement.PublicBodyData(
                kind=body.kind,
                name=body.name,
                fiscal_code=body.fiscal_code,
                ipa_code=code,
                split_payment=body.split_payment,
                comune=body.comune,
                email=body.email,
                pec=body.pec,
                phone=body.phone,
            )
        )


def _customer(coop: Organisation, body: PublicBody) -> None:
    if Customer.objects.filter(organisation=coop, fiscal_code=body.fiscal_code).exists():
        return
    street, number, postcode, comune = ADDRESSES.get(
        body.fiscal_code, ("Piazza del Municipio", "1", "24100", "Bergamo")
    )
    services.customer_add(
        organisation=coop,
        data=services.CustomerData(
            kind=CustomerKind.PUBLIC_BODY,
            name=body.name,
            fiscal_code=body.fiscal_code,
            office_code=IPA_CODES.get(body.fiscal_code, body.ipa_code),
            street=street,
            street_number=number,
            postcode=postcode,
            comune=comune,
            province="MI" if comune == "Milano" else "BG",
            split_payment=body.split_payment,
            health_body=body.kind == "health",
        ),
    )


@transaction.atomic
def billing_demo_load(*, organisations: Sequence[Organisation], today: dt.date) -> int:
    """Make the demo's co-ops ready to bill; the number of issuer profiles created."""
    coops = [o for o in organisations if not o.is_consortium]
    consortium = next((o for o in organisations if o.is_consortium), None)
    if consortium is not None and not IssuerProfile.objects.filter(organisation__in=coops):
        members = [link.member for link in consortium_members(consortium, today)]
        care = [o for o in members if o.type in (OrganisationType.A, OrganisationType.AB)]
        _adi_contract(consortium, care, today)
    created = 0
    for number, coop in enumerate(coops):
        if IssuerProfile.objects.filter(organisation=coop).exists():
            continue
        _profile(coop, number)
        created += 1
        shares = ContractShare.objects.filter(coop=coop).select_related(
            "lot__contract__tender__body"
        )
        for share in shares:
            contract = share.lot.contract
            _body_ready(contract.tender.body)
            _customer(coop, PublicBody.objects.get(pk=contract.tender.body_id))
            terms_of(contract)
            have = set(
                ContractPrice.objects.filter(lot=share.lot).values_list("service", "qualification")
            )
            for (service, qualification), price in PRICES.items():
                if (service, qualification) not in have:
                    procurement.contract_price_set(
                        lot=share.lot,
                        service=service,
                        qualification=qualification,
                        price_per_hour=price,
                    )
    return created
