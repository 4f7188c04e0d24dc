"""factory_boy factories that build valid registry data (real comuni, valid fiscal codes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from codicefiscale import codicefiscale
from django.contrib.auth import get_user_model
from stdnum import luhn

from fragola.registry.models import (
    Comune,
    LegalForm,
    MemberCategory,
    Membership,
    Organisation,
    OrganisationType,
    Person,
    PersonKind,
    Role,
    ShareMovement,
    ShareMovementKind,
)


def organisation_fiscal_code(serial: int) -> str:
    """A valid 11-digit fiscal code (same check digit as the VAT number)."""
    base = f"0{serial:06d}016"[:10]
    return base + luhn.calc_check_digit(base)


def natural_fiscal_code(
    *, last_name: str, first_name: str, sex: str, birth_date: dt.date, cadastral: str = "A794"
) -> str:
    return str(
        codicefiscale.encode(
            lastname=last_name,
            firstname=first_name,
            gender=sex,
            birthdate=birth_date.isoformat(),
            birthplace=cadastral,
        )
    )


def comune(istat_code: str = "016024") -> Comune:
    return Comune.objects.select_related("province").get(istat_code=istat_code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("fragola-test-password")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    type = OrganisationType.A
    name = factory.Sequence(lambda n: f"Cooperativa Sociale Prova {n}")
    fiscal_code = factory.Sequence(lambda n: organisation_fiscal_code(n + 1))
    vat_number = factory.LazyAttribute(lambda o: o.fiscal_code)
    legal_form = LegalForm.SRL
    founded_on = dt.date(2001, 5, 14)
    comune = factory.LazyFunction(comune)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    kind = PersonKind.NATURAL
    first_name = factory.Iterator(["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Paolo"])
    last_name = factory.Sequence(lambda n: f"Bianchi{chr(65 + n % 26)}{chr(65 + (n // 26) % 26)}")
    sex = factory.LazyAttribute(lambda p: "F" if p.first_name.endswith("a") else "M")
    # Every surname gives the same consonants (BNC), so the fiscal code tells people apart by
    # name and birth date: a step prime to the span gives 20,000 distinct dates in turn, where
    # random dates collided now and then (a duplicate fiscal code in one co-op).
    birth_date = factory.Sequence(
        lambda n: dt.date(1950, 1, 1) + dt.timedelta(days=(n * 7919) % 20000)
    )
    fiscal_code = factory.LazyAttribute(
        lambda p: natural_fiscal_code(
            last_name=p.last_name, first_name=p.first_name, sex=p.sex, birth_date=p.birth_date
        )
    )
    comune = factory.LazyFunction(comune)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An admitted member; pass ``admitted_on=None, member_number=None`` for an applicant."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    category = MemberCategory.WORKER
    applied_on = dt.date(2020, 1, 10)
    admitted_on = dt.date(2020, 2, 1)
    member_number = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def shares(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        amount = extracted if extracted is not None else None
        if create and amount:
            ShareMovement.objects.create(
                membership=self,
                kind=ShareMovementKind.SUBSCRIPTION,
                amount=amount,
                date=self.applied_on,
            )


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    name = "admin"
