"""Lots to member co-ops: optima and explanations worked out by hand."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fragola.procurement.lots import (
    ERR_CAPACITY,
    ERR_NO_CANDIDATE,
    Coop,
    Lot,
    LotsInfeasible,
    Why,
    assign_lots,
)

F = frozenset
ALFA = Coop("Alfa", F({"Bergamo", "Seriate"}), F({"SAD"}), 1000, {"SAD": 2000})
BETA = Coop(
    "Beta", F({"Bergamo", "Seriate", "Dalmine"}), F({"SAD", "NIDO"}), 1500,
    {"SAD": 2100, "NIDO": 2600},
)  # fmt: skip
GAMMA = Coop("Gamma", F({"Dalmine"}), F({"SAD", "NIDO"}), 800, {"SAD": 1900, "NIDO": 2400})
COOPS = [ALFA, BETA, GAMMA]
LOTS = [
    Lot("L1", "SAD", F({"Bergamo"}), 600),
    Lot("L2", "SAD", F({"Seriate"}), 500),
    Lot("L3", "NIDO", F({"Bergamo"}), 400),  # Alfa lacks the nursery accreditation
    Lot("L4", "SAD", F({"Dalmine"}), 500),
]


def test_it_finds_the_cheapest_assignment():
    # L3: only Beta (Alfa not accredited, Gamma not in Bergamo). L4: Gamma 1900 < Beta 2100.
    # L1 and L2: Alfa (20.00) beats Beta (21.00) but holds only one (600 + 500 > 1000):
    # L1 to Alfa saves 600 * 100 cents, L2 to Alfa only 500 * 100, so L1 -> Alfa, L2 -> Beta.
    result = assign_lots(LOTS, COOPS)
    assert {a.lot: a.coop for a in result.lots} == {
        "L1": "Alfa", "L2": "Beta", "L3": "Beta", "L4": "Gamma"
    }  # fmt: skip
    # 600*2000 + 500*2100 + 400*2600 + 500*1900 = 1,200,000 + 1,050,000 + 1,040,000 + 950,000
    assert result.total_cost_cents == 4_240_000
    assert result.hours_by_coop == {"Alfa": 600, "Beta": 900, "Gamma": 500}
    assert result.max_utilisation_bp == 6250  # Gamma 500 / 800


def test_it_says_why_each_lot_went_where_it_went():
    result = {a.lot: a for a in assign_lots(LOTS, COOPS).lots}
    nursery = {c.coop: c for c in result["L3"].candidates}
    assert nursery["Beta"].why is Why.CHOSEN
    assert nursery["Alfa"].why is Why.NOT_ACCREDITED
    assert (nursery["Gamma"].why, nursery["Gamma"].missing_comuni) == (
        Why.OUTSIDE_TERRITORY, ("Bergamo",)
    )  # fmt: skip
    seriate = {c.coop: c for c in result["L2"].candidates}
    assert (seriate["Alfa"].why, seriate["Alfa"].cost_cents) == (Why.CHEAPER_BUT_FULL, 1_000_000)
    bergamo = {c.coop: c for c in result["L1"].candidates}
    assert (bergamo["Beta"].why, bergamo["Beta"].cost_cents) == (Why.COSTLIER, 1_260_000)
    assert result["L1"].candidates[0].coop == "Alfa"


def test_at_equal_cost_fairness_spreads_the_hours():
    twin_a = Coop("A", F({"X"}), F({"SAD"}), 1000, {"SAD": 2000})
    twin_b = Coop("B", F({"X"}), F({"SAD"}), 1000, {"SAD": 2000})
    lots = [Lot("L1", "SAD", F({"X"}), 300), Lot("L2", "SAD", F({"X"}), 300)]
    result = assign_lots(lots, [twin_a, twin_b])
    assert result.hours_by_coop == {"A": 300, "B": 300}  # not 600 + 0
    assert result.lots[0].candidates[1].why is Why.SAME_COST


def test_a_share_limit_keeps_the_cheapest_co_op_from_taking_everything():
    lots = [Lot("L1", "SAD", F({"Bergamo"}), 400), Lot("L2", "SAD", F({"Seriate"}), 200)]
    assert {a.coop for a in assign_lots(lots, [ALFA, BETA]).lots} == {"Alfa"}
    # at most 2/3 of 600 hours = 400 each: Alfa keeps the bigger lot (saves 400 * 100)
    result = assign_lots(lots, [ALFA, BETA], max_share=Fraction(2, 3))
    assert [a.coop for a in result.lots] == ["Alfa", "Beta"]


def test_a_lot_nobody_can_take_is_named_with_every_reason():
    lots = [*LOTS, Lot("L5", "NIDO", F({"Seriate", "Treviglio"}), 100)]
    with pytest.raises(LotsInfeasible) as caught:
        assign_lots(lots, COOPS)
    (trouble,) = caught.value.troubles
    assert trouble.message == ERR_NO_CANDIDATE
    assert trouble.params["lot"] == "L5"
    assert trouble.params["reasons"] == (
        "Alfa: not_accredited, Beta: outside_territory, Gamma: outside_territory"
    )


def test_lots_beyond_the_capacity_of_those_who_may_take_them_are_named():
    # two nursery lots in Bergamo, only Beta may take them: 800 + 800 > 1500
    lots = [Lot("N1", "NIDO", F({"Bergamo"}), 800), Lot("N2", "NIDO", F({"Bergamo"}), 800)]
    with pytest.raises(LotsInfeasible) as caught:
        assign_lots([*LOTS[:2], *lots], COOPS)
    (trouble,) = caught.value.troubles
    assert trouble.message == ERR_CAPACITY
    assert (trouble.params["lots"], trouble.params["coops"]) == ("N1, N2", "Beta")
    assert "N1, N2 (1600 hours)" in str(caught.value)


def test_a_lot_bigger_than_a_co_ops_capacity_is_not_its_to_take():
    big = [Lot("L1", "SAD", F({"Dalmine"}), 900)]
    result = assign_lots(big, COOPS)
    assert result.lots[0].coop == "Beta"  # Gamma is cheaper but holds 800 hours
    assert {c.coop: c.why for c in result.lots[0].candidates}["Gamma"] is Why.TOO_SMALL


def test_no_lots_is_an_empty_assignment():
    assert assign_lots([], COOPS).hours_by_coop == {"Alfa": 0, "Beta": 0, "Gamma": 0}


def test_two_lots_with_one_id_are_refused():
    with pytest.raises(ValueError, match="share an id"):
        assign_lots([LOTS[0], LOTS[0]], COOPS)


def brute_force_cost(lots, coops, caps):
    """The cheapest feasible cost by trying every assignment (small cases only)."""
    best = None
    for choice in itertools.product(coops, repeat=len(lots)):
        load = dict.fromkeys((c.id for c in coops), 0)
        cost = 0
        for lot, coop in zip(lots, choice, strict=True):
            if lot.service not in coop.accreditations or not lot.comuni <= coop.comuni:
                break
            load[coop.id] += lot.hours
            cost += lot.hours * coop.cents_per_hour[lot.service]
        else:
            if all(load[c.id] <= caps[c.id] for c in coops) and (best is None or cost < best):
                best = cost
    return best


@st.composite
def small_cases(draw):
    comuni = ["X", "Y", "Z"]
    coops = [
        Coop(
            f"C{n}",
            F(draw(st.sets(st.sampled_from(comuni), min_size=1))),
            F(draw(st.sets(st.sampled_from(["SAD", "NIDO"]), min_size=1))),
            draw(st.integers(0, 60)),
            {"SAD": draw(st.integers(1, 30)), "NIDO": draw(st.integers(1, 30))},
        )
        for n in range(draw(st.integers(1, 3)))
    ]
    lots = [
        Lot(
            f"L{n}",
            draw(st.sampled_from(["SAD", "NIDO"])),
            F(draw(st.sets(st.sampled_from(comuni), min_size=1, max_size=2))),
            draw(st.integers(1, 30)),
        )
        for n in range(draw(st.integers(1, 4)))
    ]
    return lots, coops


@settings(max_examples=80, deadline=None)
@given(small_cases())
def test_the_optimum_is_the_cheapest_of_all_assignments(case):
    lots, coops = case
    expected = brute_force_cost(lots, coops, {c.id: c.capacity_hours for c in coops})
    try:
        result = assign_lots(lots, coops)
    except LotsInfeasible:
        assert expected is None
        return
    assert result.total_cost_cents == expected
    for coop in coops:
        assert result.hours_by_coop[coop.id] <= coop.capacity_hours
