"""Publishing a proposal: visits assigned, carers told by e-mail, each with a calendar feed."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.care.models import Carer
from fragola.planning.models import CarerFeed, PlanningRun, RunKind, RunStatus
from fragola.planning.notify import schedules_email
from fragola.planning.selectors import assignments_of
from fragola.planning.services.apply import apply_rows
from fragola.planning.services.stale import close_older_proposals, refuse_if_stale

ERR_NOT_PUBLISHABLE = _("Only a plan whose proposal is ready can be published.")


def carer_feed_get(*, carer: Carer) -> CarerFeed:
    feed, _created = CarerFeed.objects.get_or_create(carer=carer)
    return feed


@transaction.atomic
def planning_run_publish(*, run: PlanningRun, by: User | None, base_url: str = "") -> int:
    """Apply the proposal to the visits and e-mail each carer their visits (after the commit).
    Older open proposals of an overlapping period are closed (superseded); this one is refused
    if a newer one is already published. Returns how many visits were assigned."""
    run = PlanningRun.objects.select_for_update().get(pk=run.pk)
    refuse_if_stale(run)
    if run.kind != RunKind.PLAN or run.status != RunStatus.DONE:
        raise ValidationError({"run": ERR_NOT_PUBLISHABLE})
    rows = list(assignments_of(run))
    changed = apply_rows(rows, by)
    now = timezone.now()
    run.status, run.finished_at = RunStatus.ACCEPTED, run.finished_at or now
    run.published_by, run.published_at = by, now
    run.save(update_fields=["status", "finished_at", "published_by", "published_at", "updated_at"])
    close_older_proposals(run)
    carer_ids = {v.carer_id for v in changed if v.carer_id}
    for carer in Carer.objects.filter(pk__in=carer_ids):
        carer_feed_get(carer=carer)
    transaction.on_commit(
        lambda: schedules_email(run_id=run.pk, carer_ids=carer_ids, base_url=base_url)
    )
    return sum(1 for v in changed if v.carer_id)
