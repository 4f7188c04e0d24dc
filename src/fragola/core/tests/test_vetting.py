"""The change-vetting entry point: the vetter the setting names, or none at all."""

from __future__ import annotations

import datetime as dt

from fragola.core import vetting

CHANGE = vetting.PlannedChange(
    kind="admit",
    organisation_id=1,
    on=dt.date(2026, 6, 30),
    subject_type="registry.membership",
    subject_id=1,
)


def test_it_vets_nothing_when_no_vetter_is_named(settings):
    settings.FRAGOLA_CHANGE_VETTER = ""
    assert vetting.installed_vetter() is None
    vetting.vet_change(CHANGE, actor_id=None, override_reason="", field="admitted_on")
    vetting.recheck(1)
    assert vetting.breaches_on(1, [dt.date(2026, 1, 31), dt.date(2026, 2, 28)]) == [{}, {}]


def test_it_makes_the_named_vetter_once(settings):
    settings.FRAGOLA_CHANGE_VETTER = "fragola.compliance.vetting.ComplianceVetter"
    assert vetting.installed_vetter() is vetting.installed_vetter() is not None
