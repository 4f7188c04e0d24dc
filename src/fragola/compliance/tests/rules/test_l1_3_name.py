import pytest

from fragola.compliance.wording import explain_in
from fragola_law import CoopType, Status, check_l1_3, params_at

from .builders import AS_OF, coop

PARAMS = params_at(AS_OF)


@pytest.mark.parametrize(
    "name",
    [
        "Fragola Cooperativa Sociale",
        "FRAGOLA SOCIETÀ COOPERATIVA SOCIALE ONLUS",
        "fragola cooperativa   sociale",
        "Fragola cooperativa\u00a0sociale a r.l.",
        "Fragola CooperativaSociale",
    ],
)
def test_it_accepts_the_phrase_whatever_the_case_and_spacing(name: str) -> None:
    assert check_l1_3(coop(legal_name=name), PARAMS).status is Status.PASS


def test_it_breaches_a_co_op_name_without_the_phrase() -> None:
    result = check_l1_3(coop(legal_name="Fragola Società Cooperativa"), PARAMS)
    assert result.status is Status.BREACH
    assert 'non contiene "cooperativa sociale"' in explain_in("it", result, personal=True)


def test_it_accepts_a_consortium_of_social_co_ops_in_the_plural() -> None:
    snapshot = coop(
        coop_type=CoopType.CONSORTIUM, legal_name="Consorzio di Cooperative Sociali Alba"
    )
    assert check_l1_3(snapshot, PARAMS).status is Status.PASS


def test_it_only_warns_a_consortium_without_the_phrase() -> None:
    snapshot = coop(coop_type=CoopType.CONSORTIUM, legal_name="Consorzio Alba")
    result = check_l1_3(snapshot, PARAMS)
    assert result.status is Status.WARNING
    assert "art. 8" in explain_in("en", result, personal=True)
