from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from fragola.governance.models import Assembly, BoardSeat


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
