"""All or nothing: every row is tried inside one transaction, which is kept only if all succeed.

A dry run goes through exactly the same writes and rolls them back, so its report (counts and
errors) is what the real import would do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from fragola.core.importing import messages as msg
from fragola.core.importing.result import ImportResult, RowError, errors_from_validation

T = TypeVar("T")


@contextmanager
def all_or_nothing(result: ImportResult) -> Iterator[None]:
    with transaction.atomic():
        yield
        if result.errors or result.dry_run:
            transaction.set_rollback(True)


def attempt(
    result: ImportResult,
    row: int,
    write: Callable[[], T],
    *,
    columns: dict[str, str],
    default_column: str,
) -> T | None:
    """Run one row's writes in a savepoint; record its errors instead of raising them."""
    try:
        with transaction.atomic():
            return write()
    except ValidationError as exc:
        result.errors.extend(errors_from_validation(row, exc, columns, default_column))
    except DatabaseError as exc:
        reason = str(msg.ERR_ROW_NOT_SAVED) % {"reason": exc.__class__.__name__}
        result.errors.append(RowError(row, default_column, reason))
    return None
