"""L1.3: the company name must contain "cooperativa sociale"."""

from __future__ import annotations

import re

from ..enums import Status
from ..params import DEFAULT_SETTINGS, Parameters, Settings
from ..result import RuleResult, make_result
from ..snapshot import CoopSnapshot
from ..sources import L1_3, SOURCES

# Case-insensitive; any run of whitespace (or none) between the two words.
COOP_NAME = re.compile(r"cooperativa\s*sociale", re.IGNORECASE)
# Consortia under art. 8 also pass with the plural used by "consorzio di cooperative sociali".
CONSORTIUM_NAME = re.compile(r"cooperativ[ae]\s*social[ei]", re.IGNORECASE)


def check_l1_3(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    name = " ".join(snapshot.legal_name.split())
    pattern = CONSORTIUM_NAME if snapshot.is_consortium else COOP_NAME
    source = SOURCES[L1_3]
    facts = {"name": name}
    if pattern.search(snapshot.legal_name):
        return make_result(L1_3, Status.PASS, "name_ok", source=source, facts=facts)
    if snapshot.is_consortium:
        return make_result(
            L1_3, Status.WARNING, "name_missing_consortium", source=source, facts=facts
        )
    return make_result(L1_3, Status.BREACH, "name_missing", source=source, facts=facts)
