"""Rule results worded for people, in the active language (gettext), numbers and dates formatted
for it (Django's formats). The rules return codes and facts; this is the only place that writes
their sentences.

Who a finding is about enters a sentence as ids only, and only where the finding is about them.
L4.4 names the workers whose disadvantage certificate expires (GDPR art. 9): that list is written
only for a reader who may see it (``personal=True``); an alert keeps their ids among its facts,
never a sentence, and its e-mail never names them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

import fragola_law as r

Facts = Mapping[str, Any]
# Rules whose facts name people whose data is protected by art. 9 (disadvantage).
PERSONAL_RULES = frozenset({"L4.4"})
LISTED = 5  # people named in a sentence; the rest are counted


@dataclass(frozen=True, kw_only=True)
class Objection:
    rule: str
    message: str


# Numbers and dates ------------------------------------------------------------------------------


def number(value: int | Decimal) -> str:
    """An integer when whole, otherwise up to two decimals ("4,5" in Italian, "4.5" in English)."""
    if isinstance(value, int) or value == value.to_integral_value():
        return formats.number_format(int(value))
    rounded = value.quantize(Decimal("0.01"), ROUND_HALF_EVEN).normalize()
    return formats.number_format(rounded)


def percent(value: int | Decimal, threshold: int | Decimal | None = None) -> str:
    """A percentage with one decimal, or more when one decimal would hide a gap to the threshold."""
    hundred = Decimal(value) * 100
    if hundred == hundred.to_integral_value():
        text = formats.number_format(int(hundred))
    else:
        digits = 1
        while threshold is not None and value != threshold and digits < 4:
            if _round(hundred, digits) != _round(Decimal(threshold) * 100, digits):
                break
            digits += 1
        text = formats.number_format(_round(hundred, digits), decimal_pos=digits)
    return _("%(number)s%%") % {"number": text}


def _round(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_EVEN)


def day(value: date) -> str:
    return formats.date_format(value, pgettext("date format of compliance sentences", "Y-m-d"))


def _ids(ids: tuple[object, ...]) -> str:
    return ", ".join(str(i) for i in ids)


# Rule titles ------------------------------------------------------------------------------------


def _share(value: Fraction) -> str:
    """A whole percentage ("30%"), or the law's own fraction when it is none ("1/3")."""
    if (value * 100).denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    return percent(Decimal(value.numerator) / Decimal(value.denominator))


def _titles(p: r.Parameters) -> dict[str, str]:
    return {
        r.L1_3: _("Name contains “cooperativa sociale”"),
        r.L2_1: _("Volunteers at most %(share)s of the members")
        % {"share": _share(p.l2_1_max_volunteer_share)},
        r.L2_2: _("Rostered volunteers are insured"),
        r.L4_2: _("Disadvantaged workers at least %(share)s")
        % {"share": _share(p.l4_2_min_disadvantaged_share)},
        r.L4_4: _("Disadvantage certificates valid"),
        r.L8: _("Consortium: at least %(share)s social co-ops, at least %(count)s")
        % {"share": _share(p.l8_min_social_coop_share), "count": p.l8_min_coops},
        r.G1: _("Minimum number of members"),
        r.G2: _("%(days)s days on the book to vote") % {"days": p.g2_min_days_on_book},
        r.G3: _("Supporters at most %(share)s of votes")
        % {"share": _share(p.g3_max_supporter_vote_share)},
        r.G4: _("Board majority of cooperators"),
        r.HUMAN_SCALE: _("Human scale (guidance)"),
    }


def rule_title(rule: str, on: date) -> str:
    """The rule's short title, with the thresholds in force ``on`` that day."""
    return _titles_in(r.params_at(on), translation.get_language()).get(rule, rule)


@lru_cache(maxsize=64)
def _titles_in(p: r.Parameters, language: str | None) -> dict[str, str]:
    # A board has a title per cell (a hundred co-ops by eleven rules): worded once per
    # parameters and language (``language`` keys the cache; gettext reads the active one).
    return _titles(p)


# One function per (rule, code) ------------------------------------------------------------------


def _l1_3(code: str, f: Facts, personal: bool) -> str:
    if code == "name_ok":
        return _('the name "%(name)s" contains "cooperativa sociale".') % f
    if code == "name_missing_consortium":
        return (
            _(
                'the name "%(name)s" does not contain "cooperativa sociale". '
                "For a consortium (art. 8) this is a warning, not a breach."
            )
            % f
        )
    return _('the name "%(name)s" does not contain "cooperativa sociale".') % f


def _l2_1(code: str, f: Facts, personal: bool) -> str:
    if code == "consortium":
        return _("does not apply to consortia.")
    if code == "no_members":
        return _("no members on %(day)s.") % {"day": day(f["on"])}
    return _(
        "%(volunteers)s volunteer members out of %(members)s members (%(share)s) %(op)s "
        "%(limit)s on %(day)s."
    ) % {
        "volunteers": f["volunteers"],
        "members": f["members"],
        "share": percent(f["share"], f["limit"]),
        "op": "≤" if f["within"] else ">",
        "limit": percent(f["limit"]),
        "day": day(f["on"]),
    }


