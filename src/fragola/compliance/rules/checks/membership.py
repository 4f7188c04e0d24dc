"""G1 (minimum number of members, one-year countdown) and HS1 (human scale guidance)."""

from __future__ import annotations

from datetime import date, timedelta

from .. import fmt
from ..enums import LegalForm, Severity, Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import Lang, RuleResult, make_result
from ..snapshot import CoopSnapshot, Member
from ..sources import G1, HUMAN_SCALE, SOURCES

NA_CONSORTIUM_IT = "per i consorzi il numero minimo di soci è verificato da L8."
NA_CONSORTIUM_EN = "for consortia the minimum membership is checked by L8."
ENOUGH_IT = "{count} soci al {day}, minimo {minimum}{model}."
ENOUGH_EN = "{count} members on {day}, minimum {minimum}{model}."
COUNTDOWN_IT = (
    "{count} soci al {day}, sotto il minimo di {minimum}{model} dal {since}: "
    "ricostituire entro il {deadline} ({left} giorni) o la società si scioglie."
)
COUNTDOWN_EN = (
    "{count} members on {day}, below the minimum of {minimum}{model} since {since}: "
    "restore by {deadline} ({left} days) or the co-op must be dissolved."
)
EXPIRED_IT = (
    "{count} soci al {day}, sotto il minimo di {minimum}{model} dal {since}: "
    "il termine di un anno è scaduto il {deadline}."
)
EXPIRED_EN = (
    "{count} members on {day}, below the minimum of {minimum}{model} since {since}: "
    "the one-year term ran out on {deadline}."
)
SRL_MODEL = {
    "it": " (modello S.r.l., tutti persone fisiche)",
    "en": " (S.r.l. model, all natural persons)",
}

NA_SCALE_IT = "i consorzi sono lo strumento per crescere restando piccoli."
NA_SCALE_EN = "consortia are the way to grow while staying small."
SCALE_OK_IT = "{count} soci, entro la scala umana di {limit}."
SCALE_OK_EN = "{count} members, within the human scale of {limit}."
SCALE_OVER_IT = (
    "{count} soci, oltre la scala umana di {limit}: valutare lo scorporo di una nuova "
    'cooperativa (modello "strawberry fields").'
)
SCALE_OVER_EN = (
    "{count} members, above the human scale of {limit}: consider spinning off a new "
    'co-op (the "strawberry fields" model).'
)


def minimum_members(members: list[Member], snapshot: CoopSnapshot, params: Parameters) -> int:
    srl_natural = snapshot.legal_form is LegalForm.SRL and all(m.is_natural_person for m in members)
    return params.g1_min_members_srl_natural if srl_natural else params.g1_min_members


def below_minimum_since(snapshot: CoopSnapshot, minimum: int) -> date:
    """First day of the current run of days with fewer than `minimum` members.

    A sweep over admissions and exits (linear after sorting); the co-op starts with no members on
    its founding date.
    """
    deltas: dict[date, int] = {}
    for m in snapshot.members:
        if m.admitted_on <= snapshot.as_of:
            deltas[m.admitted_on] = deltas.get(m.admitted_on, 0) + 1
            if m.exited_on is not None and m.exited_on < snapshot.as_of:
                left = m.exited_on + timedelta(days=1)
                deltas[left] = deltas.get(left, 0) - 1
    count, since = 0, snapshot.founded_on
    below = True
    for day in sorted(deltas):
        count += deltas[day]
        if count >= minimum:
            below = False
        elif not below:
            below, since = True, day
    return since


def check_g1(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[G1]
    if snapshot.is_consortium:
        return make_result(
            G1, Status.NOT_APPLICABLE, source=source, it=NA_CONSORTIUM_IT, en=NA_CONSORTIUM_EN
        )
    members = snapshot.active_members
    minimum = minimum_members(members, snapshot, params)
    srl = minimum == params.g1_min_members_srl_natural
    model = {lang: SRL_MODEL[lang] if srl else "" for lang in SRL_MODEL}
    common = {"count": len(members), "minimum": minimum}
    if len(members) >= minimum:
        return make_result(
            G1,
            Status.PASS,
            source=source,
            value=len(members),
            threshold=minimum,
            it=lambda: ENOUGH_IT.format(
                **common, model=model["it"], day=fmt.day(snapshot.as_of, "it")
            ),
            en=lambda: ENOUGH_EN.format(
                **common, model=model["en"], day=fmt.day(snapshot.as_of, "en")
            ),
        )
    since = below_minimum_since(snapshot, minimum)
    deadline = since + timedelta(days=params.g1_restore_days)
    left = (deadline - snapshot.as_of).days
    status = Status.WARNING if left >= 0 else Status.BREACH

    def text(lang: Lang, template: str) -> str:
        return template.format(
            **common,
            model=model[lang],
            day=fmt.day(snapshot.as_of, lang),
            since=fmt.day(since, lang),
            deadline=fmt.day(deadline, lang),
            left=left,
        )

    countdown = status is Status.WARNING
    return make_result(
        G1,
        status,
        source=source,
        value=len(members),
        threshold=minimum,
        it=lambda: text("it", COUNTDOWN_IT if countdown else EXPIRED_IT),
        en=lambda: text("en", COUNTDOWN_EN if countdown else EXPIRED_EN),
        details={"below_since": since, "deadline": deadline, "days_left": left},
    )


def check_human_scale(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    source = SOURCES[HUMAN_SCALE]
    if snapshot.is_consortium:
        return make_result(
            HUMAN_SCALE, Status.NOT_APPLICABLE, source=source, it=NA_SCALE_IT, en=NA_SCALE_EN
        )
    count = len(snapshot.active_members)
    limit = params.human_scale_max_members
    over = count > limit
    return make_result(
        HUMAN_SCALE,
        Status.WARNING if over else Status.PASS,
        source=source,
        severity=Severity.INFO,
        value=count,
        threshold=limit,
        it=lambda: (SCALE_OVER_IT if over else SCALE_OK_IT).format(count=count, limit=limit),
        en=lambda: (SCALE_OVER_EN if over else SCALE_OK_EN).format(count=count, limit=limit),
    )
