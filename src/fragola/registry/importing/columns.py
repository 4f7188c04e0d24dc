"""The columns of the import files, in order, and the spellings each choice accepts.

Exports write exactly these columns, so that an exported file imports back unchanged.
"""

from __future__ import annotations

from fragola.core.importing.cells import fold
from fragola.registry.models import (
    ExitReason,
    LegalForm,
    MemberCategory,
    OrganisationType,
    RegisterSection,
    Sex,
)

MEMBER_COLUMNS: tuple[str, ...] = (
    "member_number",
    "category",
    "fiscal_code",
    "first_name",
    "last_name",
    "legal_name",
    "birth_date",
    "sex",
    "comune_istat",
    "email",
    "phone",
    "applied_on",
    "admitted_on",
    "exited_on",
    "exit_reason",
    "shares_subscribed_eur",
    "shares_paid_eur",
)
MEMBER_REQUIRED: tuple[str, ...] = ("category", "fiscal_code", "applied_on")

COOP_COLUMNS: tuple[str, ...] = (
    "fiscal_code",
    "name",
    "type",
    "legal_form",
    "founded_on",
    "comune_istat",
    "register_region",
    "register_section",
    "register_number",
    "register_date",
    "consortium_fiscal_code",
    "joined_consortium_on",
)
COOP_REQUIRED: tuple[str, ...] = (
    "fiscal_code",
    "name",
    "type",
    "legal_form",
    "founded_on",
    "comune_istat",
)


def _aliases(canonical: dict[str, list[str]]) -> dict[str, str]:
    return {
        fold(spelling): value for value, spellings in canonical.items() for spelling in spellings
    }


CATEGORY_ALIASES = _aliases(
    {
        MemberCategory.WORKER: ["lavoratore", "lavoratrice", "worker"],
        MemberCategory.VOLUNTEER: ["volontario", "volontaria", "volunteer"],
        MemberCategory.USER: ["fruitore", "fruitrice", "user"],
        MemberCategory.SUPPORTER: ["sovventore", "sovventrice", "supporter"],
        MemberCategory.LEGAL_PERSON: ["persona_giuridica", "persona giuridica", "legal_person"],
    }
)
EXIT_ALIASES = _aliases(
    {
        ExitReason.WITHDRAWAL: ["withdrawal", "recesso"],
        ExitReason.EXCLUSION: ["exclusion", "esclusione"],
        ExitReason.DEATH: ["death", "morte", "decesso"],
        ExitReason.DISSOLUTION: ["dissolution", "scioglimento", "estinzione"],
    }
)
SEX_ALIASES = _aliases(
    {Sex.F: ["F", "female", "femmina", "donna"], Sex.M: ["M", "male", "maschio", "uomo"]}
)
TYPE_ALIASES = _aliases(
    {
        OrganisationType.A: ["A"],
        OrganisationType.B: ["B"],
        OrganisationType.AB: ["AB", "A+B", "A B", "A/B"],
        OrganisationType.CONSORTIUM: ["consortium", "consorzio", "C"],
    }
)
LEGAL_FORM_ALIASES = _aliases(
    {LegalForm.SRL: ["srl", "s.r.l.", "s.r.l"], LegalForm.SPA: ["spa", "s.p.a.", "s.p.a"]}
)
SECTION_ALIASES = _aliases({section: [section] for section in RegisterSection.values})
