"""L4.2 (disadvantaged workers at least 30 %, computed per L4.3) and L4.4 (certificate expiry)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from .. import fmt
from ..enums import CoopType, DenominatorMode, Status
from ..headcount import HeadcountAverage, average_heads, counted_employments
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import DetailValue, Lang, RuleResult, make_result
from ..snapshot import CoopSnapshot, DisadvantageCertificate
from ..sources import L4_2, L4_4, SOURCES

NA_TYPE_IT = "si applica solo alle cooperative di tipo B o A+B."
NA_TYPE_EN = "applies only to type B or A+B co-ops."
NO_WORKERS_IT = "nessun lavoratore{branch} nei {n} mesi fino al {day}."
NO_WORKERS_EN = "no workers{branch} in the {n} months to {day}."
RATIO_IT = (
    "in media {d} lavoratori svantaggiati su {den} {den_label} ({pct}) {op} {limit}; "
    "media di {n} mesi al {day}{branch}{mode}."
)
RATIO_EN = (
    "on average {d} disadvantaged workers against {den} {den_label} ({pct}) {op} {limit}; "
    "average of {n} months to {day}{branch}{mode}."
)
DEN_LABEL = {
    ("it", DenominatorMode.NON_DISADVANTAGED): "non svantaggiati",
    ("en", DenominatorMode.NON_DISADVANTAGED): "non-disadvantaged",
    ("it", DenominatorMode.TOTAL): "lavoratori in totale",
    ("en", DenominatorMode.TOTAL): "workers in total",
}
ALL_DISADVANTAGED_IT = (
    "tutti i {d} lavoratori in media sono svantaggiati; media di {n} mesi al {day}."
)
ALL_DISADVANTAGED_EN = (
    "all {d} workers on average are disadvantaged; average of {n} months to {day}."
)
BRANCH_B: dict[Lang, str] = {"it": ", solo ramo B", "en": ", B branch only"}
IN_BRANCH_B: dict[Lang, str] = {"it": " del ramo B", "en": " in the B branch"}
LANGS: tuple[Lang, ...] = ("it", "en")
STRICT_NOTE: dict[Lang, str] = {"it": ", modalità rigorosa D/W", "en": ", strict mode D/W"}
MORE: dict[Lang, str] = {"it": " e altri {k}", "en": " and {k} more"}
LISTED = 5

NO_CERTIFICATES_IT = "nessun lavoratore in forza con certificazione di svantaggio."
NO_CERTIFICATES_EN = "no employed worker holds a disadvantage certificate."
CERTS_OK_IT = "{n} certificazioni valide, nessuna in scadenza entro {days} giorni."
CERTS_OK_EN = "{n} valid certificates, none expiring within {days} days."
CERTS_EXPIRING_IT = "{k} certificazioni su {n} scadono entro {days} giorni ({ids})."
CERTS_EXPIRING_EN = "{k} of {n} certificates expire within {days} days ({ids})."
CERTS_EXPIRED_IT = (
    "{k} lavoratori in forza con certificazione scaduta ({ids}): non contano per L4.2 "
    "e l'esonero contributivo L4.5 va verificato."
)
CERTS_EXPIRED_EN = (
    "{k} employed workers with an expired certificate ({ids}): they do not count for L4.2 "
    "and the L4.5 contribution relief must be checked."
)


def check_l4_2(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[L4_2]
    if not snapshot.has_b_branch:
        return make_result(L4_2, Status.NOT_APPLICABLE, source=source, it=NA_TYPE_IT, en=NA_TYPE_EN)
    avg = average_heads(snapshot, params.l4_3_window_months)
    n = len(avg.samples)
    mixed = snapshot.coop_type is CoopType.AB
    branch = {lang: BRANCH_B[lang] if mixed else "" for lang in LANGS}
    if avg.workers == 0:
        in_branch = {lang: IN_BRANCH_B[lang] if mixed else "" for lang in LANGS}
        return make_result(
            L4_2,
            Status.NOT_APPLICABLE,
            source=source,
            it=lambda: NO_WORKERS_IT.format(
                branch=in_branch["it"], n=n, day=fmt.day(snapshot.as_of, "it")
            ),
            en=lambda: NO_WORKERS_EN.format(
                branch=in_branch["en"], n=n, day=fmt.day(snapshot.as_of, "en")
            ),
        )
    mode = settings.l4_3_denominator
    denominator = avg.others if mode is DenominatorMode.NON_DISADVANTAGED else avg.workers
    details = _l4_2_details(snapshot, avg, mode)
    limit = params.l4_2_min_disadvantaged_share
    if denominator == 0:
        return make_result(
            L4_2,
            Status.PASS,
            source=source,
            threshold=limit,
            numerator=avg.disadvantaged,
            denominator=0,
            details=details,
            it=ALL_DISADVANTAGED_IT.format(
                d=fmt.num(avg.disadvantaged, "it"), n=n, day=fmt.day(snapshot.as_of, "it")
            ),
            en=ALL_DISADVANTAGED_EN.format(
                d=fmt.num(avg.disadvantaged, "en"), n=n, day=fmt.day(snapshot.as_of, "en")
            ),
        )
    ratio = avg.disadvantaged / denominator
    ok = ratio >= limit

    def text(lang: Lang, template: str) -> str:
        return template.format(
            d=fmt.num(avg.disadvantaged, lang),
            den=fmt.num(denominator, lang),
            den_label=DEN_LABEL[(lang, mode)],
            pct=fmt.pct(ratio, lang, limit),
            op="≥" if ok else "<",
            limit=fmt.pct(limit, lang),
            n=n,
            day=fmt.day(snapshot.as_of, lang),
            branch=branch[lang],
            mode=STRICT_NOTE[lang] if mode is DenominatorMode.TOTAL else "",
        )

    return make_result(
        L4_2,
        Status.PASS if ok else Status.BREACH,
        source=source,
        it=lambda: text("it", RATIO_IT),
        en=lambda: text("en", RATIO_EN),
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
        for e in counted_employments(snapshot)
        if e.is_employed_on(today)
        and not e.is_member
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
        return make_result(L4_4, Status.NOT_APPLICABLE, source=source, it=NA_TYPE_IT, en=NA_TYPE_EN)
    today = snapshot.as_of
    certificates: dict[str, list[DisadvantageCertificate]] = {}
    for record in counted_employments(snapshot):
        if record.is_employed_on(today):
            issued = [c for c in record.certificates if c.issued_on <= today]
            if issued:
                certificates.setdefault(record.person_id, []).extend(issued)
    if not certificates:
        return make_result(
            L4_4, Status.NOT_APPLICABLE, source=source, it=NO_CERTIFICATES_IT, en=NO_CERTIFICATES_EN
        )
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
    days = params.l4_4_expiry_alert_days
    flagged = len(expiring) + len(expired)
    templates: dict[Lang, tuple[str, str]] = {
        "it": (CERTS_EXPIRING_IT, CERTS_EXPIRED_IT),
        "en": (CERTS_EXPIRING_EN, CERTS_EXPIRED_EN),
    }

    def text(lang: Lang) -> str:
        if not flagged:
            return (CERTS_OK_IT if lang == "it" else CERTS_OK_EN).format(n=n, days=days)
        words = ""
        for items, template in zip((expiring, expired), templates[lang], strict=True):
            if items:
                ids = ", ".join(f"{p} {fmt.day(d, lang)}" for p, d in items[:LISTED])
                if len(items) > LISTED:
                    ids += MORE[lang].format(k=len(items) - LISTED)
                words += (" " if words else "") + template.format(
                    k=len(items), n=n, days=days, ids=ids
                )
        return words

    return make_result(
        L4_4,
        Status.WARNING if flagged else Status.PASS,
        source=SOURCES[L4_4],
        it=lambda: text("it"),
        en=lambda: text("en"),
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
