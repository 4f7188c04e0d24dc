"""Reads of compliance results, scoped by the acting user; the compliance app's public API.

Results are aggregates that anyone who sees the organisation may read, except the list of
workers an L4.4 warning is about (GDPR art. 9): only the co-op's admin and tutor get it, and each
time they do a ``SensitiveRead`` row is written.

Other apps reach the compliance engine here and nowhere else (``adapter`` and ``wording`` are
the app's internals):

- ``coop_facts``: one co-op on a day as the rules see it (``fragola_law``'s snapshot and the
  co-op's settings), for an app that computes with the pure rules itself (integration's 30 %
  forecast and contribution relief).
- ``coop_finding``: one rule's result on those facts *with its sentence*, worded here in the
  active language by the one wording of the engine's results, so that no other app words them
  again or imports the wording. Aggregates only: art. 9 data never enters the sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404

import fragola_law as r
from fragola.compliance.adapter import load_facts, settings_of, snapshot_of
from fragola.compliance.models import ComplianceAlert
from fragola.compliance.standings import standings_of
from fragola.compliance.wording import PERSONAL_RULES, explain
from fragola.core.access import Perm, UserLike, access_organisation, has_perm, permission_map
from fragola.core.services import sensitive_read_log
from fragola.registry.models import Organisation
from fragola.registry.selectors import consortium_members

TIMELINE_MONTHS = 12


@dataclass(frozen=True)
class Report:
    organisation: Organisation
    as_of: dt.date
    results: list[r.RuleResult]
    timeline: list[r.TimelinePoint]
    personal: bool  # the reader may see which workers an L4.4 warning is about


def log_personal_read(user: UserLike, organisation: Organisation, purpose: str) -> None:
    assert isinstance(user, AbstractBaseUser)
    sensitive_read_log(
        user=user,
        organisation_id=organisation.pk,
        subject=organisation.name,
        object_type="compliance.l4_4",
        object_id=str(organisation.pk),
        purpose=purpose,
    )


def lists_workers(results: list[r.RuleResult]) -> bool:
    return any(x.rule in PERSONAL_RULES and x.status is r.Status.WARNING for x in results)


@dataclass(frozen=True)
class CoopFacts:
    """One co-op on a day as the rules see it: plain ``fragola_law`` values, people as ids."""

    organisation: Organisation
    snapshot: r.CoopSnapshot  # dated on the day asked for
    settings: r.Settings  # the co-op's compliance settings (L4.3 denominator, G4 volunteers)


def _facts_of(organisation: Organisation, as_of: dt.date) -> CoopFacts:
    facts = load_facts([organisation.pk])
    snapshot = snapshot_of(facts, organisation.pk, as_of)
    return CoopFacts(organisation, snapshot, settings_of(facts, organisation.pk))


def coop_facts(*, user: UserLike, organisation: Organisation, as_of: dt.date) -> CoopFacts:
    """What the rules know of ``organisation`` on ``as_of``, for ``user``; otherwise a 404.

    The caller has fetched the organisation through its own access check; this one asks the
    user's permissions (held on the user object: no query) for the organisation page, as every
    compliance result does. The snapshot holds workers' and members' records and certificates
    as ids, never names: what the caller shows of them is its own access question. Loading is
    the adapter's (``load_facts``: a handful of queries for the one co-op).
    """
    if Perm.VIEW_ORGANISATION not in permission_map(user).get(organisation.pk, frozenset()):
        raise Http404("No such organisation")
    return _facts_of(organisation, as_of)


@dataclass(frozen=True)
class Finding:
    """A rule's result with its explanation, worded in the language active when it was read."""

    result: r.RuleResult
    explanation: str  # "<rule> (<source>): <sentence>", nobody named by art. 9 data


def coop_finding(*, facts: CoopFacts, rule: str) -> Finding:
    """Rule ``rule`` (an id: ``"L4.2"``) on ``facts`` (already read for the user), worded.

    No query: the rule runs on the facts with the parameters in force on their day. The
    sentence is the compliance page's, for a reader who may not see disadvantaged workers
    (``personal`` off), so it names no one an L4.4 warning is about.
    """
    result = r.evaluate(facts.snapshot, settings=facts.settings, rules=[rule])[0]
    return Finding(result, explain(result))


def compliance_report(
    *, user: UserLike, organisation_id: int, as_of: dt.date, purpose: str, timeline: bool = True
) -> Report:
    organisation = access_organisation(user, organisation_id, Perm.VIEW_ORGANISATION)
    facts = _facts_of(organisation, as_of)
    snapshot, settings = facts.snapshot, facts.settings
    results = r.evaluate(snapshot, settings=settings)
    points = r.evaluate_timeline(snapshot, TIMELINE_MONTHS, settings=settings) if timeline else []
    personal = has_perm(user, organisation, Perm.READ_DISADVANTAGE)
    if personal and lists_workers(results):
        log_personal_read(user, organisation, purpose)
    return Report(organisation, as_of, results, points, personal)


