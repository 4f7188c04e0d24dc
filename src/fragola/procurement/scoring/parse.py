"""From the JSON dict of a tender file to a ``TenderSpec``, naming every problem at once.

Numbers may be written as strings (``"480000.00"``) or JSON numbers; read the file with
``json.loads(text, parse_float=Decimal)`` so that no binary float ever touches an amount.
Unknown keys are ignored (a tender office may keep notes beside the fields).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from fragola.procurement.scoring import messages as m
from fragola.procurement.scoring.guards import award_problems
from fragola.procurement.scoring.spec import (
    Bid,
    Criterion,
    Formula,
    PriceRule,
    Problem,
    Reparametrise,
    SpecError,
    Technical,
    TenderSpec,
    ThresholdOn,
)

MAX_ROUNDING = 10
MISSING = object()
E = TypeVar("E", bound=StrEnum)


class _Reader:
    """Reads typed values out of nested dicts and records a ``Problem`` for each bad one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str, **params: Any) -> None:
        self.problems.append(Problem(path, message, params))

    def field(self, data: dict[str, Any], key: str, path: str, *, required: bool = True) -> Any:
        if key in data and data[key] is not None:
            return data[key]
        if required:
            self.fail(path, m.ERR_REQUIRED)
        return MISSING

    def decimal(self, value: Any, path: str) -> Decimal | None:
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal | float):
            self.fail(path, m.ERR_NOT_A_NUMBER)
            return None
        try:
            number = Decimal(value.strip() if isinstance(value, str) else str(value))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.fail(path, m.ERR_NOT_A_NUMBER)
            return None
        return number

    def positive(self, value: Any, path: str) -> Decimal | None:
        number = self.decimal(value, path)
        if number is not None and number <= 0:
            self.fail(path, m.ERR_POSITIVE)
            return None
        return number

    def not_negative(self, value: Any, path: str) -> Decimal | None:
        number = self.decimal(value, path)
        if number is not None and number < 0:
            self.fail(path, m.ERR_NOT_NEGATIVE)
            return None
        return number

    def open_unit(self, value: Any, path: str) -> Decimal | None:
        number = self.decimal(value, path)
        if number is not None and not 0 < number < 1:
            self.fail(path, m.ERR_OPEN_UNIT)
            return None
        return number

    def choice(self, value: Any, path: str, enum: type[E], default: E | None = None) -> E | None:
        if value is MISSING:
            return default
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(item.value for item in enum)
            self.fail(path, m.ERR_CHOICE, value=_shown(value), choices=choices)
            return None

    def text(self, value: Any, path: str) -> str | None:
        if value is MISSING:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(path, m.ERR_NOT_TEXT)
            return None
        return value.strip()

    def boolean(self, value: Any, path: str) -> bool:
        if value is MISSING:
            return False
        if not isinstance(value, bool):
            self.fail(path, m.ERR_NOT_A_BOOLEAN)
            return False
        return value

    def obj(self, value: Any, path: str) -> dict[str, Any] | None:
        if value is MISSING:
            return None
        if not isinstance(value, dict):
            self.fail(path, m.ERR_NOT_AN_OBJECT_FIELD)
            return None
        return value

    def items(self, value: Any, path: str) -> list[Any] | None:
        if value is MISSING:
            return None
        if not isinstance(value, list):
            self.fail(path, m.ERR_NOT_A_LIST)
            return None
        if not value:
            self.fail(path, m.ERR_EMPTY_LIST)
        return value


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _rounding(r: _Reader, data: dict[str, Any]) -> int | None:
    value = r.field(data, "rounding", "rounding")
    if value is MISSING:
        return None
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)  # 2.0 in the file
    if isinstance(value, bool) or not isinstance(value, int | str):
        r.fail("rounding", m.ERR_NOT_AN_INTEGER)
        return None
    try:
        decimals = int(value)
    except ValueError:
        r.fail("rounding", m.ERR_NOT_AN_INTEGER)
        return None
    if not 0 <= decimals <= MAX_ROUNDING:
        r.fail("rounding", m.ERR_ROUNDING, max=MAX_ROUNDING)
        return None
    return decimals


