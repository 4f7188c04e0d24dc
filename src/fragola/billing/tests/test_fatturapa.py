"""FatturaPA files: valid against the shipped 1.2.3 schema, with the sums a person would compute."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from lxml import etree

from fragola.billing import fatturapa as f
from fragola.billing.schema import validate_invoice
from fragola.billing.tests.invoices import EXEMPT_REFERENCE, comune_invoice, family_invoice
from fragola.billing.text import latin1


def _xml(invoice: f.Invoice) -> etree._Element:
    return etree.fromstring(f.to_xml(invoice))


def test_it_writes_a_valid_fpa12_invoice_to_a_comune():
    data = f.to_xml(comune_invoice())
    assert validate_invoice(data) == []
    root = etree.fromstring(data)
    assert root.get("versione") == "FPA12"
    assert root.findtext(".//CodiceDestinatario") == "UFX9AB"


def test_it_writes_a_valid_fpr12_invoice_to_a_family():
    data = f.to_xml(family_invoice())
    assert validate_invoice(data) == []
    root = etree.fromstring(data)
    assert root.get("versione") == "FPR12"
    assert root.findtext(".//CodiceDestinatario") == "0000000"
    assert root.findtext(".//PECDestinatario") == "giulia.bianchi@pec.example.it"
    assert root.findtext(".//Anagrafica/Cognome") == "Bianchi"


def test_it_sums_the_comune_invoice_as_by_hand():
    # 120 h x 21.50 = 2580.00; 8 x 35.125 = 281.00; 2861.00 at 5 % = 143.05 VAT.
    root = _xml(comune_invoice())
    assert [e.text for e in root.iter("PrezzoTotale")] == ["2580.00", "281.00"]
    summaries = root.findall(".//DatiRiepilogo")
    assert len(summaries) == 1
    assert summaries[0].findtext("AliquotaIVA") == "5.00"
    assert summaries[0].findtext("ImponibileImporto") == "2861.00"
    assert summaries[0].findtext("Imposta") == "143.05"
    assert summaries[0].findtext("EsigibilitaIVA") == "S"
    assert root.findtext(".//ImportoTotaleDocumento") == "3004.05"
    # Under split payment the comune pays the co-op the amount net of VAT.
    assert root.findtext(".//ImportoPagamento") == "2861.00"


def test_it_keeps_up_to_eight_decimals_of_a_unit_price():
    root = _xml(comune_invoice())
    assert [e.text for e in root.iter("PrezzoUnitario")] == ["21.50", "35.125"]
    assert [e.text for e in root.iter("Quantita")] == ["120.00", "8.00"]


def test_it_writes_one_summary_per_rate_and_natura():
    # 2580.00 + 281.00 at 5 %, 10 x 12.345 = 123.45 exempt, 1 x 100 at 22 % = 22.00 VAT.
    lines = (
        *comune_invoice().lines,
        f.Line("Trasporto", D("10"), D("12.345"), D("0"), natura="N4", reference=EXEMPT_REFERENCE),
        f.Line("Servizio amministrativo", D("1"), D("100"), D("22.00")),
    )
    invoice = comune_invoice(lines=lines)
    assert validate_invoice(f.to_xml(invoice)) == []
    sums = f.totals(invoice)
    by_rate = {(s.rate, s.natura): (s.taxable, s.tax, s.chargeability) for s in sums.summaries}
    assert by_rate == {
        (D("5.00"), ""): (D("2861.00"), D("143.05"), "S"),
        (D("0.00"), "N4"): (D("123.45"), D("0.00"), ""),
        (D("22.00"), ""): (D("100.00"), D("22.00"), "S"),
    }
    assert sums.document == D("3249.50")  # 2861 + 143.05 + 123.45 + 100 + 22
    assert sums.payable == D("3084.45")  # the same without 165.05 of VAT
    assert sums.untaxed == D("123.45")


def test_an_exempt_summary_names_its_law():
    summary = _xml(family_invoice()).find(".//DatiRiepilogo")
    assert summary.findtext("Natura") == "N4"
    assert summary.findtext("RiferimentoNormativo") == EXEMPT_REFERENCE
    assert summary.find("EsigibilitaIVA") is None


def test_it_writes_the_virtual_stamp_duty():
    stamp = _xml(family_invoice()).find(".//DatiBollo")
    assert stamp.findtext("BolloVirtuale") == "SI"
    assert stamp.findtext("ImportoBollo") == "2.00"
    assert _xml(comune_invoice()).find(".//DatiBollo") is None


def test_without_split_payment_vat_is_immediate_and_paid_to_the_coop():
    root = _xml(comune_invoice(split_payment=False))
    assert root.findtext(".//EsigibilitaIVA") == "I"
    assert root.findtext(".//ImportoPagamento") == "3004.05"


def test_it_puts_cig_cup_contract_and_determina_in_their_blocks():
    general = _xml(comune_invoice(convention=f.RelatedDocument("CONV 7", date(2024, 3, 1))))
    contract = general.find(".//DatiContratto")
    assert contract.findtext("IdDocumento") == "REP 123/2025"
    assert contract.findtext("Data") == "2025-01-10"
    assert contract.findtext("CodiceCIG") == "ZAB1234567"
    assert contract.findtext("CodiceCUP") == "J41B21000000001"
    order = general.find(".//DatiOrdineAcquisto")
    assert (order.findtext("IdDocumento"), order.findtext("Data")) == ("DET 45", "2025-12-01")
    assert general.find(".//DatiConvenzione").findtext("IdDocumento") == "CONV 7"


def test_a_credit_note_refers_to_the_invoice_it_corrects():
    note = comune_invoice(
        document_type=f.DocumentType.CREDIT_NOTE,
        number="2026/17",
        corrects=f.RelatedDocument("2026/15", date(2026, 5, 31)),
    )
    data = f.to_xml(note)
    assert validate_invoice(data) == []
    root = etree.fromstring(data)
    assert root.findtext(".//TipoDocumento") == "TD04"
    assert root.findtext(".//DatiFattureCollegate/IdDocumento") == "2026/15"


def test_it_normalises_text_to_latin_1_so_the_schema_accepts_it():
    line = f.Line(
        "L\u2019assistenza \u2014 10 \u20ac all\u2019ora, \u010capek \u65e5\u672c",
        D("1"),
        D("10"),
        D("5.00"),
    )
    invoice = comune_invoice(lines=(line,))
    data = f.to_xml(invoice)
    assert validate_invoice(data) == []
    assert etree.fromstring(data).findtext(".//Descrizione") == (
        "L'assistenza - 10 EUR all'ora, Capek ??"
    )


def test_latin1_keeps_italian_accents_and_trims_to_the_field():
    assert latin1("Città  di\nCantù") == "Città di Cantù"
    assert latin1("x" * 70, 60) == "x" * 60


def test_a_broken_invoice_fails_with_a_readable_error():
    data = f.to_xml(comune_invoice()).replace(b"<Divisa>EUR</Divisa>", b"")
    errors = validate_invoice(data)
    assert len(errors) == 1
    assert "Element 'Data'" in errors[0] and "Divisa" in errors[0]
    assert errors[0].startswith("line ")
    assert "{http" not in errors[0]


def test_an_unnormalised_euro_sign_fails_the_schema():
    data = f.to_xml(comune_invoice()).replace(b"maggio 2026", "maggio €".encode())
    assert any("Descrizione" in error for error in validate_invoice(data))


@pytest.mark.parametrize(
    ("progressive", "expected"),
    [(1, "00001"), (35, "0000Z"), (36, "00010"), (36**5 - 1, "ZZZZZ")],
)
def test_it_names_the_file_as_the_sdi_requires(progressive, expected):
    invoice = comune_invoice(progressive=progressive)
    assert f.file_name(invoice) == f"IT01234567890_{expected}.xml"
    assert etree.fromstring(f.to_xml(invoice)).findtext(".//ProgressivoInvio") == expected


@pytest.mark.parametrize("progressive", [0, 36**5])
def test_it_refuses_a_progressive_five_characters_cannot_hold(progressive):
    with pytest.raises(ValueError, match="between 1 and"):
        f.progressive_code(progressive)


def test_an_intermediary_transmits_under_its_own_code():
    invoice = replace(comune_invoice(), transmitter_code="RSSMRA80A01F205X")
    assert f.file_name(invoice) == "ITRSSMRA80A01F205X_00001.xml"
