from datetime import date

from fragola_law import (
    Member,
    MemberCategory,
    Status,
    admit_member,
    end_employment,
    exit_member,
    hire,
    what_if,
)

from .builders import AS_OF, coop, disadvantaged, members, workers

VOLUNTEER = MemberCategory.VOLUNTEER


def test_it_warns_that_admitting_one_more_volunteer_would_breach_the_half() -> None:
    snapshot = coop(members=members(5) + members(5, VOLUNTEER))
    report = what_if(snapshot, admit_member(Member("new", VOLUNTEER, AS_OF)))
    assert [r.rule for r in report.newly_breached] == ["L2.1"]
    assert report.newly_breached[0].numerator == 6


def test_it_reports_no_new_breach_for_a_harmless_admission() -> None:
    snapshot = coop(members=members(9))
    report = what_if(snapshot, admit_member(Member("new", MemberCategory.WORKER, AS_OF)))
    assert report.newly_breached == []


def test_it_shows_an_exit_starting_the_minimum_members_countdown() -> None:
    snapshot = coop(members=members(9))
    report = what_if(snapshot, exit_member("worker0", date(2026, 6, 29)))
    assert [r.rule for r in report.newly_warned] == ["G1"]


def test_it_shows_that_a_hire_resolves_a_breach() -> None:
    snapshot = coop(employments=workers(10) + disadvantaged(2), founded_on=date(2026, 6, 1))
    report = what_if(snapshot, hire(disadvantaged(1, prefix="new", start=AS_OF)[0]))
    assert [r.rule for r in report.resolved] == ["L4.2"]
    assert report.after[3].status is Status.PASS


def test_it_shows_that_ending_a_contract_would_breach_l4_2() -> None:
    snapshot = coop(employments=workers(10) + disadvantaged(3), founded_on=date(2026, 6, 1))
    report = what_if(snapshot, end_employment("d0", date(2026, 6, 29)))
    assert [r.rule for r in report.newly_breached] == ["L4.2"]


def test_it_accepts_the_changed_snapshot_itself() -> None:
    before = coop(members=members(9))
    after = coop(members=members(8))  # eight members ever since 2016: the year ran out long ago
    assert [r.rule for r in what_if(before, after).newly_breached] == ["G1"]


def test_it_keeps_refusing_a_supporter_once_supporters_hold_over_a_third_of_votes() -> None:
    supporters = members(4, MemberCategory.SUPPORTER)
    snapshot = coop(members=members(6) + supporters)  # 4 of 10 votes: G3 already broken
    report = what_if(snapshot, admit_member(Member("new", MemberCategory.SUPPORTER, AS_OF)))
    assert report.newly_breached == []
    assert [r.rule for r in report.worsened] == ["G3"]
    assert [r.rule for r in report.blocking] == ["G3"]


def test_it_lets_through_a_change_that_brings_a_broken_rule_back_towards_its_limit() -> None:
    snapshot = coop(members=members(6) + members(4, MemberCategory.SUPPORTER))
    report = what_if(snapshot, admit_member(Member("new", MemberCategory.WORKER, AS_OF)))
    assert report.blocking == []


def test_it_refuses_a_worker_exit_once_volunteers_are_over_half() -> None:
    snapshot = coop(members=members(4) + members(6, VOLUNTEER))  # 6 of 10: L2.1 broken
    leave = exit_member(snapshot.members[0].member_id, date(2026, 6, 29))  # last day on the book
    report = what_if(snapshot, leave)
    assert [r.rule for r in report.worsened] == ["L2.1"]
