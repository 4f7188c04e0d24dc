"""Alerts: a rule going to breach opens one alert and e-mails the admins (and consortium staff)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from fragola.compliance.models import ComplianceAlert
from fragola.compliance.services import compliance_scan
from fragola.compliance.tasks import compliance_scan_task
from fragola.compliance.tests.scenario import members
from fragola.registry import services as registry
from fragola.registry.models import MemberCategory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)


def _breach_l2_1(world):
    members(world.alfa, 3, MemberCategory.VOLUNTEER)  # 3 volunteers against alfa_member


def test_it_opens_an_alert_and_emails_admins_and_consortium_staff_on_a_breach(
    world, django_capture_on_commit_callbacks
):
    _breach_l2_1(world)
    with django_capture_on_commit_callbacks(execute=True):
        opened = compliance_scan(org_ids=[world.alfa.pk], today=TODAY)
    assert [(a.rule, a.status) for a in opened] == [("L2.1", "breach")]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "L2.1" in message.subject
    assert sorted(message.to) == sorted([world.alice.email, world.sara.email])
    assert "L2.1 (L. 381/1991" in message.body


def test_it_does_not_repeat_an_open_alert_and_resolves_it_when_fixed(
    world, django_capture_on_commit_callbacks
):
    _breach_l2_1(world)
    with django_capture_on_commit_callbacks(execute=True):
        compliance_scan(org_ids=[world.alfa.pk], today=TODAY)
        assert compliance_scan(org_ids=[world.alfa.pk], today=TODAY) == []
    assert len(mail.outbox) == 1
    members(world.alfa, 5)
    compliance_scan(org_ids=[world.alfa.pk], today=TODAY)
    alert = ComplianceAlert.objects.get(rule="L2.1")
    assert alert.resolved_at is not None


def test_it_shows_alerts_in_a_list_and_a_badge(world, client_for):
    _breach_l2_1(world)
    compliance_scan(org_ids=[world.alfa.pk], today=TODAY)
    html = client_for("bob").get(f"/org/{world.alfa.pk}/compliance/alerts/").content.decode()
    assert "L2.1" in html and 'class="badge text-bg-danger"' in html


def test_it_emails_only_admins_for_a_warning(world, django_capture_on_commit_callbacks):
    gamma = world.gamma
    gamma.founded_on = dt.date(2026, 5, 1)  # one member since founding: a G1 countdown (warning)
    gamma.save()
    with django_capture_on_commit_callbacks(execute=True):
        opened = compliance_scan(org_ids=[gamma.pk], today=TODAY)
    assert ("G1", "warning") in [(a.rule, a.status) for a in opened]
    assert all(m.to == [world.charlie.email] for m in mail.outbox)


def test_an_admission_enqueues_a_scan_after_commit(
    world, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    members(world.alfa, 1, MemberCategory.VOLUNTEER)
    applicant = members(world.alfa, 1, MemberCategory.VOLUNTEER)[0]
    applicant.admitted_on = applicant.member_number = None
    applicant.save()
    with django_capture_on_commit_callbacks(execute=True):
        registry.membership_admit(
            membership=applicant,
            admitted_on=dt.date.today(),
            actor=world.alice,
            override_reason="A worker joins tomorrow",
        )
    assert ComplianceAlert.objects.filter(organisation=world.alfa, rule="L2.1").exists()


def test_the_scan_task_and_command_run(world):
    _breach_l2_1(world)
    assert compliance_scan_task.call(world.alfa.pk) >= 1
    out = io.StringIO()
    call_command("compliance", "scan", stdout=out)
    assert out.getvalue().strip()


def test_the_consortium_alerts_page_shows_a_member_co_op_in_breach(world, client_for):
    _breach_l2_1(world)  # no scan has run: the page checks the member co-ops itself
    html = client_for("sara").get(f"/org/{world.consortium.pk}/compliance/alerts/").content
    page = html.decode()
    assert 'id="member-breaches"' in page
    assert f'data-org="{world.alfa.fiscal_code}"' in page and "L2.1" in page
    assert "every rule passes" not in page


def test_the_consortium_alerts_page_says_all_is_well_only_when_it_is(world, client_for):
    members(world.alfa, 9)  # alfa and beta respect every rule today
    members(world.beta, 9)
    url = f"/org/{world.consortium.pk}/compliance/alerts/"
    page = client_for("sara").get(url, HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert 'id="member-breaches"' not in text
    assert "for the consortium and for each of its member co-operatives" in text


def test_a_co_op_alerts_page_lists_no_other_co_op(world, client_for):
    _breach_l2_1(world)
    page = client_for("tina").get(f"/org/{world.beta.pk}/compliance/alerts/").content.decode()
    assert 'id="member-breaches"' not in page and world.alfa.name not in page
