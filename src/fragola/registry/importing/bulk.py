"""Write a planned import in short batches, with its history rows, and undo it from them.

Each batch is its own transaction of at most ``BATCH_SIZE`` rows, so that other users' writes
wait for one batch (a fraction of a second) and never for the whole import. The history rows
(django-simple-history's tables) are written in bulk beside the rows, with the importing user
and, as change reason, the import's ``tag``. Those tagged history rows are the import's journal:
``journal_undo`` deletes what the import created and puts back what it changed, so a failed or
interrupted import leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connections, models, transaction
from django.utils import timezone

from fragola.registry.importing.members_plan import PERSON_FIELDS, MemberPlan
from fragola.registry.models import Membership, Person, ShareMovement

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BATCH_SIZE = 2000
MEMBERSHIP_FIELDS = (
    "category",
    "applied_on",
    "admitted_on",
    "member_number",
    "rejected_on",
    "exited_on",
    "exit_reason",
)
# Undo in this order: a movement needs its membership, a membership its person.
JOURNALED: tuple[type[models.Model], ...] = (ShareMovement, Membership, Person)

M = TypeVar("M", bound=models.Model)
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Author:
    """Who the history rows name: the user (web) and the tag (``import #12 · fragola …``)."""

    user: User | None
    tag: str


def chunks(items: Sequence[M], size: int = BATCH_SIZE) -> Iterator[Sequence[M]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def plan_write(plan: MemberPlan, *, author: Author, progress: Progress) -> None:
    """Write the plan batch by batch; ``progress`` gets the number of rows written so far."""
    done = 0
    now = timezone.now()
    for person in plan.changed_people:
        person.updated_at = now
    steps: list[tuple[Sequence[Any], Callable[[Sequence[Any]], None]]] = [
        (plan.new_people, lambda batch: _create(Person, batch, author)),
        (plan.changed_people, lambda b: _update(Person, b, [*PERSON_FIELDS, "updated_at"], author)),
        (plan.new_memberships, lambda batch: _create_memberships(batch, author)),
        (plan.changed_memberships, lambda b: _update_memberships(b, author, now)),
        (plan.movements, lambda batch: _create_movements(batch, author)),
    ]
    for items, write in steps:
        for batch in chunks(items):
            with transaction.atomic():
                write(batch)
            done += len(batch)
            progress(done)


def _create(model: type[M], objs: Sequence[M], author: Author) -> None:
    rows_insert(model, objs)
    history_insert(model, objs, author, history_type="+")


# What one statement may carry: SQLite's default limit of host parameters (3.32 and newer) and
# PostgreSQL's protocol limit, whichever the backend has.
MAX_PARAMS = {"sqlite": 32_766, "postgresql": 65_535}


def rows_insert(model: type[M], objs: Sequence[M]) -> None:
    """Insert new rows and set their ids: ``bulk_create`` without its per-value compiling.

    The ORM prepares every value of every row through the field's methods; for 100,000
    members that is most of an import's time. Here each field's adapter is found once and the
    rows go in multi-row ``INSERT … RETURNING`` statements (the same SQL ``bulk_create`` writes
    on both backends). The timestamps are one ``now`` for the batch.
    """
    if not objs:
        return
    connection = connections[model._default_manager.db]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    now = timezone.now()
    adapters = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)
            adapters.append(_constant(connection.ops.adapt_datetimefield_value(now)))
        else:
            adapters.append(_adapter(field, connection))
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(field.column)) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    head = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES "  # noqa: S608
    pk = model._meta.pk
    if pk is None:  # every table Fragola imports into has an id
        raise TypeError(f"{model._meta.label} has no primary key")
    tail = f" RETURNING {quote(str(pk.column))}"
    per_statement = MAX_PARAMS.get(connection.vendor, 999) // len(fields)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            part = objs[start : start + per_statement]
            params = [
                adapt(getattr(obj, field.attname))
                for obj in part
                for field, adapt in zip(fields, adapters, strict=True)
            ]
            cursor.execute(head + ", ".join([row] * len(part)) + tail, params)
            for obj, (pk,) in zip(part, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = connection.alias


def _constant(value: Any) -> Callable[[Any], Any]:
    return lambda _value: value


def _update(model: type[M], objs: Sequence[M], fields: list[str], author: Author) -> None:
    model._default_manager.bulk_update(list(objs), fields)
    history_insert(model, objs, author, history_type="~")


def history_insert(
    model: type[models.Model], objs: Sequence[models.Model], author: Author, *, history_type: str
) -> None:
    """The rows django-simple-history would write, as one ``executemany``.

    Its own ``bulk_history_create`` builds a model instance per row and lets the ORM compile
    each value: on a 100,000-member book that is most of the import's time. The history table's
    columns are the tracked fields plus who, when, why and how.
    """
    history = model.history.model  # type: ignore[attr-defined]
    connection = connections[history.objects.db]
    tracked = list(history.tracked_fields)
    adapters = [_adapter(field, connection) for field in tracked]
    columns = [field.column for field in tracked]
    columns += ["history_date", "history_change_reason", "history_type", "history_user_id"]
    stamp = (
        connection.ops.adapt_datetimefield_value(timezone.now()),
        author.tag,
        history_type,
        author.user.pk if author.user is not None else None,
    )
    rows = [
        (
            *(adapt(getattr(obj, f.attname)) for f, adapt in zip(tracked, adapters, strict=True)),
            *stamp,
        )
        for obj in objs
    ]
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    table = quote(history._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


def _adapter(field: models.Field[Any, Any], connection: Any) -> Callable[[Any], Any]:
    """How the database wants this field's values (what the ORM does, once per field)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda value: ops.adapt_decimalfield_value(value, digits, places)
    return lambda value: value


def _create_memberships(batch: Sequence[Membership], author: Author) -> None:
    for membership in batch:
        membership.person_id = membership.person.pk
    _create(Membership, batch, author)


def _update_memberships(batch: Sequence[Membership], author: Author, now: Any) -> None:
    for membership in batch:
        membership.updated_at = now
    _update(Membership, batch, [*MEMBERSHIP_FIELDS, "updated_at"], author)


def _create_movements(batch: Sequence[tuple[Membership, ShareMovement]], author: Author) -> None:
    movements = []
    for membership, movement in batch:
        movement.membership_id = membership.pk
        movements.append(movement)
    _create(ShareMovement, movements, author)


def journal_undo(tag: str) -> int:
    """Delete the rows the import tagged ``tag`` created, restore those it changed.

    Returns the number of rows put back. Each step is a short transaction; running it twice is
    harmless (the second run finds no tagged rows).
    """
    undone = 0
    for model in JOURNALED:
        undone += _undo_model(model, tag)
    return undone


def _undo_model(model: type[models.Model], tag: str) -> int:
    history = model.history.model  # type: ignore[attr-defined]
    tagged = history.objects.filter(history_change_reason=tag)
    created = list(tagged.filter(history_type="+").values_list("id", flat=True))
    for batch in chunks(created):
        with transaction.atomic():
            model._default_manager.filter(pk__in=batch).delete()
            # The objects are gone: so is their history (and the "deleted" rows just written).
            history.objects.filter(id__in=batch).delete()
    changed = list(tagged.filter(history_type="~").values_list("history_id", "id"))
    for batch in chunks(changed):
        with transaction.atomic():
            for history_id, object_id in batch:
                _restore(model, history, object_id, history_id)
    for batch in chunks(list(tagged.values_list("history_id", flat=True))):
        with transaction.atomic():
            history.objects.filter(history_id__in=batch).delete()
    return len(created) + len(changed)


def _restore(model: type[models.Model], history: Any, object_id: int, history_id: int) -> None:
    """Put back the values of the history row before the import's change."""
    before = (
        history.objects.filter(id=object_id, history_id__lt=history_id)
        .order_by("-history_id")
        .first()
    )
    if before is None:
        return
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in ("updated_at", "created_at")
    ]
    values = {name: getattr(before, name) for name in names if hasattr(before, name)}
    model._default_manager.filter(pk=object_id).update(**values)
