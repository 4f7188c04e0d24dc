"""The app was labelled ``scheduling`` before it became ``planning``. A database migrated then
has ``scheduling_*`` tables and ``scheduling`` rows in ``django_migrations``: each migration
of that time, wrapped in ``FromScheduling``, adopts what it already did (tables renamed to
their ``planning_*`` names, history and content types moved over, nothing else touched) instead
of doing it again; on any other database it simply runs. The module name starts with an
underscore, so the migration loader does not take it for a migration."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

OLD_LABEL = "scheduling"


def _applied_before(schema_editor: BaseDatabaseSchemaEditor, name: str) -> bool:
    connection = schema_editor.connection
    if "django_migrations" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM django_migrations WHERE app = %s AND name = %s", [OLD_LABEL, name]
        )
        return cursor.fetchone() is not None


def _move_history(schema_editor: BaseDatabaseSchemaEditor, app_label: str, name: str) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = %s AND name = %s", [OLD_LABEL, name]
        )
        if "django_content_type" in connection.introspection.table_names():
            # Permissions and admin history point at content types: keep them, relabelled.
            cursor.execute(
                "UPDATE django_content_type SET app_label = %s WHERE app_label = %s AND model "
                "NOT IN (SELECT model FROM django_content_type WHERE app_label = %s)",
                [app_label, OLD_LABEL, app_label],
            )


class FromScheduling(Operation):
    """``operations`` of migration ``name``, or their adoption when ``scheduling`` ran it."""

    reversible = True

    def __init__(self, name: str, operations: list[Operation]) -> None:
        self.name = name
        self.operations = operations

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [], {"name": self.name, "operations": self.operations})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        for operation in self.operations:
            operation.state_forwards(app_label, state)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if not _applied_before(schema_editor, self.name):
            for operation in self.operations:
                state = from_state.clone()
                operation.state_forwards(app_label, state)
                operation.database_forwards(app_label, schema_editor, from_state, state)
                from_state = state
            return
        for operation in self.operations:
            if isinstance(operation, migrations.CreateModel):
                model = to_state.apps.get_model(app_label, operation.name)
                old_table = f"{OLD_LABEL}_{operation.name_lower}"
                schema_editor.alter_db_table(model, old_table, model._meta.db_table)
        _move_history(schema_editor, app_label, self.name)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        states = [to_state]
        for operation in self.operations[:-1]:
            state = states[-1].clone()
            operation.state_forwards(app_label, state)
            states.append(state)
        after = from_state
        for operation, before in zip(reversed(self.operations), reversed(states), strict=True):
            operation.database_backwards(app_label, schema_editor, after, before)
            after = before

    def describe(self) -> str:
        return f"Apply {self.name}, or adopt it from the '{OLD_LABEL}' app"
