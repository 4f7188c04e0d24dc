from django.contrib import admin

from fragola.planning.models import PlannedAssignment, PlanningRun, PlanningSettings


@admin.register(PlanningSettings)
class PlanningSettingsAdmin(admin.ModelAdmin):
    list_display = ("organisation", "travel_weight", "tardiness_weight", "overtime_weight")


@admin.register(PlanningRun)
class PlanningRunAdmin(admin.ModelAdmin):
    list_display = ("organisation", "kind", "period_start", "status", "progress", "objective")
    list_filter = ("kind", "status")


@admin.register(PlannedAssignment)
class PlannedAssignmentAdmin(admin.ModelAdmin):
    list_display = ("run", "visit", "carer", "starts_at", "late_minutes", "left_out")
    raw_id_fields = ("run", "visit", "carer", "previous_carer")
