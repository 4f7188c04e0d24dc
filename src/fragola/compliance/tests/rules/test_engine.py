import json
from dataclasses import fields, replace
from datetime import date
from fractions import Fraction

import pytest
from django.utils import translation

from fragola.compliance.wording import explain_in, result_json
from fragola_law import (
    REGISTRY,
    SOURCES,
    BoardMember,
    CoopSnapshot,
    Meeting,
    MemberCategory,
    ParameterSchedule,
    Severity,
    Status,
    VolunteerFact,
    evaluate,
    evaluate_timeline,
)
from fragola_law.engine import TIMELINE_NEEDS_END, UNKNOWN_RULE
from fragola_law.params import BASELINE
from fragola_law.result import RuleResult, make_result

from .builders import AS_OF, coop, disadvantaged, members, workers

VOLUNTEER = MemberCategory.VOLUNTEER
JSON_KEYS = {
    "rule",
    "status",
    "value",
    "threshold",
    "numerator",
    "denominator",
    "explanation",
    "source",
}


def busy_coop() -> CoopSnapshot:
    return coop(
        members=members(10) + members(4, VOLUNTEER),
        employments=workers(12) + disadvantaged(4, expires_on=date(2026, 7, 15)),
        volunteer_facts=(VolunteerFact("volunteer0", None, None, (AS_OF,)),),
        board=(BoardMember("b0", MemberCategory.WORKER), BoardMember("b1", None)),
        meeting=Meeting(date(2026, 6, 1)),
    )


def test_it_runs_every_registered_rule_in_order() -> None:
    results = evaluate(busy_coop())
    assert [r.rule for r in results] == [r.rule_id for r in REGISTRY]
    assert [r.rule for r in results] == [
        "L1.3",
        "L2.1",
        "L2.2",
        "L4.2",
        "L4.4",
        "L8",
        "G1",
        "G2",
        "G3",
        "G4",
        "HS1",
    ]


def test_it_cites_the_rule_and_its_source_in_both_languages() -> None:
    for result in evaluate(busy_coop()):
        assert result.source == SOURCES[result.rule]
        prefix = f"{result.rule} ({result.source}): "
        assert explain_in("it", result, personal=True).startswith(prefix)
        assert explain_in("en", result, personal=True).startswith(prefix)
        assert explain_in("it", result, personal=True) != explain_in("en", result, personal=True)


def test_it_gives_json_with_the_explanation_in_the_requested_language() -> None:
    l4_2 = evaluate(busy_coop(), rules=["L4.2"])[0]
    with translation.override("en"):
        english = result_json(l4_2, personal=True)
    with translation.override("it"):
        italian = result_json(l4_2, personal=True)
    assert set(english) == JSON_KEYS
    assert english["explanation"] == explain_in("en", l4_2, personal=True)
    assert italian["explanation"] == explain_in("it", l4_2, personal=True)
    assert (english["status"], english["numerator"], english["denominator"]) == ("pass", 4, 12)


def test_it_serialises_every_result_with_details() -> None:
    with translation.override("en"):
        payload = [result_json(r, with_details=True) for r in evaluate(busy_coop())]
    text = json.dumps(payload)
    assert '"expiring": [["d0", "2026-07-15"]' in text


def test_it_flags_what_a_user_would_need_to_fix() -> None:
    statuses = {r.rule: r.status for r in evaluate(busy_coop())}
    assert statuses["L2.2"] is Status.BREACH  # volunteer0 rostered without insurance
    assert statuses["L4.4"] is Status.WARNING  # certificates expire on 15 July
    assert statuses["G4"] is Status.BREACH  # one cooperator of two directors
    assert statuses["L8"] is Status.NOT_APPLICABLE


def test_it_refuses_an_unknown_rule() -> None:
    with pytest.raises(KeyError, match=r"L9\.9"):
        evaluate(busy_coop(), rules=["L9.9"])
    assert UNKNOWN_RULE.format(rule="L9.9") == "Unknown rule id: L9.9."


def test_it_evaluates_a_monthly_timeline_at_month_ends() -> None:
    snapshot = coop(employments=workers(10) + disadvantaged(3, start=date(2026, 4, 1)))
    timeline = evaluate_timeline(snapshot, 4, rules=["L4.2"])
    assert [p.on for p in timeline] == [
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
    ]
    # The rolling 12-month average climbs as the three hires accumulate months.
    assert [p.results[0].numerator for p in timeline] == [0, 0.25, 0.5, 0.75]
    assert {p.results[0].status for p in timeline} == {Status.BREACH}


def test_it_applies_the_parameters_in_force_at_each_timeline_point() -> None:
    schedule = ParameterSchedule(
        (BASELINE, replace(BASELINE, effective_from=date(2026, 6, 1), human_scale_max_members=5))
    )
    timeline = evaluate_timeline(coop(members=members(8)), 2, rules=["HS1"], schedule=schedule)
    assert [p.results[0].status for p in timeline] == [Status.PASS, Status.WARNING]
    assert schedule.at(date(2026, 6, 1)).human_scale_max_members == 5
    assert BASELINE.l2_1_max_volunteer_share == Fraction(1, 2)


def test_it_builds_one_snapshot_per_timeline_date() -> None:
    asked: list[date] = []

    def build(day: date) -> CoopSnapshot:
        asked.append(day)
        return coop(as_of=day, members=members(9))

    timeline = evaluate_timeline(build, 3, end=date(2026, 2, 14), rules=["G1"])
    assert asked == [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 14)]
    assert [p.results[0].status for p in timeline] == [Status.PASS] * 3


def test_it_needs_an_end_date_for_a_builder() -> None:
    with pytest.raises(ValueError, match=TIMELINE_NEEDS_END):
        evaluate_timeline(lambda day: coop(as_of=day), 3)


def test_a_result_holds_every_field_as_the_dataclass_builds_it() -> None:
    made = make_result(
        "L4.2",
        Status.BREACH,
        "ratio",
        source="L. 381/1991 art. 4(2)",
        facts={"share": 1},
        value=Fraction(1, 4),
        threshold=Fraction(3, 10),
        numerator=1,
        denominator=4,
        details={"months": 12},
    )
    built = RuleResult(
        rule="L4.2",
        status=Status.BREACH,
        value=0.25,
        threshold=0.3,
        numerator=1.0,
        denominator=4.0,
        code="ratio",
        source="L. 381/1991 art. 4(2)",
        severity=Severity.BREACH,
        facts={"share": 1},
        details={"months": 12},
    )
    assert made == built and made.facts == built.facts and repr(made) == repr(built)
    assert list(vars(made)) == [f.name for f in fields(RuleResult)]
