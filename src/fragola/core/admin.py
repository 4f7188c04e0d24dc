from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from fragola.core.models import PersonalAccessToken, SensitiveRead
from fragola.core.services import sensitive_read_log

ADMIN_PURPOSE = "Django admin"


class SensitiveDataAdmin(admin.ModelAdmin):
    """Admin of GDPR art. 9 data: each view of an object's page is written to SensitiveRead.

    A subclass names the object type it logs and says whose data an object is.
    """

    sensitive_object_type = ""

    def sensitive_rows(self) -> QuerySet[Any]:
        return self.model._default_manager.all()

    def sensitive_subject(self, obj: Any) -> tuple[int, str]:
        """The organisation id and the person the object is about."""
        raise NotImplementedError

    def log_sensitive_read(self, request: HttpRequest, object_id: str) -> None:
        if not str(object_id).isdigit():
            return
        obj: Model | None = self.sensitive_rows().filter(pk=object_id).first()
        if obj is None or not self.has_view_permission(request, obj):
            return
        organisation_id, subject = self.sensitive_subject(obj)
        sensitive_read_log(
            user=request.user,  # type: ignore[arg-type]  # the admin's user is logged in
            organisation_id=organisation_id,
            subject=subject,
            object_type=self.sensitive_object_type,
            object_id=str(obj.pk),
            purpose=ADMIN_PURPOSE,
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self.log_sensitive_read(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)


class SensitiveHistoryAdmin(SensitiveDataAdmin, SimpleHistoryAdmin):
    """The same for a model with history: its history pages show the data too."""

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self.log_sensitive_read(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self.log_sensitive_read(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "token_hash", "created_at", "last_used_at")


@admin.register(SensitiveRead)
class SensitiveReadAdmin(admin.ModelAdmin):
    list_display = ("read_at", "user", "organisation_id", "object_type", "subject", "purpose")
    list_filter = ("object_type",)
    date_hierarchy = "read_at"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
