from datetime import date, timedelta

from fragola.compliance.wording import explain_in
from fragola_law import (
    CoopType,
    Employment,
    Severity,
    Status,
    check_l4_4,
    params_at,
)

from .builders import AS_OF, certificate, coop, disadvantaged, workers

PARAMS = params_at(AS_OF)
ALERT = timedelta(days=PARAMS.l4_4_expiry_alert_days)


def test_it_passes_valid_certificates_far_from_expiry() -> None:
    result = check_l4_4(coop(employments=disadvantaged(2, expires_on=date(2030, 1, 1))), PARAMS)
    assert result.status is Status.PASS
    assert "2 valid certificates, none expiring within 60 days" in explain_in(
        "en", result, personal=True
    )


def test_it_warns_of_a_certificate_expiring_on_the_last_alert_day() -> None:
    staff = disadvantaged(1, expires_on=AS_OF + ALERT) + disadvantaged(
        1, prefix="e", expires_on=AS_OF + ALERT + timedelta(days=1)
    )
    result = check_l4_4(coop(employments=staff), PARAMS)
    assert (result.status, result.severity) == (Status.WARNING, Severity.WARNING)
    assert result.details["expiring"] == (("d0", AS_OF + ALERT),)
    assert "1 certificazioni su 2 scadono entro 60 giorni (d0 29/08/2026)" in explain_in(
        "it", result, personal=True
    )


def test_it_warns_of_an_expired_certificate_while_still_employed() -> None:
    result = check_l4_4(coop(employments=disadvantaged(1, expires_on=date(2026, 5, 31))), PARAMS)
    assert result.status is Status.WARNING
    assert result.details["expired"] == (("d0", date(2026, 5, 31)),)
    assert "do not count for L4.2" in explain_in("en", result, personal=True)


def test_it_passes_a_renewed_certificate() -> None:
    renewed = (certificate(expires_on=date(2026, 5, 31)), certificate(date(2026, 5, 20), None))
    staff = (Employment("d0", date(2020, 1, 1), certificates=renewed),)
    assert check_l4_4(coop(employments=staff), PARAMS).status is Status.PASS


def test_it_ignores_certificates_of_workers_who_left() -> None:
    gone = disadvantaged(1, end=date(2026, 5, 1), expires_on=date(2026, 5, 31))
    result = check_l4_4(coop(employments=workers(3) + gone), PARAMS)
    assert result.status is Status.NOT_APPLICABLE


def test_it_does_not_apply_to_type_a_co_ops() -> None:
    snapshot = coop(coop_type=CoopType.A, employments=disadvantaged(1, expires_on=AS_OF))
    assert check_l4_4(snapshot, PARAMS).status is Status.NOT_APPLICABLE


def test_it_lists_the_first_five_workers_and_counts_the_rest() -> None:
    result = check_l4_4(coop(employments=disadvantaged(7, expires_on=date(2026, 7, 15))), PARAMS)
    assert (
        "(d0 2026-07-15, d1 2026-07-15, d2 2026-07-15, d3 2026-07-15, d4 2026-07-15 and 2 more)"
        in explain_in("en", result, personal=True)
    )
    assert len(result.details["expiring"]) == 7  # type: ignore[arg-type]
