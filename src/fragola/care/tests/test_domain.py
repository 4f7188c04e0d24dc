"""The pure rules: recurrence across DST, proof of presence, weekdays."""

from __future__ import annotations

import datetime as dt

import pytest

from fragola.care.domain import ROME, distance_m, inside_area, occurrences, parse_weekdays


def test_it_keeps_visits_at_eight_wall_clock_across_the_october_dst_change():
    visits = occurrences(
        weekdays=frozenset(range(1, 8)),
        window_start=dt.time(8, 0),
        duration_minutes=60,
        start=dt.date(2026, 10, 24),
        end=dt.date(2026, 10, 26),
    )
    assert [v.starts_at.astimezone(ROME).hour for v in visits] == [8, 8, 8]
    utc_hours = [v.starts_at.astimezone(dt.UTC).hour for v in visits]
    assert utc_hours == [6, 7, 7]  # CEST (+2) on the 24th, CET (+1) from the 25th
    assert all(v.ends_at - v.starts_at == dt.timedelta(hours=1) for v in visits)


def test_it_places_the_second_carer_after_the_first_with_the_gap():
    first, second = occurrences(
        weekdays=frozenset({1}),
        window_start=dt.time(9, 0),
        duration_minutes=30,
        start=dt.date(2026, 3, 2),
        end=dt.date(2026, 3, 2),
        carers_needed=2,
        sequential_gap_minutes=15,
    )
    assert (first.slot, second.slot) == (1, 2)
    assert second.starts_at - first.ends_at == dt.timedelta(minutes=15)


def test_it_tells_inside_from_outside_the_users_area():
    bergamo = (45.69601, 9.66721)
    assert inside_area(position=(45.69700, 9.66721), centre=bergamo, radius_m=300)
    assert not inside_area(position=(45.70601, 9.66721), centre=bergamo, radius_m=300)
    assert 1100 < distance_m(45.69601, 9.66721, 45.70601, 9.66721) < 1125


def test_it_reads_weekdays_and_refuses_nonsense():
    assert parse_weekdays("12345") == frozenset({1, 2, 3, 4, 5})
    with pytest.raises(ValueError):
        parse_weekdays("089")
