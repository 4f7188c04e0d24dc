"""Counting the queries of a list: the same number for one row as for ten, or the list queries
once per row.

The log of sensitive reads (``core_sensitiveread``) writes one row per record of art. 9 data a
page reads, by design: its inserts are counted apart from the other queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

LOG_INSERT = 'INSERT INTO "core_sensitiveread"'


@dataclass(frozen=True)
class Counted:
    """One request: the queries other than the log, the rows written to the log, the body."""

    queries: int
    logged: int
    body: bytes = field(repr=False)


def counted(client: Client, url: str, data: dict[str, Any] | None = None) -> Counted:
    """The second of two visits, whose caches (session, permissions) are warm."""
    client.get(url, data)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200, (url, response.status_code)
    logged = sum(1 for q in captured.captured_queries if q["sql"].startswith(LOG_INSERT))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Counted(len(captured) - logged, logged, body)


def one_and_ten(
    client: Client,
    url: str | Callable[[], str],
    add: Callable[[], object],
    data: dict[str, Any] | None = None,
) -> tuple[Counted, Counted]:
    """The list with one row added, then with ten (``add`` adds one row)."""
    where = url if callable(url) else (lambda: url)
    add()
    one = counted(client, where(), data)
    for _ in range(9):
        add()
    return one, counted(client, where(), data)
