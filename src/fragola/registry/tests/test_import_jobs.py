"""A members' import as a job: batches, a failure or a killed worker leave nothing, the status
row says why, and the progress page follows it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from fragola.compliance.tests.scenario import coop
from fragola.registry.importing import bulk, import_members
from fragola.registry.importing.jobs import ERR_INTERRUPTED, job_create, job_start, jobs_recover
from fragola.registry.importing.models import ImportJob, ImportKind, ImportStatus
from fragola.registry.models import Membership, Person, ShareMovement
from fragola.registry.tests._io_helpers import GIULIA_ROW, LUCA_ROW, MARCO_ROW, csv_file
from fragola.registry.tests.test_import_history import book, many

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": django_settings.TASK_QUEUES,
    }
}


def _footprint(org) -> tuple[int, ...]:
    return (
        Person.objects.filter(organisation=org).count(),
        Membership.objects.filter(organisation=org).count(),
        ShareMovement.objects.filter(membership__organisation=org).count(),
        Person.history.filter(organisation_id=org.pk).count(),
        Membership.history.filter(organisation_id=org.pk).count(),
    )


def test_a_batch_that_fails_undoes_the_batches_before_it(monkeypatch):
    org = coop("A")
    before = _footprint(org)
    monkeypatch.setattr(bulk, "BATCH_SIZE", 3)
    original = bulk._create_movements

    def broken(batch, author):
        raise IntegrityError("disk full")

    monkeypatch.setattr(bulk, "_create_movements", broken)
    result = import_members(
        organisation=org, content=book(many(10, "lavoratore")), filename="b.csv", dry_run=False
    )
    monkeypatch.setattr(bulk, "_create_movements", original)
    assert not result.ok and result.errors[0].field == "file"
    assert _footprint(org) == before
    job = ImportJob.objects.get(organisation=org)
    assert job.status == ImportStatus.FAILED and "IntegrityError" in job.reason


def test_an_import_whose_worker_died_is_undone_and_marked_failed(monkeypatch):
    org = coop("A")
    before = _footprint(org)
    monkeypatch.setattr(bulk, "BATCH_SIZE", 2)
    job = job_create(organisation=org, kind=ImportKind.MEMBERS, filename="b.csv")
    job_start(job)
    written = []

    def killed_after_two_batches(done: int) -> None:
        written.append(done)
        if len(written) == 2:
            raise SystemExit("SIGKILL")  # the process ends here: no except clause runs

    from fragola.registry.importing.members_write import members_check

    _result, plan = members_check(
        organisation=org, content=book(many(8, "lavoratore")), filename="b.csv",
        today=dt.date(2026, 6, 30), dry_run=False,
    )  # fmt: skip
    author = bulk.Author(user=None, tag=job.journal_tag)
    with pytest.raises(SystemExit):
        bulk.plan_write(plan, author=author, progress=killed_after_two_batches)
    assert _footprint(org) != before  # two batches were committed
    assert jobs_recover() == []  # its heartbeat is recent: it may still be running
    later = timezone.now() + dt.timedelta(minutes=5)
    assert [j.pk for j in jobs_recover(later)] == [job.pk]
    assert _footprint(org) == before
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.reason == str(ERR_INTERRUPTED)


def test_alice_follows_the_import_and_sees_its_past_breaches(world, client_for, settings):
    settings.TASKS = IMMEDIATE
    alice = client_for("alice")
    rows = many(4, "lavoratore") + many(6, "volontario")
    url = reverse("member_import", args=[world.alfa.pk])
    alice.post(url, {"file": _upload(book(rows))}, **EN)
    done = alice.post(reverse("member_import_confirm", args=[world.alfa.pk]), **EN)
    job = ImportJob.objects.get(organisation=world.alfa)
    assert done["Location"] == reverse("member_import_job", args=[world.alfa.pk, job.pk])
    page = alice.get(done["Location"], **EN).content.decode()
    assert "10 created" in page and "L2.1" in page
    histories = Membership.history.filter(history_change_reason=job.journal_tag)
    assert set(histories.values_list("history_user__username", flat=True)) == {"alice"}


def test_a_queued_import_shows_a_polling_progress_bar(world, client_for):
    job = job_create(organisation=world.alfa, kind=ImportKind.MEMBERS, filename="b.csv")
    url = reverse("member_import_job", args=[world.alfa.pk, job.pk])
    page = client_for("alice").get(url, **EN).content.decode()
    assert 'hx-trigger="every 1s"' in page and "Queued" in page


def test_another_coops_import_is_a_404(world, client_for):
    job = job_create(organisation=world.alfa, kind=ImportKind.MEMBERS, filename="b.csv")
    url = reverse("member_import_job", args=[world.alfa.pk, job.pk])
    assert client_for("charlie").get(url).status_code == 404
    assert client_for("bob").get(url).status_code == 404


def test_the_worker_imports_the_file_and_the_row_says_done(world, settings):
    from fragola.registry.importing.tasks import import_job_execute

    content = csv_file([GIULIA_ROW, MARCO_ROW, LUCA_ROW])
    job = job_create(
        organisation=world.alfa, kind=ImportKind.MEMBERS, filename="b.csv", content=content
    )
    assert import_job_execute.call(job.pk) == ImportStatus.DONE
    job.refresh_from_db()
    assert (job.progress, job.report["created"]) == (100, 3)


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("libro.csv", content, content_type="text/csv")


def test_a_failed_import_puts_back_what_it_had_changed(world, monkeypatch):
    org = coop("A")
    first = import_members(
        organisation=org, content=csv_file([GIULIA_ROW, LUCA_ROW]), filename="b.csv",
        dry_run=False,
    )  # fmt: skip
    assert first.ok, first.errors
    monkeypatch.setattr(bulk, "_create_movements", lambda batch, author: _fail())
    admitted = {**LUCA_ROW, "member_number": "9104", "admitted_on": "2024-04-01",
                "shares_subscribed_eur": "25"}  # fmt: skip
    changed = {**GIULIA_ROW, "email": "giulia@example.org"}
    result = import_members(
        organisation=org, content=csv_file([admitted, changed]), filename="b.csv", dry_run=False
    )
    assert not result.ok
    giulia = Person.objects.get(organisation=org, fiscal_code=GIULIA_ROW["fiscal_code"])
    assert giulia.email == ""
    luca = Membership.objects.get(organisation=org, person__fiscal_code=LUCA_ROW["fiscal_code"])
    assert (luca.member_number, luca.admitted_on) == (None, None)


def _fail() -> None:
    raise IntegrityError("taken meanwhile")


def test_an_import_declared_dead_while_still_alive_stops_and_leaves_nothing(monkeypatch):
    org = coop("A")
    before = _footprint(org)
    monkeypatch.setattr(bulk, "BATCH_SIZE", 2)
    create = bulk._create

    def then_declared_dead(model, objs, author):
        create(model, objs, author)
        ImportJob.objects.filter(organisation=org).update(status=ImportStatus.FAILED)

    monkeypatch.setattr(bulk, "_create", then_declared_dead)
    result = import_members(
        organisation=org, content=book(many(6, "lavoratore")), filename="b.csv", dry_run=False
    )
    assert [e.reason for e in result.errors] == [str(ERR_INTERRUPTED)]
    assert _footprint(org) == before
