from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from fragola.registry.models import (
    Comune,
    ConsortiumMembership,
    Membership,
    Organisation,
    Person,
    Province,
    Region,
    Role,
    ShareMovement,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("istat_code", "name")
    search_fields = ("name", "istat_code")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("istat_code", "name", "abbreviation", "region")
    search_fields = ("name", "abbreviation", "istat_code")


@admin.register(Comune)
class ComuneAdmin(admin.ModelAdmin):
    list_display = ("istat_code", "cadastral_code", "name", "province", "latitude", "longitude")
    search_fields = ("name", "istat_code", "cadastral_code")
    list_select_related = ("province",)


class ConsortiumMembershipInline(admin.TabularInline):
    model = ConsortiumMembership
    fk_name = "consortium"
    extra = 0
    autocomplete_fields = ("member",)


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "type", "fiscal_code", "comune", "founded_on")
    list_filter = ("type", "legal_form")
    search_fields = ("name", "fiscal_code", "vat_number")
    autocomplete_fields = ("comune", "incubated_by", "comuni_served", "register_region")
    inlines = (ConsortiumMembershipInline,)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("display_name", "fiscal_code", "organisation", "kind")
    list_filter = ("kind",)
    search_fields = ("last_name", "first_name", "legal_name", "fiscal_code")
    autocomplete_fields = ("organisation", "comune", "user")


class ShareMovementInline(admin.TabularInline):
    model = ShareMovement
    extra = 0


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = (
        "member_number",
        "person",
        "organisation",
        "category",
        "admitted_on",
        "exited_on",
    )
    list_filter = ("category", "organisation")
    search_fields = ("person__last_name", "person__fiscal_code")
    autocomplete_fields = ("organisation", "person")
    inlines = (ShareMovementInline,)


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "name")
    list_filter = ("name",)
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("user", "organisation")
