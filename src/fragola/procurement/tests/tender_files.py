"""Tender files for the tests, as a tender office would write them (JSON-shaped dicts)."""

from __future__ import annotations

import copy
from typing import Any

# Three bids, two commissioners, criteria A (40 points) and B (30 points); base 100,000.
#   Alfa  : V_A = (0.8 + 0.6) / 2 = 0.7,  V_B = (1.0 + 0.8) / 2 = 0.9   T = 28 + 27   = 55
#   Beta  : V_A = 0.5,                    V_B = (0.6 + 0.7) / 2 = 0.65  T = 20 + 19.5 = 39.5
#   Gamma : V_A = 1.0,                    V_B = (0.5 + 0.4) / 2 = 0.45  T = 40 + 13.5 = 53.5
# Discounts: Alfa 90,000 -> 0.10, Beta 80,000 -> 0.20, Gamma 85,000 -> 0.15.
THREE_BIDS: dict[str, Any] = {
    "name": "SAD Ambito 3, lotto 1",
    "base_amount": "100000.00",
    "rounding": 2,
    "technical": {"points": 70, "reparametrise": "none", "threshold": None, "threshold_on": "raw"},
    "price": {"points": 30, "formula": "inverse"},
    "criteria": [{"id": "A", "points": 40}, {"id": "B", "points": 30}],
    "bids": [
        {
            "bidder": "Alfa",
            "price": "90000.00",
            "coefficients": {"A": ["0.8", "0.6"], "B": ["1.0", "0.8"]},
        },
        {
            "bidder": "Beta",
            "price": "80000.00",
            "coefficients": {"A": ["0.5", "0.5"], "B": ["0.6", "0.7"]},
        },
        {
            "bidder": "Gamma",
            "price": "85000.00",
            "coefficients": {"A": ["1", "1"], "B": ["0.5", "0.4"]},
        },
    ],
}


def tender(**changes: Any) -> dict[str, Any]:
    """THREE_BIDS with some top-level fields, or ``technical``/``price`` keys, changed."""
    data = copy.deepcopy(THREE_BIDS)
    for key, value in changes.items():
        if key in ("technical", "price"):
            data[key].update(value)
        else:
            data[key] = value
    return data


def with_prices(**prices: str) -> list[dict[str, Any]]:
    bids = copy.deepcopy(THREE_BIDS["bids"])
    for bid in bids:
        bid["price"] = prices.get(bid["bidder"], bid["price"])
    return bids
