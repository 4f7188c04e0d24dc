"""Compliance services called directly with the factories."""

from __future__ import annotations

import pytest

from fragola.compliance.models import ComplianceSettings, DenominatorMode
from fragola.compliance.services import compliance_settings_update
from fragola.testing.factories_apps import ComplianceSettingsFactory

pytestmark = pytest.mark.django_db


def test_the_settings_of_a_coop_are_one_row_updated_in_place() -> None:
    settings = ComplianceSettingsFactory()
    assert settings.l4_3_denominator == DenominatorMode.NON_DISADVANTAGED
    updated = compliance_settings_update(
        organisation=settings.organisation,
        l4_3_denominator=DenominatorMode.TOTAL,
        g4_count_volunteers=True,
    )
    assert updated.pk == settings.pk
    row = ComplianceSettings.objects.get(organisation=settings.organisation)
    assert (row.l4_3_denominator, row.g4_count_volunteers) == (DenominatorMode.TOTAL, True)