def _technical(r: _Reader, data: dict[str, Any]) -> Technical | None:
    section = r.obj(r.field(data, "technical", "technical"), "technical")
    if section is None:
        return None
    points = r.positive(r.field(section, "points", "technical.points"), "technical.points")
    how = r.choice(
        r.field(section, "reparametrise", "", required=False),
        "technical.reparametrise",
        Reparametrise,
        Reparametrise.NONE,
    )
    threshold_value = r.field(section, "threshold", "", required=False)
    threshold = r.not_negative(threshold_value, "technical.threshold")
    on_value = r.field(section, "threshold_on", "", required=False)
    threshold_on = r.choice(on_value, "technical.threshold_on", ThresholdOn, ThresholdOn.RAW)
    if threshold is not None and points is not None and threshold > points:
        r.fail("technical.threshold", m.ERR_THRESHOLD_ABOVE, points=points)
        return None
    if points is None or how is None or threshold_on is None:
        return None
    if threshold_value is not MISSING and threshold is None:
        return None
    return Technical(points, how, threshold, threshold_on)


def _price(r: _Reader, data: dict[str, Any]) -> PriceRule | None:
    section = r.obj(r.field(data, "price", "price"), "price")
    if section is None:
        return None
    # 0 is allowed: a fixed price, bids compete on quality only (art. 108 c.5)
    points = r.not_negative(r.field(section, "points", "price.points"), "price.points")
    formula = r.choice(r.field(section, "formula", "price.formula"), "price.formula", Formula)
    x = alpha = None
    if formula is Formula.BILINEAR:
        x = r.open_unit(r.field(section, "x", "price.x"), "price.x")
        if x is None:
            return None
    if formula is Formula.CONCAVE:
        alpha = r.open_unit(r.field(section, "alpha", "price.alpha"), "price.alpha")
        if alpha is None:
            return None
    if points is None or formula is None:
        return None
    return PriceRule(points, formula, x, alpha)


def _criteria(r: _Reader, data: dict[str, Any]) -> tuple[list[Criterion] | None, bool]:
    """The criteria read well (None if the list itself is unusable), and whether all were."""
    rows = r.items(r.field(data, "criteria", "criteria"), "criteria")
    if rows is None:
        return None, False
    criteria: list[Criterion] = []
    seen: set[str] = set()
    ok = bool(rows)
    for index, row in enumerate(rows):
        path = f"criteria[{index}]"
        row = r.obj(row, path)
        if row is None:
            ok = False
            continue
        ident_value = r.field(row, "id", f"{path}.id")
        if isinstance(ident_value, int) and not isinstance(ident_value, bool):
            ident_value = str(ident_value)  # coefficients' keys are text in JSON: "1"
        ident = r.text(ident_value, f"{path}.id")
        points = r.positive(r.field(row, "points", f"{path}.points"), f"{path}.points")
        if ident is not None and ident in seen:
            r.fail(f"{path}.id", m.ERR_DUPLICATE_CRITERION, id=ident)
        if ident is None or ident in seen:
            ok = False
            continue
        seen.add(ident)  # bids are checked against it even if its points are wrong
        ok = ok and points is not None
        criteria.append(Criterion(ident, points if points is not None else Decimal(0)))
    return criteria, ok


def _coefficients(
    r: _Reader, value: Any, path: str, criteria: list[Criterion] | None
) -> dict[str, tuple[Decimal, ...]] | None:
    table = r.obj(value, path)
    if table is None:
        return None
    ok = True
    known = {c.id for c in criteria} if criteria is not None else None
    result: dict[str, tuple[Decimal, ...]] = {}
    for ident, marks in table.items():
        where = f"{path}.{ident}"
        if known is not None and ident not in known:
            r.fail(where, m.ERR_UNKNOWN_CRITERION, id=ident)
            ok = False
            continue
        values = r.items(marks, where)
        if not values:
            ok = False
            continue
        parsed = [_coefficient(r, v, f"{where}[{k}]") for k, v in enumerate(values)]
        if any(v is None for v in parsed):
            ok = False
            continue
        result[ident] = tuple(v for v in parsed if v is not None)
    for criterion in criteria or []:
        if criterion.id not in table:
            r.fail(path, m.ERR_MISSING_CRITERION, id=criterion.id)
            ok = False
    return result if ok else None


