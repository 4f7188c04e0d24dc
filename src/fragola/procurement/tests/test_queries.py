"""The lists of public contracts take the same number of queries for one row as for ten."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from fragola.procurement import services
from fragola.testing.factories_apps import (
    CommissionFactory,
    ContractLotFactory,
    ContractShareFactory,
    PublicBodyFactory,
    ServiceUserFactory,
    TenderFactory,
    TenderLotFactory,
)
from fragola.testing.queries import one_and_ten

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_tender_board(world) -> None:
    url = reverse("procurement:board", args=[world.consortium.pk])
    one, ten = one_and_ten(
        _client(world.sara), url, lambda: TenderFactory(organisation=world.consortium)
    )
    assert one.queries == ten.queries


def test_the_api_list_of_tenders(world) -> None:
    url = f"/api/v1/procurement/organisations/{world.consortium.pk}/tenders"
    one, ten = one_and_ten(
        _client(world.sara), url, lambda: TenderFactory(organisation=world.consortium)
    )
    assert one.queries == ten.queries


def test_a_tender_with_its_lots(world) -> None:
    tender = TenderFactory(organisation=world.consortium)
    url = reverse("procurement:tender", args=[world.consortium.pk, tender.pk])
    one, ten = one_and_ten(_client(world.sara), url, lambda: TenderLotFactory(tender=tender))
    assert one.queries == ten.queries


def test_the_public_bodies(world) -> None:
    url = reverse("procurement:bodies", args=[world.consortium.pk])
    one, ten = one_and_ten(_client(world.sara), url, PublicBodyFactory)
    assert one.queries == ten.queries


def _share(world) -> None:
    """A share of Alfa with a care commission under it (its delivered hours are read)."""
    lot = ContractLotFactory(contract__tender__organisation=world.consortium)
    share = ContractShareFactory(lot=lot, coop=world.alfa, hours_per_month=Decimal(10))
    commission = CommissionFactory(service_user=ServiceUserFactory(organisation=world.alfa))
    services.commission_link(share=share, commission=commission)


def test_a_coops_own_lots(world) -> None:
    url = reverse("procurement:own_lots", args=[world.alfa.pk])
    one, ten = one_and_ten(_client(world.alice), url, lambda: _share(world))
    assert one.queries == ten.queries


def test_the_api_list_of_own_lots(world) -> None:
    url = f"/api/v1/procurement/organisations/{world.alfa.pk}/lots"
    one, ten = one_and_ten(_client(world.alice), url, lambda: _share(world))
    assert one.queries == ten.queries