def _l2_2(code: str, f: Facts, personal: bool) -> str:
    if code == "no_roster":
        return _("no volunteer is rostered.")
    if code == "insured":
        return _("rostered volunteers: %(n)s, all insured (INAIL) on their rostered days.") % {
            "n": f["rostered"]
        }
    return _("rostered volunteers without valid insurance: %(bad)s of %(n)s (%(ids)s).") % {
        "bad": len(f["uninsured"]),
        "n": f["rostered"],
        "ids": _ids(f["uninsured"]),
    }


def _not_type_b() -> str:
    return _("applies only to type B or A+B co-ops.")


def _l4_2(code: str, f: Facts, personal: bool) -> str:
    if code == "not_type_b":
        return _not_type_b()
    window = {"n": f["months"], "day": day(f["on"])}
    if code == "no_workers":
        if f["b_branch_only"]:
            return _("no workers in the B branch in the %(n)s months to %(day)s.") % window
        return _("no workers in the %(n)s months to %(day)s.") % window
    if code == "all_disadvantaged":
        return _(
            "all %(d)s workers on average are disadvantaged; average of %(n)s months to %(day)s."
        ) % {**window, "d": number(f["disadvantaged"])}
    strict = f["denominator_mode"] == r.DenominatorMode.TOTAL
    return _(
        "on average %(d)s disadvantaged workers against %(den)s %(den_label)s (%(share)s) %(op)s "
        "%(limit)s; average of %(n)s months to %(day)s%(branch)s%(mode)s."
    ) % {
        **window,
        "d": number(f["disadvantaged"]),
        "den": number(f["denominator"]),
        "den_label": _("workers in total") if strict else _("non-disadvantaged"),
        "share": percent(f["share"], f["limit"]),
        "op": "≥" if f["reached"] else "<",
        "limit": percent(f["limit"]),
        "branch": _(", B branch only") if f["b_branch_only"] else "",
        "mode": _(", strict mode D/W") if strict else "",
    }


def _people(items: tuple[tuple[str, date], ...]) -> str:
    text = ", ".join(f"{person} {day(on)}" for person, on in items[:LISTED])
    if len(items) > LISTED:
        text += _(" and %(k)s more") % {"k": len(items) - LISTED}
    return text


def _l4_4(code: str, f: Facts, personal: bool) -> str:
    if code == "not_type_b":
        return _not_type_b()
    if code == "no_certificates":
        return _("no employed worker holds a disadvantage certificate.")
    n, days = f["certificates"], f["alert_days"]
    if code == "valid":
        return ngettext(
            "%(n)s valid certificate, none expiring within %(days)s days.",
            "%(n)s valid certificates, none expiring within %(days)s days.",
            n,
        ) % {"n": n, "days": days}
    sentences = []
    expiring, expired = f["expiring"], f["expired"]
    if expiring:
        values = {"k": len(expiring), "n": n, "days": days, "ids": _people(expiring)}
        if personal:
            text = _("%(k)s of %(n)s certificates expire within %(days)s days (%(ids)s).")
        else:
            text = _("%(k)s of %(n)s certificates expire within %(days)s days.")
        sentences.append(text % values)
    if expired:
        values = {"k": len(expired), "ids": _people(expired)}
        if personal:
            text = _(
                "%(k)s employed workers with an expired certificate (%(ids)s): they do not count "
                "for L4.2 and the L4.5 contribution relief must be checked."
            )
        else:
            text = _(
                "%(k)s employed workers with an expired certificate: they do not count for L4.2 "
                "and the L4.5 contribution relief must be checked."
            )
        sentences.append(text % values)
    return " ".join(sentences)


def _l8(code: str, f: Facts, personal: bool) -> str:
    if code == "not_consortium":
        return _("applies only to consortia.")
    return _(
        "%(social)s social co-ops out of %(members)s members (%(share)s) %(op)s %(limit)s; "
        "%(coops)s co-ops among the members, minimum %(min_coops)s%(too_few)s."
    ) % {
        "social": f["social"],
        "members": f["members"],
        "share": percent(f["share"], f["limit"]),
        "op": "≥" if f["share_ok"] else "<",
        "limit": percent(f["limit"]),
        "coops": f["coops"],
        "min_coops": f["min_coops"],
        "too_few": "" if f["coops_ok"] else _(" (too few)"),
    }


def _g1(code: str, f: Facts, personal: bool) -> str:
    if code == "consortium":
        return _("for consortia the minimum membership is checked by L8.")
    values = {
        "count": f["members"],
        "minimum": f["minimum"],
        "model": _(" (S.r.l. model, all natural persons)") if f["srl"] else "",
        "day": day(f["on"]),
    }
    if code == "enough":
        return _("%(count)s members on %(day)s, minimum %(minimum)s%(model)s.") % values
    values.update(since=day(f["since"]), deadline=day(f["deadline"]), left=f["days_left"])
    if code == "countdown":
        return (
            _(
                "%(count)s members on %(day)s, below the minimum of %(minimum)s%(model)s since "
                "%(since)s: restore by %(deadline)s (%(left)s days) or the co-op must be dissolved."
            )
            % values
        )
    return (
        _(
            "%(count)s members on %(day)s, below the minimum of %(minimum)s%(model)s since "
            "%(since)s: the one-year term ran out on %(deadline)s."
        )
        % values
    )


