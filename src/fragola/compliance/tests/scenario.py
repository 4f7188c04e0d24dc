"""Build co-ops with members, workers and certificates for the compliance tests."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.management import call_command

from fragola.registry.models import MemberCategory, Organisation, OrganisationType
from fragola.testing.factories import MembershipFactory, OrganisationFactory, PersonFactory
from fragola.workforce.models import DisadvantageCertificate, Employment

AS_OF = dt.date(2026, 6, 30)
SINCE = dt.date(2020, 2, 1)


def coop(type: str = OrganisationType.B, **kwargs: object) -> Organisation:
    return OrganisationFactory(type=type, founded_on=dt.date(2015, 1, 1), **kwargs)


def members(org: Organisation, n: int, category: str = MemberCategory.WORKER, **kwargs: object):
    return [
        MembershipFactory(organisation=org, category=category, admitted_on=SINCE, **kwargs)
        for _ in range(n)
    ]


def workers(
    org: Organisation,
    n: int,
    *,
    branch: str = "B",
    disadvantaged: bool = False,
    expires_on: dt.date | None = None,
) -> list[Employment]:
    made = []
    for _ in range(n):
        person = PersonFactory(organisation=org)
        made.append(
            Employment.objects.create(
                organisation=org,
                person=person,
                started_on=dt.date(2020, 1, 1),
                branch=branch,
                contract="employee",
            )
        )
        if disadvantaged:
            DisadvantageCertificate.objects.create(
                organisation=org,
                person=person,
                category="physical",
                certified_by="ASL Milano",
                issued_on=dt.date(2019, 6, 1),
                expires_on=expires_on,
            )
    return made


def check(org: Organisation, as_of: dt.date = AS_OF, *extra: str) -> tuple[int, dict]:
    """Run `fragola compliance check --json`; returns (exit code, parsed JSON)."""
    out = io.StringIO()
    code = 0
    try:
        call_command(
            "compliance",
            "check",
            "--coop",
            org.fiscal_code,
            "--as-of",
            as_of.isoformat(),
            "--json",
            "--lang",
            "en",
            *extra,
            stdout=out,
        )
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


def result(payload: dict, rule: str) -> dict:
    return next(x for x in payload["results"] if x["rule"] == rule)
