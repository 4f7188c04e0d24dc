"""The codes the apps store (the registry's member categories, the workforce's contracts and
certificate categories, organisation types), as the rules' categories.

The registry and the workforce keep their codes in their tables; this is the one place that
says what each code means for Law 381. Pure Python: governance, care and the compliance adapter
all read it.
"""

from __future__ import annotations

from .enums import Branch, Contract, DisadvantageCategory, MemberCategory, OrgKind

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
DISADVANTAGE: dict[str, DisadvantageCategory] = {
    "physical": DisadvantageCategory.DISABILITY,
    "mental": DisadvantageCategory.DISABILITY,
    "sensory": DisadvantageCategory.DISABILITY,
    "psychiatric_former": DisadvantageCategory.FORMER_PSYCHIATRIC_PATIENT,
    "psychiatric_treatment": DisadvantageCategory.PSYCHIATRIC_TREATMENT,
    "addiction": DisadvantageCategory.DRUG_ADDICTION,
    "alcohol": DisadvantageCategory.ALCOHOLISM,
    "minor_family": DisadvantageCategory.MINOR_IN_FAMILY_DIFFICULTY,
    "prisoner": DisadvantageCategory.PRISONER_OR_ALTERNATIVE_MEASURE,
    "alternative_measure": DisadvantageCategory.PRISONER_OR_ALTERNATIVE_MEASURE,
}
BRANCHES: dict[str, Branch] = {"A": Branch.A, "B": Branch.B}
ORG_KINDS: dict[str, OrgKind] = {
    "A": OrgKind.SOCIAL_COOP,
    "B": OrgKind.SOCIAL_COOP,
    "AB": OrgKind.SOCIAL_COOP,
    "consortium": OrgKind.SOCIAL_CONSORTIUM,
}
