"""What of a result may be shown to someone who may not read disadvantage data (GDPR art. 9).

Every rule's numbers are aggregates, except the L4.4 explanation, which lists the workers whose
certificate expires: for those readers that list is replaced by a count.
"""

from __future__ import annotations

import re

from fragola.compliance import rules as r

PERSONAL_RULES = frozenset({"L4.4"})
_LISTED = re.compile(r"\s*\([^()]*\d{2}[/-]\d{2}[/-]\d{2,4}[^()]*\)")


def public_explanation(rule: str, explanation: str) -> str:
    """The explanation with lists of workers removed (for every reader but admin and tutor)."""
    if rule not in PERSONAL_RULES:
        return explanation
    return _LISTED.sub("", explanation)


def explanation_for(result: r.RuleResult, lang: r.result.Lang, *, personal: bool) -> str:
    text = result.explanation(lang)
    return text if personal else public_explanation(result.rule, text)
