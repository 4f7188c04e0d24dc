"""Tender benchmarks: scoring a 20-bid, 10-criterion tender and assigning 40 lots to 15 co-ops.

Plain Python, no database. Prints medians beside a baseline measured in the same run:

* scoring (parse the JSON-shaped dict + exact scoring): goal < 50 ms; baseline: the same
  inverse-formula arithmetic on floats, no parsing, no exactness;
* discount to win for that tender (bisection over whole cents);
* lots (CP-SAT, cost then fairness): goal < 5 s; baseline: a greedy pass giving each lot to the
  cheapest co-op that can still take it (its cost is printed beside the optimum's).

    .venv/bin/python benchmarks/tenders.py [--runs 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from fragola.procurement.lots import Coop, Lot, assign_lots
from fragola.procurement.scoring import (
    Competitor,
    discount_to_win,
    parse_tender,
    score,
)

SERVICES = ("SAD", "ADI", "NIDO")
COMUNI = tuple(f"comune-{n:02d}" for n in range(12))


def tender(rng: random.Random, bids: int = 20, criteria: int = 10) -> dict[str, Any]:
    ids = [f"C{n}" for n in range(criteria)]
    marks = [str(Decimal(k) / 10) for k in range(11)]
    return {
        "name": "benchmark",
        "base_amount": "1000000.00",
        "rounding": 2,
        "technical": {
            "points": 70,
            "reparametrise": "both",
            "threshold": 20,
            "threshold_on": "raw",
        },
        "price": {"points": 30, "formula": "bilinear", "x": "0.85"},
        "criteria": [{"id": i, "points": 7} for i in ids],
        "bids": [
            {
                "bidder": f"Bidder {b}",
                "price": f"{rng.randint(700_000, 1_000_000)}.{rng.randint(0, 99):02d}",
                "coefficients": {i: [rng.choice(marks) for _ in range(3)] for i in ids},
            }
            for b in range(bids)
        ],
    }


def float_baseline(data: dict[str, Any]) -> list[float]:
    """The same kind of arithmetic on floats: means, sums, inverse price, totals, sort."""
    weights = {c["id"]: float(c["points"]) for c in data["criteria"]}
    prices = [float(b["price"]) for b in data["bids"]]
    technical = [
        sum(w * sum(map(float, b["coefficients"][i])) / 3 for i, w in weights.items())
        for b in data["bids"]
    ]
    lowest = min(prices)
    return sorted(
        (t + 30 * lowest / p for t, p in zip(technical, prices, strict=True)), reverse=True
    )


def lots_problem(rng: random.Random) -> tuple[list[Lot], list[Coop]]:
    coops = [
        Coop(
            f"coop-{n:02d}",
            frozenset(rng.sample(COMUNI, 6)),
            frozenset(rng.sample(SERVICES, 2)),
            rng.randint(2500, 4000),
            {s: rng.randint(1800, 2600) for s in SERVICES},
        )
        for n in range(15)
    ]
    lots = []
    while len(lots) < 40:
        coop = rng.choice(coops)  # every lot fits at least one co-op's territory and service
        lot = Lot(
            f"lot-{len(lots):02d}",
            rng.choice(sorted(coop.accreditations)),
            frozenset(rng.sample(sorted(coop.comuni), 2)),
            rng.randint(100, 500),
        )
        lots.append(lot)
    return lots, coops


def greedy(lots: list[Lot], coops: list[Coop]) -> int | None:
    left = {c.id: c.capacity_hours for c in coops}
    total = 0
    for lot in sorted(lots, key=lambda x: -x.hours):
        fits = [
            c
            for c in coops
            if lot.service in c.accreditations
            and lot.comuni <= c.comuni
            and left[c.id] >= lot.hours
        ]
        if not fits:
            return None
        best = min(fits, key=lambda c: c.cents_per_hour[lot.service])
        left[best.id] -= lot.hours
        total += lot.hours * best.cents_per_hour[lot.service]
    return total


def median_time(work: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(20240614)

    data = tender(rng)
    scoring, _ = median_time(lambda: score(parse_tender(data)), args.runs)
    baseline, _ = median_time(lambda: float_baseline(data), args.runs)
    print(
        f"tender 20 bids x 10 criteria x 3 commissioners: median {scoring * 1000:.2f} ms · "
        f"float baseline {baseline * 1000:.3f} ms · ratio {scoring / baseline:.0f}x · "
        f"goal < 50 ms: {'met' if scoring < 0.050 else 'NOT met'}"
    )
    spec = parse_tender(data)
    scored = score(spec)
    rivals = [
        Competitor(
            b.bidder,
            Decimal(b.technical.numerator) / b.technical.denominator,
            Decimal(b.price.numerator) / b.price.denominator,
        )
        for b in scored.bids
        if b.admitted
    ]
    solving, answer = median_time(
        lambda: discount_to_win(
            base_amount=spec.base_amount,
            price_rule=spec.price,
            technical=Decimal(68),
            competitors=rivals,
            threshold=spec.technical.threshold,
        ),
        args.runs,
    )
    print(f"discount to win with 68 technical points: median {solving * 1000:.1f} ms ({answer})")

    lots, coops = lots_problem(rng)
    optimising, assignment = median_time(lambda: assign_lots(lots, coops), args.runs)
    greedy_time, greedy_cost = median_time(lambda: greedy(lots, coops), args.runs)
    optimum = assignment.total_cost_cents  # type: ignore[attr-defined]
    print(
        f"lots 40 to 15 co-ops: median {optimising:.3f} s · greedy baseline "
        f"{greedy_time * 1000:.2f} ms · cost optimum {optimum / 100:,.2f} € vs greedy "
        f"{'infeasible' if greedy_cost is None else f'{greedy_cost / 100:,.2f} €'} · "
        f"goal < 5 s: {'met' if optimising < 5 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
