"""Who may do what: one table from role names to permissions, and the helpers built on it.

Access comes only from the roles a user holds in an organisation (the tenant). The table below
says what each role name allows there; it knows role names and permission names, not the models
that hold them. Where the roles live is the setting ``FRAGOLA_ROLE_SOURCE``: a function that
takes a user id and returns the user's grants as ``(organisation id, role name)`` pairs (in
Fragola, ``fragola.registry.access.role_grants``). A grant can also be inherited: a consortium's
staff get ``CONSORTIUM_MEMBER`` (or ``CONSORTIUM_MEMBER_SHARING_BOOK``) in its member co-ops.

The tenant's model is named by the setting ``FRAGOLA_ORGANISATION_MODEL`` (``"app_label.Model"``,
like ``AUTH_USER_MODEL``; in Fragola ``registry.Organisation``). Its default manager provides
``for_pages()``: organisations as every organisation page shows them (what they show joined), the
way a custom user model's manager provides ``get_by_natural_key``. ``organisation_list_for`` and
``access_organisation`` are the organisation-level checks every app uses.

Permissions are computed once per request (the user object lives for one request) and kept on
the user. Each app's ``access.py`` adds object-level helpers (``access_<thing>(user, id, perm)``)
over ``access_by_id``: another tenant's object is a 404, never a 403 that leaks its existence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.module_loading import import_string

UserLike = User | AnonymousUser
M = TypeVar("M", bound=Model)


class Perm(StrEnum):
    # The organisation and its members' book.
    VIEW_ORGANISATION = "view_organisation"
    CHANGE_ORGANISATION = "change_organisation"
    VIEW_BOOK = "view_book"
    CHANGE_BOOK = "change_book"
    MANAGE_ROLES = "manage_roles"
    # A consortium's member co-operatives.
    VIEW_MEMBER_COOPS = "view_member_coops"
    IMPORT_COOPS = "import_coops"
    # Workers and their disadvantage certificates (GDPR art. 9): never through a consortium.
    READ_DISADVANTAGE = "read_disadvantage"
    MANAGE_WORKERS = "manage_workers"
    # Home care.
    MANAGE_CARE = "manage_care"
    CARE_FOR_USERS = "care_for_users"
    TAKE_VOLUNTEER_TASKS = "take_volunteer_tasks"
    DO_VISITS = "do_visits"
    FAMILY_PORTAL = "family_portal"
    VIEW_CARE_FIGURES = "view_care_figures"
    # Public contracts: a consortium's tenders; a member co-op's own lots of its contracts.
    MANAGE_TENDERS = "manage_tenders"
    VIEW_OWN_LOTS = "view_own_lots"
    # The consortium's back office: its staff run it; a member co-op's administrators use it
    # (open requests, see their own charges).
    RUN_BACKOFFICE = "run_backoffice"
    USE_BACKOFFICE = "use_backoffice"


# Grants a consortium's staff inherit in the co-operatives that are its members today.
CONSORTIUM_MEMBER = "consortium_member"
CONSORTIUM_MEMBER_SHARING_BOOK = "consortium_member_sharing_book"

_ADMINISTER = frozenset(
    {
        Perm.VIEW_ORGANISATION,
        Perm.CHANGE_ORGANISATION,
        Perm.VIEW_BOOK,
        Perm.CHANGE_BOOK,
        Perm.MANAGE_ROLES,
    }
)

ROLE_PERMISSIONS: Mapping[str, frozenset[Perm]] = {
    "admin": _ADMINISTER
    | {
        Perm.READ_DISADVANTAGE,
        Perm.MANAGE_WORKERS,
        Perm.MANAGE_CARE,
        Perm.VIEW_CARE_FIGURES,
        Perm.VIEW_OWN_LOTS,
        Perm.USE_BACKOFFICE,
    },
    "coordinator": frozenset(
        {Perm.VIEW_ORGANISATION, Perm.VIEW_BOOK, Perm.MANAGE_CARE, Perm.VIEW_CARE_FIGURES}
    ),
    "carer": frozenset({Perm.VIEW_ORGANISATION, Perm.CARE_FOR_USERS, Perm.DO_VISITS}),
    "volunteer": frozenset({Perm.VIEW_ORGANISATION, Perm.TAKE_VOLUNTEER_TASKS, Perm.DO_VISITS}),
    "tutor": frozenset({Perm.VIEW_ORGANISATION, Perm.READ_DISADVANTAGE, Perm.MANAGE_WORKERS}),
    "member": frozenset({Perm.VIEW_ORGANISATION}),
    # A family member sees only the family portal of their relative, not the co-op.
    "family": frozenset({Perm.FAMILY_PORTAL}),
    "staff": _ADMINISTER
    | {Perm.VIEW_MEMBER_COOPS, Perm.IMPORT_COOPS, Perm.MANAGE_TENDERS, Perm.RUN_BACKOFFICE},
    # Consortium staff in a member co-op: aggregates only; the book if the co-op shares it.
    CONSORTIUM_MEMBER: frozenset({Perm.VIEW_ORGANISATION, Perm.VIEW_CARE_FIGURES}),
    CONSORTIUM_MEMBER_SHARING_BOOK: frozenset(
        {Perm.VIEW_ORGANISATION, Perm.VIEW_BOOK, Perm.VIEW_CARE_FIGURES}
    ),
}


class GrantSource(Protocol):
    def __call__(self, user_id: int, /) -> Iterable[tuple[int, str]]: ...


_CACHE_ATTR = "_fragola_permissions"


def permission_map(user: UserLike) -> dict[int, frozenset[Perm]]:
    """Organisation id → permissions of ``user``, computed once per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached: dict[int, frozenset[Perm]] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    source: GrantSource = import_string(settings.FRAGOLA_ROLE_SOURCE)
    perms: dict[int, set[Perm]] = {}
    for organisation_id, role_name in source(int(user.pk)):
        perms.setdefault(organisation_id, set()).update(ROLE_PERMISSIONS[role_name])
    result = {org_id: frozenset(values) for org_id, values in perms.items()}
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_permissions(user: UserLike) -> None:
    """Drop the cached permissions (after a role changes within the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _pk(organisation: Model | int) -> int:
    return organisation if isinstance(organisation, int) else int(organisation.pk)


def perms_in(user: UserLike, organisation: Model | int) -> frozenset[Perm]:
    return permission_map(user).get(_pk(organisation), frozenset())


def has_perm(user: UserLike, organisation: Model | int, perm: Perm) -> bool:
    return perm in perms_in(user, organisation)


def organisation_ids_with(user: UserLike, perm: Perm) -> list[int]:
    return [org_id for org_id, perms in permission_map(user).items() if perm in perms]


def _organisation_id(found: Any) -> int:
    return int(found.organisation_id)


def access_by_id(
    user: UserLike,
    rows: QuerySet[M],
    object_id: int,
    perm: Perm,
    *,
    organisation_of: Callable[[M], int] = _organisation_id,
    not_found: str = "Not found",
) -> M:
    """Row ``object_id`` of ``rows`` if ``user`` holds ``perm`` in its organisation; else 404."""
    found = rows.filter(pk=object_id).first()
    if found is None or not has_perm(user, organisation_of(found), perm):
        raise Http404(not_found)
    return found


def organisation_model() -> type[Model]:
    """The tenant's model (the setting ``FRAGOLA_ORGANISATION_MODEL``)."""
    return apps.get_model(settings.FRAGOLA_ORGANISATION_MODEL, require_ready=False)


def organisations() -> QuerySet[Any]:
    """Every organisation, as organisation pages show them."""
    manager: Any = organisation_model()._default_manager
    rows: QuerySet[Any] = manager.for_pages()
    return rows


def organisation_list_for(user: UserLike, perm: Perm = Perm.VIEW_ORGANISATION) -> QuerySet[Any]:
    """The organisations where ``user`` holds ``perm``."""
    return organisations().filter(pk__in=organisation_ids_with(user, perm))


def access_organisation(user: UserLike, organisation_id: int, perm: Perm) -> Any:
    """Organisation ``organisation_id`` if ``user`` holds ``perm`` there; else 404."""
    if not has_perm(user, organisation_id, perm):
        raise Http404("No such organisation")
    organisation = organisations().filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("No such organisation")
    return organisation