def _assembly_of_consortia() -> str:
    return _("the assembly of consortia (member organisations) is not modelled yet.")


def _g2(code: str, f: Facts, personal: bool) -> str:
    if code == "consortium":
        return _assembly_of_consortia()
    if code == "no_meeting":
        return _("no meeting given.")
    text = _(
        "%(eligible)s of %(total)s members may vote at the meeting of %(day)s "
        "(on the book for at least %(days)s days)."
    ) % {
        "eligible": f["eligible"],
        "total": f["members"],
        "day": day(f["meeting"]),
        "days": f["days"],
    }
    if f["ineligible_voters"]:
        text += " " + _("Members not entitled to vote did vote: %(ids)s.") % {
            "ids": _ids(f["ineligible_voters"])
        }
    return text


def _g3(code: str, f: Facts, personal: bool) -> str:
    if code == "consortium":
        return _assembly_of_consortia()
    if code == "no_members":
        return _("no members on %(day)s.") % {"day": day(f["on"])}
    return _("supporter members hold %(sup)s of %(total)s votes (%(share)s) %(op)s %(limit)s.") % {
        "sup": f["supporters"],
        "total": f["votes"],
        "share": percent(f["share"], f["limit"]),
        "op": "≤" if f["within"] else ">",
        "limit": percent(f["limit"]),
    }


def _g4(code: str, f: Facts, personal: bool) -> str:
    if code == "consortium":
        return _("the board of consortia is not modelled yet.")
    if code == "no_board":
        return _("no directors given.")
    if f["volunteers_counted"]:
        volunteers = _("volunteer members count as cooperators (setting)")
    else:
        volunteers = _("volunteer members do not count as cooperators (setting)")
    return _(
        "%(coop)s of %(total)s directors are cooperator members (%(share)s), %(op)s %(limit)s; "
        "%(volunteers)s."
    ) % {
        "coop": f["cooperators"],
        "total": f["directors"],
        "share": percent(f["share"], f["limit"]),
        "op": pgettext("board share", "above") if f["majority"] else _("not above"),
        "limit": percent(f["limit"]),
        "volunteers": volunteers,
    }


def _hs1(code: str, f: Facts, personal: bool) -> str:
    if code == "consortium":
        return _("consortia are the way to grow while staying small.")
    values = {"count": f["members"], "limit": f["limit"]}
    if code == "over":
        return (
            _(
                "%(count)s members, above the human scale of %(limit)s: consider spinning off a "
                'new co-op (the "strawberry fields" model).'
            )
            % values
        )
    return _("%(count)s members, within the human scale of %(limit)s.") % values


# By rule id (a test checks that every rule of the engine has its sentences).
SENTENCES: dict[str, Callable[[str, Facts, bool], str]] = {
    r.L1_3: _l1_3,
    r.L2_1: _l2_1,
    r.L2_2: _l2_2,
    r.L4_2: _l4_2,
    r.L4_4: _l4_4,
    r.L8: _l8,
    r.G1: _g1,
    r.G2: _g2,
    r.G3: _g3,
    r.G4: _g4,
    r.HUMAN_SCALE: _hs1,
}


# What the rest of Fragola calls ----------------------------------------------------------------


def sentence(result: r.RuleResult, *, personal: bool = False) -> str:
    """What the result says, in the active language, without its rule and source."""
    if not result.code:  # an alert opened before findings were stored as facts
        return _("see the compliance page for the current figures.")
    return SENTENCES[result.rule](result.code, result.facts, personal)


def explain(result: r.RuleResult, *, personal: bool = False) -> str:
    """``<rule> (<source>): <sentence>`` in the active language."""
    return f"{result.rule} ({result.source}): {sentence(result, personal=personal)}"


def explain_in(lang: str, result: r.RuleResult, *, personal: bool = False) -> str:
    with translation.override(lang):
        return explain(result, personal=personal)


def result_json(
    result: r.RuleResult, *, personal: bool = False, with_details: bool = False
) -> dict[str, object]:
    """The result's JSON (the documented keys, in order) with its explanation worded."""
    data = result.to_json(with_details=with_details)
    keys = ("rule", "status", "value", "threshold", "numerator", "denominator")
    ordered = {key: data.pop(key) for key in keys}
    ordered["explanation"] = explain(result, personal=personal)
    ordered.update(data)
    return ordered


def objection_for(result: r.RuleResult) -> Objection:
    """What a refused change is told: the sentence, the legal source at the end."""
    return Objection(rule=result.rule, message=f"{sentence(result)} ({result.source})")
