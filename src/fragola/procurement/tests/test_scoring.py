"""Tender scoring: every formula and option computed by hand (see tender_files.THREE_BIDS)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from fragola.procurement.scoring import (
    Exclusion,
    SpecError,
    parse_tender,
    round_half_up,
    score,
)
from fragola.procurement.scoring import messages as m
from fragola.procurement.tests.tender_files import tender, with_prices


def scored(data):
    return score(parse_tender(data)).to_json()


def rows(result):
    return {
        b["bidder"]: (b["technical"], b["economic"], b["total"], b["rank"]) for b in result["bids"]
    }


def test_it_scores_the_inverse_formula_on_the_lowest_price():
    # P_min = 80,000: Alfa 30 * 80/90 = 26.666.. ; Beta 30 ; Gamma 30 * 80/85 = 28.2352..
    result = scored(tender())
    assert rows(result) == {
        "Alfa": ("55.00", "26.67", "81.67", 2),
        "Beta": ("39.50", "30.00", "69.50", 3),
        "Gamma": ("53.50", "28.24", "81.74", 1),
    }
    assert result["winner"] == "Gamma"


def test_it_keeps_the_file_order_and_the_contract_keys():
    result = scored(tender())
    assert [b["bidder"] for b in result["bids"]] == ["Alfa", "Beta", "Gamma"]
    assert set(result) == {"winner", "bids"}
    assert set(result["bids"][0]) == {
        "bidder", "admitted", "technical", "economic", "total", "rank"
    }  # fmt: skip


def test_it_scores_the_linear_formula_on_the_discount():
    # R_max = 0.20: Alfa 30 * 0.10/0.20 = 15, Beta 30, Gamma 30 * 0.15/0.20 = 22.5
    result = scored(tender(price={"formula": "linear"}))
    assert rows(result) == {
        "Alfa": ("55.00", "15.00", "70.00", 2),
        "Beta": ("39.50", "30.00", "69.50", 3),
        "Gamma": ("53.50", "22.50", "76.00", 1),
    }


def test_it_scores_the_bilinear_formula_around_the_average_discount():
    # R_avg = (0.10 + 0.20 + 0.15) / 3 = 0.15, X = 0.9
    # Alfa  (below avg) 30 * 0.9 * 0.10/0.15 = 18; Gamma (at avg) 30 * 0.9 = 27
    # Beta  (above avg) 30 * (0.9 + 0.1 * (0.20 - 0.15)/(0.20 - 0.15)) = 30
    result = scored(tender(price={"formula": "bilinear", "x": "0.90"}))
    assert rows(result) == {
        "Alfa": ("55.00", "18.00", "73.00", 2),
        "Beta": ("39.50", "30.00", "69.50", 3),
        "Gamma": ("53.50", "27.00", "80.50", 1),
    }


def test_it_scores_the_bilinear_formula_between_the_average_and_the_best_discount():
    # Discounts 0.10, 0.20, 0.30 (Gamma at 70,000): R_avg = 0.20, R_max = 0.30, X = 0.8
    # Alfa 30 * 0.8 * 0.10/0.20 = 12; Beta (at avg) 30 * 0.8 = 24; Gamma 30 * (0.8 + 0.2) = 30
    bids = with_prices(Gamma="70000.00")
    result = scored(tender(bids=bids, price={"formula": "bilinear", "x": "0.8"}))
    assert [r[1] for r in rows(result).values()] == ["12.00", "24.00", "30.00"]


def test_it_scores_the_concave_formula():
    # alpha = 0.5: Alfa 30 * sqrt(0.5) = 21.2132..; Beta 30; Gamma 30 * sqrt(0.75) = 25.9807..
    result = scored(tender(price={"formula": "concave", "alpha": "0.5"}))
    assert rows(result) == {
        "Alfa": ("55.00", "21.21", "76.21", 2),
        "Beta": ("39.50", "30.00", "69.50", 3),
        "Gamma": ("53.50", "25.98", "79.48", 1),
    }


def test_it_reparametrises_each_criterion_on_its_best_bid():
    # A: best V 1.0 (Gamma): 0.7, 0.5, 1.0.  B: best V 0.9 (Alfa): 1, 0.65/0.9, 0.5
    # Alfa 40*0.7 + 30 = 58; Beta 20 + 30*13/18 = 41.666..; Gamma 40 + 15 = 55
    result = scored(tender(technical={"reparametrise": "criterion"}))
    assert [r[0] for r in rows(result).values()] == ["58.00", "41.67", "55.00"]


def test_it_reparametrises_the_total_on_the_best_technical_score():
    # max T = 55 (Alfa): T * 70/55 -> 70, 39.5*70/55 = 50.2727.., 53.5*70/55 = 68.0909..
    result = scored(tender(technical={"reparametrise": "total"}))
    assert [r[0] for r in rows(result).values()] == ["70.00", "50.27", "68.09"]


def test_it_reparametrises_the_total_after_the_criteria_when_both():
    # After the criteria: 58, 125/3, 55; * 70/58 -> 70, 8750/174 = 50.2873.., 3850/58 = 66.3793..
    result = scored(tender(technical={"reparametrise": "both"}))
    assert [r[0] for r in rows(result).values()] == ["70.00", "50.29", "66.38"]
    # inverse prices as before: Gamma 66.3793 + 28.2353 = 94.6146 < Alfa 70 + 26.6667
    assert result["winner"] == "Alfa"


def test_a_criterion_where_every_bid_has_zero_stays_zero():
    data = tender(technical={"reparametrise": "criterion"})
    for bid in data["bids"]:
        bid["coefficients"]["B"] = ["0", "0"]
    # A re-parametrised: 0.7, 0.5, 1.0 -> 28, 20, 40; B gives nobody anything
    assert [r[0] for r in rows(scored(data)).values()] == ["28.00", "20.00", "40.00"]


def test_the_threshold_excludes_a_bid_before_prices_are_opened():
    # Beta (39.5) is under 40: P_min among Alfa and Gamma is 85,000
    # Alfa 30 * 85/90 = 28.333.. -> 83.33; Gamma 30 -> 83.50
    result = scored(tender(technical={"threshold": 40, "threshold_on": "raw"}))
    assert rows(result) == {
        "Alfa": ("55.00", "28.33", "83.33", 2),
        "Beta": ("39.50", None, None, None),
        "Gamma": ("53.50", "30.00", "83.50", 1),
    }
    assert [b["admitted"] for b in result["bids"]] == [True, False, True]


@pytest.mark.parametrize(("on", "beta_admitted"), [("raw", False), ("reparametrised", True)])
def test_the_threshold_applies_to_the_score_the_tender_names(on, beta_admitted):
    # Beta: raw 39.5 < 45, re-parametrised on the total 50.27 >= 45
    data = tender(technical={"reparametrise": "total", "threshold": 45, "threshold_on": on})
    beta = scored(data)["bids"][1]
    assert (beta["admitted"], beta["technical"]) == (beta_admitted, "50.27")


def test_a_bid_exactly_at_the_threshold_is_admitted():
    result = scored(tender(technical={"threshold": "39.5", "threshold_on": "raw"}))
    assert result["bids"][1]["admitted"] is True


def test_nobody_admitted_means_no_winner():
    result = scored(tender(technical={"threshold": 60, "threshold_on": "raw"}))
    assert result["winner"] is None
    assert all(b["rank"] is None for b in result["bids"])


def test_linear_gives_zero_to_everyone_when_nobody_discounts():
    bids = with_prices(Alfa="100000", Beta="100000", Gamma="100000")
    result = scored(tender(bids=bids, price={"formula": "linear"}))
    assert [r[1] for r in rows(result).values()] == ["0.00", "0.00", "0.00"]
    assert result["winner"] == "Alfa"  # the best technical score: 55


def test_concave_and_bilinear_give_zero_too_when_nobody_discounts():
    bids = with_prices(Alfa="100000", Beta="100000", Gamma="100000")
    for price in ({"formula": "concave", "alpha": "0.3"}, {"formula": "bilinear", "x": "0.85"}):
        result = scored(tender(bids=bids, price=price))
        assert [r[1] for r in rows(result).values()] == ["0.00", "0.00", "0.00"]


def test_bilinear_with_every_discount_equal_gives_x_times_the_points():
    # R_i = R_avg = R_max = 0.10: the "below the average" branch, 30 * 0.9 * 1 = 27
    bids = with_prices(Alfa="90000", Beta="90000", Gamma="90000")
    result = scored(tender(bids=bids, price={"formula": "bilinear", "x": "0.9"}))
    assert [r[1] for r in rows(result).values()] == ["27.00", "27.00", "27.00"]


def test_a_price_above_the_base_amount_is_excluded_and_left_out_of_the_formulas():
    # Beta at 110,000 is out; P_min = 85,000 as with the threshold above
    result = scored(tender(bids=with_prices(Beta="110000.00")))
    beta = result["bids"][1]
    assert (beta["admitted"], beta["economic"], beta["rank"]) == (False, None, None)
    assert rows(result)["Alfa"][1] == "28.33"
    spec = parse_tender(tender(bids=with_prices(Beta="110000.00")))
    assert score(spec).bids[1].excluded is Exclusion.PRICE_ABOVE_BASE


def test_a_price_at_the_base_amount_is_a_zero_discount():
    # linear: Alfa R = 0 -> 0 points; R_max = 0.20 (Beta)
    result = scored(tender(bids=with_prices(Alfa="100000"), price={"formula": "linear"}))
    assert rows(result)["Alfa"][1:3] == ("0.00", "55.00")


def two_bids(x_coefficients, y_coefficients, x_price, y_price):
    # criteria A 50 and B 20 points, one commissioner, linear price on base 100
    return tender(
        base_amount="100",
        criteria=[{"id": "A", "points": 50}, {"id": "B", "points": 20}],
        price={"formula": "linear"},
        bids=[
            {"bidder": "X", "price": x_price, "coefficients": x_coefficients},
            {"bidder": "Y", "price": y_price, "coefficients": y_coefficients},
        ],
    )


def test_equal_totals_are_ranked_by_the_technical_score():
    # X: 50*0.7 + 20*0.4 = 43, R 0.1 -> 15 points: 58.  Y: 20 + 8 = 28, R 0.2 -> 30: 58
    data = two_bids({"A": ["0.7"], "B": ["0.4"]}, {"A": ["0.4"], "B": ["0.4"]}, "90", "80")
    result = scored(data)
    assert rows(result) == {
        "X": ("43.00", "15.00", "58.00", 1),
        "Y": ("28.00", "30.00", "58.00", 2),
    }
    assert result["winner"] == "X"


def test_a_true_tie_shares_the_rank_and_has_no_winner():
    same = {"A": ["0.5"], "B": ["0.5"]}
    data = two_bids(same, same, "90", "90")
    data["bids"].append({"bidder": "Z", "price": "95", "coefficients": same})
    result = score(parse_tender(data))
    assert [b.rank for b in result.bids] == [1, 1, 3]
    assert (result.winner, result.tied) == (None, ("X", "Y"))
    assert result.to_json()["winner"] is None


def test_it_rounds_half_up_once_at_the_end():
    # X: T = 10 * 0.825 = 8.25, R = 500/120,000 = 1/240; Y: R = 0.5 (R_max)
    # E_X = 30 * (1/240)/(1/2) = 0.25; total 8.5 exactly (8.3 + 0.3 would say 8.6)
    data = tender(
        base_amount="120000",
        rounding=1,
        criteria=[{"id": "A", "points": 10}, {"id": "B", "points": 60}],
        price={"formula": "linear"},
        bids=[
            {"bidder": "X", "price": "119500", "coefficients": {"A": ["0.825"], "B": ["0"]}},
            {"bidder": "Y", "price": "60000", "coefficients": {"A": ["0"], "B": ["0"]}},
        ],
    )
    assert rows(scored(data))["X"] == ("8.3", "0.3", "8.5", 2)


def test_it_shows_whole_points_with_zero_decimals():
    assert parse_tender(tender(rounding=Decimal("0.0"))).rounding == 0
    result = scored(tender(rounding=0))
    assert rows(result)["Alfa"] == ("55", "27", "82", 2)


def test_round_half_up_goes_away_from_zero_on_exact_halves():
    assert round_half_up(Fraction(5, 8), 2) == "0.63"  # 0.625; half-even would say 0.62
    assert round_half_up(Fraction(1, 3), 3) == "0.333"
    assert round_half_up(Fraction(0), 2) == "0.00"


def test_mean_of_commissioners_is_exact():
    # three commissioners 0.6, 0.6, 0.7 on A (40 points): 40 * 1.9/3 = 25.333..; B all 1: 30
    data = tender()
    data["bids"][0]["coefficients"] = {"A": ["0.6", "0.6", "0.7"], "B": ["1", "1", "1"]}
    spec = parse_tender(data)
    assert score(spec).bids[0].technical == Fraction(76, 3) + 30


def test_json_numbers_are_read_as_amounts_too():
    data = tender(base_amount=100000, bids=with_prices(Alfa=Decimal("90000.00")))
    assert rows(scored(data))["Alfa"] == ("55.00", "26.67", "81.67", 2)


# --- bad files: every problem, named by field and bid ------------------------------------------


def problems(data):
    with pytest.raises(SpecError) as caught:
        parse_tender(data)
    return [(p.path, p.message) for p in caught.value.problems]


def test_it_names_every_problem_of_a_file_not_just_the_first():
    data = tender(rounding="two", price={"formula": "quadratic"})
    del data["base_amount"]
    data["bids"][1]["coefficients"]["A"] = ["0.5", "1.2"]
    del data["bids"][2]["coefficients"]["B"]
    data["bids"][2]["price"] = "-5"
    assert problems(data) == [
        ("base_amount", m.ERR_REQUIRED),
        ("rounding", m.ERR_NOT_AN_INTEGER),
        ("price.formula", m.ERR_CHOICE),
        ("bids[1] (Beta).coefficients.A[1]", m.ERR_COEFFICIENT),
        ("bids[2] (Gamma).price", m.ERR_POSITIVE),
        ("bids[2] (Gamma).coefficients", m.ERR_MISSING_CRITERION),
    ]


def test_it_names_duplicate_bidders_and_criteria_and_unknown_criteria():
    data = tender()
    data["bids"][2]["bidder"] = "alfa"
    data["bids"][0]["coefficients"]["Z"] = ["1"]
    data["criteria"].append({"id": "A", "points": 5})
    found = problems(data)
    assert ("criteria[2].id", m.ERR_DUPLICATE_CRITERION) in found
    assert ("bids[0] (Alfa).coefficients.Z", m.ERR_UNKNOWN_CRITERION) in found
    assert ("bids[2] (alfa).bidder", m.ERR_DUPLICATE_BIDDER) in found


def test_it_refuses_wrong_types():
    data = tender(criteria={"A": 40}, technical={"points": "seventy"})
    data["bids"][0]["coefficients"] = ["0.5"]
    data["bids"][1]["bidder"] = 7
    data["bids"][2]["coefficients"]["A"] = "0.5"
    data["bids"][2]["price"] = True
    found = problems(data)
    assert ("technical.points", m.ERR_NOT_A_NUMBER) in found
    assert ("criteria", m.ERR_NOT_A_LIST) in found
    assert ("bids[0] (Alfa).coefficients", m.ERR_NOT_AN_OBJECT_FIELD) in found
    assert ("bids[1].bidder", m.ERR_NOT_TEXT) in found
    assert ("bids[2] (Gamma).coefficients.A", m.ERR_NOT_A_LIST) in found
    assert ("bids[2] (Gamma).price", m.ERR_NOT_A_NUMBER) in found


def test_it_refuses_something_that_is_not_a_tender_object():
    assert problems([1, 2]) == [("(file)", m.ERR_NOT_AN_OBJECT)]


def test_it_refuses_empty_lists_and_criteria_not_adding_up():
    assert ("bids", m.ERR_EMPTY_LIST) in problems(tender(bids=[]))
    found = problems(tender(criteria=[{"id": "A", "points": 40}, {"id": "B", "points": 20}]))
    assert found == [("criteria", m.ERR_CRITERIA_SUM)]


def test_it_needs_the_formula_parameters_in_range():
    assert problems(tender(price={"formula": "bilinear"})) == [("price.x", m.ERR_REQUIRED)]
    assert problems(tender(price={"formula": "bilinear", "x": "1"})) == [
        ("price.x", m.ERR_OPEN_UNIT)
    ]
    assert problems(tender(price={"formula": "concave", "alpha": 0})) == [
        ("price.alpha", m.ERR_OPEN_UNIT)
    ]


def test_it_checks_the_threshold_and_the_rounding():
    assert problems(tender(technical={"threshold": 80})) == [
        ("technical.threshold", m.ERR_THRESHOLD_ABOVE)
    ]
    data = tender()  # without threshold_on the threshold is on the raw score
    data["technical"] = {"points": 70, "threshold": 40}
    raw = tender(technical={"threshold": 40, "threshold_on": "raw"})
    assert scored(data) == scored(raw)
    assert problems(tender(rounding=11)) == [("rounding", m.ERR_ROUNDING)]
    assert problems(tender(rounding=Decimal("1.5"))) == [("rounding", m.ERR_NOT_AN_INTEGER)]
    assert problems(tender(technical={"reparametrise": "yes"})) == [
        ("technical.reparametrise", m.ERR_CHOICE)
    ]


def test_a_labour_intensive_tender_cannot_give_price_more_than_30_points():
    data = tender(labour_intensive=True, price={"points": 35}, technical={"points": 65})
    data["criteria"] = [{"id": "A", "points": 35}, {"id": "B", "points": 30}]
    assert problems(data) == [("price.points", m.ERR_PRICE_CAP)]
    assert ("labour_intensive", m.ERR_NOT_A_BOOLEAN) in problems(tender(labour_intensive="yes"))
    assert parse_tender(tender(labour_intensive=True)).labour_intensive is True


def test_a_threshold_cannot_be_negative():
    assert problems(tender(technical={"threshold": -1})) == [
        ("technical.threshold", m.ERR_NOT_NEGATIVE)
    ]


def test_a_fixed_price_tender_gives_price_no_points():
    # price points 0: quality alone decides, Alfa 55 > Gamma 53.5 > Beta 39.5
    result = scored(tender(price={"points": 0}))
    assert [r[1:] for r in rows(result).values()] == [
        ("0.00", "55.00", 1), ("0.00", "39.50", 3), ("0.00", "53.50", 2)
    ]  # fmt: skip
    assert problems(tender(price={"points": -1})) == [("price.points", m.ERR_NOT_NEGATIVE)]
