"""The 30 % forecast and the hires it takes, on the compliance engine's plain data."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import fragola_law as r
from fragola.integration import forecast
from fragola.integration.forecast import Measure, PlannedEnd, PlannedHire

TODAY = dt.date(2026, 3, 10)
LONG_AGO = dt.date(2023, 1, 1)
CERT = r.DisadvantageCertificate(r.DisadvantageCategory.PHYSICAL, LONG_AGO)


def snapshot(others: int, disadvantaged: int, *extra: r.Employment) -> r.CoopSnapshot:
    records = [r.Employment(f"o{i}", LONG_AGO) for i in range(others)]
    records += [r.Employment(f"d{i}", LONG_AGO, certificates=(CERT,)) for i in range(disadvantaged)]
    return r.CoopSnapshot(
        coop_type=r.CoopType.B,
        legal_name="Beta Cooperativa Sociale",
        legal_form=r.LegalForm.SRL,
        founded_on=dt.date(2001, 1, 1),
        as_of=TODAY,
        employments=(*records, *extra),
    )


def test_it_needs_one_hire_to_take_three_of_twelve_to_four_of_twelve():
    coop = snapshot(12, 3)
    needed = forecast.hires_needed(coop, [], start=TODAY, until=dt.date(2026, 12, 31))
    assert needed == 1
    after = forecast.forecast(forecast.with_hires(coop, 1, TODAY), [])
    assert after[1].ratio == Fraction(4, 12)


def test_it_needs_no_hire_when_the_coop_already_has_thirty_percent():
    assert forecast.hires_needed(snapshot(10, 3), [], start=TODAY, until=TODAY) == 0


def test_the_legal_average_needs_more_hires_than_the_heads_for_an_early_date():
    coop = snapshot(12, 3)
    heads = forecast.hires_needed(coop, [], start=TODAY, until=dt.date(2026, 4, 30))
    average = forecast.hires_needed(
        coop, [], start=TODAY, until=dt.date(2026, 4, 30), measure=Measure.AVERAGE
    )
    assert heads == 1
    assert average is not None and average > heads


def test_a_contract_end_next_month_lowers_the_forecast_from_that_month():
    ending = r.Employment("d-end", LONG_AGO, dt.date(2026, 4, 15), certificates=(CERT,))
    rows = forecast.forecast(snapshot(10, 3, ending), [])
    assert [row.day for row in rows[:3]] == [TODAY, dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    assert rows[1].ratio == Fraction(4, 10) and rows[1].heads_ok
    assert rows[2].ratio == Fraction(3, 10) and rows[2].disadvantaged == 3
    assert len(rows) == 13


def test_it_keeps_the_date_wanted_when_a_contract_ends_before_it():
    ending = r.Employment("d-end", LONG_AGO, dt.date(2026, 4, 15), certificates=(CERT,))
    coop = snapshot(10, 2, ending)
    assert forecast.hires_needed(coop, [], start=TODAY, until=dt.date(2026, 3, 31)) == 0
    assert forecast.hires_needed(coop, [], start=TODAY, until=dt.date(2026, 5, 31)) == 1


def test_planned_hires_and_ends_move_the_forecast():
    coop = snapshot(10, 3)
    planned = [
        PlannedHire(dt.date(2026, 5, 2), disadvantaged=False),
        PlannedHire(dt.date(2026, 5, 2), disadvantaged=False),
        PlannedEnd("d0", dt.date(2026, 6, 10)),
    ]
    rows = {row.day: row for row in forecast.forecast(coop, planned)}
    assert rows[dt.date(2026, 4, 30)].ratio == Fraction(3, 10)
    assert rows[dt.date(2026, 5, 31)].ratio == Fraction(3, 12)
    assert not rows[dt.date(2026, 5, 31)].heads_ok
    assert rows[dt.date(2026, 6, 30)].ratio == Fraction(2, 12)


def test_a_certificate_expiry_removes_the_worker_from_the_disadvantaged():
    expiring = r.DisadvantageCertificate(
        r.DisadvantageCategory.ALCOHOL, LONG_AGO, dt.date(2026, 5, 20)
    )
    coop = snapshot(10, 3, r.Employment("x", LONG_AGO, certificates=(expiring,)))
    rows = {row.day: row for row in forecast.forecast(coop, [])}
    assert rows[dt.date(2026, 4, 30)].disadvantaged == 4
    assert rows[dt.date(2026, 5, 31)].disadvantaged == 3
    assert rows[dt.date(2026, 5, 31)].workers == 14
