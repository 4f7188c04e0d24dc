from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from fragola.procurement.models import (
    CommissionLink,
    Contract,
    ContractLot,
    ContractPrice,
    ContractShare,
    Executor,
    PublicBody,
    Tender,
    TenderFeed,
    TenderLot,
    WorkContractLink,
)


@admin.register(PublicBody)
class PublicBodyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "fiscal_code", "ipa_code", "split_payment")
    list_filter = ("kind", "split_payment")
    search_fields = ("name", "fiscal_code", "ipa_code")
    raw_id_fields = ("comune",)


class TenderLotInline(admin.TabularInline):
    model = TenderLot
    extra = 0
    raw_id_fields = ("comuni",)


class ExecutorInline(admin.TabularInline):
    model = Executor
    extra = 0
    raw_id_fields = ("coop",)


@admin.register(Tender)
class TenderAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organisation", "body", "cig", "procedure", "state", "submission_due")
    list_filter = ("state", "procedure")
    search_fields = ("title", "cig")
    raw_id_fields = ("organisation", "body")
    inlines = (TenderLotInline, ExecutorInline)


class ContractLotInline(admin.TabularInline):
    model = ContractLot
    extra = 0


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ("number", "organisation", "cig", "starts_on", "ends_on", "amount")
    search_fields = ("number", "cig")
    raw_id_fields = ("tender", "organisation")
    inlines = (ContractLotInline,)


class ContractPriceInline(admin.TabularInline):
    model = ContractPrice
    extra = 0


@admin.register(ContractLot)
class ContractLotAdmin(admin.ModelAdmin):
    list_display = ("contract", "number", "title", "service", "hours_per_month", "amount")
    raw_id_fields = ("contract",)
    inlines = (ContractPriceInline,)


@admin.register(ContractShare)
class ContractShareAdmin(SimpleHistoryAdmin):
    list_display = ("lot", "coop", "percent", "hours_per_month")
    raw_id_fields = ("lot", "coop")


@admin.register(CommissionLink)
class CommissionLinkAdmin(admin.ModelAdmin):
    list_display = ("commission", "share")
    raw_id_fields = ("commission", "share")


@admin.register(WorkContractLink)
class WorkContractLinkAdmin(admin.ModelAdmin):
    list_display = ("work_contract", "share")
    raw_id_fields = ("work_contract", "share")


@admin.register(TenderFeed)
class TenderFeedAdmin(admin.ModelAdmin):
    list_display = ("organisation", "created_at")
    raw_id_fields = ("organisation",)
    readonly_fields = ("token",)
