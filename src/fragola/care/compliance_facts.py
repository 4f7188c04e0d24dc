"""What home care tells the compliance engine: volunteers' insurance and rostered days (L2.2).

Read by ``fragola.compliance.adapter`` (compliance sits above home care). Two queries for any
number of co-operatives.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from fragola.care.models import Carer, Visit
from fragola.care.models.choices import CarerKind, VisitStatus
from fragola.compliance import rules as r

# The care app records when cover ends, not when it began: count it from the beginning.
COVER_START_UNKNOWN = dt.date.min


def volunteer_facts(org_ids: Collection[int] | None) -> dict[int, list[r.VolunteerFact]]:
    volunteers = Carer.objects.filter(kind=CarerKind.VOLUNTEER)
    visits = Visit.objects.filter(carer__kind=CarerKind.VOLUNTEER).exclude(
        status=VisitStatus.CANCELLED
    )
    if org_ids is not None:
        volunteers = volunteers.filter(organisation_id__in=list(org_ids))
        visits = visits.filter(organisation_id__in=list(org_ids))
    days: dict[int, set[dt.date]] = defaultdict(set)
    for carer_id, day in visits.values_list("carer_id", "day").distinct():
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
