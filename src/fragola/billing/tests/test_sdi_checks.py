"""The SdI's checks, each triggered by the mistake it exists for."""

from __future__ import annotations

from decimal import Decimal as D

from fragola.billing import fatturapa as f
from fragola.billing.sdi_checks import Finding, check_file, issued_key
from fragola.billing.tests.invoices import FAMILY, comune_invoice, family_invoice


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def test_a_right_invoice_passes_every_check():
    assert check_file(f.to_xml(comune_invoice())) == []
    assert check_file(f.to_xml(family_invoice())) == []


def test_00423_a_line_total_that_is_not_quantity_times_price():
    data = f.to_xml(comune_invoice()).replace(
        b"<PrezzoTotale>281.00</PrezzoTotale>", b"<PrezzoTotale>281.02</PrezzoTotale>"
    )
    findings = check_file(data)
    assert "00423" in codes(findings)
    message = next(x for x in findings if x.code == "00423").text()
    assert message == "Line 2: the total 281.02 is not quantity 8.00 times unit price 35.125."


def test_00423_tolerates_one_cent():
    data = f.to_xml(comune_invoice()).replace(
        b"<PrezzoTotale>281.00</PrezzoTotale>", b"<PrezzoTotale>281.01</PrezzoTotale>"
    )
    assert "00423" not in codes(check_file(data))


def test_00421_summary_vat_that_is_not_taxable_times_rate():
    data = f.to_xml(comune_invoice()).replace(
        b"<Imposta>143.05</Imposta>", b"<Imposta>143.10</Imposta>"
    )
    findings = check_file(data)
    assert codes(findings) == ["00421"]
    assert "(143.05)" in findings[0].text()


def test_00422_summary_taxable_that_is_not_the_sum_of_its_lines():
    # 2800.00 at 5 % is 140.00, so only the taxable amount is wrong (the lines sum to 2861.00).
    data = (
        f.to_xml(comune_invoice())
        .replace(b"<ImponibileImporto>2861.00<", b"<ImponibileImporto>2800.00<")
        .replace(b"<Imposta>143.05<", b"<Imposta>140.00<")
    )
    findings = check_file(data)
    assert codes(findings) == ["00422"]
    assert findings[0].text() == (
        "Summary at 5.00 %: the taxable amount 2800.00 is not the sum of its lines (2861.00)."
    )


def test_00400_a_zero_rate_without_natura_on_the_line_and_its_summary():
    data = f.to_xml(family_invoice()).replace(b"<Natura>N4</Natura>", b"")
    findings = check_file(data)
    assert codes(findings) == ["00400", "00429"]
    assert findings[0].text() == "Line 1: a VAT rate of zero needs a Natura code."


def test_00401_a_natura_with_a_rate():
    data = f.to_xml(comune_invoice()).replace(
        b"<AliquotaIVA>5.00</AliquotaIVA>\n",
        b"<AliquotaIVA>5.00</AliquotaIVA><Natura>N4</Natura>\n",
        1,
    )
    findings = check_file(data)
    assert "00401" in codes(findings)
    assert "Line 1: a Natura code goes only with a VAT rate of zero." in [
        x.text() for x in findings
    ]


def test_00404_a_number_already_issued_that_year():
    issued = {issued_key("01234567890", "2026/15", 2026)}
    findings = check_file(f.to_xml(comune_invoice()), issued=issued)
    assert codes(findings) == ["00404"]
    # the same number in another year is another invoice
    assert (
        check_file(f.to_xml(comune_invoice()), issued={issued_key("01234567890", "2026/15", 2025)})
        == []
    )


def test_00425_a_number_without_a_digit():
    findings = check_file(f.to_xml(comune_invoice(number="MAGGIO")))
    assert codes(findings) == ["00425"]
    assert findings[0].text() == "The invoice number MAGGIO must contain at least one digit."


def test_00427_a_public_body_needs_a_six_character_office_code():
    customer = comune_invoice().customer
    invoice = comune_invoice(customer=f.Customer(**{**customer.__dict__, "office_code": "UFX9ABC"}))
    findings = check_file(f.to_xml(invoice))
    assert codes(findings) == ["00427"]
    assert findings[0].text() == (
        "A FPA12 invoice needs a 6-character recipient code; UFX9ABC has 7."
    )


def test_00427_a_private_customer_needs_seven_characters():
    customer = f.Customer(**{**FAMILY.__dict__, "office_code": "ABC123"})
    assert codes(check_file(f.to_xml(family_invoice(customer=customer)))) == ["00427"]


def test_a_file_against_the_schema_reports_schema_errors_only():
    data = f.to_xml(comune_invoice()).replace(b"<Divisa>EUR</Divisa>", b"")
    findings = check_file(data)
    assert codes(findings) == ["schema"]
    assert "Divisa" in findings[0].text()


def test_messages_are_shown_in_the_users_language():
    findings = check_file(f.to_xml(comune_invoice(number="MAGGIO")))
    italian = {
        "The invoice number {number} must contain at least one digit.": (
            "Il numero di fattura {number} deve contenere almeno una cifra."
        )
    }
    assert findings[0].text(lambda m: italian.get(m, m)) == (
        "Il numero di fattura MAGGIO deve contenere almeno una cifra."
    )


def test_an_amount_with_eight_decimals_is_checked_at_full_precision():
    line = f.Line("Ore", D("3.5"), D("19.12345678"), D("5.00"))
    assert check_file(f.to_xml(comune_invoice(lines=(line,)))) == []
