"""The invoice rows as the pure FatturaPA document (`fragola.billing.fatturapa.Invoice`)."""

from __future__ import annotations

import datetime as dt

from fragola.billing import fatturapa as fp
from fragola.billing.models import Customer, CustomerKind, Invoice, IssuerProfile

ITALY = "IT"


def issuer_of(profile: IssuerProfile) -> fp.Issuer:
    org = profile.organisation
    return fp.Issuer(
        vat_number=org.vat_number or org.fiscal_code,
        fiscal_code=org.fiscal_code,
        name=org.name,
        address=fp.Address(
            street=profile.street,
            number=profile.street_number,
            postcode=profile.postcode,
            comune=org.comune.name,
            province=org.comune.province.abbreviation,
        ),
        tax_regime=profile.tax_regime,
        rea_office=profile.rea_office,
        rea_number=org.rea_number,
        share_capital=profile.share_capital,
        email=org.email,
        iban=profile.iban,
    )


def customer_of(customer: Customer) -> fp.Customer:
    return fp.Customer(
        address=fp.Address(
            street=customer.street,
            number=customer.street_number,
            postcode=customer.postcode,
            comune=customer.comune,
            province=customer.province,
            country=ITALY,
        ),
        office_code=customer.office_code,
        public_body=customer.kind == CustomerKind.PUBLIC_BODY,
        name=customer.name,
        first_name=customer.first_name,
        last_name=customer.last_name,
        vat_number=customer.vat_number,
        fiscal_code=customer.fiscal_code,
        pec=customer.pec,
    )


def _related(number: str, day: dt.date | None) -> fp.RelatedDocument | None:
    return fp.RelatedDocument(number, day) if number else None


def document_of(invoice: Invoice, *, progressive: int = 1) -> fp.Invoice:
    profile = IssuerProfile.objects.select_related("organisation__comune__province").get(
        organisation=invoice.organisation_id
    )
    corrects = invoice.corrects
    return fp.Invoice(
        issuer=issuer_of(profile),
        customer=customer_of(invoice.customer),
        number=invoice.number,
        date=invoice.date,
        document_type=fp.DocumentType(invoice.document_type),
        lines=tuple(
            fp.Line(
                description=line.description,
                quantity=line.quantity,
                unit_price=line.unit_price,
                rate=line.rate,
                natura=line.natura,
                reference=line.reference,
                unit=line.unit,
            )
            for line in invoice.lines.all()
        ),
        cig=invoice.cig,
        cup=invoice.cup,
        contract=_related(invoice.contract_number, invoice.contract_date),
        convention=_related(invoice.convention_number, invoice.convention_date),
        determina=_related(invoice.determina_number, invoice.determina_date),
        corrects=_related(corrects.number, corrects.date) if corrects else None,
        split_payment=invoice.split_payment,
        stamp_duty=invoice.stamp_duty,
        payment=fp.Payment(due_date=invoice.due_date),
        progressive=progressive,
    )
