"""Reads of the workforce, scoped by the acting user. Disadvantage data (GDPR art. 9) is read
only here, only with ``Perm.READ_DISADVANTAGE`` (the co-op's administrator and tutor, never
through a consortium), and every read is logged (``SensitiveRead``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.http import Http404

from fragola.core.access import Perm, UserLike, access_organisation, has_perm
from fragola.core.services import sensitive_read_log
from fragola.registry.models import Organisation
from fragola.workforce.models import DisadvantageCertificate, Employment


@dataclass(frozen=True)
class WorkerRow:
    employment: Employment
    certificates: tuple[DisadvantageCertificate, ...]  # empty unless the reader may see them


def employments_on(organisation: Organisation, day: dt.date | None) -> QuerySet[Employment]:
    rows = Employment.objects.filter(organisation=organisation).select_related("person")
    if day is not None:
        rows = rows.filter(started_on__lte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day)
        )
    return rows.order_by("person__last_name", "person__first_name", "started_on", "pk")


def log_certificate_reads(
    *, user: AbstractBaseUser, certificates: list[DisadvantageCertificate], purpose: str
) -> None:
    for certificate in certificates:
        sensitive_read_log(
            user=user,  # type: ignore[arg-type]  # the stubs resolve it to the concrete User
            organisation_id=certificate.organisation_id,
            subject=certificate.person.display_name,
            object_type="workforce.disadvantagecertificate",
            object_id=str(certificate.pk),
            purpose=purpose,
        )


def worker_list(
    *, user: UserLike, organisation_id: int, day: dt.date | None, purpose: str
) -> tuple[Organisation, list[WorkerRow], bool]:
    """Workers of an organisation; certificates only for admin and tutor, each read logged.

    Returns the organisation, the rows and whether disadvantage data is included.
    """
    organisation = access_organisation(user, organisation_id, Perm.VIEW_ORGANISATION)
    personal = has_perm(user, organisation, Perm.READ_DISADVANTAGE)
    if not personal and not has_perm(user, organisation, Perm.VIEW_BOOK):
        raise Http404("No such organisation")
    employments = list(employments_on(organisation, day))
    if not personal:
        return organisation, [WorkerRow(e, ()) for e in employments], False
    certificates = list(
        DisadvantageCertificate.objects.filter(
            organisation=organisation, person_id__in={e.person_id for e in employments}
        ).select_related("person")
    )
    assert isinstance(user, AbstractBaseUser)
    log_certificate_reads(user=user, certificates=certificates, purpose=purpose)
    by_person: dict[int, list[DisadvantageCertificate]] = {}
    for certificate in certificates:
        by_person.setdefault(certificate.person_id, []).append(certificate)
    rows = [WorkerRow(e, tuple(by_person.get(e.person_id, ()))) for e in employments]
    return organisation, rows, True


def certificate_get(
    *, user: UserLike, organisation_id: int, certificate_id: int, purpose: str
) -> DisadvantageCertificate:
    """One certificate (e.g. to download its document), logged; a 404 for anyone else."""
    organisation = access_organisation(user, organisation_id, Perm.READ_DISADVANTAGE)
    certificate = (
        DisadvantageCertificate.objects.select_related("person")
        .filter(pk=certificate_id, organisation=organisation)
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate")
    assert isinstance(user, AbstractBaseUser)
    log_certificate_reads(user=user, certificates=[certificate], purpose=purpose)
    return certificate
