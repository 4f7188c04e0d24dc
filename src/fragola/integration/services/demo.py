"""Work-integration demo data for the demo's type B (and A+B) co-ops.

``integration_demo_load(organisations=..., today=..., people=...)`` gives each such co-op 64
current workers (21 disadvantaged, about 33 %: the 30 % holds with room), a few past ones,
integration projects at every stage (active with reviews held and scheduled, closed with each
outcome), a contract with a job site, teams and a week of timesheets, planned changes for the
forecast, and, for the first co-op, two conventions with comuni. Hires and certificates go
through the workforce services; the people come from the demo app (``people(coop, rng)`` gives a
saved natural person of the co-op). Idempotent: a co-op that already has integration projects
is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from fragola.integration import services
from fragola.integration.models import IntegrationProject, Outcome, PlannedKind, ReferringService
from fragola.integration.services import work
from fragola.integration.services.conventions import ConventionData, convention_record
from fragola.registry.models import Organisation, Person, Role, RoleName
from fragola.workforce import services as workforce
from fragola.workforce.models import Branch, Contract, Employment
from fragola_law import DisadvantageCategory as Code

PersonMaker = Callable[[Organisation, random.Random], Person]

B_TYPES = ("B", "AB")
OTHERS, DISADVANTAGED = 43, 21
CATEGORIES = (
    Code.PHYSICAL, Code.MENTAL, Code.SENSORY, Code.PSYCHIATRIC_TREATMENT, Code.ADDICTION,
    Code.ALCOHOL, Code.ALTERNATIVE_MEASURE, Code.PRISONER, Code.PSYCHIATRIC_FORMER,
)  # fmt: skip
SERVICE_FOR = {
    Code.ADDICTION: ReferringService.SERD,
    Code.ALCOHOL: ReferringService.SERD,
    Code.PSYCHIATRIC_TREATMENT: ReferringService.CSM,
    Code.PSYCHIATRIC_FORMER: ReferringService.CSM,
    Code.PRISONER: ReferringService.UEPE,
    Code.ALTERNATIVE_MEASURE: ReferringService.UEPE,
}
GOALS = (
    "Autonomia negli spostamenti; rispetto degli orari; uso sicuro del decespugliatore.",
    "Lavoro in squadra; gestione dei conflitti; patentino per le macchine agricole.",
    "Puntualità; cura delle attrezzature; conoscenza delle essenze arboree.",
)


@dataclass
class IntegrationDemoSummary:
    coops: int = 0
    workers: int = 0
    disadvantaged: int = 0
    projects: int = 0
    conventions: int = 0


def _hire(coop: Organisation, person: Person, start: dt.date, end: dt.date | None,
          rng: random.Random) -> Employment:  # fmt: skip
    return workforce.employment_start(
        organisation=coop,
        person=person,
        data=workforce.EmploymentData(
            started_on=start,
            ended_on=end,
            branch=Branch.B,
            contract=Contract.FIXED_TERM if end else Contract.MEMBER_WORKER,
            weekly_hours=Decimal(rng.choice([20, 25, 30, 38])),
            is_member=end is None,
        ),
        check=False,
    )


def _certify(coop: Organisation, person: Person, category: str, issued: dt.date,
             expires: dt.date | None) -> None:  # fmt: skip
    workforce.certificate_record(
        organisation=coop,
        person=person,
        data=workforce.CertificateData(
            category=category, issued_on=issued, expires_on=expires,
            certified_by="ASST Bergamo Est" if category in ("physical", "mental", "sensory")
            else "SSN / UEPE Bergamo",
        ),
        scan=False,
    )  # fmt: skip


def _workforce(
    coop: Organisation, rng: random.Random, today: dt.date, people: PersonMaker
) -> list[Employment]:
    """Others first, then the disadvantaged (returned), each with a certificate."""
    for i in range(OTHERS):
        start = today - dt.timedelta(days=400 + rng.randrange(2000))
        end = today + dt.timedelta(days=40 + 30 * i) if i % 15 == 0 else None
        _hire(coop, people(coop, rng), start, end, rng)
    disadvantaged = []
    for i in range(DISADVANTAGED):
        person = people(coop, rng)
        category = CATEGORIES[i % len(CATEGORIES)]
        start = today - dt.timedelta(days=120 + rng.randrange(1500))
        end = today + dt.timedelta(days=50) if i == 3 else None
        expires = None if category in ("physical", "sensory") else today + dt.timedelta(
            days=45 + 60 * (i % 6)
        )  # fmt: skip
        if category == "prisoner":  # released a few months ago: relief continues (DM 148/2014)
            expires = today - dt.timedelta(days=90)
        _certify(coop, person, category, start - dt.timedelta(days=30), expires)
        disadvantaged.append(_hire(coop, person, start, end, rng))
    return disadvantaged


def _tutor_id(coop: Organisation) -> int | None:
    role = Role.objects.filter(organisation=coop, name=RoleName.TUTOR).first()
    return role.user_id if role else None


def _projects(coop: Organisation, employments: list[Employment], rng: random.Random,
              today: dt.date) -> int:  # fmt: skip
    tutor = _tutor_id(coop)
    for i, employment in enumerate(employments):
        category = CATEGORIES[i % len(CATEGORIES)]
        project = services.project_start(
            organisation=coop,
            person=employment.person,
            data=services.ProjectData(
                referring_service=SERVICE_FOR.get(category, ReferringService.SOCIAL),
                referrer_name=rng.choice(["dott.ssa Rota", "dott. Carminati", "A.S. Locatelli"]),
                referrer_contact="035 000 0000",
                goals=GOALS[i % len(GOALS)],
                skills_plan="Formazione sicurezza (D.Lgs 81/2008); affiancamento a un caposquadra.",
                weekly_hours=employment.weekly_hours or Decimal(20),
                started_on=employment.started_on,
                planned_end_on=max(employment.started_on, today) + dt.timedelta(days=365),
                tutor_id=tutor,
                employment=employment,
                had_outside_work=i % 2 == 0,
            ),
        )
        _reviews(project, i, today)
    return len(employments)


def _reviews(project: IntegrationProject, i: int, today: dt.date) -> None:
    held = project.started_on + dt.timedelta(days=90)
    if held < today:
        services.review_record(
            project=project, scheduled_on=held, held=True,
            participants="tutor, referente del servizio, lavoratore",
            outcome="Obiettivi del primo trimestre raggiunti; si prosegue.",
        )  # fmt: skip
    services.review_record(
        project=project, scheduled_on=today + dt.timedelta(days=14 + 7 * (i % 8)), held=False
    )


def _past_paths(coop: Organisation, rng: random.Random, today: dt.date, people: PersonMaker) -> int:
    """Closed projects: two hired on the open market, one dropped out, one renewed."""
    outcomes = [Outcome.HIRED_OPEN_MARKET, Outcome.HIRED_OPEN_MARKET, Outcome.DROPPED_OUT,
                Outcome.CONTRACT_RENEWED]  # fmt: skip
    for i, outcome in enumerate(outcomes):
        person = people(coop, rng)
        start = today - dt.timedelta(days=700 + 40 * i)
        end = today - dt.timedelta(days=60 + 30 * i)
        _certify(coop, person, "addiction", start - dt.timedelta(days=20), None)
        employment = _hire(coop, person, start, end, rng)
        project = services.project_start(
            organisation=coop, person=person,
            data=services.ProjectData(
                referring_service=ReferringService.SERD, referrer_name="dott. Carminati",
                goals=GOALS[0], weekly_hours=Decimal(25), started_on=start,
                tutor_id=_tutor_id(coop), employment=employment,
            ),
        )  # fmt: skip
        services.project_close(project=project, ended_on=end, outcome=outcome)
    return len(outcomes)


def _work(coop: Organisation, people: list[Employment], today: dt.date, client: str) -> None:
    contract = work.work_contract_create(
        organisation=coop, client=client, object_kind="green_maintenance",
        description="Manutenzione del verde pubblico", value_net_of_vat=Decimal("180000.00"),
        started_on=today - dt.timedelta(days=200), ends_on=today + dt.timedelta(days=530),
    )  # fmt: skip
    site = work.job_site_create(contract=contract, name="Parchi e aiuole", comune=coop.comune)
    for n, team_name in enumerate(["Squadra Nord", "Squadra Sud"]):
        team = work.team_create(site=site, name=team_name)
        for employment in people[n * 5 : n * 5 + 5]:
            work.team_assign(team=team, employment=employment, started_on=today)
            for back in range(1, 8):
                day = today - dt.timedelta(days=back)
                if day.weekday() < 5:
                    services.timesheet_record(
                        employment=employment, day=day, hours=Decimal("6.50"), site_id=site.pk
                    )


def _plans(coop: Organisation, employments: list[Employment], today: dt.date) -> None:
    services.planned_change_add(
        organisation=coop,
        kind=PlannedKind.HIRE,
        disadvantaged=True,
        on=today + dt.timedelta(days=75),
        note="Tirocinio UEPE",
    )
    services.planned_change_add(
        organisation=coop,
        kind=PlannedKind.HIRE,
        on=today + dt.timedelta(days=120),
        note="Caposquadra",
    )
    services.planned_change_add(organisation=coop, kind=PlannedKind.END,
                                employment=employments[0], on=today + dt.timedelta(days=200),
                                note="Pensionamento previsto")  # fmt: skip


def _conventions(coop: Organisation, today: dt.date) -> int:
    made = 0
    served = list(coop.comuni_served.all()[:2]) or [coop.comune, coop.comune]
    specs = [("green_maintenance", Decimal("180000.00")), ("cleaning", Decimal("95000.00"))]
    for comune, (kind, value) in zip(served * 2, specs, strict=False):
        convention_record(
            organisation=coop,
            data=ConventionData(
                public_body=f"Comune di {comune.name}", comune=comune, object_kind=kind,
                value_net_of_vat=value, checked_on=today - dt.timedelta(days=200 - 90 * made),
                job_plan_summary="3 inserimenti lavorativi con tutor dedicato per 24 mesi.",
                notice_reference=f"Avviso pubblico prot. {4100 + made}",
                invitees="Cooperativa Sentiero\nCooperativa Il Ponte\nCooperativa Aurora",
                scoring="Cooperativa Sentiero: 86\nCooperativa Il Ponte: 74",
            ),
        )  # fmt: skip
        made += 1
    return made


@transaction.atomic
def integration_demo_load(
    *, organisations: Iterable[Organisation], today: dt.date, people: PersonMaker
) -> IntegrationDemoSummary:
    """The work-integration demo of each type B co-op; ``people`` gives it a saved worker."""
    summary = IntegrationDemoSummary()
    coops = [o for o in organisations if o.type in B_TYPES]
    rng = random.Random(4381)
    for n, coop in enumerate(coops):
        if IntegrationProject.objects.filter(organisation=coop).exists():
            continue
        disadvantaged = _workforce(coop, rng, today, people)
        summary.projects += _projects(coop, disadvantaged, rng, today)
        summary.projects += _past_paths(coop, rng, today, people)
        current = list(Employment.objects.filter(organisation=coop, ended_on__isnull=True))
        _work(coop, current, today, client=f"Comune di {coop.comune.name}")
        _plans(coop, current, today)
        if n == 0:
            summary.conventions += _conventions(coop, today)
        summary.coops += 1
        summary.workers += OTHERS + DISADVANTAGED
        summary.disadvantaged += DISADVANTAGED
    return summary
