"""Importing workers: all or nothing, each bad row reported with its number, column and reason."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook

from fragola.compliance.tests.scenario import coop
from fragola.testing.factories import natural_fiscal_code
from fragola.workforce.models import DisadvantageCertificate, Employment
from fragola.workforce.services.imports import WORKER_COLUMNS, import_workers

pytestmark = pytest.mark.django_db
HEADER = ",".join(WORKER_COLUMNS)


def _code(last: str, first: str) -> str:
    return natural_fiscal_code(
        last_name=last, first_name=first, sex="F", birth_date=dt.date(1980, 3, 4)
    )


def _csv(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode()


def _good_rows() -> list[str]:
    rossi, verdi = _code("Rossi", "Anna"), _code("Verdi", "Lia")
    return [
        f"{rossi},Anna,Rossi,B,employee,2024-01-10,,38,,,,",
        f"{verdi},Lia,Verdi,B,dipendente,01/02/2024,,20,physical,ASL Milano,2023-05-01,2027-05-01",
    ]


def test_it_imports_workers_and_certificates():
    org = coop()
    result = import_workers(
        organisation=org, content=_csv(*_good_rows()), filename="w.csv", dry_run=False
    )
    assert result.ok and result.created == 2
    assert Employment.objects.filter(organisation=org).count() == 2
    certificate = DisadvantageCertificate.objects.get(organisation=org)
    assert (certificate.category, certificate.certified_by) == ("physical", "ASL Milano")
    again = import_workers(
        organisation=org, content=_csv(*_good_rows()), filename="w.csv", dry_run=False
    )
    assert again.unchanged == 2 and Employment.objects.count() == 2


def test_a_dry_run_saves_nothing():
    org = coop()
    result = import_workers(
        organisation=org, content=_csv(*_good_rows()), filename="w.csv", dry_run=True
    )
    assert result.ok and result.created == 2
    assert not Employment.objects.exists()


def test_it_reports_each_bad_row_in_italian_and_saves_nothing():
    org = coop()
    bad = [
        *_good_rows(),
        f"{_code('Neri', 'Eva')},Eva,Neri,C,employee,2024-01-10,,38,,,,",
        f"{_code('Blu', 'Ada')},Ada,Blu,B,employee,2024-13-10,,38,flu,,,",
    ]
    with translation.override("it"):
        result = import_workers(
            organisation=org, content=_csv(*bad), filename="w.csv", dry_run=False
        )
    found = {(e.row, e.field) for e in result.errors}
    assert found == {(4, "branch"), (5, "started_on"), (5, "disadvantaged_category")}
    assert not Employment.objects.exists()


def test_it_reads_xlsx(tmp_path: Path):
    org = coop()
    book = Workbook()
    sheet = book.active
    sheet.append(list(WORKER_COLUMNS))
    sheet.append([_code("Rossi", "Anna"), "Anna", "Rossi", "B", "fixed_term", dt.date(2024, 1, 1)])
    path = tmp_path / "workers.xlsx"
    book.save(path)
    out = io.StringIO()
    call_command("import_workers", str(path), "--coop", org.fiscal_code, stdout=out)
    assert Employment.objects.get().contract == "fixed_term"


def test_the_command_exits_1_on_bad_rows(tmp_path: Path):
    org = coop()
    path = tmp_path / "w.csv"
    path.write_bytes(_csv(f"{_code('Neri', 'Eva')},Eva,Neri,C,employee,2024-01-10,,,,,,"))
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import_workers", str(path), "--coop", org.fiscal_code, stderr=err)
    assert exc.value.code == 1
    assert "2, branch" in err.getvalue()
