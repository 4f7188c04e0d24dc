"""Hand-written builders for rule inputs (plain data, no database).

The co-op in most tests is "Fragola Cooperativa Sociale", a type B co-op founded in 2015 and
evaluated on 30 June 2026.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fragola_law import (
    Branch,
    Contract,
    CoopSnapshot,
    CoopType,
    DisadvantageCategory,
    DisadvantageCertificate,
    Employment,
    LegalForm,
    Member,
    MemberCategory,
)

AS_OF = date(2026, 6, 30)
FOUNDED = date(2015, 3, 1)
LONG_AGO = date(2016, 1, 1)


def coop(**changes: object) -> CoopSnapshot:
    base = CoopSnapshot(
        coop_type=CoopType.B,
        legal_name="Fragola Cooperativa Sociale",
        legal_form=LegalForm.SPA,
        founded_on=FOUNDED,
        as_of=AS_OF,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def members(
    n: int,
    category: MemberCategory = MemberCategory.WORKER,
    *,
    prefix: str | None = None,
    admitted_on: date = LONG_AGO,
    exited_on: date | None = None,
    natural_person: bool = True,
) -> tuple[Member, ...]:
    prefix = prefix or category.value
    return tuple(
        Member(f"{prefix}{i}", category, admitted_on, exited_on, natural_person) for i in range(n)
    )


def certificate(
    issued_on: date = LONG_AGO, expires_on: date | None = None
) -> DisadvantageCertificate:
    return DisadvantageCertificate(DisadvantageCategory.PHYSICAL, issued_on, expires_on)


def workers(
    n: int,
    *,
    prefix: str = "w",
    start: date = LONG_AGO,
    end: date | None = None,
    branch: Branch = Branch.B,
    contract: Contract = Contract.PERMANENT,
    certificates: tuple[DisadvantageCertificate, ...] = (),
) -> tuple[Employment, ...]:
    return tuple(
        Employment(f"{prefix}{i}", start, end, branch, contract, certificates=certificates)
        for i in range(n)
    )


def disadvantaged(
    n: int,
    *,
    prefix: str = "d",
    start: date = LONG_AGO,
    end: date | None = None,
    branch: Branch = Branch.B,
    expires_on: date | None = None,
) -> tuple[Employment, ...]:
    return workers(
        n,
        prefix=prefix,
        start=start,
        end=end,
        branch=branch,
        certificates=(certificate(expires_on=expires_on),),
    )
