"""Care pages under /org/<id>/care/, the carer's /me/today/ and the family portal /family/."""

from django.urls import path

from fragola.care.views import (
    carers,
    expenses,
    family,
    figures,
    plans,
    today,
    users,
    visits,
    volunteer,
)

P = "org/<id:organisation_id>/care/"

urlpatterns = [
    path(P, users.care_home, name="care_home"),
    path(P + "users/new/", users.service_user_new, name="care_user_new"),
    path(P + "users/<id:user_id>/", users.service_user_detail, name="care_user"),
    path(P + "users/<id:user_id>/health/", users.service_user_health, name="care_user_health"),
    path(P + "users/<id:user_id>/consents/", users.consent_add, name="care_consent_add"),
    path(
        P + "users/<id:user_id>/consents/<id:consent_id>/withdraw/",
        users.consent_withdraw,
        name="care_consent_withdraw",
    ),
    path(P + "users/<id:user_id>/family/", users.family_add, name="care_family_add"),
    path(P + "users/<id:user_id>/commissions/", users.commission_add, name="care_commission_add"),
    path(P + "users/<id:user_id>/plans/new/", plans.plan_new, name="care_plan_new"),
    path(P + "plans/<id:plan_id>/", plans.plan_detail, name="care_plan"),
    path(P + "plans/<id:plan_id>/services/", plans.plan_service_add, name="care_plan_service"),
    path(P + "plans/<id:plan_id>/carers/", plans.plan_carers, name="care_plan_carers"),
    path(P + "plans/<id:plan_id>/generate/", plans.plan_generate, name="care_plan_generate"),
    path(P + "visits/", visits.visit_list, name="care_visits"),
    path(P + "visits/<id:visit_id>/assign/", visits.visit_assign, name="care_visit_assign"),
    path(P + "visits/<id:visit_id>/close/", visits.visit_close, name="care_visit_close"),
    path(P + "carers/", carers.carer_list, name="care_carers"),
    path(P + "carers/<id:carer_id>/absences/", carers.absence_add, name="care_absence_add"),
    path(P + "today/", today.today, name="care_today"),
    path(P + "visits/<id:visit_id>/check-in/", today.check_in, name="care_check_in"),
    path(P + "visits/<id:visit_id>/check-out/", today.check_out, name="care_check_out"),
    path("me/today/", today.me_today, name="care_me_today"),
    path(P + "volunteer/", volunteer.volunteer_home, name="care_volunteer"),
    path(P + "volunteer/tasks/<id:visit_id>/take/", volunteer.task_take, name="care_task_take"),
    path(P + "volunteer/availability/", volunteer.availability, name="care_availability"),
    path(P + "volunteer/hours/", volunteer.hours_log, name="care_hours_log"),
    path(P + "volunteer/expenses/", volunteer.expense_claim, name="care_expense_claim"),
    path(P + "expenses/", expenses.expense_list, name="care_expenses"),
    path(
        P + "expenses/<id:expense_id>/approve/",
        expenses.expense_approve,
        name="care_expense_approve",
    ),
    path(
        P + "expenses/<id:expense_id>/reject/", expenses.expense_reject, name="care_expense_reject"
    ),
    path(
        P + "expenses/<id:expense_id>/receipt/",
        expenses.expense_receipt,
        name="care_expense_receipt",
    ),
    path(P + "figures/", figures.figures_page, name="care_figures"),
    path(P + "figures/<slug:report>.csv", figures.figures_csv, name="care_figures_csv"),
    path("family/", family.family_home, name="family_home"),
    path("family/<id:user_id>/", family.family_relative, name="family_relative"),
]
