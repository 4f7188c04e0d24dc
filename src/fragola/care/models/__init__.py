"""Home care for type A co-ops: service users, plans (PAI), carers, visits and volunteers."""

from fragola.care.models.carers import Absence, Availability, Carer, CarerQualification
from fragola.care.models.choices import (
    CARE_TYPES,
    LIVE_STATUSES,
    OPEN_STATUSES,
    VOLUNTEER_KINDS,
    AbsenceKind,
    CarerKind,
    ConsentPurpose,
    ExpenseStatus,
    FunderKind,
    PlanStatus,
    Qualification,
    ServiceKind,
    TwoCarerMode,
    VisitStatus,
)
from fragola.care.models.people import (
    Consent,
    FamilyMember,
    FamilyMessage,
    HealthRecord,
    ServiceUser,
)
from fragola.care.models.plans import AuthorisedHours, CarePlan, Commission, PlanService
from fragola.care.models.visits import Expense, Visit, VolunteerLog

__all__ = [
    "CARE_TYPES",
    "LIVE_STATUSES",
    "OPEN_STATUSES",
    "VOLUNTEER_KINDS",
    "Absence",
    "AbsenceKind",
    "AuthorisedHours",
    "Availability",
    "CarePlan",
    "Carer",
    "CarerKind",
    "CarerQualification",
    "Commission",
    "Consent",
    "ConsentPurpose",
    "Expense",
    "ExpenseStatus",
    "FamilyMember",
    "FamilyMessage",
    "FunderKind",
    "HealthRecord",
    "PlanService",
    "PlanStatus",
    "Qualification",
    "ServiceKind",
    "ServiceUser",
    "TwoCarerMode",
    "Visit",
    "VisitStatus",
    "VolunteerLog",
]
