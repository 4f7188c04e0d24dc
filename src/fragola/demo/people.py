"""Invented people with fiscal codes that match their name, sex, birth date and birthplace."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from fragola.core.italy.codes import validate_person_fiscal_code
from fragola.demo import names
from fragola.demo.catalogue import Persona
from fragola.demo.names import fiscal_code
from fragola.registry.models import Comune, Organisation, Person, PersonKind

# (youngest, oldest) age today for each kind of member.
AGES = {
    "lavoratore": (20, 64),
    "volontario": (22, 82),
    "fruitore": (25, 95),
    "familiare": (35, 80),
    "sovventore": (30, 80),
}


@dataclass(frozen=True)
class Territory:
    """The comuni the generator draws on: the province's, and the co-op's own."""

    by_name: dict[str, Comune]
    birthplaces: tuple[str, ...]  # cadastral codes of long-established comuni


def persona_fiscal_code(persona: Persona) -> str:
    assert persona.birth_date is not None
    return fiscal_code(
        last_name=persona.last_name,
        first_name=persona.first_name,
        sex=persona.sex,
        birth=persona.birth_date,
        place=persona.birthplace,
    )


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


class PeopleMaker:
    """Makes unsaved ``Person`` rows for one organisation, never repeating a fiscal code."""

    def __init__(self, *, rng: random.Random, territory: Territory, today: dt.date) -> None:
        self.rng = rng
        self.territory = territory
        self.today = today
        self.used: set[str] = set()

    def birth_date(self, kind: str) -> dt.date:
        youngest, oldest = AGES[kind]
        days = self.rng.randint(youngest * 365 + 30, oldest * 365 + 300)
        return self.today - dt.timedelta(days=days)

    def _identity(self, born: dt.date) -> tuple[str, str, str, str]:
        """First name, last name, sex and birthplace code."""
        roll = self.rng.random()
        sex = "F" if self.rng.random() < 0.62 else "M"  # most social co-op workers are women
        if roll < 0.07 and born.year >= 1965:
            place, female, male, surnames = self.rng.choice(names.BORN_ABROAD)
            first = self.rng.choice(female if sex == "F" else male)
            return first, self.rng.choice(surnames), sex, place
        first = self.rng.choice(names.FEMALE_FIRST_NAMES if sex == "F" else names.MALE_FIRST_NAMES)
        if roll < 0.20:
            place = self.rng.choice(names.OTHER_BIRTHPLACES)
        else:
            place = self.rng.choice(self.territory.birthplaces)
        return first, self.rng.choice(names.LAST_NAMES), sex, place

    def natural(
        self, *, kind: str, home: tuple[Comune, ...], last_name: str = "", address: str = ""
    ) -> Person:
        born = self.birth_date(kind)
        first, last, sex, place = self._identity(born)
        last = last_name or last
        code = fiscal_code(last_name=last, first_name=first, sex=sex, birth=born, place=place)
        while code in self.used:  # the same code twice in one book: move the birthday on
            born += dt.timedelta(days=1)
            code = fiscal_code(last_name=last, first_name=first, sex=sex, birth=born, place=place)
        return self.person(
            first_name=first,
            last_name=last,
            sex=sex,
            birth_date=born,
            fiscal_code=code,
            comune=self._residence(home),
            address=address or self.address(),
        )

    def person(self, **values: object) -> Person:
        """A natural person with the given identity, checked as the services would check it."""
        code = validate_person_fiscal_code(
            kind=PersonKind.NATURAL,
            fiscal_code=str(values["fiscal_code"]),
            birth_date=values["birth_date"],  # type: ignore[arg-type]
            sex=str(values["sex"]),
        )
        self.used.add(code)
        person = Person(kind=PersonKind.NATURAL, **values)
        self._contacts(person)
        return person

    def legal(self, *, legal_name: str, fiscal_code: str, comune: Comune) -> Person:
        code = validate_person_fiscal_code(kind=PersonKind.LEGAL, fiscal_code=fiscal_code)
        self.used.add(code)
        slug = ascii_slug(legal_name)[:20]
        return Person(
            kind=PersonKind.LEGAL,
            legal_name=legal_name,
            fiscal_code=code,
            comune=comune,
            address=self.address(),
            email=f"segreteria@{slug}.example.org",
        )

    def _residence(self, home: tuple[Comune, ...]) -> Comune:
        if self.rng.random() < 0.8:
            return self.rng.choice(home)
        return self.rng.choice(list(self.territory.by_name.values()))

    def address(self) -> str:
        return f"{self.rng.choice(names.STREETS)} {self.rng.randint(1, 120)}"

    def _contacts(self, person: Person) -> None:
        if self.rng.random() < 0.6:
            user = f"{ascii_slug(person.first_name)}.{ascii_slug(person.last_name)}"
            person.email = f"{user}{self.rng.randint(1, 99)}@example.org"
        if self.rng.random() < 0.5:
            digits = f"{self.rng.randint(0, 9_999_999):07d}"
            person.phone = f"+39 3{self.rng.randint(20, 93)} {digits[:3]} {digits[3:]}"


def integration_worker(coop: Organisation, rng: random.Random) -> Person:
    """A saved worker of a type B co-op for the work-integration demo (born 1965-2002)."""
    female = rng.random() < 0.4
    first = rng.choice(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES)
    last = rng.choice(names.LAST_NAMES)
    born = dt.date(1965 + rng.randrange(38), 1 + rng.randrange(12), 1 + rng.randrange(28))
    sex = "F" if female else "M"
    code = fiscal_code(last_name=last, first_name=first, sex=sex, birth=born, place="A794")
    person, _ = Person.objects.get_or_create(
        organisation=coop,
        fiscal_code=code,
        defaults={"kind": PersonKind.NATURAL, "first_name": first, "last_name": last,
                  "sex": sex, "birth_date": born, "comune": coop.comune},
    )  # fmt: skip
    return person
