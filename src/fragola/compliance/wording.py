"""How results are worded for people: the language of the request, objections to a change."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from fragola.compliance import rules as r


@dataclass(frozen=True, kw_only=True)
class Objection:
    rule: str
    message: str


def user_lang() -> r.result.Lang:
    return "en" if (translation.get_language() or "it").startswith("en") else "it"


def objection_for(result: r.RuleResult, lang: r.result.Lang) -> Objection:
    """The rule's explanation without its leading "<rule> (<source>): ", the source at the end."""
    prefix = f"{result.rule} ({result.source}): "
    text = result.explanation(lang).removeprefix(prefix)
    return Objection(rule=result.rule, message=f"{text} ({result.source})")
