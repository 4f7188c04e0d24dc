from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from fragola_law import (
    DEFAULT_SETTINGS,
    DenominatorMode,
    Parameters,
    ParameterSchedule,
    Status,
    evaluate,
    params_at,
)
from fragola_law.params import BASELINE, NO_PARAMETERS_BEFORE, VERSIONS_NOT_ORDERED

from .builders import coop, disadvantaged, workers

RAISED = date(2026, 7, 1)
SCHEDULE = ParameterSchedule(
    (
        BASELINE,
        replace(
            BASELINE,
            effective_from=RAISED,
            label="hypothetical amendment",
            l4_2_min_disadvantaged_share=Fraction(35, 100),
        ),
    )
)


def test_it_returns_the_legal_numbers_in_force_today() -> None:
    params = params_at(date(2026, 6, 30))
    assert params.l2_1_max_volunteer_share == Fraction(1, 2)
    assert params.l4_2_min_disadvantaged_share == Fraction(3, 10)
    assert params.l4_3_window_months == 12
    assert params.l8_min_social_coop_share == Fraction(7, 10)
    assert (params.g1_min_members, params.g1_min_members_srl_natural) == (9, 3)
    assert (params.g1_restore_days, params.g2_min_days_on_book) == (365, 90)
    assert params.g3_max_supporter_vote_share == Fraction(1, 3)
    assert params.human_scale_max_members == 100


def test_it_switches_to_a_new_version_on_its_effective_date() -> None:
    assert SCHEDULE.at(date(2026, 6, 30)).l4_2_min_disadvantaged_share == Fraction(3, 10)
    assert params_at(RAISED, SCHEDULE).l4_2_min_disadvantaged_share == Fraction(35, 100)


def test_it_evaluates_with_the_version_in_force_on_the_snapshot_date() -> None:
    # 4 disadvantaged against 12 others is 33.3 %: enough at 30 %, not at 35 %.
    snapshot = coop(employments=workers(12) + disadvantaged(4))
    before = evaluate(snapshot, rules=["L4.2"], schedule=SCHEDULE)[0]
    after = evaluate(replace(snapshot, as_of=RAISED), rules=["L4.2"], schedule=SCHEDULE)[0]
    assert (before.status, before.threshold) == (Status.PASS, 0.3)
    assert (after.status, after.threshold) == (Status.BREACH, 0.35)


def test_it_refuses_a_date_before_the_first_version() -> None:
    with pytest.raises(ValueError) as error:
        params_at(date(1990, 1, 1))
    assert str(error.value) == NO_PARAMETERS_BEFORE.format(
        first=BASELINE.effective_from, day=date(1990, 1, 1)
    )


def test_it_refuses_versions_out_of_order() -> None:
    later = replace(BASELINE, effective_from=date(2030, 1, 1))
    with pytest.raises(ValueError, match=VERSIONS_NOT_ORDERED):
        ParameterSchedule((later, BASELINE))


def test_it_keeps_co_op_settings_apart_from_legal_parameters() -> None:
    assert DEFAULT_SETTINGS.l4_3_denominator is DenominatorMode.NON_DISADVANTAGED
    assert DEFAULT_SETTINGS.g4_count_volunteers is False
    assert not hasattr(Parameters, "l4_3_denominator")
