from fragola.integration.models.conventions import Convention, ObjectKindChoice
from fragola.integration.models.projects import (
    IntegrationProject,
    Outcome,
    ProjectReview,
    ProjectStatus,
    ReferringService,
)
from fragola.integration.models.work import (
    JobSite,
    PlannedChange,
    PlannedKind,
    Team,
    TeamAssignment,
    TimesheetEntry,
    WorkContract,
)

__all__ = [
    "Convention",
    "IntegrationProject",
    "JobSite",
    "ObjectKindChoice",
    "Outcome",
    "PlannedChange",
    "PlannedKind",
    "ProjectReview",
    "ProjectStatus",
    "ReferringService",
    "Team",
    "TeamAssignment",
    "TimesheetEntry",
    "WorkContract",
]
