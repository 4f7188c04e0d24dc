"""The demo consortium's public contracts: every stage of the pipeline, a home-care contract split
among three member co-ops with delivered hours, a reserved type B contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings

from fragola.demo.services import demo_load
from fragola.procurement import selectors
from fragola.procurement.models import Contract, Procedure, Tender, TenderState

TODAY = dt.date(2024, 2, 29)  # a leap day: the contract's months and deadlines still work
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        demo_load(today=TODAY)
        yield
        transaction.set_rollback(True)


def test_the_demo_has_tenders_at_every_stage(demo, db):
    states = set(Tender.objects.values_list("state", flat=True))
    assert states == set(TenderState.values) - {TenderState.AWARDED}


def test_the_home_care_contract_is_split_among_three_coops_with_hours_delivered(demo, db):
    contract = Contract.objects.get(tender__procedure=Procedure.OPEN)
    shares = [s for lot in selectors.contract_lots(contract) for s in lot.shares.all()]
    assert sorted(int(s.percent) for s in shares) == [20, 30, 50]
    rows = selectors.contract_hours(contract, TODAY)
    assert len({row.month for row in rows}) >= 2
    assert any(row.delivered > 0 for row in rows)


def test_the_reserved_contract_is_executed_by_a_type_b_coop(demo, db):
    contract = Contract.objects.get(tender__procedure=Procedure.RESERVED)
    coops = {s.coop.type for lot in contract.lots.all() for s in lot.shares.all()}
    assert coops == {"B"}
