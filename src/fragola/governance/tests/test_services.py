"""The board and assembly services, called directly with the factories."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fragola.governance.models import Assembly, BoardSeat
from fragola.governance.services import (
    ERR_ASSEMBLY_KIND,
    ERR_END_BEFORE_START,
    ERR_PERSON_OTHER_ORG,
    ERR_ROLE,
    ERR_SEAT_ENDED,
    ERR_SEAT_OVERLAP,
    assembly_schedule,
    board_seat_add,
    board_seat_end,
)
from fragola.testing.factories import OrganisationFactory, PersonFactory
from fragola.testing.factories_apps import BoardSeatFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 5, 2)


def _refused(error: pytest.ExceptionInfo[ValidationError], field: str, message: object) -> None:
    assert error.value.message_dict[field] == [str(message)]


def test_a_seat_goes_to_a_person_of_the_coop_with_a_known_role() -> None:
    coop = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        board_seat_add(organisation=coop, person=PersonFactory(), role="director", started_on=DAY)
    _refused(error, "person", ERR_PERSON_OTHER_ORG)
    with pytest.raises(ValidationError) as error:
        board_seat_add(
            organisation=coop, person=PersonFactory(organisation=coop), role="king",
            started_on=DAY,
        )  # fmt: skip
    _refused(error, "role", ERR_ROLE)
    assert not BoardSeat.objects.exists()


def test_one_person_holds_one_seat_at_a_time() -> None:
    seat = BoardSeatFactory(started_on=DAY)
    with pytest.raises(ValidationError) as error:
        board_seat_add(
            organisation=seat.organisation, person=seat.person, role="president",
            started_on=DAY + dt.timedelta(days=30),
        )  # fmt: skip
    _refused(error, "person", ERR_SEAT_OVERLAP)
    assert BoardSeat.objects.count() == 1


def test_a_seat_ends_once_and_not_before_it_started() -> None:
    seat = BoardSeatFactory(started_on=DAY)
    with pytest.raises(ValidationError) as error:
        board_seat_end(seat=seat, ended_on=DAY - dt.timedelta(days=1))
    _refused(error, "ended_on", ERR_END_BEFORE_START)
    board_seat_end(seat=seat, ended_on=DAY + dt.timedelta(days=365))
    with pytest.raises(ValidationError) as error:
        board_seat_end(seat=seat, ended_on=DAY + dt.timedelta(days=400))
    _refused(error, "ended_on", ERR_SEAT_ENDED)
    seat.refresh_from_db()
    assert seat.ended_on == DAY + dt.timedelta(days=365)


def test_an_assembly_is_ordinary_or_extraordinary() -> None:
    coop = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        assembly_schedule(organisation=coop, held_on=DAY, kind="secret")
    _refused(error, "kind", ERR_ASSEMBLY_KIND)
    assert not Assembly.objects.exists()
    assembly = assembly_schedule(organisation=coop, held_on=DAY, kind="ordinary", agenda="Bilancio")
    assert Assembly.objects.get() == assembly
