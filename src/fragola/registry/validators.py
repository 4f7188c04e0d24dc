"""The registry's legal rules on names; Italian identifiers are checked by ``core.italy.codes``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fragola.registry.models import OrganisationType

SOCIAL_COOP_NAME_MARKER = "cooperativa sociale"

ERR_NAME_L1_3 = _(
    'The legal name of a social co-operative must contain "cooperativa sociale" '
    "(rule L1.3, Law 381/1991 art. 1(3))."
)


def validate_organisation_name(*, type: str, name: str) -> None:
    """L1.3: a social co-op's name contains "cooperativa sociale" (consortia are exempt)."""
    if type == OrganisationType.CONSORTIUM:
        return
    if SOCIAL_COOP_NAME_MARKER not in " ".join(name.lower().split()):
        raise ValidationError({"name": ERR_NAME_L1_3}, code="L1.3")
