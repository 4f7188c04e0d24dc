"""The allocation preview from two files: cost pools and driver values, read with core.importing.

Pools: ``pool, amount_eur, driver``. Drivers: ``coop_fiscal_code, driver, value``. Every problem
of both files is collected, each named by file, row (the header is row 1) and column; the split
(``allocation.allocate``) runs only on files without problems, so nothing half-done is shown.
Driver names are compared without case or accents (``Payslips`` and ``payslips`` are one driver).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from fragola.backoffice.allocation import (
    Allocation,
    AllocationError,
    DriverValue,
    Pool,
    Problem,
    Reason,
    driver_problems,
)
from fragola.backoffice.allocation import allocate as allocate_pools
from fragola.core.importing import messages as msg
from fragola.core.importing.cells import Cells, fold, parse_decimal
from fragola.core.importing.result import FileProblem, RowError
from fragola.core.importing.table import Table, read_table

POOL_COLUMNS = ("pool", "amount_eur", "driver")
DRIVER_COLUMNS = ("coop_fiscal_code", "driver", "value")

ERR_POOL_DUPLICATE = _("The pool %(pool)s is already on row %(row)d.")
ERR_DRIVER_VALUE_DUPLICATE = _(
    "The co-op %(coop)s already has a value of driver %(driver)s on row %(row)d."
)
ERR_DRIVER_VALUE = _("Not a number: write e.g. 12 or 12,5.")
ERR_DRIVER_NEGATIVE = _("A driver value cannot be negative.")
ERR_DRIVER_UNKNOWN = _("Pool %(pool)s: no co-op has a value of driver %(driver)s.")
ERR_DRIVER_ZERO = _(
    "Pool %(pool)s: the values of driver %(driver)s add up to zero, so it cannot be split."
)
ERR_LOCATION = _("%(file)s, row %(row)d, %(column)s: %(reason)s")


@dataclass(frozen=True)
class Located:
    """A problem in one cell of one file."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        params = {"file": self.file, "row": self.row, "column": self.column}
        return str(ERR_LOCATION) % {**params, "reason": self.reason}


