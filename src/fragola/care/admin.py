"""Django admin for the care app: for support staff. Health records are not listed here."""

from django.contrib import admin
from django.db.models import QuerySet

from fragola.care.models import CarePlan, Carer, Commission, Expense, ServiceUser, Visit
from fragola.core.admin import SensitiveDataAdmin


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
class CarePlanAdmin(SensitiveDataAdmin):
    """The page shows the plan's goals (art. 9 data): each view is logged."""

    list_display = ("service_user", "status", "valid_from", "review_on")
    raw_id_fields = ("service_user", "commission")
    sensitive_object_type = "care.CarePlan"

    def sensitive_rows(self) -> QuerySet[CarePlan]:
        return CarePlan.objects.select_related("service_user")

    def sensitive_subject(self, obj: CarePlan) -> tuple[int, str]:
        return obj.service_user.organisation_id, obj.service_user.display_name


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
