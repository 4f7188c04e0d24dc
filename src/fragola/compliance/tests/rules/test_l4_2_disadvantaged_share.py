from datetime import date

import pytest

from fragola.compliance.wording import explain_in
from fragola_law import (
    Branch,
    Contract,
    CoopType,
    DenominatorMode,
    Employment,
    Settings,
    Status,
    check_l4_2,
    params_at,
)

from .builders import AS_OF, certificate, coop, disadvantaged, workers

PARAMS = params_at(AS_OF)
STRICT = Settings(l4_3_denominator=DenominatorMode.TOTAL)


def test_it_passes_four_disadvantaged_against_twelve_others() -> None:
    result = check_l4_2(coop(employments=workers(12) + disadvantaged(4)), PARAMS)
    assert result.status is Status.PASS
    assert (result.numerator, result.denominator, result.threshold) == (4, 12, 0.3)
    assert (
        "L4.2 (L. 381/1991 art. 4(2); L4.3: Interpelli 4/2008, 42/2009, 17/2015, INPS circ. "
        "296/1992): in media 4 lavoratori svantaggiati su 12 non svantaggiati (33,3 %) ≥ 30 %"
    ) in explain_in("it", result, personal=True)
    assert "4 disadvantaged workers against 12 non-disadvantaged (33.3%) ≥ 30%" in (
        explain_in("en", result, personal=True)
    )


def test_it_passes_exactly_thirty_percent() -> None:
    result = check_l4_2(coop(employments=workers(10) + disadvantaged(3)), PARAMS)
    assert (result.status, result.value) == (Status.PASS, 0.3)


def test_it_breaches_twenty_nine_point_nine_percent() -> None:
    result = check_l4_2(coop(employments=workers(1000) + disadvantaged(299)), PARAMS)
    assert result.status is Status.BREACH
    assert "(29,9 %) < 30 %" in explain_in("it", result, personal=True)


def test_it_shows_enough_decimals_not_to_round_a_breach_up_to_the_threshold() -> None:
    result = check_l4_2(coop(employments=workers(10000) + disadvantaged(2999)), PARAMS)
    assert result.status is Status.BREACH
    assert "(29,99 %) < 30 %" in explain_in("it", result, personal=True)


def test_it_counts_the_disadvantaged_in_the_denominator_in_strict_mode() -> None:
    snapshot = coop(employments=workers(12) + disadvantaged(4))
    result = check_l4_2(snapshot, PARAMS, STRICT)
    assert result.status is Status.BREACH
    assert (result.numerator, result.denominator, result.value) == (4, 16, 0.25)
    assert "modalità rigorosa" in explain_in("it", result, personal=True)
    passing = check_l4_2(coop(employments=workers(7) + disadvantaged(3)), PARAMS, STRICT)
    assert passing.status is Status.PASS


def test_it_counts_only_the_b_branch_in_a_mixed_co_op() -> None:
    staff = workers(20, prefix="a", branch=Branch.A) + workers(10) + disadvantaged(3)
    staff += disadvantaged(5, prefix="da", branch=Branch.A)
    result = check_l4_2(coop(coop_type=CoopType.AB, employments=staff), PARAMS)
    assert (result.status, result.numerator, result.denominator) == (Status.PASS, 3, 10)
    assert "solo ramo B" in explain_in("it", result, personal=True)


def test_it_never_counts_volunteers_or_interns_as_workers() -> None:
    staff = workers(10) + disadvantaged(3)
    staff += workers(5, prefix="v", contract=Contract.VOLUNTEER)
    staff += workers(2, prefix="i", contract=Contract.INTERNSHIP)
    result = check_l4_2(coop(employments=staff), PARAMS)
    assert (result.status, result.numerator, result.denominator) == (Status.PASS, 3, 10)


def test_it_counts_heads_not_hours() -> None:
    part_time = tuple(e._replace(weekly_hours=10) for e in disadvantaged(3))
    result = check_l4_2(coop(employments=workers(10) + part_time), PARAMS)
    assert (result.status, result.numerator) == (Status.PASS, 3)


