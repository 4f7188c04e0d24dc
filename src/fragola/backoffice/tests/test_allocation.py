"""The split of shared costs, on plain data: every share computed by hand below."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fragola.backoffice.allocation import (
    AllocationError,
    DriverValue,
    Pool,
    Problem,
    Reason,
    allocate,
    split,
)

D = Decimal


def test_it_splits_a_third_each_and_gives_the_last_cent_to_the_lowest_fiscal_code() -> None:
    # 100.00 / 3 = 33.333…: 33.33 each, one cent left; equal remainders, "A" < "B" < "C".
    assert split(D("100.00"), {"C": D(1), "A": D(1), "B": D(1)}) == {
        "A": D("33.34"),
        "B": D("33.33"),
        "C": D("33.33"),
    }


def test_it_gives_the_left_cents_to_the_largest_fractional_parts() -> None:
    # 10.00 by 1:2:4 (7 parts): 142.857 / 285.714 / 571.428 cents -> 142, 285, 571 = 998;
    # two cents left go to .857 (X) and .714 (Y), not to .428 (Z).
    assert split(D("10.00"), {"X": D(1), "Y": D(2), "Z": D(4)}) == {
        "X": D("1.43"),
        "Y": D("2.86"),
        "Z": D("5.71"),
    }


def test_the_larger_fractional_part_wins_over_a_lower_fiscal_code() -> None:
    # 0.05 by 1:2 -> 1.666 and 3.333 cents: 1 + 3 = 4, the cent goes to B (.666).
    assert split(D("0.05"), {"A": D(2), "B": D(1)}) == {"A": D("0.03"), "B": D("0.02")}


def test_a_zero_value_gets_nothing_and_the_lines_add_up_to_the_pool() -> None:
    lines = split(D("1234.57"), {"A": D("0"), "B": D("3.5"), "C": D("1.25")})
    # 123457 cents * 3.5 / 4.75 = 90968.315…; * 1.25 / 4.75 = 32488.684…: 90968 + 32488 =
    # 123456, the cent goes to C (.684 > .315).
    assert lines == {"A": D("0.00"), "B": D("909.68"), "C": D("324.89")}
    assert sum(lines.values()) == D("1234.57")


def test_a_single_co_op_takes_the_whole_pool_and_a_zero_pool_gives_zeros() -> None:
    assert split(D("99.99"), {"A": D(7)}) == {"A": D("99.99")}
    assert split(D("0.00"), {"A": D(1), "B": D(1)}) == {"A": D("0.00"), "B": D("0.00")}


def test_many_co_ops_always_add_up_exactly() -> None:
    weights = {f"{i:011d}": D(i % 7) + D("0.3") for i in range(1, 98)}
    lines = split(D("100000.01"), weights)
    assert sum(lines.values()) == D("100000.01")
    assert all(line == line.quantize(D("0.01")) for line in lines.values())


def test_allocate_lists_every_pool_for_every_co_op_with_totals() -> None:
    allocation = allocate(
        [Pool("Payroll", D("1000.00"), "payslips"), Pool("Legal", D("50.00"), "headcount")],
        [
            DriverValue("B", "payslips", D(1)),
            DriverValue("A", "payslips", D(1)),
            DriverValue("B", "headcount", D(4)),
            DriverValue("A", "headcount", D(1)),
            DriverValue("C", "headcount", D(0)),
        ],
    )
    assert allocation.coops == ["A", "B", "C"]
    assert allocation.shares["A"] == {"Payroll": D("500.00"), "Legal": D("10.00")}
    assert allocation.shares["C"] == {"Payroll": D("0.00"), "Legal": D("0.00")}
    assert allocation.total("B") == D("540.00")


def test_it_refuses_a_pool_whose_driver_adds_up_to_zero_naming_the_pool() -> None:
    with pytest.raises(AllocationError) as caught:
        allocate(
            [Pool("Quality", D("10.00"), "documents"), Pool("Tender", D("5.00"), "turnover")],
            [DriverValue("A", "documents", D(0)), DriverValue("B", "documents", D(0))],
        )
    assert caught.value.problems == [
        Problem(Reason.ZERO_DRIVER, pool="Quality", driver="documents"),
        Problem(Reason.UNKNOWN_DRIVER, pool="Tender", driver="turnover"),
    ]


def test_it_refuses_negative_amounts_and_values_and_repeats() -> None:
    with pytest.raises(AllocationError) as caught:
        allocate(
            [Pool("P", D("-1.00"), "d"), Pool("P", D("1.005"), "d")],
            [DriverValue("A", "d", D(-2)), DriverValue("A", "d", D(3))],
        )
    reasons = [problem.reason for problem in caught.value.problems]
    assert reasons == [
        Reason.NEGATIVE_AMOUNT,
        Reason.NOT_CENTS,
        Reason.DUPLICATE_POOL,
        Reason.NEGATIVE_VALUE,
        Reason.DUPLICATE_VALUE,
    ]
