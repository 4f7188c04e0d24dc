"""The consortium's pages read each co-op's stored results, and never show stale ones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fragola.compliance.models import ComplianceStanding
from fragola.compliance.services import compliance_scan
from fragola.compliance.standings import standings_refresh
from fragola.compliance.tests.scenario import members
from fragola.registry import services as registry
from fragola.registry.models import MemberCategory

pytestmark = pytest.mark.django_db


def _board(client, world) -> str:
    url = f"/org/{world.consortium.pk}/compliance/board/"
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def _cell(page: str, org, rule: str) -> str:
    row = page[page.index(f'data-org="{org.fiscal_code}"') :]
    cell = row[row.index(f'data-rule="{rule}"') :]
    return cell[: cell.index(">")]


def test_it_stores_each_co_ops_results_when_the_scan_runs(world):
    compliance_scan(today=timezone.localdate())
    stored = ComplianceStanding.objects.filter(organisation=world.alfa)
    assert stored.count() > 5
    assert {s.as_of for s in stored} == {timezone.localdate()}


def test_the_board_reads_stored_results_and_says_when_they_were_checked(
    world, client_for, django_assert_max_num_queries
):
    compliance_scan(today=timezone.localdate())
    client = client_for("sara")
    _board(client, world)  # warm the session
    # Nothing evaluated: the stored rows are read in one query (plus the page's usual ones).
    with django_assert_max_num_queries(13):
        page = _board(client, world)
    assert page.count('data-checked="stored"') == 3 and "checked now" not in page


def test_a_breach_entered_a_minute_ago_shows_on_the_board_and_the_alerts(world, client_for):
    members(world.alfa, 9)  # alfa respects L2.1 when the scan runs
    compliance_scan(today=timezone.localdate())
    client = client_for("sara")
    assert 'data-status="pass"' in _cell(_board(client, world), world.alfa, "L2.1")
    members(world.alfa, 12, MemberCategory.VOLUNTEER)  # entered after the scan, no scan since
    page = _board(client, world)
    assert 'data-status="breach"' in _cell(page, world.alfa, "L2.1")
    alerts = client.get(f"/org/{world.consortium.pk}/compliance/alerts/").content.decode()
    assert f'data-org="{world.alfa.fiscal_code}"' in alerts and "L2.1" in alerts


def test_a_vetted_admission_forgets_the_results_and_stores_fresh_ones_after_commit(
    world, django_capture_on_commit_callbacks
):
    standings_refresh(org_ids=[world.alfa.pk])
    before = ComplianceStanding.objects.get(organisation=world.alfa, rule="L2.1")
    applicant = members(world.alfa, 1, MemberCategory.VOLUNTEER)[0]
    applicant.admitted_on = applicant.member_number = None
    applicant.save()
    standings_refresh(org_ids=[world.alfa.pk])
    with django_capture_on_commit_callbacks(execute=True):
        registry.membership_admit(
            membership=applicant,
            admitted_on=timezone.localdate(),
            actor=world.alice,
            override_reason="A worker joins tomorrow",
        )
        assert not ComplianceStanding.objects.filter(organisation=world.alfa).exists()
    after = ComplianceStanding.objects.get(organisation=world.alfa, rule="L2.1")
    assert after.checked_at >= before.checked_at
    assert after.result().numerator == before.result().numerator + 1


def test_another_day_is_worked_out_for_that_day(world, client_for):
    compliance_scan(today=timezone.localdate())
    day = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    url = f"/org/{world.consortium.pk}/compliance/board/?as_of={day}"
    page = client_for("sara").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count('data-checked="now"') == 3
    assert "Another day than today" in page


def test_a_refresh_meeting_rows_another_refresh_wrote_meanwhile_replaces_them(world, monkeypatch):
    """Two changes of one co-op committed together refresh it twice at once: the later rows
    replace the earlier ones instead of failing on the one-row-per-rule constraint."""
    from django.db.models import QuerySet

    today = timezone.localdate()
    standings_refresh(org_ids=[world.alfa.pk], today=today - dt.timedelta(days=1))
    rules = ComplianceStanding.objects.filter(organisation=world.alfa).count()
    # The other refresh commits its rows after this one cleared the co-op's: the delete misses them.
    monkeypatch.setattr(QuerySet, "delete", lambda self: (0, {}))
    standings_refresh(org_ids=[world.alfa.pk], today=today)
    stored = ComplianceStanding.objects.filter(organisation=world.alfa)
    assert stored.count() == rules
    assert {s.as_of for s in stored} == {today}
