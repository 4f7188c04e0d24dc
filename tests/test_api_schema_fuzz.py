"""Fuzz every API operation from its OpenAPI schema: no server error, answers match the schema.

Schemathesis generates requests from ``/api/openapi.json`` and sends them through the real WSGI
application as Alice (administrator of Alfa) with a personal access token. Path ids are steered
towards real rows (Alfa, the consortium, Gamma; a member, an applicant) so that the bodies and
queries reach the services instead of stopping at a 404.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from fragola.core.services import token_create
from fragola.testing.factories import MembershipFactory
from fragola.wsgi import application

MAX_EXAMPLES = 25

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@dataclass(frozen=True)
class Target:
    token: str
    organisations: tuple[int, ...]
    memberships: tuple[int, ...]
    spare_token: int


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
    yield Target(
        token=raw,
        organisations=(world.alfa.pk, world.consortium.pk, world.gamma.pk),
        memberships=(world.alfa_member.pk, applicant.pk),
        spare_token=spare.pk,
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


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_it_never_fails_and_answers_as_documented(case, target):
    _steer(case, target)
    case.call_and_validate(
        headers={"Authorization": f"Bearer {target.token}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
