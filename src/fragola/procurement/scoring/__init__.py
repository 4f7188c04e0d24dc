"""Tender scoring as the commission will do it: plain Python, no Django (an import contract)."""

from fragola.procurement.scoring.engine import (
    BidScore,
    Exclusion,
    TenderResult,
    round_half_up,
    score,
)
from fragola.procurement.scoring.guards import (
    award_problems,
    is_labour_intensive,
    lowest_price_problem,
    price_cap_problem,
)
from fragola.procurement.scoring.parse import parse_tender
from fragola.procurement.scoring.solver import (
    Competitor,
    Outcome,
    WinningOffer,
    discount_to_win,
    discount_to_win_tender,
)
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

__all__ = [
    "Bid",
    "BidScore",
    "Competitor",
    "Criterion",
    "Exclusion",
    "Formula",
    "Outcome",
    "PriceRule",
    "Problem",
    "Reparametrise",
    "SpecError",
    "Technical",
    "TenderResult",
    "TenderSpec",
    "ThresholdOn",
    "WinningOffer",
    "award_problems",
    "discount_to_win",
    "discount_to_win_tender",
    "is_labour_intensive",
    "lowest_price_problem",
    "parse_tender",
    "price_cap_problem",
    "round_half_up",
    "score",
]
