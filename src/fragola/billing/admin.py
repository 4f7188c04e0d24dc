"""Billing in the admin: to look, never to edit (every write goes through the services, and
files exchanged with the SdI are never changed)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from fragola.billing.models import (
    Customer,
    Invoice,
    InvoiceLine,
    IssuerProfile,
    NumberingSeries,
    ReceivedFile,
    SentFile,
)


class ViewOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ("number", "date", "organisation", "customer", "document_type", "state")
    list_filter = ("state", "document_type")
    inlines = (LineInline,)


@admin.register(Customer)
class CustomerAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ("__str__", "organisation", "kind", "office_code")
    list_filter = ("kind",)


@admin.register(IssuerProfile)
class IssuerProfileAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ("organisation", "kind", "tax_regime", "next_file")


@admin.register(NumberingSeries)
class NumberingSeriesAdmin(ViewOnly):
    list_display = ("organisation", "year", "last_number")


@admin.register(SentFile)
class SentFileAdmin(ViewOnly):
    list_display = ("name", "invoice", "sent_at", "sha256")
    exclude = ("content",)


@admin.register(ReceivedFile)
class ReceivedFileAdmin(ViewOnly):
    list_display = ("name", "kind", "organisation", "received_at", "sha256")
    exclude = ("content",)
