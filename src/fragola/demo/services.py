"""``demo_load``: a believable consortium of social co-operatives in the province of Bergamo."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fragola.backoffice.services.demo import backoffice_demo_load
from fragola.billing.services.demo import billing_demo_load
from fragola.care.services.demo import care_demo_load
from fragola.demo.book import BookMaker, Entry, category_counts, days
from fragola.demo.catalogue import (
    CONSORTIUM,
    COOPS,
    PERSONAS,
    PROVINCE,
    SEED,
    CoopSpec,
    organisation_code,
)
from fragola.demo.logins import DemoLogin, logins_ensure
from fragola.demo.people import PeopleMaker, Territory, integration_worker, persona_fiscal_code
from fragola.demo.writer import entries_save
from fragola.governance.services.demo import governance_demo_load
from fragola.integration.services.demo import integration_demo_load
from fragola.procurement.services.demo import procurement_demo_load
from fragola.registry import services
from fragola.registry.models import (
    Comune,
    LegalForm,
    Membership,
    Organisation,
    OrganisationType,
    Person,
    RegisterSection,
    RoleName,
    ShareMovement,
)

ERR_NO_TERRITORY = "The comuni of the province of Bergamo are missing: run `fragola migrate` first."
ERR_CODE_TAKEN = "The demo cannot load: fiscal code {code} already belongs to {name}."


@dataclass(frozen=True)
class DemoSummary:
    created: bool  # False when the demo was already there
    organisations: int
    members_in_book: int
    memberships: int
    share_movements: int
    rows_created: int
    seconds: float
    logins: tuple[DemoLogin, ...]


def demo_codes() -> dict[str, str]:
    """Each demo organisation's key → its fiscal code (and VAT number)."""
    codes = {CONSORTIUM.key: organisation_code(1)}
    codes.update({spec.key: organisation_code(10 + n) for n, spec in enumerate(COOPS)})
    return codes


