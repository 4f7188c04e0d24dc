from fragola.compliance.wording import explain_in
from fragola_law import (
    BoardMember,
    MemberCategory,
    Settings,
    Status,
    check_g4,
    params_at,
)

from .builders import AS_OF, coop

PARAMS = params_at(AS_OF)
COUNT_VOLUNTEERS = Settings(g4_count_volunteers=True)


def board(*categories: MemberCategory | None) -> tuple[BoardMember, ...]:
    return tuple(BoardMember(f"b{i}", c) for i, c in enumerate(categories))


WORKER, USER, VOLUNTEER = MemberCategory.WORKER, MemberCategory.USER, MemberCategory.VOLUNTEER
MIXED_BOARD = board(WORKER, VOLUNTEER, VOLUNTEER, None, MemberCategory.SUPPORTER)


def test_it_breaches_a_board_that_needs_volunteers_for_its_majority_by_default() -> None:
    result = check_g4(coop(board=MIXED_BOARD), PARAMS)
    assert (result.status, result.numerator, result.denominator) == (Status.BREACH, 1, 5)
    assert "volunteer members do not count as cooperators (setting)" in explain_in(
        "en", result, personal=True
    )


def test_it_passes_the_same_board_when_volunteers_count_as_cooperators() -> None:
    result = check_g4(coop(board=MIXED_BOARD), PARAMS, COUNT_VOLUNTEERS)
    assert (result.status, result.numerator) == (Status.PASS, 3)
    assert "3 amministratori su 5 sono soci cooperatori (60 %), oltre il 50 %" in (
        explain_in("it", result, personal=True)
    )


def test_it_breaches_a_board_split_exactly_in_half() -> None:
    result = check_g4(coop(board=board(WORKER, USER, None, None)), PARAMS)
    assert (result.status, result.value) == (Status.BREACH, 0.5)


def test_it_has_nothing_to_check_without_a_board() -> None:
    assert check_g4(coop(), PARAMS).status is Status.NOT_APPLICABLE
