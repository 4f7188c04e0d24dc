from fragola.compliance.wording import explain_in
from fragola_law import CoopType, Severity, Status, check_human_scale, params_at

from .builders import AS_OF, coop, members

PARAMS = params_at(AS_OF)


def test_it_is_content_with_a_hundred_members() -> None:
    assert check_human_scale(coop(members=members(100)), PARAMS).status is Status.PASS


def test_it_suggests_a_spin_off_above_a_hundred_members() -> None:
    result = check_human_scale(coop(members=members(101)), PARAMS)
    assert (result.status, result.severity) == (Status.WARNING, Severity.INFO)
    assert result.source == "Conaty 2014, human scale guidance"
    assert "spinning off a new co-op" in explain_in("en", result, personal=True)


def test_it_leaves_consortia_alone() -> None:
    snapshot = coop(coop_type=CoopType.CONSORTIUM, members=members(200))
    assert check_human_scale(snapshot, PARAMS).status is Status.NOT_APPLICABLE
