"""Demo logins: one user per role, each linked to its person in the book, plus a superuser."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from fragola.demo.catalogue import DEMO_PASSWORD, PERSONAS, SUPERUSER, Persona
from fragola.demo.people import persona_fiscal_code
from fragola.registry.models import Organisation, Person, Role, RoleName
from fragola.registry.services import role_give


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    organisation: str


@cache
def _password_hash(hasher: str) -> str:
    # One hash for every demo user: hashing is slow on purpose, and these share a password.
    # Keyed by the hasher in use, since tests swap in a fast one.
    return make_password(DEMO_PASSWORD)


def _user(username: str, first: str, last: str, **flags: bool) -> tuple[AbstractBaseUser, bool]:
    model = get_user_model()
    user = model.objects.filter(username=username).first()
    if user is not None:  # never reset a password someone changed
        return user, False
    user = model.objects.create(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
        password=_password_hash(settings.PASSWORD_HASHERS[0]),
        **flags,
    )
    return user, True


def _link_person(user: AbstractBaseUser, persona: Persona, organisation: Organisation) -> None:
    person = Person.objects.filter(
        organisation=organisation, fiscal_code=persona_fiscal_code(persona)
    ).first()
    if person is not None and person.user_id is None:
        person.user_id = user.pk
        person.save(update_fields=["user", "updated_at"])


def persona_login(persona: Persona, organisation: Organisation) -> tuple[DemoLogin, int]:
    """The persona's user and role, created if missing; returns how many rows were created."""
    user, created = _user(persona.username, persona.first_name, persona.last_name)
    if created:
        _link_person(user, persona, organisation)
    role_created = not Role.objects.filter(
        user_id=user.pk, organisation=organisation, name=persona.role
    ).exists()
    role_give(user=cast(User, user), organisation_id=organisation.pk, name=persona.role)
    label = str(RoleName(persona.role).label)
    login = DemoLogin(persona.username, DEMO_PASSWORD, label, organisation.name)
    return login, int(created) + int(role_created)


def logins_ensure(organisations: Mapping[str, Organisation]) -> tuple[list[DemoLogin], int]:
    """Every demo login, creating what is missing; returns the logins and rows created."""
    _superuser, created = _user(
        SUPERUSER, "Amministratore", "Fragola", is_staff=True, is_superuser=True
    )
    logins = [DemoLogin(SUPERUSER, DEMO_PASSWORD, "Django superuser (/admin/)", "—")]
    total = int(created)
    for persona in PERSONAS:
        login, count = persona_login(persona, organisations[persona.organisation])
        logins.append(login)
        total += count
    return logins, total
