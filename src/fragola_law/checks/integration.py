"""L4.2 (disadvantaged workers at least 30 %, computed per L4.3) and L4.4 (certificate expiry)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from ..enums import CoopType, DenominatorMode, Status
from ..headcount import HeadcountAverage, average_heads
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import DetailValue, Fact, RuleResult, exact, make_result
from ..snapshot import CoopSnapshot, DisadvantageCertificate
from ..sources import L4_2, L4_4, SOURCES


def check_l4_2(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[L4_2]
    if not snapshot.has_b_branch:
        return make_result(L4_2, Status.NOT_APPLICABLE, "not_type_b", source=source)
    avg = average_heads(snapshot, params.l4_3_window_months)
    window: dict[str, Fact] = {
        "months": len(avg.samples),
        "on": snapshot.as_of,
        "b_branch_only": snapshot.coop_type is CoopType.AB,
    }
    if avg.workers == 0:
        return make_result(L4_2, Status.NOT_APPLICABLE, "no_workers", source=source, facts=window)
    mode = settings.l4_3_denominator
    denominator = avg.others if mode is DenominatorMode.NON_DISADVANTAGED else avg.workers
    details = _l4_2_details(snapshot, avg, mode)
    limit = params.l4_2_min_disadvantaged_share
    if denominator == 0:
        return make_result(
            L4_2,
            Status.PASS,
            "all_disadvantaged",
            source=source,
            facts={**window, "disadvantaged": exact(avg.disadvantaged)},
            threshold=limit,
            numerator=avg.disadvantaged,
            denominator=0,
            details=details,
        )
    ratio = avg.disadvantaged / denominator
    ok = ratio >= limit
    return make_result(
        L4_2,
        Status.PASS if ok else Status.BREACH,
        "ratio",
        source=source,
        facts={
            **window,
            "disadvantaged": exact(avg.disadvantaged),
            "denominator": exact(denominator),
            "denominator_mode": mode.value,
            "share": exact(ratio),
            "limit": exact(limit),
            "reached": ok,
        },
        value=ratio,
        threshold=limit,
        numerator=avg.disadvantaged,
        denominator=denominator,
        details=details,
    )


def _l4_2_details(
    snapshot: CoopSnapshot, avg: HeadcountAverage, mode: DenominatorMode
) -> dict[str, DetailValue]:
    today = snapshot.as_of
    non_members = {
        e.person_id
        for e in snapshot.certified_employments
        if not e.is_member
        and e.start <= today
        and (e.end is None or today <= e.end)
        and any(c.is_valid_on(today) for c in e.certificates)
    }
    return {
        "denominator_mode": mode.value,
        "window_start": avg.samples[0],
        "months": len(avg.samples),
        "average_workers": float(avg.workers),
        "workers_on_date": avg.worker_counts[-1],
        "disadvantaged_on_date": avg.disadvantaged_counts[-1],
        "disadvantaged_not_members": len(non_members),
    }


def check_l4_4(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[L4_4]
    if not snapshot.has_b_branch:
        return make_result(L4_4, Status.NOT_APPLICABLE, "not_type_b", source=source)
    today = snapshot.as_of
    certificates: dict[str, list[DisadvantageCertificate]] = {}
    for record in snapshot.certified_employments:
        if record.start <= today and (record.end is None or today <= record.end):
            issued = [c for c in record.certificates if c.issued_on <= today]
            if issued:
                certificates.setdefault(record.person_id, []).extend(issued)
    if not certificates:
        return make_result(L4_4, Status.NOT_APPLICABLE, "no_certificates", source=source)
    horizon = today + timedelta(days=params.l4_4_expiry_alert_days)
    expiring: list[tuple[str, date]] = []
    expired: list[tuple[str, date]] = []
    for person, certs in sorted(certificates.items()):
        valid = [c for c in certs if c.is_valid_on(today)]
        if not valid:
            expired.append((person, max(c.expires_on for c in certs if c.expires_on)))
        elif all(c.expires_on is not None for c in valid):
            last = max(c.expires_on for c in valid if c.expires_on)
            if last <= horizon:
                expiring.append((person, last))
    return _l4_4_result(params, len(certificates), expiring, expired)


def _l4_4_result(
    params: Parameters, n: int, expiring: list[tuple[str, date]], expired: list[tuple[str, date]]
) -> RuleResult:
    """Who is flagged goes in as (person id, date) pairs: the edge decides who may read them."""
    days = params.l4_4_expiry_alert_days
    flagged = len(expiring) + len(expired)
    return make_result(
        L4_4,
        Status.WARNING if flagged else Status.PASS,
        "flagged" if flagged else "valid",
        source=SOURCES[L4_4],
        facts={
            "certificates": n,
            "alert_days": days,
            "expiring": tuple(expiring),
            "expired": tuple(expired),
        },
        value=Fraction(flagged, n),
        threshold=0,
        numerator=flagged,
        denominator=n,
        details={
            "expiring": tuple(expiring),
            "expired": tuple(expired),
            "alert_days": days,
        },
    )
