"""Fragola compliance rules: Law 381/1991 and Civil Code checks as pure functions over plain data.

This package never imports Django; the Django adapter builds a `CoopSnapshot` and calls
`evaluate`. See docs/compliance-rules.md for each rule, its source, formula and choices.
"""

from __future__ import annotations

from . import codes
from .categories import DisadvantageCategory
from .checks.assembly import check_g2, check_g3, member_votes, voting_members
from .checks.board import check_g4
from .checks.consortium import check_l8
from .checks.identity import check_l1_3
from .checks.integration import check_l4_2, check_l4_4
from .checks.membership import check_g1, check_human_scale
from .checks.volunteers import check_l2_1, check_l2_2, volunteer_assignment_breach
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
    Parameters,
    ParameterSchedule,
    Settings,
    params_at,
)
from .result import RuleResult
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
from .sources import SOURCES
from .whatif import WhatIf, admit_member, end_employment, exit_member, hire, what_if

__all__ = [
    "DEFAULT_SCHEDULE",
    "DEFAULT_SETTINGS",
    "PARAMETER_VERSIONS",
    "REGISTRY",
    "RULES_BY_ID",
    "SOURCES",
    "BoardMember",
    "BoardSeat",
    "Branch",
    "ConsortiumMember",
    "Contract",
    "CoopSnapshot",
    "CoopType",
    "DenominatorMode",
    "DisadvantageCategory",
    "DisadvantageCertificate",
    "Employment",
    "HeadcountAverage",
    "LegalForm",
    "Meeting",
    "Member",
    "MemberCategory",
    "OrgKind",
    "ParameterSchedule",
    "Parameters",
    "Rule",
    "RuleResult",
    "Settings",
    "Severity",
    "Status",
    "TimelinePoint",
    "VolunteerFact",
    "WhatIf",
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
    "end_employment",
    "evaluate",
    "evaluate_timeline",
    "exit_member",
    "hire",
    "member_votes",
    "params_at",
    "volunteer_assignment_breach",
    "voting_members",
    "what_if",
]