def test_it_counts_a_person_with_two_contracts_once() -> None:
    again = Employment("d0", date(2020, 1, 1), None, certificates=(certificate(),))
    result = check_l4_2(coop(employments=workers(10) + disadvantaged(3) + (again,)), PARAMS)
    assert (result.numerator, result.denominator) == (3, 10)


def test_it_stops_counting_a_worker_whose_certificate_expired() -> None:
    # Three certificates expire on 31 Dec 2025: they count for the 6 month-ends Jul-Dec 2025 only.
    staff = workers(10) + disadvantaged(3, expires_on=date(2025, 12, 31))
    result = check_l4_2(coop(employments=staff), PARAMS)
    assert result.status is Status.BREACH
    assert result.numerator == 1.5  # 3 heads x 6 of 12 months
    assert result.denominator == 11.5


def test_it_does_not_count_a_certificate_expiring_the_day_before_a_month_end() -> None:
    staff = workers(10) + disadvantaged(3, expires_on=date(2026, 5, 30))
    result = check_l4_2(coop(employments=staff), PARAMS)
    assert result.numerator == 2.5  # valid on 10 of the 12 samples (Jul-Apr, not 31 May, 30 Jun)


def test_it_averages_a_young_co_op_since_its_founding() -> None:
    founded = date(2026, 3, 15)
    early = workers(10, start=founded) + disadvantaged(3, start=founded)
    late_hires = disadvantaged(4, prefix="late", start=date(2026, 6, 1))
    result = check_l4_2(coop(founded_on=founded, employments=early + late_hires), PARAMS)
    # Samples: 31 Mar, 30 Apr, 31 May, 30 Jun; disadvantaged 3, 3, 3, 7 -> average 4.
    assert result.details["months"] == 4
    assert result.details["window_start"] == date(2026, 3, 31)
    assert (result.numerator, result.denominator) == (4, 10)


def test_it_averages_over_the_twelve_months_up_to_the_date() -> None:
    hired = disadvantaged(4, start=date(2026, 1, 1))  # on 6 of the 12 month-end samples
    left = workers(12, prefix="gone", start=date(2020, 1, 1), end=date(2025, 9, 30))
    result = check_l4_2(coop(employments=workers(6) + hired + left), PARAMS)
    # Disadvantaged 4 x 6 / 12 = 2; others 6 + 12 x 3 / 12 = 9: 22.2 %.
    assert (result.numerator, result.denominator) == (2, 9)
    assert result.status is Status.BREACH


def test_it_passes_when_every_worker_is_disadvantaged() -> None:
    result = check_l4_2(coop(employments=disadvantaged(3)), PARAMS)
    assert (result.status, result.value) == (Status.PASS, None)


def test_it_does_not_apply_to_type_a_co_ops() -> None:
    snapshot = coop(coop_type=CoopType.A, employments=workers(10))
    assert check_l4_2(snapshot, PARAMS).status is Status.NOT_APPLICABLE


def test_it_does_not_apply_without_workers_in_the_window() -> None:
    result = check_l4_2(coop(employments=workers(3, end=date(2025, 1, 31))), PARAMS)
    assert result.status is Status.NOT_APPLICABLE


def test_it_reports_disadvantaged_workers_who_are_not_members() -> None:
    member = tuple(e._replace(is_member=True) for e in disadvantaged(2, prefix="m"))
    result = check_l4_2(coop(employments=workers(10) + disadvantaged(3) + member), PARAMS)
    assert result.details["disadvantaged_not_members"] == 3


def test_it_shows_todays_heads_next_to_the_average() -> None:
    staff = workers(10) + disadvantaged(3) + disadvantaged(2, prefix="new", start=date(2026, 6, 1))
    result = check_l4_2(coop(employments=staff), PARAMS)
    assert (result.details["workers_on_date"], result.details["disadvantaged_on_date"]) == (15, 5)
    assert result.numerator == pytest.approx(3 + 2 / 12)
