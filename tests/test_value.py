"""Customer value: delivered value, CLV (published and hand-computed values), customer CLV, value matrix."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import logilab as ll
from logilab import LogilabInputError, LogilabTypeError
from logilab.value import EXAMPLE_COSTS, EXAMPLE_VALUES

# --- delivered value ------------------------------------------------------------------


def test_delivered_value_of_one_provider_by_hand():
    values = {"product": 60, "service": 25, "personnel": 10, "image": 10}
    costs = {"money": 55, "time": 10, "energy": 5, "psychic": 5}
    result = ll.delivered_value(values, costs).table
    # TV = 60 + 25 + 10 + 10 = 105; TC = 55 + 10 + 5 + 5 = 75; TV - TC = 30; TV / TC = 1.4
    assert result["total_value"] == 105 and result["total_cost"] == 75
    assert result["delivered_value"] == 30 and result["value_ratio"] == pytest.approx(1.4)
    assert result["product"] == 60 and result["psychic"] == 5  # the components stay visible


def test_several_providers_ranked_by_difference_or_ratio():
    result = ll.delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS)
    table = result.table
    # A: 105 - 75 = 30 (1.400); B: 108 - 73 = 35 (108/73 = 1.479); C: 80 - 52 = 28 (80/52 = 1.538)
    assert table["delivered_value"].to_dict() == {"A": 30, "B": 35, "C": 28}
    assert table["value_ratio"].round(3).to_dict() == {"A": 1.4, "B": 1.479, "C": 1.538}
    assert table["rank"].to_dict() == {"A": 2, "B": 1, "C": 3}
    # the components summed are fields of the result; summary() names the provider ranked first (B, 35)
    assert result.value_components == ["product", "service", "personnel", "image"]
    assert result.cost_components == ["money", "time", "energy", "psychic"]
    assert result.summary() == {"providers": 3, "chosen": "B", "delivered_value": 35.0, "value_ratio": pytest.approx(108 / 73)}
    by_ratio = ll.delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS, rank_by="ratio").table
    assert by_ratio["rank"].to_dict() == {"A": 3, "B": 2, "C": 1}


def test_providers_are_matched_by_label_and_ties_share_a_rank():
    values = pd.DataFrame({"product": [10, 10]}, index=["X", "Y"])
    costs = pd.DataFrame({"money": [4, 4]}, index=["Y", "X"])
    table = ll.delivered_value(values, costs).table
    assert list(table.index) == ["X", "Y"] and table["rank"].tolist() == [1, 1]


def test_delivered_value_leaves_inputs_unchanged():
    values, costs = EXAMPLE_VALUES.copy(), EXAMPLE_COSTS.copy()
    ll.delivered_value(values, costs)
    pd.testing.assert_frame_equal(values, EXAMPLE_VALUES)
    pd.testing.assert_frame_equal(costs, EXAMPLE_COSTS)


def test_negative_values_or_costs_are_refused():
    with pytest.raises(
        LogilabInputError, match=r"values: expected column 'image' to hold numbers >= 0, found negative values in rows \[0\]"
    ):
        ll.delivered_value({"product": 5, "image": -1}, {"money": 3})
    costs = EXAMPLE_COSTS.copy()
    costs.loc["B", "time"] = -2
    with pytest.raises(
        LogilabInputError, match=r"costs: expected column 'time' to hold numbers >= 0, found negative values in rows \['B'\]"
    ):
        ll.delivered_value(EXAMPLE_VALUES, costs)


def test_other_bad_delivered_value_inputs():
    with pytest.raises(LogilabInputError, match=r"total cost > 0 .* found 0 for provider\(s\) \[0\]"):
        ll.delivered_value({"product": 5}, {"money": 0})
    with pytest.raises(LogilabTypeError, match="found one of each"):
        ll.delivered_value({"product": 5}, EXAMPLE_COSTS)
    with pytest.raises(LogilabInputError, match=r"no costs for \['C'\]"):
        ll.delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS.loc[["A", "B"]])
    with pytest.raises(LogilabInputError, match=r"distinct component names, found \['service'\]"):
        ll.delivered_value({"service": 5}, {"service": 1})
    with pytest.raises(LogilabTypeError, match="values: expected a mapping or Series"):
        ll.delivered_value([5, 3], [1])
    with pytest.raises(LogilabInputError, match="values: expected column 'product' to hold numbers, found text"):
        ll.delivered_value({"product": "high"}, {"money": 1})


# --- CLV ------------------------------------------------------------------------------


def test_margin_multiple_matches_gupta_lehmann():
    # Gupta, S. & Lehmann, D. R. (2003). Customers as Assets. Journal of Interactive Marketing 17(1), 9-24:
    # CLV = m * r / (1 + i - r), the "margin multiple" r / (1 + i - r); their table of multiples gives
    # 2.50 for a retention rate of 80 % and a discount rate of 12 %:
    #   0.8 / (1 + 0.12 - 0.8) = 0.8 / 0.32 = 2.5
    assert ll.margin_multiple(0.8, 0.12) == pytest.approx(2.5)
    assert ll.clv(100, 0.8, 0.12) == pytest.approx(250.0)
    # the same column of that table (i = 12 %): 0.6 / 0.52 = 1.15, 0.7 / 0.42 = 1.67, 0.9 / 0.22 = 4.09
    assert [round(ll.margin_multiple(r, 0.12), 2) for r in (0.6, 0.7, 0.9)] == [1.15, 1.67, 4.09]


def test_finite_clv_by_hand():
    # m = 100, r = 0.8, i = 0.12, three periods, first margin at the end of period 1:
    #   t = 1: 100 * 0.8    / 1.12     = 71.428571
    #   t = 2: 100 * 0.64   / 1.2544   = 51.020408
    #   t = 3: 100 * 0.512  / 1.404928 = 36.443149
    #   sum = 158.892128
    assert ll.clv(100, 0.8, 0.12, periods=3) == pytest.approx(158.892128, abs=1e-6)
    steps = ll.clv_schedule(100, 0.8, 0.12, periods=3)
    assert steps["discounted_margin"].round(6).tolist() == [71.428571, 51.020408, 36.443149]
    assert steps["cumulative_clv"].iloc[-1] == pytest.approx(ll.clv(100, 0.8, 0.12, periods=3))


def test_upfront_margin_adds_the_margin_at_time_zero():
    # infinite: m (1 + i) / (1 + i - r) = 100 * 1.12 / 0.32 = 350 = 100 + 250
    assert ll.clv(100, 0.8, 0.12, upfront=True) == pytest.approx(350.0)
    assert ll.margin_multiple(0.8, 0.12, upfront=True) == pytest.approx(3.5)
    # finite, T = 2: 100 + 71.428571 + 51.020408
    assert ll.clv(100, 0.8, 0.12, periods=2, upfront=True) == pytest.approx(222.448979, abs=1e-6)
    assert ll.clv_schedule(100, 0.8, 0.12, periods=2, upfront=True)["t"].tolist() == [0, 1, 2]


def test_zero_retention_and_negative_margin():
    assert ll.clv(100, 0.0, 0.1) == 0.0 and ll.clv(100, 0.0, 0.1, periods=5) == 0.0
    assert ll.clv(-50, 0.5, 0.0) == pytest.approx(-50.0)  # -50 * 0.5 / 0.5


rates = st.floats(min_value=0.0, max_value=0.98)
discounts = st.floats(min_value=0.0, max_value=0.5)
margins = st.floats(min_value=-1e4, max_value=1e4)


@settings(max_examples=200, deadline=None)
@given(margin=margins, retention=rates, discount_rate=discounts, periods=st.integers(1, 400))
def test_finite_sum_converges_to_the_infinite_formula(margin, retention, discount_rate, periods):
    finite = ll.clv(margin, retention, discount_rate, periods=periods)
    infinite = ll.clv(margin, retention, discount_rate)
    q = retention / (1 + discount_rate)
    # what the finite sum leaves out is the tail m q^(T+1) / (1 - q)
    tail = margin * q ** (periods + 1) / (1 - q)
    assert finite == pytest.approx(infinite - tail, rel=1e-9, abs=1e-7)
    assert abs(infinite - ll.clv(margin, retention, discount_rate, periods=periods + 200)) <= abs(tail) + 1e-7


@settings(max_examples=100, deadline=None)
@given(margin=st.floats(min_value=1, max_value=1e4), retention=rates, discount_rate=discounts, periods=st.integers(1, 60))
def test_clv_rises_with_retention_and_horizon_and_falls_with_the_discount_rate(margin, retention, discount_rate, periods):
    base = ll.clv(margin, retention, discount_rate, periods=periods)
    assert ll.clv(margin, min(retention + 0.01, 0.99), discount_rate, periods=periods) >= base
    assert ll.clv(margin, retention, discount_rate + 0.01, periods=periods) <= base
    assert ll.clv(margin, retention, discount_rate, periods=periods + 1) >= base
    assert ll.clv_schedule(margin, retention, discount_rate, periods=periods)["cumulative_clv"].iloc[-1] == pytest.approx(base)


def test_convert_rate_between_time_units():
    # (1 + 0.10)^(1/4) - 1 = 0.024114; (1 + 0.01)^12 - 1 = 0.126825; 0.9^12 = 0.282430
    assert ll.convert_rate(0.10, kind="discount", to_period="quarter") == pytest.approx(0.0241137, abs=1e-7)
    assert ll.convert_rate(0.01, kind="discount", from_period="month", to_period="year") == pytest.approx(0.1268250, abs=1e-7)
    assert ll.convert_rate(0.9, kind="retention", from_period="month", to_period="year") == pytest.approx(0.2824295, abs=1e-7)
    monthly = ll.convert_rate(0.8, kind="retention", to_period="month")
    assert ll.convert_rate(monthly, kind="retention", from_period="month", to_period="year") == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"retention": 1.0}, r"retention: expected a rate >= 0 and < 1 \(a fraction per period\), found 1.0. A retention of 1 means"),
        ({"retention": -0.1}, r"retention: expected a rate >= 0 and < 1 .*found -0.1. Use a value >= 0 and < 1"),
        ({"retention": 80}, r"found 80. Give rates as fractions: 0.8, not 80"),
        ({"discount_rate": -1.0}, r"discount_rate: expected a number > -1, found -1.0"),
        (
            {"discount_rate": -0.3},
            r"retention: expected retention < 1 \+ discount_rate for the infinite-horizon CLV, found retention 0.8 and discount_rate -0.3: the sum .* diverges",
        ),
        ({"periods": 0}, r"periods: expected a whole number >= 1, found 0"),
        ({"periods": 2.5}, r"periods: expected a whole number >= 1, found 2.5"),
        ({"margin": float("nan")}, r"margin: expected a finite number"),
    ],
)
def test_bad_clv_inputs(kwargs, message):
    arguments = {"margin": 100, "retention": 0.8, "discount_rate": 0.12, **kwargs}
    periods = arguments.pop("periods", None)
    with pytest.raises(LogilabInputError, match=message):
        ll.clv(arguments["margin"], arguments["retention"], arguments["discount_rate"], periods=periods)


def test_a_divergent_infinite_sum_has_a_finite_horizon_value():
    # r = 0.8 >= 1 + i = 0.7: the infinite sum diverges, but ten periods are fine: q = 0.8 / 0.7
    q = 0.8 / 0.7
    assert ll.clv(100, 0.8, -0.3, periods=10) == pytest.approx(100 * sum(q**t for t in range(1, 11)))


# --- CLV per customer from an order history --------------------------------------------

HISTORY = pd.DataFrame(
    {
        "customer_id": ["C1", "C1", "C2", "C1", "C3", "C2"],
        "order_date": ["2025-01-10", "2025-04-02", "2025-01-20", "2025-07-15", "2025-07-01", "2025-01-25"],
        "revenue": [500.0, 300.0, 200.0, 400.0, 100.0, 50.0],
        "cost": [300.0, 200.0, 150.0, 250.0, 60.0, 40.0],
    }
)


def test_customer_clv_by_hand():
    result = ll.customer_clv(HISTORY, period="quarter", annual_discount_rate=0.10)
    # active: C1 in Q1, Q2, Q3; C2 in Q1 (two orders); C3 in Q3
    # Q1 -> Q2: active before {C1, C2}, retained {C1}: 1/2; Q2 -> Q3: {C1}, retained {C1}: 1/1
    assert result.retention_by_period[["active_before", "retained"]].to_numpy().tolist() == [[2, 1], [1, 1]]
    assert result.retention == pytest.approx(2 / 3)
    # quarterly discount rate: 1.1^(1/4) - 1 = 0.0241137
    assert result.discount_rate == pytest.approx(0.0241137, abs=1e-7)
    table = result.table
    # margins: C1 200 + 100 + 150 = 450 over Q1..Q3 -> 150 per quarter; C2 (50 + 10) / 3 = 20; C3 40 / 1 = 40
    assert table["margin_per_period"].to_dict() == pytest.approx({"C1": 150.0, "C2": 20.0, "C3": 40.0})
    assert table["periods_observed"].tolist() == [3, 3, 1] and table["first_period"].tolist() == ["2025Q1", "2025Q1", "2025Q3"]
    assert table["transitions"].tolist() == [2, 1, 0] and table["retained"].tolist() == [2, 0, 0]
    # multiple r / (1 + i - r) = (2/3) / (1.0241137 - 2/3) = 1.864247
    multiple = (2 / 3) / (1 + 0.0241137 - 2 / 3)
    assert table["clv"].to_dict() == pytest.approx({"C1": 150 * multiple, "C2": 20 * multiple, "C3": 40 * multiple}, rel=1e-6)


def test_customer_level_retention_is_pulled_towards_the_pooled_rate():
    result = ll.customer_clv(HISTORY, retention="customer", smoothing=2.0, annual_discount_rate=0.0)
    pooled = 2 / 3
    # C1: (2 + 2 * 2/3) / (2 + 2) = 0.833333; C2: (0 + 4/3) / (1 + 2) = 0.444444; C3: no transition -> pooled
    assert result.table["retention"].to_dict() == pytest.approx({"C1": (2 + 2 * pooled) / 4, "C2": (2 * pooled) / 3, "C3": pooled})
    # with i = 0: C1's CLV = 150 * r / (1 - r) = 150 * 5 = 750
    assert result.table.loc["C1", "clv"] == pytest.approx(750.0)


def test_customer_clv_with_a_horizon_a_fixed_retention_and_mapped_columns():
    mine = HISTORY.assign(margin=HISTORY["revenue"] - HISTORY["cost"]).rename(
        columns={"customer_id": "客户编号", "order_date": "下单日期", "margin": "毛利"}
    )
    before = mine.copy()
    result = ll.customer_clv(mine, customer="客户编号", date="下单日期", margin="毛利", retention=0.5, horizon=2, annual_discount_rate=0.0)
    pd.testing.assert_frame_equal(mine, before)
    # C1: 150 * (0.5 + 0.25) = 112.5
    assert result.table.loc["C1", "clv"] == pytest.approx(112.5)
    assert result.table.index.name == "客户编号" and result.horizon == 2


def test_customer_clv_period_changes_the_time_unit():
    monthly = ll.customer_clv(HISTORY, period="month", annual_discount_rate=0.10)
    assert monthly.period == "month" and monthly.discount_rate == pytest.approx(1.1 ** (1 / 12) - 1)
    # months Jan..Jul: C1 active in Jan, Apr, Jul -> never active two months running
    assert monthly.retention == 0.0 and (monthly.table["clv"] == 0).all()
    assert len(monthly.retention_by_period) == 6


def test_customer_clv_on_the_sample_agrees_with_a_direct_count():
    lines = ll.load_sample("order_lines")
    result = ll.customer_clv(lines, period="quarter")
    quarters = lines["order_date"].dt.to_period("Q")
    active = pd.crosstab(lines["customer_id"], quarters) > 0
    before, after = active.iloc[:, :-1].to_numpy(), active.iloc[:, 1:].to_numpy()
    assert result.retention == pytest.approx((before & after).sum() / before.sum())
    assert result.retention == pytest.approx(5367 / 8466)  # 0.6339
    margin = (lines["revenue"] - lines["cost"]).groupby(lines["customer_id"]).sum()
    pd.testing.assert_series_equal(result.table["total_margin"], margin, check_names=False)
    assert len(result.table) == 3000


def test_bad_customer_clv_inputs():
    with pytest.raises(
        LogilabInputError,
        match=r"lines: expected a column 'revenue' \(for amount\), found no such column among \['customer_id', 'order_date', 'cost'\]. Pass amount=",
    ):
        ll.customer_clv(HISTORY.drop(columns="revenue"))
    with pytest.raises(
        LogilabInputError, match=r"lines: expected a column 'customer', found no such column .* Did you mean 'customer_id'\? Pass customer="
    ):
        ll.customer_clv(HISTORY, customer="customer")
    negative = HISTORY.assign(cost=[300.0, -1.0, 150.0, 250.0, 60.0, 40.0])
    with pytest.raises(LogilabInputError, match=r"column 'cost' to hold numbers >= 0, found negative values in rows \[1\]"):
        ll.customer_clv(negative)
    with pytest.raises(LogilabInputError, match=r"column 'order_date' to hold dates"):
        ll.customer_clv(HISTORY.assign(order_date=["2025-01-10", "soon", "2025-01-20", "2025-07-15", "2025-07-01", "2025-01-25"]))
    with pytest.raises(LogilabInputError, match="expected orders in at least two quarters"):
        ll.customer_clv(HISTORY.iloc[[0, 2]])
    with pytest.raises(LogilabInputError, match="every active customer active again"):
        ll.customer_clv(HISTORY[HISTORY["customer_id"] == "C1"])
    with pytest.raises(LogilabInputError, match="retention: expected one of"):
        ll.customer_clv(HISTORY, retention="each")
    with pytest.raises(LogilabInputError, match="period: expected one of"):
        ll.customer_clv(HISTORY, period="Q")
    with pytest.raises(LogilabInputError, match="annual_discount_rate: expected a number > -1"):
        ll.customer_clv(HISTORY, annual_discount_rate=-2)
    with pytest.raises(LogilabInputError, match="smoothing: expected a number > 0"):
        ll.customer_clv(HISTORY, retention="customer", smoothing=0)
    # a yearly discount rate of -50 % is -15.9 % per quarter: 0.9 >= 1 - 0.159, the infinite sum diverges
    with pytest.raises(LogilabInputError, match=r"retention: expected retention < 1 \+ discount_rate .* diverges"):
        ll.customer_clv(HISTORY, retention=0.9, annual_discount_rate=-0.5)
    assert ll.customer_clv(HISTORY, retention=0.9, annual_discount_rate=-0.5, horizon=4).table["clv"].gt(0).all()


# --- customer value matrix --------------------------------------------------------------


def test_value_matrix_quadrants_on_a_small_frame():
    current = pd.Series({"C1": 900.0, "C2": 100.0, "C3": 800.0, "C4": 50.0, "C5": 450.0})
    potential = pd.Series({"C5": 40.0, "C4": 20.0, "C3": 10.0, "C2": 90.0, "C1": 60.0})
    matrix = ll.value_matrix(current, potential)
    # medians: current 450 (C5 sits on it: high), potential 40 (C5 again: high)
    assert (matrix.current_cut, matrix.potential_cut) == (450.0, 40.0)
    assert matrix.table["quadrant"].to_dict() == {"C1": "keep", "C2": "grow", "C3": "maintain", "C4": "reduce", "C5": "keep"}
    assert matrix.table.loc["C2", "quadrant_zh"] == "潜力客户" and matrix.table.loc["C3", "quadrant_en"] == "maintain"
    summary = matrix.by_quadrant
    assert summary["customers"].to_dict() == {"keep": 2, "grow": 1, "maintain": 1, "reduce": 1}
    # keep holds 900 + 450 of 2300
    assert summary.loc["keep", "current_share"] == pytest.approx(1350 / 2300)
    assert summary.loc["keep", "share"] == pytest.approx(0.4)
    assert summary["share"].sum() == pytest.approx(1.0)


def test_value_matrix_with_mean_or_given_cuts():
    current = pd.Series([1.0, 2.0, 3.0, 10.0])
    potential = pd.Series([4.0, 1.0, 1.0, 1.0])
    by_mean = ll.value_matrix(current, potential, split="mean")
    # mean current = 4 -> only 10 is high; mean potential = 1.75 -> only 4 is high
    assert by_mean.table["quadrant"].tolist() == ["grow", "reduce", "reduce", "maintain"]
    given = ll.value_matrix(current, potential, split=(2, 1))
    assert given.table["quadrant"].tolist() == ["grow", "keep", "keep", "keep"]


def test_bad_value_matrix_inputs():
    current = pd.Series({"C1": 1.0, "C2": 2.0})
    with pytest.raises(
        LogilabInputError,
        match=r"potential_value: expected the same customers as current_value, found 1 without a potential value \(e.g. \['C2'\]\)",
    ):
        ll.value_matrix(current, pd.Series({"C1": 3.0}))
    with pytest.raises(LogilabInputError, match="current_value: expected column 'current_value' without missing values"):
        ll.value_matrix(pd.Series({"C1": np.nan, "C2": 2.0}), current)
    with pytest.raises(LogilabInputError, match="split: expected one of"):
        ll.value_matrix(current, current, split="mode")
    with pytest.raises(LogilabInputError, match=r"split: expected 'median', 'mean' or a pair"):
        ll.value_matrix(current, current, split=(1, 2, 3))
    with pytest.raises(LogilabTypeError, match="current_value: expected a Series"):
        ll.value_matrix(3, current)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(0, 1e6)), min_size=1, max_size=40))
def test_every_customer_gets_exactly_one_quadrant_consistent_with_the_cuts(pairs):
    current = pd.Series([p[0] for p in pairs])
    potential = pd.Series([p[1] for p in pairs])
    matrix = ll.value_matrix(current, potential)
    table = matrix.table
    high_current = table["quadrant"].isin(["keep", "maintain"])
    high_potential = table["quadrant"].isin(["keep", "grow"])
    assert (high_current == (current >= matrix.current_cut)).all()
    assert (high_potential == (potential >= matrix.potential_cut)).all()
    assert matrix.by_quadrant["customers"].sum() == len(pairs)
    assert math.isclose(matrix.by_quadrant["share"].sum(), 1.0)
