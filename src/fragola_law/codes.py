"""The codes the apps store (the registry's member categories, the workforce's contracts,
organisation types), as the rules' categories. Disadvantage categories are one enum, stored as
they are: ``categories.DisadvantageCategory``.

The registry and the workforce keep their codes in their tables; this is the one place that
says what each code means for Law 381. Pure Python: governance, care and the compliance adapter
all read it.
"""

from __future__ import annotations

from .enums import Branch, Contract, MemberCategory, OrgKind

MEMBER_CATEGORIES: dict[str, MemberCategory] = {
    "lavoratore": MemberCategory.WORKER,
    "volontario": MemberCategory.VOLUNTEER,
    "fruitore": MemberCategory.USER,
    "sovventore": MemberCategory.SUPPORTER,
    "persona_giuridica": MemberCategory.LEGAL_PERSON,
}
# Every workforce contract is an active INPS position (L4.3); "other" is documented as such.
CONTRACTS: dict[str, Contract] = {
    "employee": Contract.PERMANENT,
    "member_worker": Contract.PERMANENT,
    "fixed_term": Contract.FIXED_TERM,
    "apprentice": Contract.APPRENTICESHIP,
    "other": Contract.OTHER_INPS,
}
BRANCHES: dict[str, Branch] = {"A": Branch.A, "B": Branch.B}
ORG_KINDS: dict[str, OrgKind] = {
    "A": OrgKind.SOCIAL_COOP,
    "B": OrgKind.SOCIAL_COOP,
    "AB": OrgKind.SOCIAL_COOP,
    "consortium": OrgKind.SOCIAL_CONSORTIUM,
}
