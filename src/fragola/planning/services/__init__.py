"""Writes of the planning app, one module per subject; import the functions from here."""

from fragola.planning.services.execute import planning_run_execute
from fragola.planning.services.moves import MoveEffect, planning_move_apply, planning_move_preview
from fragola.planning.services.publish import carer_feed_get, planning_run_publish
from fragola.planning.services.reap import planning_runs_reap_stale
from fragola.planning.services.repair import (
    planning_repair_accept,
    planning_repair_reject,
    planning_repair_start,
)
from fragola.planning.services.runs import planning_run_start

__all__ = [
    "MoveEffect",
    "carer_feed_get",
    "planning_move_apply",
    "planning_move_preview",
    "planning_repair_accept",
    "planning_repair_reject",
    "planning_repair_start",
    "planning_run_execute",
    "planning_run_publish",
    "planning_run_start",
    "planning_runs_reap_stale",
]
