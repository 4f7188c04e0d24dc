"""The demo refuses to load over foreign data or without the territory, and to serve on a busy
port, each saying so in its module's words."""

from __future__ import annotations

import socket

import pytest
from django.core.exceptions import ValidationError

from fragola.demo.catalogue import CONSORTIUM, PROVINCE
from fragola.demo.server import ERR_PORT_BUSY, PortBusyError, create_server
from fragola.demo.services import ERR_CODE_TAKEN, ERR_NO_TERRITORY, demo_codes, demo_load
from fragola.registry.models import Comune, Organisation
from fragola.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_loads_nothing_over_an_organisation_holding_a_demo_fiscal_code():
    stranger = OrganisationFactory(
        fiscal_code=demo_codes()[CONSORTIUM.key], name="Altra Cooperativa Sociale"
    )
    with pytest.raises(ValidationError) as exc:
        demo_load()
    expected = ERR_CODE_TAKEN.format(code=stranger.fiscal_code, name=stranger.name)
    assert exc.value.messages == [expected]
    assert list(Organisation.objects.all()) == [stranger]


def test_it_loads_nothing_without_the_comuni_of_the_province():
    Comune.objects.filter(province__abbreviation=PROVINCE).delete()
    with pytest.raises(ValidationError) as exc:
        demo_load()
    assert exc.value.messages == [ERR_NO_TERRITORY]
    assert not Organisation.objects.exists()


def test_it_names_the_busy_port_and_the_next_one():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortBusyError) as exc:
            create_server(host="127.0.0.1", port=port, threads=1)
    assert str(exc.value) == ERR_PORT_BUSY.format(host="127.0.0.1", port=port, next_port=port + 1)
