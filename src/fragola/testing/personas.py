"""The named people every access test speaks of.

- Alice administers Cooperativa Sociale Alfa (type A), a member of Consorzio Fragole that shares
  its book with the consortium.
- Bob coordinates services at Alfa; Carla is a carer there, Vera a volunteer, Mario a member.
- Tina is the job-integration tutor of Cooperativa Sociale Beta (type B), also in the consortium,
  which does not share its book.
- Sara is on the staff of Consorzio Fragole.
- Charlie administers Cooperativa Sociale Gamma, outside the consortium: he must see nothing of
  the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser

from fragola.registry.models import (
    ConsortiumMembership,
    MemberCategory,
    Membership,
    Organisation,
    OrganisationType,
    RoleName,
)
from fragola.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    RoleFactory,
    UserFactory,
)

PASSWORD = "fragola-test-password"


@dataclass
class World:
    consortium: Organisation
    alfa: Organisation
    beta: Organisation
    gamma: Organisation
    alice: AbstractUser
    bob: AbstractUser
    carla: AbstractUser
    vera: AbstractUser
    mario: AbstractUser
    tina: AbstractUser
    sara: AbstractUser
    charlie: AbstractUser
    alfa_member: Membership
    beta_member: Membership
    gamma_member: Membership

    def everyone(self) -> dict[str, AbstractUser]:
        names = ["alice", "bob", "carla", "vera", "mario", "tina", "sara", "charlie"]
        return {name: getattr(self, name) for name in names}


def _user(username: str, first_name: str) -> AbstractUser:
    return UserFactory(username=username, first_name=first_name, last_name="Persona")


def build_world() -> World:
    consortium = OrganisationFactory(
        type=OrganisationType.CONSORTIUM, name="Consorzio Fragole Società Cooperativa Sociale"
    )
    alfa = OrganisationFactory(type=OrganisationType.A, name="Alfa Cooperativa Sociale")
    beta = OrganisationFactory(type=OrganisationType.B, name="Beta Cooperativa Sociale")
    gamma = OrganisationFactory(type=OrganisationType.AB, name="Gamma Cooperativa Sociale")
    joined = dt.date(2015, 1, 1)
    ConsortiumMembership.objects.create(consortium=consortium, member=alfa, joined_on=joined)
    ConsortiumMembership.objects.create(
        consortium=consortium, member=beta, joined_on=joined, shares_members_book=False
    )
    world = World(
        consortium=consortium,
        alfa=alfa,
        beta=beta,
        gamma=gamma,
        alice=_user("alice", "Alice"),
        bob=_user("bob", "Bob"),
        carla=_user("carla", "Carla"),
        vera=_user("vera", "Vera"),
        mario=_user("mario", "Mario"),
        tina=_user("tina", "Tina"),
        sara=_user("sara", "Sara"),
        charlie=_user("charlie", "Charlie"),
        alfa_member=MembershipFactory(organisation=alfa, category=MemberCategory.WORKER),
        beta_member=MembershipFactory(organisation=beta, category=MemberCategory.WORKER),
        gamma_member=MembershipFactory(organisation=gamma, category=MemberCategory.WORKER),
    )
    for user, organisation, role in [
        (world.alice, alfa, RoleName.ADMIN),
        (world.bob, alfa, RoleName.COORDINATOR),
        (world.carla, alfa, RoleName.CARER),
        (world.vera, alfa, RoleName.VOLUNTEER),
        (world.mario, alfa, RoleName.MEMBER),
        (world.tina, beta, RoleName.TUTOR),
        (world.sara, consortium, RoleName.STAFF),
        (world.charlie, gamma, RoleName.ADMIN),
    ]:
        RoleFactory(user=user, organisation=organisation, name=role)
    return world
