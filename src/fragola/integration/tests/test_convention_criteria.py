"""Convention eligibility (L5.1-L5.3) around the threshold dates, and reserved contracts (P1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from fragola.integration.wording import criterion_explain
from fragola_law import conventions as rules
from fragola_law.conventions import GroupMember, ObjectKind


def worded(lang: str, criterion: rules.Criterion) -> str:
    with translation.override(lang):
        return criterion_explain(criterion)


BASE = {
    "on": dt.date(2025, 12, 31),
    "coop_type": "B",
    "register_section": "B",
    "register_number": "B-123",
    "object_kind": ObjectKind.GREEN_MAINTENANCE,
    "value_net_of_vat": Decimal("100000.00"),
    "has_job_plan": True,
    "selection_recorded": True,
}


def check(**changes: object) -> rules.Eligibility:
    return rules.convention_eligibility(**{**BASE, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "value", "eligible"),
    [
        (dt.date(2025, 12, 31), "220999.99", True),
        (dt.date(2025, 12, 31), "221000.00", False),
        (dt.date(2026, 1, 1), "215999.99", True),
        (dt.date(2026, 1, 1), "216000.00", False),
        (dt.date(2026, 1, 1), "220000.00", False),
    ],
)
def test_it_compares_the_value_strictly_below_the_threshold_in_force(day, value, eligible):
    result = check(on=day, value_net_of_vat=Decimal(value))
    assert result.eligible is eligible
    assert result.by_code("value").passed is eligible


def test_it_names_the_threshold_and_its_source_in_both_languages():
    result = check(on=dt.date(2026, 1, 1), value_net_of_vat=Decimal("216000"))
    value = result.by_code("value")
    assert "€ 216.000,00" in worded("it", value) and "2025/2152" in worded("it", value)
    assert "€ 216,000.00" in worded("en", value) and worded("en", value).startswith("L5.1")


def test_it_refuses_a_type_a_coop():
    result = check(coop_type="A", register_section="A")
    assert not result.eligible
    assert [c.code for c in result.failed()] == ["type", "register"]


def test_it_accepts_a_mixed_coop_for_its_b_branch():
    assert check(coop_type="AB", register_section="A").eligible


@pytest.mark.parametrize("kind", [ObjectKind.SOCIAL_HEALTH, ObjectKind.EDUCATIONAL])
def test_it_refuses_social_health_and_educational_objects(kind):
    result = check(object_kind=kind)
    assert [c.code for c in result.failed()] == ["object"]
    assert "L5.1" in worded("en", result.by_code("object"))


def test_it_refuses_a_coop_not_enrolled_in_the_register():
    result = check(register_number="", register_section="")
    assert [c.code for c in result.failed()] == ["register"]
    assert result.by_code("register").rule == "L5.2"


def test_it_refuses_a_coop_in_the_wrong_section():
    assert [c.code for c in check(register_section="A").failed()] == ["register"]


def test_it_requires_a_job_creation_plan():
    result = check(has_job_plan=False)
    assert [c.code for c in result.failed()] == ["job_plan"]
    assert "piano" in worded("it", result.by_code("job_plan"))


def test_it_requires_the_selection_procedure_recorded():
    result = check(selection_recorded=False)
    assert [c.code for c in result.failed()] == ["selection"]
    assert result.by_code("selection").rule == "L5.3"


def test_every_criterion_is_explained_when_all_pass():
    result = check()
    assert result.eligible
    assert {c.rule for c in result.criteria} == {"L5.1", "L5.2", "L5.3"}


def test_a_reserved_contract_needs_thirty_percent_in_each_grouping_member():
    members = [
        GroupMember("Beta", Fraction(4, 10)),
        GroupMember("Delta", Decimal("0.29")),
        GroupMember("Epsilon", Fraction(3, 10)),
    ]
    result = rules.reserved_contract_eligibility(on=dt.date(2026, 3, 1), members=members)
    assert not result.eligible
    assert [c.code for c in result.failed()] == ["member:Delta"]
    failed = result.failed()[0]
    assert failed.rule == "P1"
    assert "29,0 % < 30,0 %" in worded("it", failed)
    assert "ANAC" in failed.source


def test_a_reserved_contract_passes_when_every_member_has_thirty_percent():
    members = [GroupMember("Beta", Fraction(3, 10)), GroupMember("Gamma", Decimal("0.45"))]
    assert rules.reserved_contract_eligibility(on=dt.date(2026, 3, 1), members=members).eligible


def test_a_member_without_the_integration_aim_fails_the_reserved_contract():
    members = [GroupMember("Srl", Decimal("0.50"), integration_aim=False)]
    assert not rules.reserved_contract_eligibility(on=dt.date(2026, 3, 1), members=members).eligible
