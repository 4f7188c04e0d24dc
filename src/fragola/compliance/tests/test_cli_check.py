"""`fragola compliance check`: statuses, numbers, JSON shape and exit codes on scenario co-ops."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fragola.compliance.tests.scenario import check, coop, members, result, workers
from fragola.registry.models import ConsortiumMembership, MemberCategory, OrganisationType

pytestmark = pytest.mark.django_db
RESULT_KEYS = [
    "rule",
    "status",
    "value",
    "threshold",
    "numerator",
    "denominator",
    "explanation",
    "source",
]


def test_it_prints_exactly_the_documented_json_shape():
    org = coop(OrganisationType.A)
    members(org, 9)
    code, payload = check(org)
    assert code == 0
    assert list(payload) == ["coop", "as_of", "results"]
    assert payload["coop"] == org.fiscal_code
    assert payload["as_of"] == "2026-06-30"
    for item in payload["results"]:
        assert list(item) == RESULT_KEYS
        assert item["status"] in {"pass", "warning", "breach", "not_applicable"}
        assert item["explanation"].startswith(f"{item['rule']} (")


def test_it_passes_l2_1_with_exactly_half_volunteers():
    org = coop(OrganisationType.A)
    members(org, 5)
    members(org, 5, MemberCategory.VOLUNTEER)
    code, payload = check(org)
    l21 = result(payload, "L2.1")
    assert (l21["status"], l21["numerator"], l21["denominator"]) == ("pass", 5, 10)
    assert l21["value"] == 0.5 and l21["threshold"] == 0.5
    assert code == 0


def test_it_breaches_l2_1_with_one_more_volunteer_and_exits_1():
    org = coop(OrganisationType.A)
    members(org, 5)
    members(org, 6, MemberCategory.VOLUNTEER)
    code, payload = check(org)
    l21 = result(payload, "L2.1")
    assert (l21["status"], l21["numerator"], l21["denominator"]) == ("breach", 6, 11)
    assert "L2.1" in l21["explanation"]
    assert code == 1


def test_it_passes_l4_2_with_4_disadvantaged_against_12_others():
    org = coop(OrganisationType.B)
    members(org, 9)
    workers(org, 12)
    workers(org, 4, disadvantaged=True)
    code, payload = check(org)
    l42 = result(payload, "L4.2")
    assert l42["status"] == "pass"
    assert (l42["numerator"], l42["denominator"]) == (4, 12)
    assert l42["value"] == pytest.approx(1 / 3) and l42["threshold"] == 0.3
    assert code == 0


def test_it_breaches_l4_2_with_3_disadvantaged_against_12_others():
    org = coop(OrganisationType.B)
    members(org, 9)
    workers(org, 12)
    workers(org, 3, disadvantaged=True)
    code, payload = check(org)
    assert result(payload, "L4.2")["status"] == "breach"
    assert code == 1


def test_it_counts_only_branch_b_in_a_mixed_coop():
    org = coop(OrganisationType.AB)
    members(org, 9)
    workers(org, 12, branch="B")
    workers(org, 4, branch="B", disadvantaged=True)
    workers(org, 30, branch="A")
    _code, payload = check(org)
    l42 = result(payload, "L4.2")
    assert (l42["status"], l42["numerator"], l42["denominator"]) == ("pass", 4, 12)


def test_it_never_counts_volunteer_members_as_workers():
    org = coop(OrganisationType.B)
    members(org, 9)
    members(org, 8, MemberCategory.VOLUNTEER)
    workers(org, 12)
    workers(org, 4, disadvantaged=True)
    _code, payload = check(org)
    l42 = result(payload, "L4.2")
    assert (l42["numerator"], l42["denominator"]) == (4, 12)


def test_it_excludes_an_expired_certificate():
    org = coop(OrganisationType.B)
    members(org, 9)
    workers(org, 12)
    workers(org, 3, disadvantaged=True)
    workers(org, 1, disadvantaged=True, expires_on=dt.date(2024, 12, 31))
    code, payload = check(org)
    l42 = result(payload, "L4.2")
    # The expired worker moves to the others: 3 against 13.
    assert (l42["status"], l42["numerator"], l42["denominator"]) == ("breach", 3, 13)
    assert result(payload, "L4.4")["status"] == "warning"
    assert code == 1


def test_it_checks_l8_for_a_consortium():
    consortium = coop(OrganisationType.CONSORTIUM, name="Consorzio Cooperative Sociali Uno")
    for member in (coop(), coop(OrganisationType.A)):
        ConsortiumMembership.objects.create(
            consortium=consortium, member=member, joined_on=dt.date(2020, 1, 1)
        )
    code, payload = check(consortium)
    l8 = result(payload, "L8")
    assert (l8["status"], l8["numerator"], l8["denominator"]) == ("breach", 2, 2)
    assert code == 1
    third = coop(OrganisationType.AB)
    ConsortiumMembership.objects.create(
        consortium=consortium, member=third, joined_on=dt.date(2021, 1, 1)
    )
    code, payload = check(consortium)
    l8 = result(payload, "L8")
    assert (l8["status"], l8["numerator"], l8["denominator"]) == ("pass", 3, 3)
    assert result(payload, "L2.1")["status"] == "not_applicable"
    assert code == 0


def test_it_counts_down_g1_for_a_year_then_breaches():
    org = coop(OrganisationType.A, legal_form="spa")  # S.p.A. model: at least 9 members
    book = members(org, 9)
    leaver = book[0]
    leaver.exited_on, leaver.exit_reason = dt.date(2026, 3, 1), "withdrawal"
    leaver.save()
    code, payload = check(org)
    g1 = result(payload, "G1")
    assert (g1["status"], g1["value"], g1["threshold"]) == ("warning", 8, 9)
    assert "since 2026-03-01" in g1["explanation"]
    assert "2027-03-01 (244 days)" in g1["explanation"]
    assert code == 0
    code, payload = check(org, dt.date(2027, 3, 2))
    assert result(payload, "G1")["status"] == "breach"
    assert code == 1


def test_it_exits_2_for_an_unknown_fiscal_code():
    with pytest.raises(CommandError) as exc:
        call_command("compliance", "check", "--coop", "00000000000", stdout=io.StringIO())
    assert exc.value.returncode == 2


def test_it_exits_2_for_a_bad_date():
    org = coop()
    with pytest.raises(CommandError) as exc:
        call_command(
            "compliance",
            "check",
            "--coop",
            org.fiscal_code,
            "--as-of",
            "31/02/2026",
            stdout=io.StringIO(),
        )
    assert exc.value.returncode == 2


def test_it_prints_a_readable_table_without_json():
    org = coop(OrganisationType.A)
    members(org, 9)
    out = io.StringIO()
    call_command(
        "compliance",
        "check",
        "--coop",
        org.fiscal_code,
        "--as-of",
        "2026-06-30",
        "--lang",
        "en",
        stdout=out,
    )
    text = out.getvalue()
    assert "L2.1" in text and "G1" in text and org.name in text


def test_the_real_command_exits_2_on_a_bad_date(tmp_path: Path):
    fragola = Path(sys.executable).with_name("fragola")
    env = {**os.environ, "FRAGOLA_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [str(fragola), "compliance", "check", "--coop", "X", "--as-of", "nope"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
