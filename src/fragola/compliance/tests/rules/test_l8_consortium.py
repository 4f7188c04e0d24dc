from datetime import date

from fragola.compliance.wording import explain_in
from fragola_law import (
    ConsortiumMember,
    CoopSnapshot,
    CoopType,
    OrgKind,
    Status,
    check_l8,
    params_at,
)

from .builders import AS_OF, coop

PARAMS = params_at(AS_OF)
JOINED = date(2020, 1, 1)


def orgs(
    n: int, kind: OrgKind, prefix: str, left_on: date | None = None
) -> tuple[ConsortiumMember, ...]:
    return tuple(ConsortiumMember(f"{prefix}{i}", kind, JOINED, left_on) for i in range(n))


def consortium(*groups: tuple[ConsortiumMember, ...]) -> CoopSnapshot:
    return coop(
        coop_type=CoopType.CONSORTIUM,
        legal_name="Consorzio Alba Società Cooperativa Sociale",
        consortium_members=tuple(m for g in groups for m in g),
    )


def test_it_passes_a_consortium_with_exactly_seventy_percent_social_co_ops() -> None:
    snapshot = consortium(orgs(7, OrgKind.SOCIAL_COOP, "s"), orgs(3, OrgKind.OTHER, "o"))
    result = check_l8(snapshot, PARAMS)
    assert (result.status, result.value, result.numerator, result.denominator) == (
        Status.PASS,
        0.7,
        7,
        10,
    )
    assert "7 cooperative sociali su 10 soci (70 %) ≥ 70 %" in explain_in(
        "it", result, personal=True
    )


def test_it_breaches_a_consortium_below_seventy_percent() -> None:
    snapshot = consortium(orgs(69, OrgKind.SOCIAL_COOP, "s"), orgs(31, OrgKind.OTHER_COOP, "o"))
    result = check_l8(snapshot, PARAMS)
    assert result.status is Status.BREACH
    assert "(69%) < 70%" in explain_in("en", result, personal=True)


def test_it_breaches_a_consortium_of_fewer_than_three_co_ops() -> None:
    result = check_l8(consortium(orgs(2, OrgKind.SOCIAL_COOP, "s")), PARAMS)
    assert result.status is Status.BREACH
    assert "2 co-ops among the members, minimum 3 (too few)" in explain_in(
        "en", result, personal=True
    )


def test_it_passes_three_social_co_ops() -> None:
    result = check_l8(consortium(orgs(3, OrgKind.SOCIAL_COOP, "s")), PARAMS)
    assert result.status is Status.PASS


def test_it_counts_member_social_consortia_as_social_and_ignores_those_who_left() -> None:
    snapshot = consortium(
        orgs(2, OrgKind.SOCIAL_COOP, "s"),
        orgs(1, OrgKind.SOCIAL_CONSORTIUM, "c"),
        orgs(5, OrgKind.OTHER, "gone", left_on=date(2026, 6, 29)),
    )
    result = check_l8(snapshot, PARAMS)
    assert (result.status, result.denominator, result.details["coops"]) == (Status.PASS, 3, 3)


def test_it_does_not_apply_to_a_co_op() -> None:
    assert check_l8(coop(), PARAMS).status is Status.NOT_APPLICABLE
