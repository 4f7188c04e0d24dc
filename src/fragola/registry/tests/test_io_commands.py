import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fragola.registry.models import Membership, Organisation
from fragola.registry.tests._io_helpers import GIULIA_ROW, MARCO_ROW, coops_csv, csv_file
from fragola.testing.factories import organisation_fiscal_code

pytestmark = pytest.mark.django_db
FRAGOLA = Path(sys.executable).with_name("fragola")


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_it_imports_members_from_the_command_line(world, tmp_path, capsys):
    path = write(tmp_path, "book.csv", csv_file([GIULIA_ROW, MARCO_ROW]))
    call_command("import", "members", "--coop", world.alfa.fiscal_code, path)
    assert "2 created" in capsys.readouterr().out
    assert Membership.objects.filter(organisation=world.alfa, member_number=9101).exists()


def test_a_dry_run_from_the_command_line_writes_nothing(world, tmp_path, capsys):
    path = write(tmp_path, "book.csv", csv_file([GIULIA_ROW]))
    call_command("import", "members", "--coop", world.alfa.fiscal_code, "--dry-run", path)
    assert "Would import: 1 created" in capsys.readouterr().out
    assert not Membership.objects.filter(member_number=9101).exists()


def test_it_prints_every_data_error_and_exits_with_1(world, tmp_path, capsys):
    rows = [{**GIULIA_ROW, "applied_on": "ieri"}, {**MARCO_ROW, "category": "pirata"}]
    path = write(tmp_path, "book.csv", csv_file(rows))
    with pytest.raises(CommandError) as raised:
        call_command("import", "members", "--coop", world.alfa.fiscal_code, path)
    assert raised.value.returncode == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in lines] == ["row 2, applied_on", "row 3, category"]
    assert not Membership.objects.filter(member_number__in=[9101, 9102]).exists()


def test_it_imports_coops_from_the_command_line(world, tmp_path):
    row = {
        "fiscal_code": organisation_fiscal_code(911), "name": "Epsilon Cooperativa Sociale",
        "type": "A", "legal_form": "srl", "founded_on": "2019-01-01", "comune_istat": "016024",
    }  # fmt: skip
    call_command("import", "coops", write(tmp_path, "coops.csv", coops_csv([row])))
    assert Organisation.objects.filter(name="Epsilon Cooperativa Sociale").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["import", "members", "--coop", "00000000000", "FILE"],
        ["export", "members", "--coop", "00000000000", "OUT.csv"],
        ["export", "members", "--coop", "ALFA", "--as-of", "31/02/2024", "OUT.csv"],
        ["export", "members", "--coop", "ALFA", "OUT.doc"],
        ["import", "members", "--coop", "ALFA", "missing.csv"],
    ],
)
def test_usage_errors_exit_with_2(world, tmp_path, args):
    path = write(tmp_path, "book.csv", csv_file([GIULIA_ROW]))
    args = [
        {"FILE": path, "ALFA": world.alfa.fiscal_code}.get(arg, arg).replace(
            "OUT", str(tmp_path / "out")
        )
        for arg in args
    ]
    with pytest.raises(CommandError) as raised:
        call_command(*args)
    assert raised.value.returncode == 2


def test_it_exports_the_book_as_of_a_date(world, tmp_path):
    call_command(
        "import", "members", "--coop", world.alfa.fiscal_code,
        write(tmp_path, "in.csv", csv_file([GIULIA_ROW, MARCO_ROW])),
    )  # fmt: skip
    for suffix in ["csv", "xlsx", "pdf"]:
        out = tmp_path / f"book.{suffix}"
        call_command(
            "export", "members", "--coop", world.alfa.fiscal_code, "--as-of", "2024-03-01", str(out)
        )
        assert out.stat().st_size > 0
    text = (tmp_path / "book.csv").read_text(encoding="utf-8-sig")
    assert "2024-06-30" not in text  # Marco's exit had not happened yet
    assert (tmp_path / "book.pdf").read_bytes().startswith(b"%PDF")


def run_fragola(*args, tmp_path):
    env = {**os.environ, "FRAGOLA_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [str(FRAGOLA), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


@pytest.mark.skipif(not FRAGOLA.exists(), reason="the fragola script is not installed")
def test_the_fragola_script_exits_with_2_without_a_traceback(tmp_path):
    missing = run_fragola(
        "import", "members", "--coop", "X", str(tmp_path / "no.csv"), tmp_path=tmp_path
    )
    assert missing.returncode == 2
    assert "No such file" in missing.stderr and "Traceback" not in missing.stderr
    unknown = run_fragola("import", "volcanoes", "x.csv", tmp_path=tmp_path)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_an_as_of_date_in_italian_format_is_accepted(world, tmp_path):
    out = tmp_path / "book.csv"
    call_command(
        "export", "members", "--coop", world.alfa.fiscal_code, "--as-of", "01/03/2024", str(out)
    )
    assert out.read_text(encoding="utf-8-sig").startswith("member_number,")
    assert dt.date(2024, 3, 1)  # parsed, not refused
