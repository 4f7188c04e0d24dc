from django.contrib import admin

from fragola.compliance.models import ComplianceAlert, ComplianceOverride, ComplianceSettings


@admin.register(ComplianceSettings)
class ComplianceSettingsAdmin(admin.ModelAdmin):
    list_display = ("organisation", "l4_3_denominator", "g4_count_volunteers")
    raw_id_fields = ("organisation",)


@admin.register(ComplianceOverride)
class ComplianceOverrideAdmin(admin.ModelAdmin):
    list_display = ("organisation", "change_kind", "change_on", "actor", "created_at")
    readonly_fields = [f.name for f in ComplianceOverride._meta.fields]


@admin.register(ComplianceAlert)
class ComplianceAlertAdmin(admin.ModelAdmin):
    list_display = ("organisation", "rule", "status", "created_at", "resolved_at")
    list_filter = ("status", "rule")
    raw_id_fields = ("organisation",)
