"""Work-integration pages, under /org/<organisation_id>/integration/."""

from django.urls import URLPattern, path

from fragola.integration.views import conventions, projects, ratio, reports, sites

app_name = "integration"

P = "org/<id:organisation_id>/integration/"

urlpatterns: list[URLPattern] = [
    path(P, projects.project_list, name="project_list"),
    path(P + "projects/new/", projects.project_new, name="project_new"),
    path(P + "projects/<id:project_id>/", projects.project_detail, name="project_detail"),
    path(P + "projects/<id:project_id>/reviews/", projects.review_add, name="review_add"),
    path(P + "projects/<id:project_id>/close/", projects.project_close, name="project_close"),
    path(P + "ratio/", ratio.ratio, name="ratio"),
    path(P + "ratio/planned/", ratio.planned_add, name="planned_add"),
    path(P + "ratio/planned/<id:change_id>/remove/", ratio.planned_remove, name="planned_remove"),
    path(P + "conventions/", conventions.convention_wizard, name="convention_wizard"),
    path(P + "relief/", reports.relief_page, name="relief"),
    path(P + "relief/<id:year>-<id:month>.csv", reports.relief_csv, name="relief_csv"),
    path(P + "public-value/", reports.public_value_page, name="public_value"),
    path(P + "outcomes/", reports.outcomes_page, name="outcomes"),
    path(P + "sites/", sites.site_list, name="sites"),
    path(P + "sites/new/", sites.contract_new, name="contract_new"),
    path(P + "sites/<id:site_id>/", sites.site_detail, name="site_detail"),
    path(P + "sites/<id:site_id>/teams/", sites.team_add, name="team_add"),
    path(P + "sites/<id:site_id>/hours/", sites.site_timesheet, name="site_timesheet"),
    path(P + "teams/<id:team_id>/", sites.team_detail, name="team_detail"),
    path(P + "teams/<id:team_id>/workers/", sites.team_assign, name="team_assign"),
    path(P + "teams/<id:team_id>/hours/", sites.team_timesheet, name="team_timesheet"),
]