@transaction.atomic
def demo_load(*, today: dt.date | None = None) -> DemoSummary:
    """Load the demo world once; running it again creates nothing and changes nothing."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    organisations = _existing_organisations()
    rows = 0
    created = not organisations
    if created:
        organisations, rows = _build(today)
    logins, login_rows = logins_ensure(organisations)
    extra_logins = _apps_demo(list(organisations.values()), today)
    return _summary(
        organisations, created, rows + login_rows, started, (*logins, *extra_logins), today
    )


def _apps_demo(organisations: Sequence[Organisation], today: dt.date) -> list[DemoLogin]:
    """Each app's own demo data on the demo's organisations, in layer order; the extra logins."""
    care = care_demo_load(organisations=organisations, today=today)
    governance_demo_load(organisations=organisations, today=today)
    # its tutor login is ours
    integration_demo_load(organisations=organisations, today=today, people=integration_worker)
    noon = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    procurement_demo_load(organisations=organisations, today=today, now=noon)
    backoffice_demo_load(organisations=organisations, today=today)
    billing_demo_load(organisations=organisations, today=today)
    return [
        DemoLogin(
            username=login.username,
            password=login.password,
            role=str(RoleName(login.role).label),
            organisation=login.organisation,
        )
        for login in care.logins
    ]


def _existing_organisations() -> dict[str, Organisation]:
    codes = demo_codes()
    found = {o.fiscal_code: o for o in Organisation.objects.filter(fiscal_code__in=codes.values())}
    if not found:
        return {}
    if CONSORTIUM.name not in {o.name for o in found.values()}:
        clash = next(iter(found.values()))
        raise ValidationError(ERR_CODE_TAKEN.format(code=clash.fiscal_code, name=clash.name))
    return {key: found[code] for key, code in codes.items() if code in found}


def _territory() -> Territory:
    comuni = Comune.objects.filter(province__abbreviation=PROVINCE).select_related("province")
    by_name = {c.name: c for c in comuni}
    if not by_name:
        raise ValidationError(ERR_NO_TERRITORY)
    # Birthplaces: the seats and served comuni, all of them comuni for a century or more.
    places = sorted({name for spec in COOPS for name in (spec.seat, *spec.served)})
    return Territory(by_name=by_name, birthplaces=tuple(by_name[n].cadastral_code for n in places))


def _build(today: dt.date) -> tuple[dict[str, Organisation], int]:
    rng = random.Random(SEED)
    territory = _territory()
    organisations = _organisations(territory)
    joined = _join_consortium(organisations, rng)
    entries: list[Entry] = []
    for spec in COOPS:
        entries += _coop_book(spec, organisations[spec.key], territory, rng, today)
    entries += _consortium_book(organisations, joined, territory, rng, today)
    staff = _staff_people(organisations, territory, rng, today)
    entries_save(entries, staff)
    rows = len(organisations) + len(joined) + len(staff) + 2 * len(entries)
    return organisations, rows + sum(len(e.movements) for e in entries)


# Organisations -------------------------------------------------------------------------------


def _organisations(territory: Territory) -> dict[str, Organisation]:
    codes = demo_codes()
    organisations: dict[str, Organisation] = {}
    for number, spec in enumerate((CONSORTIUM, *COOPS), start=1):
        data = _organisation_data(spec, codes[spec.key], number, territory, organisations)
        organisation = services.organisation_create(data=data)
        organisation.comuni_served.set([territory.by_name[name] for name in spec.served])
        organisations[spec.key] = organisation
    return organisations


def _organisation_data(
    spec: CoopSpec,
    code: str,
    number: int,
    territory: Territory,
    organisations: dict[str, Organisation],
) -> services.OrganisationData:
    seat = territory.by_name[spec.seat]
    registered = spec.founded_on + days(150 + 7 * number)
    slug = spec.key.replace("-", "")
    return services.OrganisationData(
        type=spec.type,
        name=spec.name,
        fiscal_code=code,
        vat_number=code,
        legal_form=LegalForm.SPA if spec.members >= 90 else LegalForm.SRL,
        founded_on=spec.founded_on,
        comune=seat,
        address=f"Via {['Roma', 'Garibaldi', 'Mazzini', 'Verdi'][number % 4]} {number * 3 + 1}",
        email=f"info@{slug}.example.org",
        pec=f"{slug}@pec.example.org",
        register_region=seat.province.region,
        register_section=_register_section(spec.type),
        register_number=_register_number(spec.type, number),
        register_date=registered,
        rea_number=f"BG-{230000 + number * 1711}",
        incubated_by=organisations.get(spec.incubated_by),
    )


def _register_section(kind: str) -> str:
    sections = {
        OrganisationType.CONSORTIUM: RegisterSection.C,
        OrganisationType.B: RegisterSection.B,
    }
    return str(sections.get(OrganisationType(kind), RegisterSection.A))


def _register_number(kind: str, number: int) -> str:
    if kind == OrganisationType.AB:  # mixed co-ops are enrolled in both sections
        return f"A-{100 + number * 13} / B-{40 + number * 7}"
    return f"{_register_section(kind)}-{100 + number * 13}"


def _join_consortium(
    organisations: dict[str, Organisation], rng: random.Random
) -> dict[str, dt.date]:
    consortium = organisations[CONSORTIUM.key]
    joined: dict[str, dt.date] = {}
    for spec in COOPS:
        start = max(CONSORTIUM.founded_on, spec.founded_on)
        joined[spec.key] = start + days(rng.randint(60, 700))
        services.consortium_member_add(
            consortium=consortium,
            member=organisations[spec.key],
            joined_on=joined[spec.key],
            shares_book=spec.shares_book,
        )
    return joined


# Books ---------------------------------------------------------------------------------------


def _coop_book(
    spec: CoopSpec,
    organisation: Organisation,
    territory: Territory,
    rng: random.Random,
    today: dt.date,
) -> list[Entry]:
    served = tuple(territory.by_name[name] for name in spec.served)
    people = PeopleMaker(rng=rng, territory=territory, today=today)
    maker = BookMaker(
        rng=rng, spec=spec, organisation=organisation, served=served, people=people, today=today
    )
    counts = category_counts(spec)
    for persona in PERSONAS:
        if persona.organisation == spec.key and persona.category:
            maker.persona_member(persona)
            counts[persona.category] -= 1
    maker.fill(counts)
    maker.number()
    maker.capital()
    return maker.entries


def _consortium_book(
    organisations: dict[str, Organisation],
    joined: dict[str, dt.date],
    territory: Territory,
    rng: random.Random,
    today: dt.date,
) -> list[Entry]:
    """The consortium's own members are its co-operatives, as legal persons."""
    consortium = organisations[CONSORTIUM.key]
    people = PeopleMaker(rng=rng, territory=territory, today=today)
    maker = BookMaker(
        rng=rng,
        spec=CONSORTIUM,
        organisation=consortium,
        served=(consortium.comune,),
        people=people,
        today=today,
    )
    for spec in COOPS:
        coop = organisations[spec.key]
        person = people.legal(
            legal_name=coop.name, fiscal_code=coop.fiscal_code, comune=coop.comune
        )
        entry = maker.add(person, "persona_giuridica", joined[spec.key] - days(30))
        maker.admit(entry, joined[spec.key])
    maker.number()
    maker.capital()
    return maker.entries


def _staff_people(
    organisations: dict[str, Organisation],
    territory: Territory,
    rng: random.Random,
    today: dt.date,
) -> list[Person]:
    """Personas who work for an organisation without being on its book (consortium staff)."""
    people = PeopleMaker(rng=rng, territory=territory, today=today)
    staff = []
    for persona in PERSONAS:
        if persona.category:
            continue
        organisation = organisations[persona.organisation]
        person = people.person(
            first_name=persona.first_name,
            last_name=persona.last_name,
            sex=persona.sex,
            birth_date=persona.birth_date,
            fiscal_code=persona_fiscal_code(persona),
            comune=organisation.comune,
            address=people.address(),
        )
        person.organisation = organisation
        staff.append(person)
    return staff


# Summary -------------------------------------------------------------------------------------


def _summary(
    organisations: dict[str, Organisation],
    created: bool,
    rows: int,
    started: float,
    logins: Sequence[DemoLogin],
    today: dt.date,
) -> DemoSummary:
    memberships = Membership.objects.filter(organisation__in=organisations.values())
    coops = memberships.exclude(organisation__type=OrganisationType.CONSORTIUM)
    return DemoSummary(
        created=created,
        organisations=len(organisations),
        members_in_book=coops.in_book_on(today).count(),
        memberships=memberships.count(),
        share_movements=ShareMovement.objects.filter(membership__in=memberships).count(),
        rows_created=rows,
        seconds=time.perf_counter() - started,
        logins=tuple(logins),
    )
