from django.contrib import admin
from django.db.models import QuerySet
from simple_history.admin import SimpleHistoryAdmin

from fragola.core.admin import SensitiveHistoryAdmin
from fragola.workforce.models import DisadvantageCertificate, Employment


@admin.register(Employment)
class EmploymentAdmin(SimpleHistoryAdmin):
    list_display = ("person", "organisation", "branch", "contract", "started_on", "ended_on")
    list_filter = ("branch", "contract")
    search_fields = ("person__last_name", "person__fiscal_code", "organisation__name")
    raw_id_fields = ("organisation", "person")


@admin.register(DisadvantageCertificate)
class DisadvantageCertificateAdmin(SensitiveHistoryAdmin):
    """Art. 9 data: the list shows no category; superusers only (no per-role check here).

    The change and history pages show the art. 9 category: each view is logged.
    """

    sensitive_object_type = "workforce.disadvantagecertificate"

    list_display = ("pk", "organisation", "issued_on", "expires_on")
    raw_id_fields = ("organisation", "person")

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return bool(request.user.is_superuser)

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return bool(request.user.is_superuser)

    def sensitive_rows(self) -> QuerySet[DisadvantageCertificate]:
        return DisadvantageCertificate.objects.select_related("person")

    def sensitive_subject(self, obj: DisadvantageCertificate) -> tuple[int, str]:
        return obj.organisation_id, str(obj.person)
