from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from fragola.governance.models import Assembly, BoardSeat, Poll


@admin.register(BoardSeat)
class BoardSeatAdmin(SimpleHistoryAdmin):
    list_display = ("person", "organisation", "role", "started_on", "ended_on")
    list_filter = ("role",)
    raw_id_fields = ("organisation", "person")


@admin.register(Assembly)
class AssemblyAdmin(admin.ModelAdmin):
    list_display = ("organisation", "held_on", "kind")
    list_filter = ("kind",)
    raw_id_fields = ("organisation",)


# Ballots and who voted are deliberately not in the admin: no screen joins one to the other.
@admin.register(Poll)
class PollAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organisation", "kind", "closes_at", "opened_at", "closed_at")
    list_filter = ("kind",)
    raw_id_fields = ("organisation",)
    readonly_fields = ("opened_at", "closed_at")
