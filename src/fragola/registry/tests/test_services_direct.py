"""The registry's services called directly with the factories: each refusal names its field and
its message, and writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fragola.registry.models import (
    ConsortiumMembership,
    Membership,
    OrganisationType,
    PersonKind,
    ShareMovement,
)
from fragola.registry.services import (
    ERR_ALREADY_EXITED,
    ERR_ALREADY_IN_CONSORTIUM,
    ERR_LEGAL_PERSON_CATEGORY,
    ERR_NATURAL_PERSON_CATEGORY,
    ERR_NOT_A_CONSORTIUM,
    ERR_NOT_ADMITTED,
    ERR_PERSON_IN_BOOK,
    ERR_REFUND_TOO_LARGE,
    consortium_member_add,
    membership_apply,
    membership_exit,
    share_movement_record,
)
from fragola.testing.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 4)


def _refused(error: pytest.ExceptionInfo[ValidationError], field: str, message: object) -> None:
    assert error.value.message_dict == {field: [str(message)]}


def test_only_a_consortium_takes_member_coops_and_each_once() -> None:
    coop, other = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        consortium_member_add(consortium=coop, member=other, joined_on=DAY)
    _refused(error, "consortium", ERR_NOT_A_CONSORTIUM)
    consortium = OrganisationFactory(type=OrganisationType.CONSORTIUM)
    consortium_member_add(consortium=consortium, member=coop, joined_on=DAY)
    with pytest.raises(ValidationError) as error:
        consortium_member_add(consortium=consortium, member=coop, joined_on=DAY)
    _refused(error, "member", ERR_ALREADY_IN_CONSORTIUM)
    assert ConsortiumMembership.objects.count() == 1


def test_the_legal_person_category_is_for_legal_persons_only() -> None:
    coop = OrganisationFactory()
    natural = PersonFactory(organisation=coop)
    with pytest.raises(ValidationError) as error:
        membership_apply(
            organisation=coop, person=natural, category="persona_giuridica", applied_on=DAY
        )
    _refused(error, "category", ERR_NATURAL_PERSON_CATEGORY)
    legal = PersonFactory(
        organisation=coop, kind=PersonKind.LEGAL, first_name="", last_name="",
        legal_name="Associazione Amici", sex="", birth_date=None, fiscal_code="00000000000",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        membership_apply(organisation=coop, person=legal, category="lavoratore", applied_on=DAY)
    _refused(error, "category", ERR_LEGAL_PERSON_CATEGORY)
    assert not Membership.objects.exists()


def test_a_person_has_one_open_membership_in_a_coop() -> None:
    member = MembershipFactory()
    with pytest.raises(ValidationError) as error:
        membership_apply(
            organisation=member.organisation, person=member.person, category="volontario",
            applied_on=DAY,
        )  # fmt: skip
    _refused(error, "fiscal_code", ERR_PERSON_IN_BOOK)
    assert Membership.objects.count() == 1


def test_only_a_member_in_the_book_leaves_it() -> None:
    applicant = MembershipFactory(admitted_on=None, member_number=None)
    with pytest.raises(ValidationError) as error:
        membership_exit(membership=applicant, exited_on=DAY, reason="withdrawal")
    _refused(error, "exited_on", ERR_NOT_ADMITTED)
    gone = MembershipFactory(exited_on=dt.date(2023, 1, 1), exit_reason="withdrawal")
    with pytest.raises(ValidationError) as error:
        membership_exit(membership=gone, exited_on=DAY, reason="withdrawal")
    _refused(error, "exited_on", ERR_ALREADY_EXITED)
    gone.refresh_from_db()
    assert gone.exited_on == dt.date(2023, 1, 1)


def test_a_refund_never_exceeds_the_capital_paid() -> None:
    member = MembershipFactory(shares=Decimal(100))
    share_movement_record(membership=member, kind="payment", amount=Decimal(50), date=DAY)
    with pytest.raises(ValidationError) as error:
        share_movement_record(membership=member, kind="refund", amount=Decimal(60), date=DAY)
    _refused(error, "amount", ERR_REFUND_TOO_LARGE)
    assert ShareMovement.objects.filter(kind="refund").count() == 0
