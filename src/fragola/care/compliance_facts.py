"""What home care tells the compliance engine: volunteers' insurance and rostered days (L2.2).

Read by ``fragola.compliance.adapter`` (compliance sits above home care). Two queries for any
number of co-operatives.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable

from django.db import connection
from django.db.models import QuerySet

import fragola_law as r
from fragola.care.models import Carer, Visit
from fragola.care.models.choices import CarerKind, VisitStatus

# The care app records when cover ends, not when it began: count it from the beginning.
COVER_START_UNKNOWN = dt.date.min


def volunteer_facts(org_ids: Collection[int] | None) -> dict[int, list[r.VolunteerFact]]:
    volunteers = Carer.objects.filter(kind=CarerKind.VOLUNTEER)
    if org_ids is not None:
        volunteers = volunteers.filter(organisation_id__in=list(org_ids))
    days: dict[int, set[dt.date]] = defaultdict(set)
    for carer_id, day in _rostered_days(volunteers):
        days[carer_id].add(day)
    facts: dict[int, list[r.VolunteerFact]] = defaultdict(list)
    rows = volunteers.values_list("pk", "organisation_id", "insured_until")
    for pk, org_id, insured_until in rows:
        facts[org_id].append(
            r.VolunteerFact(
                volunteer_id=str(pk),
                insured_from=COVER_START_UNKNOWN if insured_until else None,
                insured_until=insured_until,
                rostered_on=tuple(sorted(days.get(pk, ()))),
            )
        )
    return facts


def _rostered_days(volunteers: QuerySet[Carer]) -> Iterable[tuple[int, dt.date]]:
    """Each volunteer's distinct days with a visit that was not cancelled.

    A quarter of the carers are volunteers but they make few visits: PostgreSQL, judging from
    the carers, expects a quarter of a million visits and reads the whole table (a second on a
    million visits). Asking volunteer by volunteer (a lateral join on the carer's index) reads
    only their rows. Other databases plan the plain join that way already.
    """
    visits = Visit.objects.filter(carer__in=volunteers).exclude(status=VisitStatus.CANCELLED)
    if connection.vendor != "postgresql":
        return visits.values_list("carer_id", "day").distinct()
    carers_sql, params = volunteers.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT carer.id, visit.day FROM ({carers_sql}) AS carer(id)
                CROSS JOIN LATERAL (
                    SELECT DISTINCT day FROM {Visit._meta.db_table}
                    WHERE carer_id = carer.id AND status <> %s
                ) AS visit""",  # noqa: S608  (table name and a compiled queryset, no user text)
            [*params, VisitStatus.CANCELLED],
        )
        return cursor.fetchall()
