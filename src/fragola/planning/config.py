"""A co-op's planning settings (or the defaults) and the solver weights they give."""

from __future__ import annotations

from fragola.planning.models import PlanningSettings
from fragola.registry.models import Organisation
from fragola_solver import Weights


def planning_settings_for(organisation: Organisation) -> PlanningSettings:
    """The saved settings, or unsaved defaults (a co-op need not configure anything)."""
    found = PlanningSettings.objects.filter(organisation=organisation).first()
    return found or PlanningSettings(organisation=organisation)


def weights_of(config: PlanningSettings) -> Weights:
    return Weights(
        travel=config.travel_weight,
        tardiness=config.tardiness_weight,
        max_tardiness=0.0,
        overtime=config.overtime_weight,
        preference=config.preference_weight,
        left_out=config.volunteer_task_left_out,
        fairness=config.fairness_weight,
        continuity=config.continuity_weight,
    )
