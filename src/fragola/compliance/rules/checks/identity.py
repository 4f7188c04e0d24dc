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

NAME_OK_IT = 'la denominazione "{name}" contiene "cooperativa sociale".'
NAME_OK_EN = 'the name "{name}" contains "cooperativa sociale".'
NAME_MISSING_IT = 'la denominazione "{name}" non contiene "cooperativa sociale".'
NAME_MISSING_EN = 'the name "{name}" does not contain "cooperativa sociale".'
CONSORTIUM_NOTE_IT = " Per un consorzio (art. 8) è un avviso, non una violazione."
CONSORTIUM_NOTE_EN = " For a consortium (art. 8) this is a warning, not a breach."


def check_l1_3(
    snapshot: CoopSnapshot, params: Parameters, settings: Settings = DEFAULT_SETTINGS
) -> RuleResult:
    name = " ".join(snapshot.legal_name.split())
    pattern = CONSORTIUM_NAME if snapshot.is_consortium else COOP_NAME
    source = SOURCES[L1_3]
    if pattern.search(snapshot.legal_name):
        return make_result(
            L1_3,
            Status.PASS,
            source=source,
            it=lambda: NAME_OK_IT.format(name=name),
            en=lambda: NAME_OK_EN.format(name=name),
        )
    if snapshot.is_consortium:
        return make_result(
            L1_3,
            Status.WARNING,
            source=source,
            it=NAME_MISSING_IT.format(name=name) + CONSORTIUM_NOTE_IT,
            en=NAME_MISSING_EN.format(name=name) + CONSORTIUM_NOTE_EN,
        )
    return make_result(
        L1_3,
        Status.BREACH,
        source=source,
        it=lambda: NAME_MISSING_IT.format(name=name),
        en=lambda: NAME_MISSING_EN.format(name=name),
    )
