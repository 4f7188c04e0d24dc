"""Consultations: create, open (freezing the electorate), vote, close.

The electorate is frozen from the members' book when a poll opens: the members who could vote
at an assembly held that day (G2: on the book and admitted at least 90 days before), all of them
or one category. A member votes once; in an anonymous poll the ballot is stored with no link to
the voter, and the voter's row records only that they voted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fragola.core.access import UserLike
from fragola.governance import selectors, voting
from fragola.governance.models import (
    Answer,
    Ballot,
    Poll,
    PollKind,
    PollOption,
    PollVoter,
)
from fragola.registry.models import MemberCategory, Organisation

ERR_POLL_KIND = _("Unknown kind of consultation.")
ERR_POLL_CATEGORY = _("Unknown member category.")
ERR_POLL_OPTIONS = _("Give at least two options, one per line.")
ERR_POLL_OPTION_TWICE = _("Each option must be different.")
ERR_POLL_QUORUM = _("The quorum is a share of the electorate from 0 to 100 %.")
ERR_POLL_THRESHOLD = _("The threshold is a share from 50 to 100 %.")
ERR_POLL_SCORE_MAX = _("The highest score is from 1 to 100.")
ERR_POLL_CLOSES_PAST = _("The closing time must be in the future.")
ERR_POLL_CLOSES_FAR = _("A consultation closes within a year.")
ERR_POLL_NOT_DRAFT = _("This consultation has already been opened.")
ERR_POLL_NO_ELECTORATE = _("Nobody could vote: no member of this category may vote today.")
ERR_POLL_NOT_OPEN = _("This consultation is not open for voting.")
ERR_NOT_IN_ELECTORATE = _("You are not among the members who may vote in this consultation.")
ERR_ALREADY_VOTED = _("You have already voted in this consultation.")
ERR_BALLOT_ANSWER = _("Choose agree, abstain, disagree or block.")
ERR_BALLOT_ONE = _("Choose one option.")
ERR_BALLOT_SOME = _("Choose at least one option.")
ERR_BALLOT_SCORE = _("Give each option a score from 0 to %(max)d.")
ERR_BALLOT_RANKS = _("Rank the options 1, 2, 3… each number once, none skipped.")

MAX_OPTIONS = 30
MAX_DAYS_OPEN = 366


@dataclass(frozen=True)
class PollData:
    title: str
    kind: str
    closes_at: dt.datetime
    options: Sequence[str] = ()
    description: str = ""
    category: str = ""
    anonymous: bool = True
    results_hidden: bool = True
    quorum: Decimal = Decimal(0)
    threshold: Decimal = Decimal("0.5")
    score_max: int = 5


def _clean_options(data: PollData) -> list[str]:
    if data.kind == PollKind.PROPOSAL:
        return []
    options = [label.strip() for label in data.options if label.strip()]
    if not 2 <= len(options) <= MAX_OPTIONS:
        raise ValidationError({"options": ERR_POLL_OPTIONS})
    if len(set(options)) < len(options):
        raise ValidationError({"options": ERR_POLL_OPTION_TWICE})
    return options


def _check(data: PollData, now: dt.datetime) -> None:
    if data.kind not in PollKind.values:
        raise ValidationError({"kind": ERR_POLL_KIND})
    if data.category and data.category not in MemberCategory.values:
        raise ValidationError({"category": ERR_POLL_CATEGORY})
    if not Decimal(0) <= data.quorum <= Decimal(1):
        raise ValidationError({"quorum": ERR_POLL_QUORUM})
    if not Decimal("0.5") <= data.threshold <= Decimal(1):
        raise ValidationError({"threshold": ERR_POLL_THRESHOLD})
    if not 1 <= data.score_max <= 100:
        raise ValidationError({"score_max": ERR_POLL_SCORE_MAX})
    if data.closes_at <= now:
        raise ValidationError({"closes_at": ERR_POLL_CLOSES_PAST})
    if data.closes_at > now + dt.timedelta(days=MAX_DAYS_OPEN):
        raise ValidationError({"closes_at": ERR_POLL_CLOSES_FAR})


@transaction.atomic
def poll_create(
    *, organisation: Organisation, data: PollData, now: dt.datetime | None = None
) -> Poll:
    """A draft consultation with its options (none for a proposal)."""
    if timezone.is_naive(data.closes_at):  # a time of day in Italy
        data = replace(data, closes_at=timezone.make_aware(data.closes_at))
    _check(data, now or timezone.now())
    options = _clean_options(data)
    poll = Poll(
        organisation=organisation, title=data.title.strip(), description=data.description,
        kind=data.kind, category=data.category, anonymous=data.anonymous,
        results_hidden=data.results_hidden, quorum=data.quorum, threshold=data.threshold,
        score_max=data.score_max, closes_at=data.closes_at,
    )  # fmt: skip
    poll.full_clean()
    poll.save()
    PollOption.objects.bulk_create(
        PollOption(poll=poll, label=label, position=n) for n, label in enumerate(options, 1)
    )
    return poll


@transaction.atomic
def poll_open(*, poll: Poll, now: dt.datetime | None = None) -> Poll:
    """Open the vote and freeze the electorate from today's book."""
    now = now or timezone.now()
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.opened_at is not None:
        raise ValidationError({"status": ERR_POLL_NOT_DRAFT})
    if poll.closes_at <= now:
        raise ValidationError({"closes_at": ERR_POLL_CLOSES_PAST})
    electorate = selectors.poll_electorate(poll, timezone.localdate(now))
    if not electorate:
        raise ValidationError({"category": ERR_POLL_NO_ELECTORATE})
    PollVoter.objects.bulk_create(PollVoter(poll=poll, membership=m) for m in electorate)
    poll.opened_at = now
    poll.save(update_fields=["opened_at", "updated_at"])
    return poll


