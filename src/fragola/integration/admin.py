"""Work integration in the Django admin: every model, read-only (writes go through the services,
which check what the database alone cannot). A project says that its person is disadvantaged,
so projects and their reviews are for superusers only, like the disadvantage certificates."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fragola.integration.models import (
    Convention,
    IntegrationProject,
    JobSite,
    PlannedChange,
    ProjectReview,
    Team,
    TeamAssignment,
    TimesheetEntry,
    WorkContract,
)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SuperuserOnlyAdmin(ReadOnlyAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(IntegrationProject)
class IntegrationProjectAdmin(SuperuserOnlyAdmin):
    list_display = ("pk", "organisation", "status", "started_on", "ended_on")
    list_filter = ("status",)
    raw_id_fields = ("organisation", "person", "employment", "tutor")


@admin.register(ProjectReview)
class ProjectReviewAdmin(SuperuserOnlyAdmin):
    list_display = ("pk", "project", "scheduled_on")
    raw_id_fields = ("project",)


@admin.register(WorkContract)
class WorkContractAdmin(ReadOnlyAdmin):
    list_display = ("client", "organisation", "object_kind", "started_on", "ends_on")
    list_filter = ("object_kind",)
    search_fields = ("client", "organisation__name")


@admin.register(JobSite)
class JobSiteAdmin(ReadOnlyAdmin):
    list_display = ("name", "contract", "comune")
    search_fields = ("name",)


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin):
    list_display = ("name", "site")


@admin.register(TeamAssignment)
class TeamAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("team", "employment", "started_on", "ended_on")
    raw_id_fields = ("team", "employment")


@admin.register(TimesheetEntry)
class TimesheetEntryAdmin(ReadOnlyAdmin):
    list_display = ("employment", "day", "hours", "site")
    raw_id_fields = ("employment", "site")


@admin.register(PlannedChange)
class PlannedChangeAdmin(SuperuserOnlyAdmin):
    list_display = ("pk", "organisation", "kind", "on")


@admin.register(Convention)
class ConventionAdmin(ReadOnlyAdmin):
    list_display = ("public_body", "organisation", "object_kind", "checked_on", "signed_on")
    list_filter = ("object_kind",)
    search_fields = ("public_body", "organisation__name")
