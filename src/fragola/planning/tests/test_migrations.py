"""A database migrated while the app was labelled ``scheduling`` migrates forward to ``planning``
keeping its planning runs (tables renamed, history and content types moved over)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fragola.planning.migrations._legacy import OLD_LABEL
from fragola.planning.models import PlanningRun
from fragola.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

MODELS = ("carerfeed", "plannedassignment", "planningrun", "planningsettings")
OLD = ("0001_initial", "0002_superseded_and_unavailable")


def _executor() -> MigrationExecutor:
    return MigrationExecutor(connection)


def _leaf() -> tuple[str, str]:
    return next(n for n in _executor().loader.graph.leaf_nodes() if n[0] == "planning")


def _as_if_labelled_scheduling() -> None:
    """Turn the test database into one the ``scheduling`` app left at its 0002."""
    executor = _executor()
    executor.migrate([("planning", OLD[-1])])
    with connection.schema_editor() as editor:
        for model in MODELS:
            editor.execute(
                editor.sql_rename_table
                % {
                    "old_table": editor.quote_name(f"planning_{model}"),
                    "new_table": editor.quote_name(f"{OLD_LABEL}_{model}"),
                }
            )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'planning'")
        for name in OLD:
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
                [OLD_LABEL, name, dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)],
            )
        cursor.execute(
            "UPDATE django_content_type SET app_label = %s WHERE app_label = 'planning'",
            [OLD_LABEL],
        )
        organisation = OrganisationFactory()
        cursor.execute(
            "INSERT INTO scheduling_planningrun (created_at, updated_at, organisation_id, kind, "
            "period_start, period_end, status, progress, message, time_limit, breakdown, "
            "visit_count, objective) VALUES (%s, %s, %s, 'plan', %s, %s, 'accepted', 100, '', "
            "60, '{}', 3, 42.5)",
            [
                dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC),
                dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC),
                organisation.pk,
                dt.date(2026, 11, 30),
                dt.date(2026, 12, 6),
            ],
        )


def test_a_database_of_the_scheduling_app_keeps_its_runs():
    _as_if_labelled_scheduling()
    executor = _executor()
    executor.loader.build_graph()
    executor.migrate([_leaf()])
    tables = set(connection.introspection.table_names())
    assert {f"planning_{m}" for m in MODELS} <= tables
    assert not {f"{OLD_LABEL}_{m}" for m in MODELS} & tables
    run = PlanningRun.objects.get()
    assert (run.status, run.objective, run.visit_count) == ("accepted", 42.5, 3)
    assert run.published_by is None and run.heartbeat_at is None  # later columns added
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT app FROM django_migrations WHERE app IN ('planning', %s)", [OLD_LABEL]
        )
        apps = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT COUNT(*) FROM django_content_type WHERE app_label = %s", [OLD_LABEL])
        left = cursor.fetchone()[0]
    assert apps.count("planning") == 3 and OLD_LABEL not in apps
    assert left == 0
    PlanningRun.objects.create(
        organisation=run.organisation,
        period_start=dt.date(2026, 12, 7),
        period_end=dt.date(2026, 12, 7),
    )
    assert PlanningRun.objects.count() == 2
