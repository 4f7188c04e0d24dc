"""On a fresh demo, a type A co-op's last month is billed, issued and written: every XML follows
the official schema and the SdI's checks, with a CIG and the 5 % of social co-ops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from lxml import etree

from fragola.billing.management.commands import billing as command
from fragola.billing.models import BilledVisit, Invoice, IssuerProfile
from fragola.billing.sdi_checks import check_file
from fragola.demo.services import demo_load
from fragola.registry.models import Organisation, OrganisationType

TODAY = dt.date(2025, 1, 1)  # New Year's day: last month is December of last year
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        demo_load(today=TODAY)
        yield
        transaction.set_rollback(True)


def type_a() -> list[Organisation]:
    return list(Organisation.objects.filter(type=OrganisationType.A).order_by("pk"))


def test_every_demo_coop_can_bill(demo, db):
    coops = type_a()
    assert coops
    for coop in coops:
        profile = IssuerProfile.objects.get(organisation=coop)
        assert (profile.tax_regime, profile.iban[:2]) == ("RF01", "IT")
        assert profile.rea_office and coop.rea_number


def test_the_command_bills_last_month_with_valid_files(demo, db, tmp_path, monkeypatch):
    monkeypatch.setattr(command, "_today", lambda: TODAY)
    billed = 0
    for coop in type_a():
        out = tmp_path / coop.fiscal_code
        stdout = StringIO()
        call_command(
            "billing", "run", "--coop", coop.fiscal_code, "--month", "2024-12", "--issue",
            "--output", str(out), stdout=stdout,
        )  # fmt: skip
        files = sorted(out.glob("*.xml"))
        invoices = Invoice.objects.filter(organisation=coop, period=dt.date(2024, 12, 1))
        assert len(files) == invoices.count()
        for path in files:
            data = path.read_bytes()
            assert path.name.startswith(f"IT{coop.fiscal_code}_")
            assert check_file(data) == []
            assert path.with_suffix(".pdf").exists()
            root = etree.fromstring(data)
            assert root.get("versione") == "FPA12"
            assert root.findtext(".//DatiContratto/CodiceCIG")
            lines = root.findall(".//DettaglioLinee")
            total = sum(Decimal(x.findtext("PrezzoTotale")) for x in lines)
            summaries = root.findall(".//DatiRiepilogo")
            assert total == sum(Decimal(s.findtext("ImponibileImporto"))
                                for s in summaries)  # fmt: skip
            assert {x.findtext("AliquotaIVA") for x in lines} == {"5.00"}
            tax = sum(Decimal(s.findtext("Imposta")) for s in summaries)
            assert tax == (total * Decimal("0.05")).quantize(Decimal("0.01"))
            document = Decimal(root.findtext(".//ImportoTotaleDocumento"))
            assert document == total + tax
            # December 2024: split payment in force, the Comune pays the VAT to the Treasury
            assert {s.findtext("EsigibilitaIVA") for s in summaries} == {"S"}
        assert files  # every type A co-op executes a contract
        billed += len(files)
        assert "invoice(s) of 2024-12" in stdout.getvalue()
    assert billed > len(type_a())  # the ADI contract's and the home-care contract's


def test_running_the_demo_month_again_bills_nothing_twice(demo, db, tmp_path, monkeypatch):
    monkeypatch.setattr(command, "_today", lambda: TODAY)
    coop = next(c for c in type_a() if Invoice.objects.filter(organisation=c).exists()
                or True)  # fmt: skip
    for _ in range(2):
        call_command(
            "billing", "run", "--coop", coop.fiscal_code, "--month", "2024-12", "--issue",
            "--output", str(tmp_path), stdout=StringIO(),
        )  # fmt: skip
    invoices = Invoice.objects.filter(organisation=coop, period=dt.date(2024, 12, 1))
    counted = BilledVisit.objects.filter(line__invoice__in=invoices)
    assert invoices.count() == len(list(tmp_path.glob("*.xml"))) >= 1
    assert counted.count() == counted.values("visit").distinct().count() > 0
