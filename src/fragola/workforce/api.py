"""The workforce API: a co-op's workers, with disadvantage data only for its admin and tutor.

Same rules as the workers page: every read of a certificate is logged (GDPR art. 9).
"""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from fragola.core.api import NOT_FOUND, Id
from fragola.workforce import selectors

router = Router(tags=["workforce"])


class CertificateOut(Schema):
    category: str
    certified_by: str
    issued_on: dt.date
    expires_on: dt.date | None


class WorkerOut(Schema):
    employment_id: int
    fiscal_code: str
    first_name: str
    last_name: str
    branch: str
    contract: str
    started_on: dt.date
    ended_on: dt.date | None
    weekly_hours: str | None
    certificates: list[CertificateOut] | None  # None: not readable by the caller


class WorkersOut(Schema):
    organisation: str
    includes_disadvantage: bool
    workers: list[WorkerOut]


@router.get("/organisations/{organisation_id}/workers", response={200: WorkersOut, **NOT_FOUND})
def worker_list(request: HttpRequest, organisation_id: Id, all: bool = False) -> WorkersOut:
    """Current workers (``all=true``: every contract, past included)."""
    day = None if all else timezone.localdate()
    organisation, rows, personal = selectors.worker_list(
        user=request.user,
        organisation_id=organisation_id,
        day=day,
        purpose="workers (API)",
    )
    workers = [
        WorkerOut(
            employment_id=row.employment.pk,
            fiscal_code=row.employment.person.fiscal_code,
            first_name=row.employment.person.first_name,
            last_name=row.employment.person.last_name,
            branch=row.employment.branch,
            contract=row.employment.contract,
            started_on=row.employment.started_on,
            ended_on=row.employment.ended_on,
            weekly_hours=(
                None if row.employment.weekly_hours is None else str(row.employment.weekly_hours)
            ),
            certificates=(
                [
                    CertificateOut(
                        category=c.category,
                        certified_by=c.certified_by,
                        issued_on=c.issued_on,
                        expires_on=c.expires_on,
                    )
                    for c in row.certificates
                ]
                if personal
                else None
            ),
        )
        for row in rows
    ]
    return WorkersOut(
        organisation=organisation.fiscal_code, includes_disadvantage=personal, workers=workers
    )