def _coefficient(r: _Reader, value: Any, path: str) -> Decimal | None:
    number = r.decimal(value, path)
    if number is not None and not 0 <= number <= 1:
        r.fail(path, m.ERR_COEFFICIENT)
        return None
    return number


def _bids(r: _Reader, data: dict[str, Any], criteria: list[Criterion] | None) -> list[Bid] | None:
    rows = r.items(r.field(data, "bids", "bids"), "bids")
    if rows is None:
        return None
    bids: list[Bid] = []
    seen: set[str] = set()
    ok = bool(rows)
    for index, row in enumerate(rows):
        bid = _bid(r, row, index, criteria, seen)
        if bid is None:
            ok = False
        else:
            bids.append(bid)
    return bids if ok else None


def _bid(
    r: _Reader, row: Any, index: int, criteria: list[Criterion] | None, seen: set[str]
) -> Bid | None:
    path = f"bids[{index}]"
    row = r.obj(row, path)
    if row is None:
        return None
    bidder = r.text(r.field(row, "bidder", f"{path}.bidder"), f"{path}.bidder")
    if bidder is not None:
        path = f"{path} ({bidder})"
        if bidder.casefold() in seen:
            r.fail(f"{path}.bidder", m.ERR_DUPLICATE_BIDDER, bidder=bidder)
            bidder = None
        else:
            seen.add(bidder.casefold())
    price = r.positive(r.field(row, "price", f"{path}.price"), f"{path}.price")
    coefficients = _coefficients(
        r, r.field(row, "coefficients", f"{path}.coefficients"), f"{path}.coefficients", criteria
    )
    if bidder is None or price is None or coefficients is None:
        return None
    return Bid(bidder, price, coefficients)


def _check_sum(r: _Reader, technical: Technical | None, criteria: list[Criterion] | None) -> None:
    if technical is None or criteria is None:
        return
    total = sum((c.points for c in criteria), Decimal(0))
    if total != technical.points:
        r.fail("criteria", m.ERR_CRITERIA_SUM, sum=total, points=technical.points)


def _guards(r: _Reader, spec: TenderSpec) -> None:
    # A simulation file always scores quality (technical points > 0): never the lowest price.
    r.problems.extend(
        award_problems(
            social_services=spec.social_services,
            lowest_price=False,
            labour_intensive=spec.labour_intensive,
            price_points=spec.price.points,
            technical_points=spec.technical.points,
        )
    )


def parse_tender(data: Any) -> TenderSpec:
    """The tender in ``data`` (a decoded JSON value); ``SpecError`` lists every problem."""
    r = _Reader()
    if not isinstance(data, dict):
        raise SpecError([Problem("(file)", m.ERR_NOT_AN_OBJECT)])
    name = r.field(data, "name", "name", required=False)
    name = "" if name is MISSING else (r.text(name, "name") or "")
    base = r.positive(r.field(data, "base_amount", "base_amount"), "base_amount")
    rounding = _rounding(r, data)
    technical = _technical(r, data)
    price = _price(r, data)
    criteria, criteria_ok = _criteria(r, data)
    if criteria_ok:
        _check_sum(r, technical, criteria)
    bids = _bids(r, data, criteria)
    flags = [
        r.boolean(r.field(data, key, key, required=False), key)
        for key in ("social_services", "labour_intensive")
    ]
    if r.problems:
        raise SpecError(r.problems)
    assert base is not None and rounding is not None and technical is not None
    assert price is not None and criteria is not None and bids is not None
    spec = TenderSpec(
        base, rounding, technical, price, tuple(criteria), tuple(bids), name, flags[0], flags[1]
    )
    _guards(r, spec)
    if r.problems:
        raise SpecError(r.problems)
    return spec
