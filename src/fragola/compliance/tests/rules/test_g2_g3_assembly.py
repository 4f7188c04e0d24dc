from datetime import date, timedelta

from fragola.compliance.wording import explain_in
from fragola_law import (
    CoopType,
    Meeting,
    Member,
    MemberCategory,
    Status,
    check_g2,
    check_g3,
    params_at,
    voting_members,
)

from .builders import AS_OF, coop, members

PARAMS = params_at(AS_OF)
MEETING = date(2026, 6, 30)
NINETY = Member("ninety", MemberCategory.WORKER, MEETING - timedelta(days=90))
EIGHTY_NINE = Member("eighty_nine", MemberCategory.USER, MEETING - timedelta(days=89))
SUPPORTER = MemberCategory.SUPPORTER


def test_it_lets_a_member_vote_after_ninety_days_on_the_book() -> None:
    snapshot = coop(members=(NINETY, EIGHTY_NINE))
    assert [m.member_id for m in voting_members(snapshot, MEETING)] == ["ninety"]


def test_it_does_not_let_a_member_who_left_vote() -> None:
    gone = Member("gone", MemberCategory.WORKER, date(2020, 1, 1), date(2026, 6, 1))
    assert voting_members(coop(members=(gone,)), MEETING) == []


def test_it_reports_who_may_vote_at_a_meeting() -> None:
    snapshot = coop(members=(NINETY, EIGHTY_NINE), meeting=Meeting(MEETING))
    result = check_g2(snapshot, PARAMS)
    assert (result.status, result.numerator, result.denominator) == (Status.PASS, 1, 2)
    assert result.details["not_yet_eligible"] == (("eighty_nine", date(2026, 7, 1)),)
    assert "1 soci su 2 possono votare all'assemblea del 30/06/2026" in explain_in(
        "it", result, personal=True
    )


def test_it_breaches_a_meeting_where_a_member_voted_before_ninety_days() -> None:
    meeting = Meeting(MEETING, voters=("ninety", "eighty_nine"))
    result = check_g2(coop(members=(NINETY, EIGHTY_NINE), meeting=meeting), PARAMS)
    assert result.status is Status.BREACH
    assert "Members not entitled to vote did vote: eighty_nine." in explain_in(
        "en", result, personal=True
    )


def test_it_has_nothing_to_check_without_a_meeting() -> None:
    assert check_g2(coop(members=(NINETY,)), PARAMS).status is Status.NOT_APPLICABLE


def test_it_passes_supporters_holding_exactly_one_third_of_votes() -> None:
    result = check_g3(coop(members=members(6) + members(3, SUPPORTER)), PARAMS)
    assert (result.status, result.numerator, result.denominator) == (Status.PASS, 3, 9)
    assert "3 voti su 9 (33,3 %) ≤ 33,3 %" in explain_in("it", result, personal=True)


def test_it_breaches_supporters_above_one_third_of_votes() -> None:
    result = check_g3(coop(members=members(5) + members(3, SUPPORTER)), PARAMS)
    assert result.status is Status.BREACH
    assert "hold 3 of 8 votes (37.5%) > 33.3%" in explain_in("en", result, personal=True)


def test_it_weights_supporter_and_legal_person_votes_up_to_five() -> None:
    bank = Member("bank", SUPPORTER, date(2020, 1, 1), natural_person=False, votes=9)
    town = Member("town", MemberCategory.LEGAL_PERSON, date(2020, 1, 1), votes=5)
    worker = Member("worker", MemberCategory.WORKER, date(2020, 1, 1), votes=3)
    result = check_g3(coop(members=(*members(5), bank, town, worker)), PARAMS)
    # bank 5 (capped), town 5, worker 1 (one head one vote), 5 others: 5 of 16.
    assert (result.numerator, result.denominator, result.status) == (5, 16, Status.PASS)
    assert result.details["capped_votes"] == ("bank", "worker")


def test_it_does_not_model_the_assembly_of_consortia_yet() -> None:
    snapshot = coop(coop_type=CoopType.CONSORTIUM, members=members(3, SUPPORTER))
    assert check_g3(snapshot, PARAMS).status is Status.NOT_APPLICABLE
