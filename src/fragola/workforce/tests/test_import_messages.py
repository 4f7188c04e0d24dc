"""What the workers' import tells the user about a bad row or a bad command line: the row, the
column and the module's message, each provoked by the file that deserves it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from fragola.testing.factories import OrganisationFactory, natural_fiscal_code
from fragola.workforce.management.commands.import_workers import ERR_NO_FILE, ERR_UNKNOWN_COOP
from fragola.workforce.models import Employment
from fragola.workforce.services.imports import (
    ERR_CATEGORY_WITHOUT_DATE,
    ERR_CERTIFICATE_WITHOUT_CATEGORY,
    ERR_DUPLICATE_CONTRACT,
    ERR_ENDED_BEFORE_STARTED,
    ERR_EXPIRES_BEFORE_CERTIFIED,
    ERR_HOURS,
    WORKER_COLUMNS,
    import_workers,
)

pytestmark = pytest.mark.django_db

ANNA = {
    "fiscal_code": natural_fiscal_code(
        last_name="Rossi", first_name="Anna", sex="F", birth_date=dt.date(1980, 3, 4)
    ),
    "first_name": "Anna",
    "last_name": "Rossi",
    "branch": "B",
    "contract": "employee",
    "started_on": "2024-01-10",
    "weekly_hours": "38",
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _csv(*rows: dict[str, str]) -> bytes:
    lines = [",".join(WORKER_COLUMNS)]
    lines += [",".join(row.get(column, "") for column in WORKER_COLUMNS) for row in rows]
    return "\n".join(lines).encode()


def _reasons(*rows: dict[str, str]) -> dict[tuple[int, str], list[str]]:
    organisation = OrganisationFactory()
    result = import_workers(
        organisation=organisation, content=_csv(*rows), filename="w.csv", dry_run=False
    )
    assert not Employment.objects.filter(organisation=organisation).exists()
    found: dict[tuple[int, str], list[str]] = {}
    for error in result.errors:
        found.setdefault((error.row, error.field), []).append(error.reason)
    return found


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"weekly_hours": "170"}, "weekly_hours", ERR_HOURS),
        ({"ended_on": "2023-12-31"}, "ended_on", ERR_ENDED_BEFORE_STARTED),
        (
            {"certified_by": "ASL Milano"},
            "disadvantaged_category",
            ERR_CERTIFICATE_WITHOUT_CATEGORY,
        ),
        ({"disadvantaged_category": "physical"}, "certified_on", ERR_CATEGORY_WITHOUT_DATE),
        (
            {
                "disadvantaged_category": "physical",
                "certified_on": "2024-05-01",
                "certificate_expires_on": "2024-04-30",
            },
            "certificate_expires_on",
            ERR_EXPIRES_BEFORE_CERTIFIED,
        ),
    ],
)
def test_it_names_the_bad_cell_of_a_worker(changes, column, message):
    assert _reasons({**ANNA, **changes}) == {(2, column): [str(message)]}


def test_it_names_the_row_where_the_same_contract_first_appeared():
    expected = str(ERR_DUPLICATE_CONTRACT) % {"row": 2}
    assert _reasons(ANNA, {**ANNA, "weekly_hours": "20"}) == {(3, "started_on"): [expected]}


def test_the_command_names_a_co_op_it_does_not_know(tmp_path: Path):
    path = tmp_path / "w.csv"
    path.write_bytes(_csv(ANNA))
    with pytest.raises(CommandError) as exc:
        call_command("import_workers", str(path), "--coop", "00000000000")
    assert str(exc.value) == translation.gettext(ERR_UNKNOWN_COOP) % {"code": "00000000000"}
    assert exc.value.returncode == 2


def test_the_command_names_a_file_it_cannot_read(tmp_path: Path):
    missing = tmp_path / "missing.csv"
    with pytest.raises(CommandError) as exc:
        call_command("import_workers", str(missing), "--coop", OrganisationFactory().fiscal_code)
    assert str(exc.value) == translation.gettext(ERR_NO_FILE) % {"path": str(missing)}
    assert exc.value.returncode == 2
