"""What the demo consortium looks like: its co-operatives and the people behind the demo logins.

Everything here is invented; the comuni are real comuni of the province of Bergamo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum import luhn

from fragola.registry.models import MemberCategory, OrganisationType, RoleName

PROVINCE = "BG"
SEED = 381
DEMO_PASSWORD = "fragola-demo"  # noqa: S105 (printed to every demo user)
# The 8th-10th digits of a fiscal code or VAT number name the tax office: 016 is Bergamo.
TAX_OFFICE = "016"


def organisation_code(serial: int, *, prefix: str = "03") -> str:
    """A valid 11-digit fiscal code / VAT number in a range the demo keeps to itself."""
    base = f"{prefix}{serial:05d}{TAX_OFFICE}"
    return base + luhn.calc_check_digit(base)


@dataclass(frozen=True)
class CoopSpec:
    key: str
    name: str
    type: str
    seat: str
    founded_on: dt.date
    members: int  # on the book today
    served: tuple[str, ...]
    shares_book: bool = True
    incubated_by: str = ""
    share_value: int = 25


CONSORTIUM = CoopSpec(
    key="consorzio",
    name="Consorzio Terre Orobiche Società Cooperativa Sociale",
    type=OrganisationType.CONSORTIUM,
    seat="Bergamo",
    founded_on=dt.date(1996, 4, 18),
    members=0,
    served=(),
)

COOPS: tuple[CoopSpec, ...] = (
    CoopSpec(
        "girasole",
        "Il Girasole Società Cooperativa Sociale",
        OrganisationType.A,
        "Bergamo",
        dt.date(1988, 3, 11),
        97,
        ("Bergamo", "Gorle", "Ponteranica", "Sorisole", "Torre Boldone", "Ranica"),
    ),
    CoopSpec(
        "arcobaleno",
        "Arcobaleno Cooperativa Sociale",
        OrganisationType.A,
        "Treviglio",
        dt.date(1992, 6, 5),
        68,
        ("Treviglio", "Caravaggio", "Arcene", "Brignano Gera d'Adda", "Pagazzano"),
    ),
    CoopSpec(
        "sorgente",
        "La Sorgente Cooperativa Sociale",
        OrganisationType.A,
        "Seriate",
        dt.date(1995, 10, 20),
        62,
        ("Seriate", "Pedrengo", "Scanzorosciate", "Brusaporto", "Bagnatica"),
    ),
    CoopSpec(
        "casa-aperta",
        "Casa Aperta Cooperativa Sociale",
        OrganisationType.A,
        "Albino",
        dt.date(1999, 2, 15),
        55,
        ("Albino", "Nembro", "Alzano Lombardo", "Gazzaniga", "Vertova", "Leffe"),
    ),
    CoopSpec(
        "melograno",
        "Il Melograno Cooperativa Sociale",
        OrganisationType.A,
        "Ponte San Pietro",
        dt.date(2001, 9, 3),
        70,
        ("Ponte San Pietro", "Mapello", "Bonate Sopra", "Brembate di Sopra", "Curno"),
    ),
    CoopSpec(
        "valle-serena",
        "Valle Serena Cooperativa Sociale",
        OrganisationType.A,
        "Clusone",
        dt.date(2004, 5, 27),
        46,
        ("Clusone", "Ardesio", "Castione della Presolana"),
        shares_book=False,
    ),
    CoopSpec(
        "sentiero",
        "Il Sentiero Cooperativa Sociale",
        OrganisationType.B,
        "Dalmine",
        dt.date(1990, 11, 8),
        75,
        ("Dalmine", "Stezzano", "Osio Sotto", "Verdellino", "Lallio", "Zanica"),
    ),
    CoopSpec(
        "terra-buona",
        "Terra Buona Cooperativa Sociale Agricola",
        OrganisationType.B,
        "Romano di Lombardia",
        dt.date(1997, 3, 21),
        64,
        ("Romano di Lombardia", "Martinengo", "Cologno al Serio", "Cividate al Piano"),
    ),
    CoopSpec(
        "officina-verde",
        "Officina Verde Cooperativa Sociale",
        OrganisationType.B,
        "Zogno",
        dt.date(2003, 7, 14),
        52,
        ("Zogno", "San Pellegrino Terme", "Piazza Brembana", "Villa d'Almè"),
        shares_book=False,
    ),
    CoopSpec(
        "lavoro-dignita",
        "Lavoro e Dignità Cooperativa Sociale",
        OrganisationType.B,
        "Caravaggio",
        dt.date(2008, 1, 29),
        58,
        ("Caravaggio", "Fara Gera d'Adda", "Mozzanica", "Fornovo San Giovanni"),
    ),
    CoopSpec(
        "ponte",
        "Il Ponte Cooperativa Sociale",
        OrganisationType.AB,
        "Lovere",
        dt.date(1994, 4, 12),
        66,
        ("Lovere", "Costa Volpino", "Casazza"),
    ),
    CoopSpec(
        "insieme",
        "Insieme Cooperativa Sociale",
        OrganisationType.AB,
        "Trescore Balneario",
        dt.date(2000, 12, 1),
        60,
        ("Trescore Balneario", "Grumello del Monte", "Chiuduno", "Telgate"),
    ),
    CoopSpec(
        "orizzonti",
        "Orizzonti Cooperativa Sociale",
        OrganisationType.AB,
        "Sarnico",
        dt.date(2006, 6, 16),
        58,
        ("Sarnico", "Calcinate", "Costa di Mezzate"),
    ),
    # A strawberry runner: Il Sentiero spun off a small agricultural co-op next door.
    CoopSpec(
        "fragole",
        "Fragole di Campo Cooperativa Sociale",
        OrganisationType.B,
        "Stezzano",
        dt.date(2023, 3, 6),
        14,
        ("Stezzano", "Azzano San Paolo", "Grassobbio"),
        incubated_by="sentiero",
    ),
)

# Share of the members on the book by category, per type of co-op (legal persons fill the rest).
CATEGORY_MIX: dict[str, dict[str, float]] = {
    OrganisationType.A: {
        MemberCategory.WORKER: 0.42,
        MemberCategory.VOLUNTEER: 0.22,
        MemberCategory.USER: 0.22,
        MemberCategory.SUPPORTER: 0.10,
    },
    OrganisationType.B: {
        MemberCategory.WORKER: 0.62,
        MemberCategory.VOLUNTEER: 0.15,
        MemberCategory.USER: 0.05,
        MemberCategory.SUPPORTER: 0.12,
    },
    OrganisationType.AB: {
        MemberCategory.WORKER: 0.50,
        MemberCategory.VOLUNTEER: 0.18,
        MemberCategory.USER: 0.15,
        MemberCategory.SUPPORTER: 0.11,
    },
}


@dataclass(frozen=True)
class Persona:
    """A demo login and, when it makes sense, the person it is in the members' book."""

    username: str
    role: str
    organisation: str  # a CoopSpec key
    first_name: str = ""
    last_name: str = ""
    sex: str = ""
    birth_date: dt.date | None = None
    category: str = ""  # empty: a person known to the organisation but not a member
    admitted_on: dt.date | None = None
    birthplace: str = "A794"  # Bergamo


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "admin.coop",
        RoleName.ADMIN,
        "girasole",
        "Giulia",
        "Locatelli",
        "F",
        dt.date(1971, 5, 14),
        MemberCategory.WORKER,
        dt.date(1998, 2, 10),
    ),
    Persona(
        "coordinatore",
        RoleName.COORDINATOR,
        "girasole",
        "Marco",
        "Rota",
        "M",
        dt.date(1979, 9, 2),
        MemberCategory.WORKER,
        dt.date(2006, 6, 19),
    ),
    Persona(
        "operatore",
        RoleName.CARER,
        "girasole",
        "Sara",
        "Bonetti",
        "F",
        dt.date(1988, 1, 23),
        MemberCategory.WORKER,
        dt.date(2014, 3, 3),
    ),
    Persona(
        "volontario",
        RoleName.VOLUNTEER,
        "girasole",
        "Giovanni",
        "Carminati",
        "M",
        dt.date(1952, 11, 30),
        MemberCategory.VOLUNTEER,
        dt.date(2015, 10, 12),
    ),
    Persona(
        "socio",
        RoleName.MEMBER,
        "girasole",
        "Elena",
        "Pesenti",
        "F",
        dt.date(1983, 7, 8),
        MemberCategory.WORKER,
        dt.date(2011, 4, 4),
    ),
    Persona(
        "tutor",
        RoleName.TUTOR,
        "sentiero",
        "Paolo",
        "Gritti",
        "M",
        dt.date(1975, 3, 17),
        MemberCategory.WORKER,
        dt.date(2002, 9, 16),
    ),
    Persona(
        "consorzio",
        RoleName.STAFF,
        "consorzio",
        "Chiara",
        "Mazzoleni",
        "F",
        dt.date(1980, 12, 5),
        "",
        None,
        "A794",
    ),
)
SUPERUSER = "admin"
