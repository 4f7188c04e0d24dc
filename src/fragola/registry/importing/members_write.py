"""Import the members' book from a file: check everything, then write in batches, or nothing.

1. Read and type every row (``members.parse_member``); 2. plan against the book in memory
(``members_plan``); any error so far and nothing is written, and a dry run stops here with the
same counts and errors the import would give. 3. Write the plan in short batches with its
history (``bulk``); if a batch fails, what the earlier ones wrote is undone from the journal.
4. Report the past breaches of the rules the book shows (``breaches``); they do not stop the
import: the book records the past, and only changes made from now on are vetted.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.db import DatabaseError
from django.utils import timezone

from fragola.core import vetting
from fragola.core.importing import messages as core_msg
from fragola.core.importing.result import FileProblem, ImportResult, RowError
from fragola.core.importing.table import Table, read_table
from fragola.registry.importing.bulk import Author, journal_undo, plan_write
from fragola.registry.importing.columns import MEMBER_COLUMNS, MEMBER_REQUIRED
from fragola.registry.importing.jobs import (
    ERR_INTERRUPTED,
    JobAbandoned,
    job_author_tag,
    job_create,
    job_fail,
    job_finish,
    job_progress,
    job_start,
)
from fragola.registry.importing.members import MemberRow, duplicate_errors, parse_member
from fragola.registry.importing.members_plan import MemberPlan, book_state_load, plan_members
from fragola.registry.importing.models import ImportJob, ImportKind
from fragola.registry.models import Comune, Organisation
from fragola.registry.selectors import book_past_breaches

logger = logging.getLogger(__name__)
BEAT_EVERY = 5000  # rows read between two signs of life on the status row
Percent = Callable[[int], None]


def members_check(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    today: dt.date,
    dry_run: bool,
    beat: Percent = lambda percent: None,
) -> tuple[ImportResult, MemberPlan | None]:
    """Read, check and plan the whole file; nothing is written. ``beat`` gets the progress."""
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(content, filename, columns=MEMBER_COLUMNS, required=MEMBER_REQUIRED)
    except FileProblem as exc:
        result.errors.extend(exc.errors)
        return result, None
    rows = _parse_rows(table, result, beat)
    state = book_state_load(organisation)
    beat(15)
    plan = plan_members(
        organisation=organisation, rows=rows, state=state, today=today, result=result
    )
    beat(20)
    return result, plan if result.ok else None


def import_members(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    dry_run: bool,
    today: dt.date | None = None,
    job: ImportJob | None = None,
    source: str = "",
) -> ImportResult:
    """Import the members' book of ``organisation``: all rows or, if any is bad, none.

    ``job`` is the status row to keep up to date (one is made when none is given); its user,
    or else ``source`` (the command's name), is recorded on every history row written.
    """
    day = today or timezone.localdate()
    if job is None and not dry_run:
        job = job_create(
            organisation=organisation, kind=ImportKind.MEMBERS, filename=filename, source=source
        )
        job_start(job)
    try:
        return _import(job, organisation, content, filename, dry_run=dry_run, day=day)
    except JobAbandoned:
        # Declared dead while alive (silent too long): undo what was written since, and stop.
        assert job is not None
        journal_undo(job_author_tag(job))
        failed = ImportResult(dry_run=dry_run)
        failed.errors.append(RowError(0, "file", str(ERR_INTERRUPTED)))
        return failed


def _import(
    job: ImportJob | None,
    organisation: Organisation,
    content: bytes,
    filename: str,
    *,
    dry_run: bool,
    day: dt.date,
) -> ImportResult:
    beat = _beat_for(job)
    result, plan = members_check(
        organisation=organisation,
        content=content,
        filename=filename,
        today=day,
        dry_run=dry_run,
        beat=beat,
    )
    if plan is None or dry_run or job is None:
        if job is not None:
            job_finish(job, result)
        return result
    return _write(job, organisation, plan, result, day)


def _beat_for(job: ImportJob | None) -> Percent:
    if job is None:
        return _quiet
    return lambda percent: job_progress(job, percent)


def _write(
    job: ImportJob, organisation: Organisation, plan: MemberPlan, result: ImportResult, day: dt.date
) -> ImportResult:
    author = Author(user=job.created_by, tag=job_author_tag(job))
    total = max(plan.size, 1)
    try:
        plan_write(
            plan, author=author, progress=lambda done: job_progress(job, 20 + 70 * done // total)
        )
    except DatabaseError as exc:
        logger.exception("import %s failed while writing", job.pk)
        reason = str(core_msg.ERR_ROW_NOT_SAVED) % {"reason": exc.__class__.__name__}
        result.errors.append(RowError(0, "file", reason))
        job_fail(job, reason)
        return result
    result.breaches = book_past_breaches(
        organisation, today=day, beat=lambda share: job_progress(job, 90 + 9 * share // 100)
    )
    vetting.recheck(organisation.pk)
    job_finish(job, result)
    return result


def _quiet(percent: int) -> None:
    """No status row to update (a dry run without a job)."""


def _parse_rows(table: Table, result: ImportResult, beat: Percent) -> list[MemberRow]:
    codes = {raw.get("comune_istat").zfill(6) for raw in table.rows if raw.get("comune_istat")}
    comuni = {c.istat_code: c for c in Comune.objects.filter(istat_code__in=codes)}
    rows: list[MemberRow] = []
    for index, raw in enumerate(table.rows, start=1):
        if index % BEAT_EVERY == 0:
            beat(10 * index // len(table.rows))
        row, errors = parse_member(raw, comuni)
        result.errors.extend(errors)
        if row is not None:
            rows.append(row)
    duplicates = duplicate_errors(table.rows)
    result.errors.extend(duplicates)
    repeated = {error.row for error in duplicates}
    return [row for row in rows if row.number not in repeated]
