"""Granting and revoking roles: who may log in to an organisation, and as what."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fragola.core.access import forget_permissions
from fragola.registry.models import Organisation, Person, Role, RoleName
from fragola.registry.services import ERR_ROLE_NAME, role_give

ERR_ROLE_EXISTS = _("This user already has this role here.")
ERR_LAST_ADMIN = _("An organisation keeps at least one administrator.")
ERR_STAFF_ONLY_IN_CONSORTIA = _("The consortium staff role exists only in a consortium.")
ERR_COOP_ROLE_IN_CONSORTIUM = _("In a consortium, give the consortium staff role.")


def role_list(organisation: Organisation) -> QuerySet[Role]:
    return (
        Role.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__username", "name")
    )


def _check_role_fits(organisation: Organisation, name: str) -> None:
    if name not in RoleName.values:
        raise ValidationError({"role": ERR_ROLE_NAME})
    if name == RoleName.STAFF and not organisation.is_consortium:
        raise ValidationError({"role": ERR_STAFF_ONLY_IN_CONSORTIA})
    if organisation.is_consortium and name not in {RoleName.STAFF, RoleName.ADMIN}:
        raise ValidationError({"role": ERR_COOP_ROLE_IN_CONSORTIUM})


@transaction.atomic
def role_grant(
    *,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    name: str,
    person: Person | None = None,
    request: HttpRequest | None = None,
) -> Role:
    """Give a role to the user with this e-mail, creating the account if it is new.

    A new account gets a random password nobody knows: its owner receives a link to choose one.
    """
    _check_role_fits(organisation, name)
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email).lower()
    user = user_model.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = user_model(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_password(secrets.token_urlsafe(32))
        user.save()
    if Role.objects.filter(user=user, organisation=organisation, name=name).exists():
        raise ValidationError({"role": ERR_ROLE_EXISTS})
    role = role_give(user=user, organisation_id=organisation.pk, name=name)
    if person is not None and person.user_id is None:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    if created:
        transaction.on_commit(lambda: _send_welcome(email, request))
    return role


def _send_welcome(email: str, request: HttpRequest | None) -> None:
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            request=request,
            use_https=bool(request and request.is_secure()),
            subject_template_name="registration/welcome_subject.txt",
            email_template_name="registration/welcome_email.txt",
        )


@transaction.atomic
def role_revoke(*, role: Role) -> None:
    if role.name == RoleName.ADMIN:
        admins = Role.objects.select_for_update().filter(
            organisation_id=role.organisation_id, name=RoleName.ADMIN
        )
        if admins.count() <= 1:
            raise ValidationError({"role": ERR_LAST_ADMIN})
    user = role.user
    role.delete()
    forget_permissions(user)
