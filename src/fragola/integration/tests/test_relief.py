"""Contribution relief (L4.5): who qualifies, when it is lost, what the payroll file says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import translation

from fragola.integration.reports import losses_text
from fragola_law import relief
from fragola_law.categories import Relief
from fragola_law.relief import Certificate, Loss, WorkerContract

START = dt.date(2024, 1, 1)


def contract(*certificates: Certificate, end: dt.date | None = None, branch: str = "B",
             outside: bool = True) -> WorkerContract:  # fmt: skip
    return WorkerContract("7", branch, START, end, certificates, had_outside_work=outside)


def line(worker: WorkerContract, *, ok: bool = True, coop: str = "B", month: int = 3):
    return relief.relief_line(worker, coop_type=coop, l4_2_ok=ok, year=2026, month=month)


def test_a_certified_worker_of_a_type_b_coop_pays_no_contributions():
    result = line(contract(Certificate("addiction", START)))
    assert result is not None and result.qualifies
    assert (result.kind, result.rate) == (Relief.ZERO, Decimal("1.00"))
    assert (result.relief_from, result.relief_until) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert result.source == "L. 381/1991 art. 4(3)"


def test_the_relief_is_lost_when_the_coop_is_below_thirty_percent():
    result = line(contract(Certificate("addiction", START)), ok=False)
    assert result is not None and not result.qualifies
    assert result.losses == (Loss.BELOW_30,)
    with translation.override("it"):
        assert "30 %" in losses_text(result.losses)


def test_the_relief_stops_on_the_day_the_certificate_expires():
    result = line(contract(Certificate("alcohol", START, dt.date(2026, 3, 15))))
    assert result is not None and result.qualifies
    assert result.relief_until == dt.date(2026, 3, 15)
    assert Loss.CERTIFICATE_EXPIRED in result.losses
    after = line(contract(Certificate("alcohol", START, dt.date(2026, 3, 15))), month=4)
    assert after is not None and not after.qualifies
    assert after.losses == (Loss.CERTIFICATE_EXPIRED,)


def test_the_relief_ends_with_the_contract():
    result = line(contract(Certificate("physical", START), end=dt.date(2026, 3, 20)))
    assert result is not None and result.relief_until == dt.date(2026, 3, 20)
    assert result.losses == (Loss.CONTRACT_ENDED,)
    assert line(contract(Certificate("physical", START), end=dt.date(2026, 2, 1))) is None


def test_a_prisoner_gets_reduced_rates_that_continue_after_release():
    released = dt.date(2025, 6, 30)
    with_outside_work = contract(Certificate("prisoner", START, released), outside=True)
    result = line(with_outside_work)
    assert result is not None
    assert (result.kind, result.rate) == (Relief.REDUCED, Decimal("0.95"))
    assert "DM 148/2014" in result.source
    assert relief.windows(with_outside_work)[0].end == dt.date(2026, 12, 30)  # 18 months
    without = contract(Certificate("prisoner", START, released), outside=False)
    assert relief.windows(without)[0].end == dt.date(2027, 6, 30)  # 24 months


def test_a_type_a_coop_or_an_a_branch_contract_gets_no_relief():
    cert = Certificate("mental", START)
    assert line(contract(cert), coop="A").losses == (Loss.NOT_TYPE_B,)
    assert not line(contract(cert, branch="A"), coop="AB").qualifies


def test_relief_until_names_the_first_reason_it_will_be_lost():
    worker = contract(
        Certificate("alcohol", START, dt.date(2026, 9, 30)), end=dt.date(2026, 12, 31)
    )
    until, losses = relief.relief_until(
        worker, coop_type="B", today=dt.date(2026, 3, 1), breach_from=dt.date(2026, 7, 31)
    )
    assert (until, losses) == (dt.date(2026, 7, 30), (Loss.BELOW_30,))
    until, losses = relief.relief_until(
        worker, coop_type="B", today=dt.date(2026, 3, 1), breach_from=None
    )
    assert (until, losses) == (dt.date(2026, 9, 30), (Loss.CERTIFICATE_EXPIRED,))
