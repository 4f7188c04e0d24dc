from datetime import date, timedelta

from fragola.compliance.wording import explain_in
from fragola_law import (
    CoopType,
    LegalForm,
    Member,
    MemberCategory,
    Status,
    check_g1,
    params_at,
)

from .builders import AS_OF, coop, members

PARAMS = params_at(AS_OF)
LEFT = date(2026, 1, 9)  # last day as a member of the ninth member
FELL_BELOW = LEFT + timedelta(days=1)
DEADLINE = FELL_BELOW + timedelta(days=365)


def eight_after_one_left() -> tuple[Member, ...]:
    return (*members(8), Member("leaver", MemberCategory.WORKER, date(2016, 1, 1), LEFT))


def test_it_passes_nine_members() -> None:
    result = check_g1(coop(members=members(9)), PARAMS)
    assert (result.status, result.value, result.threshold) == (Status.PASS, 9, 9)


def test_it_starts_a_one_year_countdown_when_members_fall_below_nine() -> None:
    result = check_g1(coop(members=eight_after_one_left()), PARAMS)
    assert result.status is Status.WARNING
    assert result.details["below_since"] == FELL_BELOW
    assert result.details["deadline"] == DEADLINE
    assert result.details["days_left"] == (DEADLINE - AS_OF).days
    assert "ricostituire entro il 10/01/2027" in explain_in("it", result, personal=True)


def test_it_still_warns_on_the_deadline_day_and_breaches_the_day_after() -> None:
    on_deadline = check_g1(coop(members=eight_after_one_left(), as_of=DEADLINE), PARAMS)
    after = check_g1(
        coop(members=eight_after_one_left(), as_of=DEADLINE + timedelta(days=1)), PARAMS
    )
    assert (on_deadline.status, on_deadline.details["days_left"]) == (Status.WARNING, 0)
    assert after.status is Status.BREACH
    assert "the one-year term ran out on 2027-01-10" in explain_in("en", after, personal=True)


def test_it_restarts_the_countdown_after_the_minimum_was_restored() -> None:
    rejoined = Member("back", MemberCategory.USER, date(2026, 3, 1), date(2026, 4, 30))
    result = check_g1(coop(members=(*eight_after_one_left(), rejoined)), PARAMS)
    assert result.details["below_since"] == date(2026, 5, 1)


def test_it_counts_down_from_founding_when_never_at_the_minimum() -> None:
    result = check_g1(coop(members=members(5), founded_on=date(2026, 1, 1)), PARAMS)
    assert result.details["below_since"] == date(2026, 1, 1)


def test_it_accepts_three_natural_persons_under_the_srl_model() -> None:
    result = check_g1(coop(legal_form=LegalForm.SRL, members=members(3)), PARAMS)
    assert (result.status, result.threshold) == (Status.PASS, 3)
    assert "S.r.l. model" in explain_in("en", result, personal=True)


def test_it_requires_nine_in_an_srl_with_a_legal_person_member() -> None:
    snapshot = coop(
        legal_form=LegalForm.SRL,
        members=members(3) + members(1, MemberCategory.LEGAL_PERSON, natural_person=False),
    )
    result = check_g1(snapshot, PARAMS)
    assert (result.status, result.threshold) == (Status.BREACH, 9)


def test_it_requires_nine_in_an_spa() -> None:
    result = check_g1(coop(legal_form=LegalForm.SPA, members=members(3)), PARAMS)
    assert result.threshold == 9


def test_it_leaves_consortia_to_l8() -> None:
    snapshot = coop(coop_type=CoopType.CONSORTIUM)
    assert check_g1(snapshot, PARAMS).status is Status.NOT_APPLICABLE