@dataclass(frozen=True)
class BoardRow:
    organisation: Organisation
    results: list[r.RuleResult]
    visible: bool  # the reader may open this co-op's compliance page
    checked_at: dt.datetime  # when these results were worked out
    stored: bool  # read from the co-op's last check (False: checked for this request)


def consortium_board(
    *, user: UserLike, organisation_id: int, as_of: dt.date, breaches_only: bool = False
) -> tuple[Organisation, list[BoardRow]]:
    """Every member co-op of a consortium on ``as_of`` by every rule, in a handful of queries.

    Each co-op's results are those stored by its last check when they hold for ``as_of``
    (nothing the rules read has changed since), else worked out now (``standings``). Stored
    results come without their facts (``board_row`` reads one row's, to word them); with
    ``breaches_only`` a row's results are its breaches only.
    """
    consortium = access_organisation(user, organisation_id, Perm.VIEW_MEMBER_COOPS)
    if not consortium.is_consortium:
        raise Http404("Not a consortium")
    links = consortium_members(consortium, as_of).select_related(None).select_related("member")
    members = [link.member for link in links]  # names and types: not where they are
    org_ids = [consortium.pk, *(m.pk for m in members)]
    # Statuses and numbers: a row's explanations are worded from its facts by ``board_row``.
    only = r.Status.BREACH if breaches_only else None
    standings = standings_of(org_ids=org_ids, as_of=as_of, with_facts=False, status=only)
    perms = permission_map(user)

    def row(org: Organisation, visible: bool) -> BoardRow:
        found = standings[org.pk]
        return BoardRow(org, found.results, visible, found.checked_at, found.stored)

    rows = [row(consortium, True)]
    rows += [row(m, Perm.VIEW_ORGANISATION in perms.get(m.pk, frozenset())) for m in members]
    return consortium, rows


def board_row(
    *, user: UserLike, organisation_id: int, member_id: int, as_of: dt.date
) -> tuple[Organisation, BoardRow]:
    """One row of a consortium's board: the consortium itself or one of its member co-ops on
    ``as_of`` (otherwise a 404), with its results read as the board reads them."""
    consortium = access_organisation(user, organisation_id, Perm.VIEW_MEMBER_COOPS)
    if not consortium.is_consortium:
        raise Http404("Not a consortium")
    if member_id == consortium.pk:
        org, visible = consortium, True
    else:
        link = consortium_members(consortium, as_of).filter(member_id=member_id).first()
        if link is None:
            raise Http404("Not a member co-operative")
        org = link.member
        visible = Perm.VIEW_ORGANISATION in permission_map(user).get(org.pk, frozenset())
    found = standings_of(org_ids=[org.pk], as_of=as_of)[org.pk]
    return consortium, BoardRow(org, found.results, visible, found.checked_at, found.stored)


@dataclass(frozen=True)
class MemberBreaches:
    organisation: Organisation
    rules: list[str]  # the rules the co-op breaches today, by id
    visible: bool  # the reader may open this co-op's compliance page


def member_breaches(
    *, user: UserLike, organisation: Organisation, as_of: dt.date
) -> list[MemberBreaches] | None:
    """The member co-ops of a consortium in breach on ``as_of``, as the board has them.

    None when ``organisation`` is not a consortium or the reader may not see its member
    co-ops. Read from each co-op's stored results rather than from alerts, and checked there
    and then when it has none for the day (never checked, or changed since): a co-op that no
    scan has reached yet, or that breached a rule a minute ago, still shows. Rule ids only:
    nothing of anyone's personal data.
    """
    if not organisation.is_consortium:
        return None
    if Perm.VIEW_MEMBER_COOPS not in permission_map(user).get(organisation.pk, frozenset()):
        return None
    _consortium, rows = consortium_board(
        user=user, organisation_id=organisation.pk, as_of=as_of, breaches_only=True
    )
    found = []
    for row in rows[1:]:
        breached = [x.rule for x in row.results if x.status is r.Status.BREACH]
        if breached:
            found.append(MemberBreaches(row.organisation, breached, row.visible))
    return found


def alert_list(
    *, user: UserLike, organisation_id: int
) -> tuple[Organisation, list[ComplianceAlert]]:
    organisation = access_organisation(user, organisation_id, Perm.VIEW_ORGANISATION)
    alerts = list(ComplianceAlert.objects.filter(organisation=organisation)[:200])
    return organisation, alerts


def open_alert_count(organisation: Organisation) -> int:
    return ComplianceAlert.objects.filter(
        organisation=organisation, resolved_at__isnull=True
    ).count()
