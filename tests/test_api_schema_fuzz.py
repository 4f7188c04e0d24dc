"""Fuzz every API operation from its OpenAPI schema: no server error, answers match the schema.

Schemathesis generates requests from ``/api/openapi.json`` and sends them through the real WSGI
application as Alice (administrator of Alfa) with a personal access token. Path ids are steered
towards real rows (Alfa, the consortium, Beta, Gamma; a member, an applicant; carers, visits,
expenses, repairs, a job site, a board seat, an assembly) so that the bodies and queries reach
the services instead of stopping at a 404. State-changing operations are fuzzed too. Alice is
also a volunteer of Alfa and the administrator of Beta (type B), so that the volunteer's own
endpoints and the job sites are reached.

Bounded: a few examples per operation, derandomized (the same cases on every run).
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from fragola.care import services as care
from fragola.care.models import CarerKind, ExpenseStatus
from fragola.care.tests.personas import build_care_world
from fragola.core.services import token_create
from fragola.governance import services as governance
from fragola.integration.services import work
from fragola.integration.tests.helpers import hire
from fragola.planning.models import PlanningRun, RunKind, RunStatus
from fragola.registry.models import RoleName
from fragola.testing.factories import MembershipFactory, RoleFactory
from fragola.wsgi import application

MAX_EXAMPLES = 8

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@dataclass(frozen=True)
class Target:
    token: str
    organisations: tuple[int, ...]
    memberships: tuple[int, ...]
    spare_token: int
    ids: dict[str, tuple[int, ...]]


def _care_rows(world) -> dict[str, tuple[int, ...]]:
    """Carers, visits, expenses and repairs of Alfa; Alice volunteers there too."""
    cw = build_care_world(world)
    RoleFactory(user=world.alice, organisation=world.alfa, name=RoleName.VOLUNTEER)
    alice = care.carer_register(
        person=world.alfa_member.person, kind=CarerKind.VOLUNTEER, user=world.alice,
        insured_until=cw.today + dt.timedelta(days=365),
    )  # fmt: skip
    receipt = SimpleUploadedFile("r.pdf", b"%PDF-1.4 receipt", "application/pdf")
    expense = care.expense_claim(
        carer=cw.vera_volunteer, day=cw.today, amount=Decimal("12.50"), description="Bus",
        receipt=receipt,
    )  # fmt: skip
    repair = PlanningRun.objects.create(
        organisation=world.alfa, kind=RunKind.REPAIR, status=RunStatus.DONE,
        period_start=cw.today, period_end=cw.today, absent_carer=cw.walter,
    )  # fmt: skip
    assert expense.status == ExpenseStatus.CLAIMED
    return {
        "carer_id": (cw.carla_carer.pk, cw.vera_volunteer.pk, alice.pk),
        "visit_id": (cw.volunteer_task.pk, cw.visit_today.pk),
        "expense_id": (expense.pk,),
        "run_id": (repair.pk,),
        "user_id": (cw.maria.pk,),
    }


def _integration_rows(world) -> dict[str, tuple[int, ...]]:
    """A job site of Beta with a team and a worker on it; Alice administers Beta."""
    RoleFactory(user=world.alice, organisation=world.beta, name=RoleName.ADMIN)
    contract = work.work_contract_create(
        organisation=world.beta, client="Comune di Osio", object_kind="cleaning",
        value_net_of_vat=Decimal("40000"), started_on=dt.date(2025, 1, 1),
    )  # fmt: skip
    site = work.job_site_create(contract=contract, name="Scuole")
    team = work.team_create(site=site, name="Squadra A")
    worker = hire(world.beta, disadvantaged=True)
    work.team_assign(team=team, employment=worker, started_on=dt.date(2025, 1, 1))
    return {"site_id": (site.pk,)}


def _governance_rows(world) -> dict[str, tuple[int, ...]]:
    seat = governance.board_seat_add(
        organisation=world.alfa, person=world.alfa_member.person, role="president",
        started_on=dt.date(2024, 5, 1),
    )  # fmt: skip
    assembly = governance.assembly_schedule(
        organisation=world.alfa, held_on=dt.date(2025, 4, 28), kind="ordinary"
    )
    return {"seat_id": (seat.pk,), "assembly_id": (assembly.pk,)}


@pytest.fixture
def target(world, settings) -> Iterator[Target]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The real WSGI handler closes the connection after each request; inside the test's
    # transaction that would lose every row. Django's own test client unhooks the same signals.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    _, raw = token_create(user=world.alice, name="fuzz")
    spare, _ = token_create(user=world.alice, name="spare")
    applicant = MembershipFactory(organisation=world.alfa, admitted_on=None, member_number=None)
    ids = {**_care_rows(world), **_integration_rows(world), **_governance_rows(world)}
    yield Target(
        token=raw,
        organisations=(world.alfa.pk, world.consortium.pk, world.beta.pk, world.gamma.pk),
        memberships=(world.alfa_member.pk, applicant.pk),
        spare_token=spare.pk,
        ids=ids,
    )
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _pick(value: object, choices: tuple[int, ...]) -> object:
    # Negative examples (a string for an id...) are left alone: they must get a 4xx.
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return choices[value % len(choices)]
    return value


def _steer(case, target: Target) -> None:
    """Point generated ids at real rows, keeping the generated value's randomness."""
    params = case.path_parameters or {}
    if "organisation_id" in params:
        params["organisation_id"] = _pick(params["organisation_id"], target.organisations)
    if "membership_id" in params:
        params["membership_id"] = _pick(params["membership_id"], target.memberships)
    if "token_id" in params:
        params["token_id"] = _pick(params["token_id"], (target.spare_token,))
    for name, choices in target.ids.items():
        if name in params:
            params[name] = _pick(params[name], choices)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,  # no .hypothesis/ folder in the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_it_never_fails_and_answers_as_documented(case, target):
    _steer(case, target)
    case.call_and_validate(
        headers={"Authorization": f"Bearer {target.token}"},
        checks=[
            not_a_server_error,
            response_schema_conformance,
            status_code_conformance,
            content_type_conformance,
        ],
    )
