"""Django admin for the care app: for support staff. Health records are not listed here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from fragola.care.models import CarePlan, Carer, Commission, Expense, ServiceUser, Visit
from fragola.core.services import sensitive_read_log


@admin.register(ServiceUser)
class ServiceUserAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "organisation", "comune", "started_on")
    list_filter = ("organisation",)
    search_fields = ("last_name", "first_name")
    raw_id_fields = ("comune",)


@admin.register(Carer)
class CarerAdmin(admin.ModelAdmin):
    list_display = ("person", "organisation", "kind", "weekly_hours", "insured_until", "active")
    list_filter = ("organisation", "kind", "active")
    raw_id_fields = ("person", "user", "home_comune")


@admin.register(CarePlan)
class CarePlanAdmin(admin.ModelAdmin):
    list_display = ("service_user", "status", "valid_from", "review_on")
    raw_id_fields = ("service_user", "commission")

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The page shows the plan's goals (art. 9 data): each view is logged."""
        plans = CarePlan.objects.select_related("service_user")
        plan = plans.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if plan is not None and self.has_view_permission(request, plan):
            sensitive_read_log(
                user=request.user,  # type: ignore[arg-type]
                organisation_id=plan.service_user.organisation_id,
                subject=plan.service_user.display_name,
                object_type="care.CarePlan",
                object_id=str(plan.pk),
                purpose="Django admin",
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Commission)
class CommissionAdmin(admin.ModelAdmin):
    list_display = ("service_user", "funder_kind", "funder_name", "cig", "starts_on")
    raw_id_fields = ("service_user",)


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ("service_user", "starts_at", "status", "carer")
    list_filter = ("status", "organisation")
    raw_id_fields = ("service_user", "plan_service", "carer")
    date_hierarchy = "starts_at"


@admin.register(Expense)
class ExpenseAdmin(admin.ModelAdmin):
    list_display = ("carer", "day", "amount", "status")
    list_filter = ("status",)
    raw_id_fields = ("carer",)
