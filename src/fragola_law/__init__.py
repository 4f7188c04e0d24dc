"""Fragola compliance rules: Law 381/1991 and Civil Code checks as pure functions over plain data.

This package never imports Django; the Django adapter builds a `CoopSnapshot` and calls
`evaluate`. See docs/compliance-rules.md for each rule, its source, formula and choices.
"""

from __future__ import annotations

from . import codes
from .categories import CERTIFIED, DisadvantageCategory, Relief
from .checks.assembly import check_g2, check_g3, member_votes, voting_members
from .checks.board import check_g4
from .checks.consortium import check_l8
from .checks.identity import check_l1_3
from .checks.integration import check_l4_2, check_l4_4
from .checks.membership import check_g1, check_human_scale
from .checks.volunteers import check_l2_1, check_l2_2, volunteer_assignment_breach
from .codes import MEMBER_CATEGORIES
from .conventions import (
    Criterion,
    Eligibility,
    GroupMember,
    ObjectKind,
    convention_eligibility,
    reserved_contract_eligibility,
)
from .dates import month_end
from .engine import REGISTRY, RULES_BY_ID, Rule, TimelinePoint, evaluate, evaluate_timeline
from .enums import (
    Branch,
    Contract,
    CoopType,
    DenominatorMode,
    LegalForm,
    MemberCategory,
    OrgKind,
    Severity,
    Status,
)
from .headcount import HeadcountAverage, average_heads
from .params import (
    DEFAULT_SCHEDULE,
    DEFAULT_SETTINGS,
    PARAMETER_VERSIONS,
    PUBLIC_VALUE,
    NoValueInForce,
    Parameters,
    ParameterSchedule,
    Settings,
    Versioned,
    params_at,
    value_at,
)
from .relief import Certificate, Loss, ReliefLine, WorkerContract, relief_line, relief_until
from .result import RuleResult, facts_to_json
from .snapshot import (
    BoardMember,
    BoardSeat,
    ConsortiumMember,
    CoopSnapshot,
    DisadvantageCertificate,
    Employment,
    Meeting,
    Member,
    VolunteerFact,
)
from .sources import (  # the rule ids
    G1,
    G2,
    G3,
    G4,
    HUMAN_SCALE,
    L1_3,
    L2_1,
    L2_2,
    L2_4,
    L4_2,
    L4_4,
    L8,
    SOURCES,
)
from .whatif import WhatIf, admit_member, end_employment, exit_member, hire, what_if

__all__ = [
    "CERTIFIED",
    "DEFAULT_SCHEDULE",
    "DEFAULT_SETTINGS",
    "G1",
    "G2",
    "G3",
    "G4",
    "HUMAN_SCALE",
    "L1_3",
    "L2_1",
    "L2_2",
    "L2_4",
    "L4_2",
    "L4_4",
    "L8",
    "MEMBER_CATEGORIES",
    "PARAMETER_VERSIONS",
    "PUBLIC_VALUE",
    "REGISTRY",
    "RULES_BY_ID",
    "SOURCES",
    "BoardMember",
    "BoardSeat",
    "Branch",
    "Certificate",
    "ConsortiumMember",
    "Contract",
    "CoopSnapshot",
    "CoopType",
    "Criterion",
    "DenominatorMode",
    "DisadvantageCategory",
    "DisadvantageCertificate",
    "Eligibility",
    "Employment",
    "GroupMember",
    "HeadcountAverage",
    "LegalForm",
    "Loss",
    "Meeting",
    "Member",
    "MemberCategory",
    "NoValueInForce",
    "ObjectKind",
    "OrgKind",
    "ParameterSchedule",
    "Parameters",
    "Relief",
    "ReliefLine",
    "Rule",
    "RuleResult",
    "Settings",
    "Severity",
    "Status",
    "TimelinePoint",
    "Versioned",
    "VolunteerFact",
    "WhatIf",
    "WorkerContract",
    "admit_member",
    "average_heads",
    "check_g1",
    "check_g2",
    "check_g3",
    "check_g4",
    "check_human_scale",
    "check_l1_3",
    "check_l2_1",
    "check_l2_2",
    "check_l4_2",
    "check_l4_4",
    "check_l8",
    "codes",
    "convention_eligibility",
    "end_employment",
    "evaluate",
    "evaluate_timeline",
    "exit_member",
    "facts_to_json",
    "hire",
    "member_votes",
    "month_end",
    "params_at",
    "relief_line",
    "relief_until",
    "reserved_contract_eligibility",
    "value_at",
    "volunteer_assignment_breach",
    "voting_members",
    "what_if",
]
