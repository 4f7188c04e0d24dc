"""The planning services' refusals reach the user with their field and message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fragola.planning import services
from fragola.planning.models import PlannedAssignment, PlanningRun, RunKind, RunStatus
from fragola.planning.services import moves, repair, runs
from fragola.registry.models import OrganisationType
from fragola.testing.factories import OrganisationFactory
from fragola.testing.factories_apps import CarerFactory, PlanningRunFactory

pytestmark = pytest.mark.django_db


def _messages(exc: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return exc.value.message_dict[field]


def test_it_gives_the_planner_at_most_ten_minutes() -> None:
    organisation = OrganisationFactory(type=OrganisationType.A)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.planning_run_start(
            organisation=organisation, start=today, end=today, actor=None, time_limit=601
        )
    assert _messages(exc, "time_limit") == [str(runs.ERR_TIME_LIMIT)]
    assert not PlanningRun.objects.filter(organisation=organisation).exists()


def test_it_moves_nothing_in_a_proposal_already_published() -> None:
    run = PlanningRunFactory(status=RunStatus.ACCEPTED)
    with pytest.raises(ValidationError) as exc:
        services.planning_move_preview(
            run=run,
            assignment=PlannedAssignment(run=run),
            carer=CarerFactory(organisation=run.organisation),
            starts_at=timezone.now(),
        )
    assert _messages(exc, "visit") == [str(moves.ERR_NOT_MOVABLE)]


def test_it_moves_a_visit_to_a_carer_of_the_same_co_op_only() -> None:
    run = PlanningRunFactory()
    with pytest.raises(ValidationError) as exc:
        services.planning_move_preview(
            run=run,
            assignment=PlannedAssignment(run=run),
            carer=CarerFactory(),
            starts_at=timezone.now(),
        )
    assert _messages(exc, "carer") == [str(moves.ERR_CARER)]


def test_it_repairs_with_a_carer_of_the_same_co_op_only() -> None:
    organisation = OrganisationFactory(type=OrganisationType.A)
    with pytest.raises(ValidationError) as exc:
        services.planning_repair_start(
            organisation=organisation,
            carer=CarerFactory(),
            day=timezone.localdate(),
            actor=None,
        )
    assert _messages(exc, "carer") == [str(repair.ERR_CARER)]
    assert not PlanningRun.objects.filter(organisation=organisation).exists()


@pytest.mark.parametrize(
    ("kind", "status"), [(RunKind.PLAN, RunStatus.DONE), (RunKind.REPAIR, RunStatus.RUNNING)]
)
def test_it_rejects_only_a_repair_whose_proposal_is_ready(kind: str, status: str) -> None:
    run = PlanningRunFactory(kind=kind, status=status)
    with pytest.raises(ValidationError) as exc:
        services.planning_repair_reject(run=run, by=None)
    assert _messages(exc, "run") == [str(repair.ERR_NOT_READY)]
    run.refresh_from_db()
    assert run.status == status


@pytest.mark.usefixtures("immediate", "fast_solver")
def test_a_move_that_breaks_a_rule_is_refused_naming_the_rule(
    planning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.planning_run_start(
            organisation=planning.world.alfa,
            start=planning.start,
            end=planning.end,
            actor=planning.world.bob,
            time_limit=2,
        )
    run.refresh_from_db()
    row = PlannedAssignment.objects.filter(run=run, visit__plan_service=planning.pair_service)[0]
    refused = planning.care.walter  # Giovanni refuses Walter
    effect = services.planning_move_preview(
        run=run, assignment=row, carer=refused, starts_at=row.starts_at
    )
    assert effect.new_violations
    with pytest.raises(ValidationError) as exc:
        services.planning_move_apply(
            run=run, assignment=row, carer=refused, starts_at=row.starts_at
        )
    expected = moves.ERR_WORSE % {"violations": "; ".join(effect.new_violations)}
    assert _messages(exc, "carer") == [str(expected)]
    row.refresh_from_db()
    assert row.carer_id != refused.pk
