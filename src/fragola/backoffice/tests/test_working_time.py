"""Service-level due times across evenings, weekends and public holidays (Europe/Rome)."""

from __future__ import annotations

import datetime as dt

import pytest

from fragola.backoffice.working_time import (
    ROME,
    Kind,
    add_working_hours,
    due_times,
    public_holidays,
)


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=ROME)


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        # Monday 10:00 + 4 h: 10-13 and 14-15.
        (at(2025, 3, 3, 10), 4, at(2025, 3, 3, 15)),
        # Exactly the rest of the day ends at 18:00, not at 9:00 next morning.
        (at(2025, 3, 3, 14), 4, at(2025, 3, 3, 18)),
        # Monday 20:00 (evening): counting starts Tuesday 9:00.
        (at(2025, 3, 3, 20), 2, at(2025, 3, 4, 11)),
        # Friday 17:00 + 2 h: one hour on Friday, one on Monday.
        (at(2025, 3, 7, 17), 2, at(2025, 3, 10, 10)),
        # Saturday: Monday 9:00 + 8 h = Monday 18:00.
        (at(2025, 3, 8, 11), 8, at(2025, 3, 10, 18)),
        # Lunch break: opened at 13:30, counting starts at 14:00.
        (at(2025, 3, 3, 13, 30), 1, at(2025, 3, 3, 15)),
        # Thursday 24 April 2025 16:00 + 4 h: 2 h Thursday, Friday 25 April (Liberation day)
        # and the weekend skipped, Monday 28 April 11:00.
        (at(2025, 4, 24, 16), 4, at(2025, 4, 28, 11)),
        # Easter Monday 2025 is 21 April: Friday 18 April 17:00 + 2 h -> Tuesday 22 April 10:00.
        (at(2025, 4, 18, 17), 2, at(2025, 4, 22, 10)),
        # 24 December 2025 (Wednesday) 17:00 + 3 h: 25 and 26 December and the weekend are off,
        # Monday 29 December 11:00.
        (at(2025, 12, 24, 17), 3, at(2025, 12, 29, 11)),
        # 4 October is a holiday again from 2026 (a Sunday in 2026; in 2027 a Monday).
        (at(2027, 10, 1, 17), 2, at(2027, 10, 5, 10)),
        # A leap day is an ordinary working day (Thursday 29 February 2024).
        (at(2024, 2, 28, 17), 2, at(2024, 2, 29, 10)),
    ],
)
def test_due_times_skip_evenings_weekends_and_holidays(start, hours, due) -> None:
    assert add_working_hours(start, hours) == due


def test_a_start_given_in_utc_counts_in_rome_time() -> None:
    # 8:30 UTC on 3 March 2025 is 9:30 in Rome (UTC+1).
    start = dt.datetime(2025, 3, 3, 8, 30, tzinfo=dt.UTC)
    assert add_working_hours(start, 1) == at(2025, 3, 3, 10, 30)


def test_easter_monday_and_saint_francis_are_holidays_in_their_years() -> None:
    assert dt.date(2025, 4, 21) in public_holidays(2025)  # Easter Monday
    assert dt.date(2026, 4, 6) in public_holidays(2026)
    assert dt.date(2026, 10, 4) in public_holidays(2026)  # national again from 2026
    assert dt.date(2025, 10, 4) not in public_holidays(2025)
    # Easter Monday 2026: a request opened on Good Friday evening is answered on Tuesday.
    assert add_working_hours(at(2026, 4, 3, 19), 1) == at(2026, 4, 7, 10)


def test_a_sick_leave_is_answered_in_half_a_day_and_resolved_in_a_day() -> None:
    # 9:00 + 4 h ends with the morning block (13:00); + 8 h with the afternoon one (18:00).
    assert due_times(Kind.SICK_LEAVE, at(2025, 3, 3, 9)) == (at(2025, 3, 3, 13), at(2025, 3, 3, 18))
