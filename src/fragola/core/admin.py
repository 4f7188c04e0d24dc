from django.contrib import admin

from fragola.core.models import PersonalAccessToken, SensitiveRead


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
