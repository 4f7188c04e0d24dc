"""What the score simulator and the lot optimiser will read, built from a tender's rows.

INTEGRATION POINT. The simulator (``procurement.scoring``) and the lot optimiser
(``procurement.lots``, OR-Tools) are plain-Python engines built beside this app; they are wired
here at merge. Until then these functions build, from the models, exactly the plain data those
engines take, so that the pages and the API can call them in one line:

- ``simulation_input(tender)``: the tender simulation file's shape (``public-contracts.md`` §1,
  the file ``fragola tenders simulate FILE`` reads), with no bids yet (the competitor scenarios
  and the commission's coefficients are the simulator's own input);
- ``assignment_input(tender, on)``: the lots (service, comuni, hours) and the named co-ops
  (comuni served, type) the optimiser assigns lots or hours among.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fragola.procurement.models import Tender


def simulation_input(tender: Tender, *, rounding: int = 2) -> dict[str, Any]:
    """The tender as the simulator reads it: points, price formula, criteria, bids (none yet)."""
    return {
        "name": tender.title,
        "base_amount": str(tender.base_amount),
        "rounding": rounding,
        "technical": {
            "points": int(tender.quality_points),
            "reparametrise": "none",
            "threshold": None,
            "threshold_on": "raw",
        },
        "price": {"points": int(tender.price_points), "formula": "inverse"},
        # The tender's qualitative criteria and their points are recorded with the simulator.
        "criteria": [],
        "bids": [],
    }


def assignment_input(tender: Tender, *, on: dt.date) -> dict[str, Any]:
    """The tender's lots and its named co-ops with the comuni each serves (one query each)."""
    lots = tender.lots.prefetch_related("comuni").order_by("number")
    executors = tender.executors.select_related("coop").prefetch_related("coop__comuni_served")
    return {
        "on": on.isoformat(),
        "lots": [
            {
                "id": str(lot.number),
                "service": lot.service,
                "hours": str(lot.hours),
                "comuni": sorted(c.istat_code for c in lot.comuni.all()),
            }
            for lot in lots
        ],
        "coops": [
            {
                "id": str(e.coop_id),
                "name": e.coop.name,
                "type": e.coop.type,
                "comuni": sorted(c.istat_code for c in e.coop.comuni_served.all()),
            }
            for e in executors.order_by("coop__name", "pk")
        ],
    }
