"""The back office's services: requests and their service levels, agreements, shared costs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fragola.backoffice import services
from fragola.backoffice.allocation import DriverValue, Pool
from fragola.backoffice.models import (
    Breach,
    Charge,
    ChargeLine,
    Escalation,
    RequestStatus,
    RunStatus,
)
from fragola.backoffice.working_time import ROME
from fragola.testing.personas import World

pytestmark = pytest.mark.django_db
D = Decimal


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of March 2025 (Monday 3 March is a working day)."""
    return dt.datetime(2025, 3, day, hour, minute, tzinfo=ROME)


def _open(world: World, when: dt.datetime, kind: str = "new_hire") -> services.ServiceRequest:
    return services.request_open(coop=world.alfa, kind=kind, subject="Nuova OSS", at=when)


def test_a_request_reaches_the_consortium_and_its_team_with_due_times(world: World) -> None:
    request = _open(world, at(7, 17))  # Friday 17:00
    assert request.consortium == world.consortium
    assert request.team == "payroll"
    assert request.response_due == at(10, 12)  # 1 h Friday, 3 h Monday morning
    assert request.resolution_due == at(11, 17)  # 16 h: 1 Friday, 8 Monday, 7 Tuesday


def test_a_co_op_outside_any_consortium_cannot_open_a_request(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.request_open(coop=world.gamma, kind="new_hire", subject="x", at=at(3, 10))
    assert caught.value.message_dict == {"coop": [str(services.ERR_NOT_A_MEMBER)]}


def test_a_request_needs_a_subject(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.request_open(coop=world.alfa, kind="new_hire", subject="  ", at=at(3, 10))
    assert caught.value.message_dict == {"subject": [str(services.ERR_SUBJECT_REQUIRED)]}


def test_a_missed_answer_is_escalated_once_however_often_it_is_checked(world: World) -> None:
    request = _open(world, at(3, 10))  # answer due 15:00, resolution Wednesday 10:00
    assert services.requests_escalate(now=at(3, 14, 59)) == []
    first = services.requests_escalate(now=at(3, 15, 1))
    again = services.requests_escalate(now=at(3, 16))
    assert [(e.request_id, e.breach) for e in first] == [(request.pk, Breach.RESPONSE)]
    assert again == []
    services.request_answer(request=request, answer="Ricevuto", at=at(3, 16))
    services.requests_escalate(now=at(5, 11))  # not resolved by Wednesday 10:00
    assert list(Escalation.objects.values_list("breach", flat=True)) == ["response", "resolution"]


def test_an_answer_in_time_is_never_escalated(world: World) -> None:
    request = _open(world, at(3, 10))
    services.request_answer(request=request, answer="Fatto", at=at(3, 11))
    services.request_resolve(request=request, at=at(4, 9))
    assert services.requests_escalate(now=at(20, 12)) == []


def test_the_co_op_rates_a_request_once_resolved(world: World) -> None:
    request = _open(world, at(3, 10))
    with pytest.raises(ValidationError) as early:
        services.request_rate(request=request, satisfaction=5)
    assert early.value.message_dict == {"satisfaction": [str(services.ERR_NOT_RESOLVED)]}
    services.request_resolve(request=request, at=at(3, 12))
    with pytest.raises(ValidationError) as wrong:
        services.request_rate(request=request, satisfaction=6)
    assert wrong.value.message_dict == {"satisfaction": [str(services.ERR_SATISFACTION)]}
    assert services.request_rate(request=request, satisfaction=4).satisfaction == 4
    with pytest.raises(ValidationError) as twice:
        services.request_answer(request=request, answer="ancora")
    assert twice.value.message_dict == {"answer": [str(services.ERR_ALREADY_RESOLVED)]}


def test_time_is_logged_on_a_request(world: World) -> None:
    request = _open(world, at(3, 10))
    entry = services.request_log_time(
        request=request, user=world.sara, worked_on=dt.date(2025, 3, 3), minutes=45
    )
    assert entry.minutes == 45
    with pytest.raises(ValidationError) as caught:
        services.request_log_time(
            request=request, user=world.sara, worked_on=dt.date(2025, 3, 2), minutes=10
        )
    assert caught.value.message_dict == {"worked_on": [str(services.ERR_BEFORE_OPENING)]}


def test_an_agreement_is_only_for_a_member(world: World) -> None:
    agreement = services.agreement_add(
        consortium=world.consortium, coop=world.alfa, service="payroll",
        starts_on=dt.date(2025, 1, 1), monthly_fee=D("150.00"), startup_package=True,
    )  # fmt: skip
    assert agreement.startup_package
    with pytest.raises(ValidationError) as caught:
        services.agreement_add(
            consortium=world.consortium, coop=world.gamma, service="payroll",
            starts_on=dt.date(2025, 1, 1), monthly_fee=D("-1"),
        )  # fmt: skip
    assert caught.value.message_dict == {
        "coop": [str(services.ERR_NOT_A_MEMBER)],
        "monthly_fee": [str(services.ERR_FEE_NEGATIVE)],
    }


def _run(world: World) -> services.AllocationRun:
    return services.run_prepare(
        consortium=world.consortium,
        period=dt.date(2025, 3, 1),
        pools=[Pool("Paghe", D("1000.00"), "payslips"), Pool("Qualità", D("0.10"), "documents")],
        values=[
            DriverValue(world.alfa.fiscal_code, "payslips", D(2)),
            DriverValue(world.beta.fiscal_code, "payslips", D(1)),
            DriverValue(world.alfa.fiscal_code, "documents", D(1)),
            DriverValue(world.beta.fiscal_code, "documents", D(2)),
        ],
    )


def test_approval_freezes_a_run_and_charges_each_co_op_with_22_percent_vat(world: World) -> None:
    run = _run(world)
    charges = services.run_approve(run=run, user=world.sara, on=dt.date(2025, 4, 1))
    # Paghe 1000.00 by 2:1: 666.666… and 333.333… -> 666.67 and 333.33; Qualità 0.10 by 1:2:
    # 3.333… and 6.666… cents -> 0.03 and 0.07.
    by_coop = {c.coop: c for c in charges}
    alfa, beta = by_coop[world.alfa], by_coop[world.beta]
    assert (alfa.net, alfa.vat, alfa.total) == (D("666.70"), D("146.67"), D("813.37"))
    assert (beta.net, beta.vat, beta.total) == (D("333.40"), D("73.35"), D("406.75"))
    assert [c.number for c in charges] == ["2025/BO/1", "2025/BO/2"]
    lines = ChargeLine.objects.filter(charge__run=run).values_list("pool__name", "amount")
    assert sum(amount for name, amount in lines if name == "Paghe") == D("1000.00")
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    with pytest.raises(ValidationError) as caught:
        services.run_approve(run=run, user=world.sara)
    assert caught.value.message_dict == {"status": [str(services.ERR_RUN_NOT_DRAFT)]}


def test_a_revision_is_a_new_run_and_the_old_charges_stay(world: World) -> None:
    run = _run(world)
    services.run_approve(run=run, user=world.sara, on=dt.date(2025, 4, 1))
    revised = services.run_revise(run=run)
    assert revised.replaces == run and revised.status == RunStatus.DRAFT
    services.run_approve(run=revised, user=world.sara, on=dt.date(2025, 4, 2))
    assert Charge.objects.filter(run=run).count() == 2
    assert Charge.objects.filter(run=revised).count() == 2
    with pytest.raises(ValidationError) as caught:
        services.run_revise(run=run)
    assert caught.value.message_dict == {"replaces": [str(services.ERR_RUN_REPLACED)]}


def test_a_run_refuses_a_non_member_and_a_driver_adding_up_to_zero(world: World) -> None:
    pools = [Pool("Paghe", D("10.00"), "payslips")]
    with pytest.raises(ValidationError) as outsider:
        services.run_prepare(
            consortium=world.consortium, period=dt.date(2025, 3, 1), pools=pools,
            values=[DriverValue(world.gamma.fiscal_code, "payslips", D(1))],
        )  # fmt: skip
    expected = str(services.ERR_UNKNOWN_COOP) % {"coop": world.gamma.fiscal_code}
    assert outsider.value.message_dict == {"values": [expected]}
    with pytest.raises(ValidationError) as zero:
        services.run_prepare(
            consortium=world.consortium, period=dt.date(2025, 3, 1), pools=pools,
            values=[DriverValue(world.alfa.fiscal_code, "payslips", D(0))],
        )  # fmt: skip
    message = str(services.ERR_DRIVER_ZERO) % {"pool": "Paghe", "driver": "payslips"}
    assert zero.value.message_dict == {"values": [message]}


def test_a_run_is_for_a_whole_month(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.run_prepare(
            consortium=world.consortium, period=dt.date(2025, 3, 2), pools=[], values=[]
        )
    assert caught.value.message_dict == {"period": [str(services.ERR_PERIOD)]}


def test_an_open_request_has_its_status(world: World) -> None:
    assert _open(world, at(3, 10)).status == RequestStatus.OPEN


def test_a_run_names_a_pool_without_driver_values_and_an_amount_in_fractions_of_cents(world):
    with pytest.raises(ValidationError) as caught:
        services.run_prepare(
            consortium=world.consortium,
            period=dt.date(2025, 3, 1),
            pools=[Pool("Gare", D("10.005"), "turnover")],
            values=[DriverValue(world.alfa.fiscal_code, "payslips", D(1))],
        )
    assert caught.value.message_dict == {
        "pools": [str(services.ERR_NOT_CENTS) % {"pool": "Gare"}],
        "values": [str(services.ERR_DRIVER_MISSING) % {"pool": "Gare", "driver": "turnover"}],
    }
