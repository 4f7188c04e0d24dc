"""Every write of work integration: projects and reviews (``projects``), client contracts, job
sites, teams and hours (``work``), art. 5 conventions (``conventions``).

The projects' services are also importable from here, as ``services.project_start``.
"""

from fragola.integration.services import conventions, work
from fragola.integration.services.projects import (
    ERR_CLOSED,
    ERR_DAY_HOURS,
    ERR_EMPLOYMENT_OTHER,
    ERR_END_BEFORE_START,
    ERR_HOURS,
    ERR_OUTCOME,
    ERR_PERSON_OTHER_ORG,
    ERR_PLANNED_END,
    ERR_PLANNED_END_BEFORE_START,
    ERR_PLANNED_KIND,
    ERR_REVIEW_OUTCOME,
    ERR_SERVICE,
    ERR_TUTOR_ROLE,
    ProjectData,
    planned_change_add,
    planned_change_remove,
    project_close,
    project_start,
    review_record,
    timesheet_record,
)

__all__ = [
    "ERR_CLOSED",
    "ERR_DAY_HOURS",
    "ERR_EMPLOYMENT_OTHER",
    "ERR_END_BEFORE_START",
    "ERR_HOURS",
    "ERR_OUTCOME",
    "ERR_PERSON_OTHER_ORG",
    "ERR_PLANNED_END",
    "ERR_PLANNED_END_BEFORE_START",
    "ERR_PLANNED_KIND",
    "ERR_REVIEW_OUTCOME",
    "ERR_SERVICE",
    "ERR_TUTOR_ROLE",
    "ProjectData",
    "conventions",
    "planned_change_add",
    "planned_change_remove",
    "project_close",
    "project_start",
    "review_record",
    "timesheet_record",
    "work",
]
