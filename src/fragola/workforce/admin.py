from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from fragola.core.services import sensitive_read_log
from fragola.workforce.models import DisadvantageCertificate, Employment

ADMIN_PURPOSE = "Django admin"


@admin.register(Employment)
class EmploymentAdmin(SimpleHistoryAdmin):
    list_display = ("person", "organisation", "branch", "contract", "started_on", "ended_on")
    list_filter = ("branch", "contract")
    search_fields = ("person__last_name", "person__fiscal_code", "organisation__name")
    raw_id_fields = ("organisation", "person")


@admin.register(DisadvantageCertificate)
class DisadvantageCertificateAdmin(SimpleHistoryAdmin):
    """Art. 9 data: the list shows no category; superusers only (no per-role check here)."""

    list_display = ("pk", "organisation", "issued_on", "expires_on")
    raw_id_fields = ("organisation", "person")

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return bool(request.user.is_superuser)

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return bool(request.user.is_superuser)

    def _log_read(self, request: HttpRequest, object_id: str) -> None:
        """The change and history pages show the art. 9 category: each view is logged."""
        if not str(object_id).isdigit():
            return
        certificate = (
            DisadvantageCertificate.objects.filter(pk=object_id).select_related("person").first()
        )
        if certificate is None or not self.has_view_permission(request, certificate):
            return
        sensitive_read_log(
            user=request.user,  # type: ignore[arg-type]
            organisation_id=certificate.organisation_id,
            subject=str(certificate.person),
            object_type="workforce.disadvantagecertificate",
            object_id=str(certificate.pk),
            purpose=ADMIN_PURPOSE,
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self._log_read(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self._log_read(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self._log_read(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)