class PreviewProblems(Exception):
    def __init__(self, problems: list[Located]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class _PoolRow:
    pool: Pool  # its driver folded, as the split compares them
    row: int
    driver: str  # as written, for messages
    ok: bool = True


@dataclass(frozen=True)
class _DriverRow:
    value: DriverValue
    ok: bool


@dataclass
class _Read:
    file: str
    errors: list[Located]

    def add(self, error: RowError) -> None:
        self.errors.append(Located(self.file, error.row, error.field, error.reason))


def allocate_files(
    *, pools: bytes, pools_name: str, drivers: bytes, drivers_name: str
) -> Allocation:
    """The allocation the two files describe, or ``PreviewProblems`` naming every problem."""
    found = read_files(
        pools=pools, pools_name=pools_name, drivers=drivers, drivers_name=drivers_name
    )
    return allocate_pools(*found)


def read_files(
    *, pools: bytes, pools_name: str, drivers: bytes, drivers_name: str
) -> tuple[list[Pool], list[DriverValue]]:
    """The pools and driver values of the two files, checked to split, or ``PreviewProblems``."""
    pool_read, pool_rows = _read_pools(pools, Path(pools_name).name)
    driver_read, driver_rows = _read_drivers(drivers, Path(drivers_name).name)
    errors = pool_read.errors + driver_read.errors
    if errors:
        raise PreviewProblems(errors + _driver_problems(pool_read, pool_rows, driver_rows))
    found = [line.pool for line in pool_rows], [row.value for row in driver_rows]
    try:
        allocate_pools(*found)
    except AllocationError as exc:
        raise PreviewProblems(_located(pool_read.file, pool_rows, exc.problems)) from exc
    return found


def _driver_problems(
    pool_read: _Read, pool_rows: list[_PoolRow], driver_rows: list[_DriverRow]
) -> list[Located]:
    """Beside the rows' own problems, the pools whose driver is missing or zero: judged only on
    drivers whose every row is right (a driver with a wrong row could not be totalled)."""
    wrong = {row.value.driver for row in driver_rows if not row.ok}
    pools = [line.pool for line in pool_rows if line.ok and line.pool.driver not in wrong]
    values = [row.value for row in driver_rows if row.ok]
    return _located(pool_read.file, pool_rows, driver_problems(pools, values))


def _located(file: str, pool_rows: list[_PoolRow], problems: list[Problem]) -> list[Located]:
    by_pool: dict[str, _PoolRow] = {}
    for line in pool_rows:
        by_pool.setdefault(line.pool.name, line)  # a repeated name's later rows are errors
    return [_pool_problem(file, by_pool[problem.pool], problem) for problem in problems]


def _pool_problem(file: str, line: _PoolRow, problem: Problem) -> Located:
    # Rows were checked before the split: only a pool's driver can still be wrong here.
    template = ERR_DRIVER_ZERO if problem.reason is Reason.ZERO_DRIVER else ERR_DRIVER_UNKNOWN
    reason = str(template) % {"pool": line.pool.name, "driver": line.driver}
    return Located(file, line.row, "driver", reason)


def _table(content: bytes, read: _Read, columns: tuple[str, ...]) -> Table | None:
    try:
        return read_table(content, read.file, columns=columns, required=columns)
    except FileProblem as exc:
        for error in exc.errors:
            read.add(error)
        return None


def _read_pools(content: bytes, name: str) -> tuple[_Read, list[_PoolRow]]:
    read = _Read(name, [])
    table = _table(content, read, POOL_COLUMNS)
    rows: list[_PoolRow] = []
    first_row: dict[str, int] = {}
    for raw in table.rows if table else []:
        cells = Cells(raw)
        pool = cells.text("pool", required=True)
        amount = cells.amount("amount_eur")
        if not raw.get("amount_eur"):
            cells.fail("amount_eur", msg.ERR_REQUIRED)
        driver = cells.text("driver", required=True)
        if pool in first_row:
            cells.fail("pool", ERR_POOL_DUPLICATE, pool=pool, row=first_row[pool])
        first_row.setdefault(pool, raw.number)
        for error in cells.errors:
            read.add(error)
        rows.append(
            _PoolRow(Pool(name=pool, amount=amount, driver=fold(driver)), raw.number, driver)
        )
    return read, rows


def _read_drivers(content: bytes, name: str) -> tuple[_Read, list[_DriverRow]]:
    read = _Read(name, [])
    table = _table(content, read, DRIVER_COLUMNS)
    values: list[_DriverRow] = []
    first_row: dict[tuple[str, str], int] = {}
    for raw in table.rows if table else []:
        cells = Cells(raw)
        coop = cells.code("coop_fiscal_code", required=True)
        driver = cells.text("driver", required=True)
        value = _driver_value(cells)
        key = (coop, fold(driver))
        if coop and driver and key in first_row:
            params = {"coop": coop, "driver": driver, "row": first_row[key]}
            cells.fail("coop_fiscal_code", ERR_DRIVER_VALUE_DUPLICATE, **params)
        first_row.setdefault(key, raw.number)
        for error in cells.errors:
            read.add(error)
        found = DriverValue(coop=coop, driver=fold(driver), value=value)
        values.append(_DriverRow(found, ok=not cells.errors))
    return read, values


def _driver_value(cells: Cells) -> Decimal:
    text = cells.raw.get("value")
    if not text:
        cells.fail("value", msg.ERR_REQUIRED)
        return Decimal(0)
    value = parse_decimal(text)
    if value is None:
        cells.fail("value", ERR_DRIVER_VALUE)
        return Decimal(0)
    if value < 0:
        cells.fail("value", ERR_DRIVER_NEGATIVE)
        return Decimal(0)
    return value
