"""The board of directors (c.c. art. 2542) and the members' assemblies (c.c. art. 2538)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from fragola.core.models import TimeStampedModel
from fragola.registry.models import MemberCategory, Membership, Organisation, Person


class BoardRole(models.TextChoices):
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    DIRECTOR = "director", _("Director")


class BoardSeat(TimeStampedModel):
    """A seat on the board of directors; ``ended_on`` is the last day on the board (inclusive)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="board_seats"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="board_seats")
    role = models.CharField(_("role"), max_length=20, choices=BoardRole.choices)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["started_on", "pk"]
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="board_seat_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class AssemblyKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary assembly")
    EXTRAORDINARY = "extraordinary", _("Extraordinary assembly")


class Assembly(TimeStampedModel):
    """A general meeting of the members."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assemblies"
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=AssemblyKind.choices, default=AssemblyKind.ORDINARY
    )
    agenda = models.TextField(_("agenda"), blank=True)
    # Convening: the statute's rules for this assembly. Empty ``convened_on``: only scheduled.
    convened_on = models.DateField(_("convened on"), null=True, blank=True)
    second_call_on = models.DateField(_("second call"), null=True, blank=True)
    first_call_quorum = models.DecimalField(
        _("first-call quorum"), max_digits=4, decimal_places=3, default=Decimal("0.5")
    )
    second_call_quorum = models.DecimalField(
        _("second-call quorum"), max_digits=4, decimal_places=3, default=Decimal(0)
    )
    proxy_limit = models.PositiveSmallIntegerField(_("proxies per delegate"), default=1)
    legal_person_votes = models.PositiveSmallIntegerField(_("votes of a legal person"), default=1)
    remote_allowed = models.BooleanField(_("remote attendance allowed"), default=False)

    class Meta:
        ordering: ClassVar = ["held_on", "pk"]
        verbose_name = _("assembly")
        verbose_name_plural = _("assemblies")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(proxy_limit__lte=10), name="assembly_proxy_limit_at_most_ten"
            ),
            models.CheckConstraint(
                condition=Q(legal_person_votes__gte=1, legal_person_votes__lte=5),
                name="assembly_legal_person_votes_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


# Consultations -----------------------------------------------------------------------------------
#
# A poll among the members (or one category of them), consultative: its result advises the board
# or the assembly. The electorate is frozen when it opens (``PollVoter``, one row per member, the
# "has voted" record). A ballot of an anonymous poll has no link to its voter, and nothing that
# orders it against the voters: a random key, no timestamps, the marks inside it.


class PollKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal (agree, abstain, disagree, block)")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCORE = "score", _("Score")
    RANKED = "ranked", _("Ranked choice")


class Answer(models.TextChoices):
    AGREE = "agree", _("Agree")
    ABSTAIN = "abstain", _("Abstain")
    DISAGREE = "disagree", _("Disagree")
    BLOCK = "block", _("Block")


class PollStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("consultation", "Draft")
    OPEN = "open", pgettext_lazy("consultation", "Open")
    CLOSED = "closed", pgettext_lazy("consultation", "Closed")


class Poll(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="polls")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=PollKind.choices)
    category = models.CharField(
        _("member category"), max_length=20, choices=MemberCategory.choices, blank=True,
        help_text=_("Empty: every member."),
    )  # fmt: skip
    anonymous = models.BooleanField(_("anonymous"), default=True)
    results_hidden = models.BooleanField(_("results hidden until closing"), default=True)
    # Fractions: the quorum of the electorate that must vote, the share of agree / (agree +
    # disagree) a proposal needs.
    quorum = models.DecimalField(_("quorum"), max_digits=4, decimal_places=3, default=0)
    threshold = models.DecimalField(_("threshold"), max_digits=4, decimal_places=3, default=0.5)
    score_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    closes_at = models.DateTimeField(_("closes at"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering: ClassVar = ["-closes_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=PollKind.values), name="poll_kind_valid"),
            models.CheckConstraint(
                condition=Q(quorum__gte=0, quorum__lte=1), name="poll_quorum_fraction"
            ),
            models.CheckConstraint(
                condition=Q(threshold__gte=0.5, threshold__lte=1), name="poll_threshold_majority"
            ),
            models.CheckConstraint(
                condition=Q(score_max__gte=1, score_max__lte=100), name="poll_score_max_range"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(opened_at__isnull=False),
                name="poll_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def status_at(self, now: dt.datetime) -> PollStatus:
        if self.opened_at is None:
            return PollStatus.DRAFT
        if self.closed_at is not None or now >= self.closes_at:
            return PollStatus.CLOSED
        return PollStatus.OPEN


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering: ClassVar = ["position"]
        verbose_name = _("option")
        verbose_name_plural = _("options")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["poll", "label"], name="poll_option_label_unique"),
            models.UniqueConstraint(
                fields=["poll", "position"], name="poll_option_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class PollVoter(models.Model):
    """A member of the electorate frozen at opening; ``voted_at`` says whether, never how."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="voters")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    voted_at = models.DateTimeField(_("voted at"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["membership__member_number", "pk"]
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["poll", "membership"], name="poll_voter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id} · {self.membership_id}"


class Ballot(models.Model):
    """One ballot: ``answer`` for a proposal, ``marks`` (option position → 1, a rank or a score)
    for the others. ``voter`` is set only in polls that are not anonymous."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    voter = models.OneToOneField(
        PollVoter, on_delete=models.CASCADE, null=True, blank=True, related_name="ballot"
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    marks = models.JSONField(_("marks"), default=dict, blank=True)

    class Meta:
        ordering: ClassVar = ["pk"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(answer="") | Q(answer__in=Answer.values), name="ballot_answer_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)


# Assemblies: the electorate and attendance -------------------------------------------------------


class Attendance(models.TextChoices):
    ABSENT = "absent", _("Absent")
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote")
    PROXY = "proxy", _("By proxy")


class AssemblyVoter(models.Model):
    """A member entitled to vote at an assembly, frozen when it is convened, with their votes
    (G2: one; a legal person up to five) and how they attend."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="voters")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=20, choices=MemberCategory.choices)
    votes = models.PositiveSmallIntegerField(_("votes"), default=1)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.ABSENT
    )
    delegate = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="proxies",
        verbose_name=_("proxy holder"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["membership__member_number", "pk"]
        verbose_name = _("assembly voter")
        verbose_name_plural = _("assembly voters")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["assembly", "membership"], name="assembly_voter_unique"
            ),
            models.CheckConstraint(
                condition=Q(votes__gte=1, votes__lte=5), name="assembly_voter_votes_range"
            ),
            models.CheckConstraint(
                condition=Q(attendance=Attendance.PROXY, delegate__isnull=False)
                | (~Q(attendance=Attendance.PROXY) & Q(delegate__isnull=True)),
                name="assembly_voter_proxy_has_delegate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assembly_id} · {self.membership_id}"
