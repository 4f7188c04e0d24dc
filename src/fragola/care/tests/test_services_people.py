"""Care's people services called directly with the factories: refusals name their field and
their message, and write nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fragola.care.models import Commission, Consent, FamilyMessage
from fragola.care.models.choices import ConsentPurpose, FunderKind
from fragola.care.services.people import (
    ERR_CIG_FORMAT,
    ERR_CONSENT_FUTURE,
    ERR_EMPTY_MESSAGE,
    commission_create,
    consent_record,
    family_message_send,
)
from fragola.testing.factories import UserFactory
from fragola.testing.factories_apps import ServiceUserFactory

pytestmark = pytest.mark.django_db

PURPOSE = ConsentPurpose.CARE
FUNDER = FunderKind.COMUNE


def test_a_consent_is_not_recorded_for_a_day_to_come() -> None:
    user = ServiceUserFactory()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        consent_record(service_user=user, purpose=PURPOSE, given_on=tomorrow, by=UserFactory())
    assert error.value.message_dict == {"given_on": [str(ERR_CONSENT_FUTURE)]}
    assert not Consent.objects.exists()


def test_an_empty_message_to_the_family_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        family_message_send(service_user=ServiceUserFactory(), author=UserFactory(), body="  \n")
    assert error.value.message_dict == {"body": [str(ERR_EMPTY_MESSAGE)]}
    assert not FamilyMessage.objects.exists()


@pytest.mark.parametrize("cig", ["12345", "ZB1234567!", "ZB12345678901"])
def test_a_cig_has_ten_letters_or_digits(cig: str) -> None:
    with pytest.raises(ValidationError) as error:
        commission_create(
            service_user=ServiceUserFactory(), funder_kind=FUNDER, funder_name="Comune di Bergamo",
            contract_reference="Det. 12/2024", starts_on=dt.date(2024, 1, 1),
            hours={"personal_care": Decimal(10)}, cig=cig,
        )  # fmt: skip
    assert error.value.message_dict == {"cig": [str(ERR_CIG_FORMAT)]}
    assert not Commission.objects.exists()