@transaction.atomic
def poll_close(*, poll: Poll, now: dt.datetime | None = None) -> Poll:
    """Close the vote before its closing time (it closes by itself at ``closes_at``)."""
    now = now or timezone.now()
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status_at(now) != "open":
        raise ValidationError({"status": ERR_POLL_NOT_OPEN})
    poll.closed_at = now
    poll.save(update_fields=["closed_at", "updated_at"])
    return poll


def _marks(poll: Poll, values: Mapping[int, int]) -> dict[str, int]:
    """The ballot's marks keyed by option position, checked for the poll's kind."""
    positions = dict(poll.options.values_list("pk", "position"))
    if any(option_id not in positions for option_id in values):
        raise ValidationError({"marks": ERR_BALLOT_SOME})
    given = {positions[o]: v for o, v in values.items() if v}
    if poll.kind == PollKind.SINGLE and (len(given) != 1 or set(given.values()) != {1}):
        raise ValidationError({"marks": ERR_BALLOT_ONE})
    if poll.kind == PollKind.MULTIPLE and (not given or set(given.values()) != {1}):
        raise ValidationError({"marks": ERR_BALLOT_SOME})
    if poll.kind == PollKind.SCORE and any(not 0 <= v <= poll.score_max for v in values.values()):
        raise ValidationError({"marks": ERR_BALLOT_SCORE % {"max": poll.score_max}})
    if poll.kind == PollKind.RANKED:
        ranks = {str(p): r for p, r in given.items()}
        if not ranks or voting.ranking_problem(list(ranks), ranks) is not None:
            raise ValidationError({"marks": ERR_BALLOT_RANKS})
    return {str(position): value for position, value in sorted(given.items())}


@transaction.atomic
def poll_vote(
    *,
    poll: Poll,
    user: UserLike,
    answer: str = "",
    marks: Mapping[int, int] | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Cast ``user``'s ballot: ``answer`` for a proposal, else ``marks`` (option id → 1 for a
    choice, a rank from 1, or a score)."""
    voter = selectors.poll_voter_for(poll, user, lock=True)
    if voter is None:
        raise ValidationError({"voter": ERR_NOT_IN_ELECTORATE})
    ballot_cast(poll=poll, voter=voter, answer=answer, marks=marks, now=now)


@transaction.atomic
def ballot_cast(
    *,
    poll: Poll,
    voter: PollVoter,
    answer: str = "",
    marks: Mapping[int, int] | None = None,
    now: dt.datetime | None = None,
) -> None:
    """``voter``'s ballot (``poll_vote`` finds the voter of a user; the demo names them)."""
    now = now or timezone.now()
    if poll.status_at(now) != "open":
        raise ValidationError({"status": ERR_POLL_NOT_OPEN})
    voter = PollVoter.objects.select_for_update().get(pk=voter.pk, poll=poll)
    if voter.voted_at is not None:
        raise ValidationError({"voter": ERR_ALREADY_VOTED})
    ballot = Ballot(poll=poll, voter=None if poll.anonymous else voter)
    if poll.kind == PollKind.PROPOSAL:
        if answer not in Answer.values:
            raise ValidationError({"answer": ERR_BALLOT_ANSWER})
        ballot.answer = answer
    else:
        ballot.marks = _marks(poll, marks or {})
    ballot.save()
    voter.voted_at = now
    voter.save(update_fields=["voted_at"])
