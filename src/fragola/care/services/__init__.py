"""Writes of the care app, one module per subject; import the functions from here."""

from fragola.care.services.carers import (
    absence_record,
    availability_set,
    carer_register,
    qualification_add,
)
from fragola.care.services.people import (
    commission_create,
    consent_record,
    consent_withdraw,
    family_member_add,
    family_message_send,
    health_record_update,
    service_user_register,
)
from fragola.care.services.plans import (
    care_plan_create,
    plan_carers_set,
    plan_service_add,
    visits_generate,
)
from fragola.care.services.visits import (
    visit_assign,
    visit_cancel,
    visit_check_in,
    visit_check_out,
    visit_mark_missed,
)
from fragola.care.services.volunteers import (
    expense_approve,
    expense_claim,
    expense_reject,
    volunteer_hours_log,
    volunteer_task_take,
)

__all__ = [
    "absence_record",
    "availability_set",
    "care_plan_create",
    "carer_register",
    "commission_create",
    "consent_record",
    "consent_withdraw",
    "expense_approve",
    "expense_claim",
    "expense_reject",
    "family_member_add",
    "family_message_send",
    "health_record_update",
    "plan_carers_set",
    "plan_service_add",
    "qualification_add",
    "service_user_register",
    "visit_assign",
    "visit_cancel",
    "visit_check_in",
    "visit_check_out",
    "visit_mark_missed",
    "visits_generate",
    "volunteer_hours_log",
    "volunteer_task_take",
]
