"""One co-operative's members' book: who joined when, who left, who is waiting, what they paid."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from fragola.demo import names
from fragola.demo.catalogue import CATEGORY_MIX, CoopSpec, Persona, organisation_code
from fragola.demo.people import PeopleMaker, persona_fiscal_code
from fragola.registry.models import (
    Comune,
    ExitReason,
    MemberCategory,
    Membership,
    Organisation,
    OrganisationType,
    Person,
    ShareMovement,
    ShareMovementKind,
)

FAMILY_NOTE = "Socio fruitore in qualità di familiare di una persona assistita."
# Shares subscribed, as a number of shares of the co-op's nominal value.
SHARES = {
    MemberCategory.WORKER: (20, 20, 40),
    MemberCategory.VOLUNTEER: (2, 2, 4),
    MemberCategory.USER: (2, 4, 4),
    MemberCategory.SUPPORTER: (40, 80, 200),
    MemberCategory.LEGAL_PERSON: (40, 100, 200, 400),
}


@dataclass
class Entry:
    """A line of the book before it is saved, with the share movements that go with it."""

    person: Person
    membership: Membership
    movements: list[ShareMovement] = field(default_factory=list)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def category_counts(spec: CoopSpec) -> dict[str, int]:
    """How many members of each category are on the book today: volunteers never over half."""
    legal = 1 if spec.members < 40 else 2 if spec.members < 75 else 3
    natural = spec.members - legal
    mix = CATEGORY_MIX[spec.type]
    counts = {category: int(natural * share) for category, share in mix.items()}
    counts[MemberCategory.WORKER] += natural - sum(counts.values())
    counts[MemberCategory.LEGAL_PERSON] = legal
    return counts


class BookMaker:
    def __init__(
        self,
        *,
        rng: random.Random,
        spec: CoopSpec,
        organisation: Organisation,
        served: tuple[Comune, ...],
        people: PeopleMaker,
        today: dt.date,
    ) -> None:
        self.rng = rng
        self.spec = spec
        self.organisation = organisation
        self.served = served
        self.people = people
        self.today = today
        self.entries: list[Entry] = []

    # Dates -----------------------------------------------------------------------------------

    def _applied_on(self, born: dt.date | None, latest: dt.date) -> dt.date:
        earliest = self.spec.founded_on + days(20)
        if born is not None:  # members come of age first
            earliest = max(earliest, born + days(18 * 366))
        earliest = min(earliest, latest - days(30))
        span = (latest - earliest).days
        # Skewed towards recent years: co-ops grow, and members come and go.
        return latest - days(int(span * self.rng.random() ** 2))

    def _admitted_on(self, applied: dt.date) -> dt.date:
        return min(applied + days(self.rng.randint(14, 60)), self.today - days(1))

    # Entries ---------------------------------------------------------------------------------

    def add(self, person: Person, category: str, applied: dt.date, notes: str = "") -> Entry:
        membership = Membership(
            organisation=self.organisation,
            person=person,
            category=category,
            applied_on=applied,
            notes=notes,
        )
        person.organisation = self.organisation
        entry = Entry(person=person, membership=membership)
        self.entries.append(entry)
        return entry

    def persona_member(self, persona: Persona) -> Entry:
        """A demo login's own line in the book, with a fixed identity."""
        assert persona.birth_date is not None and persona.admitted_on is not None
        person = self.people.person(
            first_name=persona.first_name,
            last_name=persona.last_name,
            sex=persona.sex,
            birth_date=persona.birth_date,
            fiscal_code=persona_fiscal_code(persona),
            comune=self.organisation.comune,
            address=self.people.address(),
        )
        entry = self.add(person, persona.category, persona.admitted_on - days(30))
        self.admit(entry, persona.admitted_on)
        return entry

    def natural_member(self, category: str, latest: dt.date) -> Entry:
        kind = category
        notes = ""
        if category == MemberCategory.USER and self.rng.random() < 0.5:
            kind, notes = "familiare", FAMILY_NOTE
        person = self.people.natural(kind=kind, home=self.served)
        return self.add(person, category, self._applied_on(person.birth_date, latest), notes)

    def admit(self, entry: Entry, admitted: dt.date | None = None) -> None:
        entry.membership.admitted_on = admitted or self._admitted_on(entry.membership.applied_on)

    def leave(self, entry: Entry) -> None:
        admitted = entry.membership.admitted_on
        assert admitted is not None
        end = self.today - days(15)
        low = max(admitted, min(admitted + days(180), end))
        exited = low + days(self.rng.randint(0, max(0, (end - low).days)))
        entry.membership.exited_on = exited
        entry.membership.exit_reason = self._exit_reason(entry.person, exited)

    def _exit_reason(self, person: Person, exited: dt.date) -> str:
        born = person.birth_date
        if born is not None and (exited - born).days > 70 * 365 and self.rng.random() < 0.6:
            return ExitReason.DEATH
        return ExitReason.EXCLUSION if self.rng.random() < 0.2 else ExitReason.WITHDRAWAL

    def legal_members(self, count: int, latest: dt.date) -> None:
        seat = self.organisation.comune
        comune_code = organisation_code(int(seat.istat_code), prefix="80")
        candidates = [(f"Comune di {seat.name}", comune_code)]
        if self.spec.type == OrganisationType.B:
            candidates.insert(0, self._pick(names.COMPANIES, "04"))
        candidates += [self._pick(names.FOUNDATIONS, "91"), self._pick(names.ASSOCIATIONS, "92")]
        for legal_name, code in candidates[:count]:
            person = self.people.legal(legal_name=legal_name, fiscal_code=code, comune=seat)
            entry = self.add(person, MemberCategory.LEGAL_PERSON, self._applied_on(None, latest))
            self.admit(entry)

    def _pick(self, choices: tuple[str, ...], prefix: str) -> tuple[str, str]:
        index = self.rng.randrange(len(choices))
        return choices[index], organisation_code(index + 1, prefix=prefix)

    def fill(self, counts: dict[str, int]) -> None:
        """Members on the book today, those who left, applicants waiting and one turned down."""
        latest = self.today - days(60)
        for category, count in counts.items():
            if category == MemberCategory.LEGAL_PERSON:
                self.legal_members(count, latest)
                continue
            for _ in range(count):
                self.admit(self.natural_member(category, latest))
        for _ in range(round(self.spec.members * 0.09)):
            entry = self.natural_member(self._random_category(), latest)
            self.admit(entry)
            self.leave(entry)
        for _ in range(max(1, round(self.spec.members * 0.04))):
            entry = self.natural_member(self._random_category(), latest)
            entry.membership.applied_on = self.today - days(self.rng.randint(3, 40))
        if self.spec.members >= 50:
            self._rejected(latest)

    def _random_category(self) -> str:
        mix = CATEGORY_MIX[self.spec.type]
        return self.rng.choices(list(mix), weights=list(mix.values()))[0]

    def _rejected(self, latest: dt.date) -> None:
        entry = self.natural_member(MemberCategory.WORKER, latest)
        entry.membership.rejected_on = entry.membership.applied_on + days(35)
        entry.membership.notes = "Domanda respinta: requisiti statutari non soddisfatti."

    # Numbers and capital ---------------------------------------------------------------------

    def number(self) -> None:
        admitted = [e.membership for e in self.entries if e.membership.admitted_on]
        admitted.sort(key=lambda m: (m.admitted_on, m.applied_on))
        for number, membership in enumerate(admitted, start=1):
            membership.member_number = number

    def capital(self) -> None:
        for entry in self.entries:
            entry.movements = self._movements(entry.membership)

    def _movements(self, membership: Membership) -> list[ShareMovement]:
        value = Decimal(self.spec.share_value)
        subscribed = value * self.rng.choice(SHARES[MemberCategory(membership.category)])
        moves = [
            self._move(
                membership,
                ShareMovementKind.SUBSCRIPTION,
                subscribed,
                membership.applied_on,
                "Sottoscrizione quote sociali",
            )
        ]
        if membership.rejected_on:
            return moves
        moves += self._payments(membership, subscribed)
        paid = sum((m.amount for m in moves if m.kind == ShareMovementKind.PAYMENT), Decimal(0))
        refund_on = membership.exited_on and membership.exited_on + days(self.rng.randint(30, 150))
        if refund_on and refund_on <= self.today and paid > 0:
            note = (
                "Rimborso agli eredi"
                if membership.exit_reason == ExitReason.DEATH
                else ("Rimborso quote al socio uscito")
            )
            moves.append(self._move(membership, ShareMovementKind.REFUND, paid, refund_on, note))
        return moves

    def _payments(self, membership: Membership, subscribed: Decimal) -> list[ShareMovement]:
        start = membership.admitted_on
        if start is None:  # an applicant: some pay on applying
            if self.rng.random() < 0.5:
                return [
                    self._move(
                        membership,
                        ShareMovementKind.PAYMENT,
                        subscribed,
                        membership.applied_on,
                        "Versamento alla domanda",
                    )
                ]
            return []
        if membership.category != MemberCategory.WORKER or self.rng.random() < 0.4:
            return [
                self._move(
                    membership, ShareMovementKind.PAYMENT, subscribed, start, "Versamento integrale"
                )
            ]
        # Workers often pay in four monthly instalments held back from their pay.
        last_day = min(self.today, membership.exited_on or self.today)
        instalment = (subscribed / 4).quantize(Decimal("0.01"))
        return [
            self._move(
                membership,
                ShareMovementKind.PAYMENT,
                instalment,
                day,
                f"Rata {n} di 4 (trattenuta in busta paga)",
            )
            for n, day in ((n, start + days(30 * n)) for n in range(1, 5))
            if day <= last_day
        ]

    @staticmethod
    def _move(
        membership: Membership, kind: str, amount: Decimal, day: dt.date, note: str
    ) -> ShareMovement:
        return ShareMovement(membership=membership, kind=kind, amount=amount, date=day, note=note)
