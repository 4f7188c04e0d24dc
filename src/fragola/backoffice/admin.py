from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from fragola.backoffice.models import (
    Agreement,
    AllocationRun,
    Charge,
    ChargeLine,
    CostPool,
    DriverValue,
    Escalation,
    PayRecord,
    ServiceRequest,
    TimeEntry,
)


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ("coop", "service", "starts_on", "ends_on", "monthly_fee", "startup_package")
    list_filter = ("service", "startup_package")
    raw_id_fields = ("consortium", "coop")


class EscalationInline(admin.TabularInline):
    model = Escalation
    extra = 0
    readonly_fields = ("breach", "due_at", "escalated_at")


class TimeEntryInline(admin.TabularInline):
    model = TimeEntry
    extra = 0
    raw_id_fields = ("user",)


@admin.register(ServiceRequest)
class ServiceRequestAdmin(SimpleHistoryAdmin):
    list_display = ("subject", "coop", "kind", "team", "status", "opened_at", "response_due")
    list_filter = ("status", "team", "kind")
    raw_id_fields = ("consortium", "coop", "opened_by")
    inlines = (EscalationInline, TimeEntryInline)


class CostPoolInline(admin.TabularInline):
    model = CostPool
    extra = 0


class DriverValueInline(admin.TabularInline):
    model = DriverValue
    extra = 0
    raw_id_fields = ("coop",)


@admin.register(AllocationRun)
class AllocationRunAdmin(SimpleHistoryAdmin):
    list_display = ("consortium", "period", "status", "approved_at")
    list_filter = ("status",)
    raw_id_fields = ("consortium", "replaces", "approved_by")
    inlines = (CostPoolInline, DriverValueInline)


class ChargeLineInline(admin.TabularInline):
    model = ChargeLine
    extra = 0
    readonly_fields = ("pool", "amount")


@admin.register(Charge)
class ChargeAdmin(SimpleHistoryAdmin):
    list_display = ("number", "coop", "issued_on", "net", "vat", "total")
    raw_id_fields = ("run", "consortium", "coop")
    readonly_fields = ("net", "vat_rate", "vat", "total")
    inlines = (ChargeLineInline,)


@admin.register(PayRecord)
class PayRecordAdmin(SimpleHistoryAdmin):
    list_display = ("person", "organisation", "year", "month", "gross_pay", "labour_cost")
    list_filter = ("year",)
    raw_id_fields = ("organisation", "person")
