"""Complaint metrics on hand-made tables (every expected value worked out in the comments) and on the sample."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError


@pytest.fixture
def orders():
    # six orders: warehouse X has 4 (2 in January, 2 in February), Y has 2 (January)
    return pd.DataFrame(
        {
            "order_id": ["A", "B", "C", "D", "E", "F"],
            "customer_id": ["c1", "c1", "c2", "c3", "c3", "c4"],
            "warehouse": ["X", "X", "X", "X", "Y", "Y"],
            "order_date": pd.to_datetime(["2025-01-02", "2025-01-20", "2025-02-03", "2025-02-10", "2025-01-05", "2025-01-09"]),
            "delivered_date": pd.to_datetime(["2025-01-04", "2025-01-22", "2025-02-05", "2025-02-12", "2025-01-07", "2025-01-11"]),
        }
    )


@pytest.fixture
def complaints():
    return pd.DataFrame(
        {
            "complaint_id": ["K1", "K2", "K3"],
            "order_id": ["A", "C", "E"],
            "cause": ["延误", "破损", "延误"],
            "compensation": [0.0, 300.0, 100.0],
            "received_at": pd.to_datetime(["2025-01-04 09:00", "2025-02-05 18:30", "2025-01-07 11:00"]),
            "first_response_at": pd.to_datetime(["2025-01-04 11:00", "2025-02-06 09:00", "2025-01-07 11:30"]),
            "resolved_at": pd.to_datetime(["2025-01-04 20:00", "2025-02-09 18:30", None]),
        }
    )


def test_rates_per_thousand_orders_by_warehouse_and_month(orders, complaints):
    rates = ll.complaint_rates(orders, complaints)
    # X January: A, B -> 1 complaint (A) -> 1/2*1000 = 500; X February: C, D -> 1 (C) -> 500;
    # Y January: E, F -> 1 (E) -> 500
    assert rates[["warehouse", "month", "orders", "complaints"]].values.tolist() == [
        ["X", "2025-01", 2, 1],
        ["X", "2025-02", 2, 1],
        ["Y", "2025-01", 2, 1],
    ]
    assert rates["rate"].tolist() == [500.0, 500.0, 500.0]
    overall = ll.complaint_rates(orders, complaints, by=None, per=100)
    assert overall["rate"].item() == pytest.approx(3 / 6 * 100)


def test_rates_on_the_sample_match_the_order_flags():
    orders, complaints = ll.load_sample("orders"), ll.load_sample("complaints")
    rates = ll.complaint_rates(orders, complaints, by="warehouse").set_index("warehouse")
    flags = orders.groupby("warehouse")["complaint"].mean() * 1000
    pd.testing.assert_series_equal(rates["rate"], flags, check_names=False)
    assert rates["rate"].idxmax() == "WH-CD" and rates["rate"].idxmin() == "WH-SH"


def test_rates_reject_a_complaint_about_an_unknown_order(orders, complaints):
    bad = pd.concat([complaints, pd.DataFrame({"order_id": ["Z"]})], ignore_index=True)
    with pytest.raises(LogilabInputError, match="complaints: expected every complaint to name an order in orders, found 1"):
        ll.complaint_rates(orders, bad)


def test_pareto_by_count_and_by_compensation(complaints):
    pareto = ll.complaint_pareto(complaints)
    # 延误 2 of 3, 破损 1 of 3: cumulative 2/3 then 1; 延误 alone is below 0.8, so 破损 crosses the line and is vital too
    assert pareto["cause"].tolist() == ["延误", "破损"]
    assert pareto["cumulative_share"].tolist() == pytest.approx([2 / 3, 1.0])
    assert pareto["vital_few"].tolist() == [True, True]
    cost = ll.complaint_pareto(complaints, value="compensation")
    # 破损 300, 延误 0 + 100 = 100: shares 0.75 and 0.25; 破损 already reaches 0.75 < 0.8, so 延误 is vital too
    assert cost["cause"].tolist() == ["破损", "延误"] and cost["value"].tolist() == [300.0, 100.0]
    assert cost["share"].tolist() == [0.75, 0.25]
    assert ll.complaint_pareto(complaints, value="compensation", vital_share=0.7)["vital_few"].tolist() == [True, False]


def test_pareto_leaves_the_input_alone_and_rejects_negative_values(complaints):
    before = complaints.copy()
    ll.complaint_pareto(complaints, value="compensation")
    pd.testing.assert_frame_equal(complaints, before)
    bad = complaints.assign(compensation=[0.0, -5.0, 1.0])
    with pytest.raises(LogilabInputError, match="compensation' to hold non-negative numbers"):
        ll.complaint_pareto(bad, value="compensation")


def test_response_times_against_the_sunset_rule_and_a_target(complaints):
    result = ll.response_times(complaints, target_hours=2)
    # K1 09:00 -> 11:00 = 2 h, same day, within 2 h; K2 18:30 -> next day 09:00 = 14.5 h, not same day;
    # K3 11:00 -> 11:30 = 0.5 h, same day, within target
    assert result.table["response_hours"].tolist() == [2.0, 14.5, 0.5]
    assert result.table["same_day"].tolist() == [True, False, True]
    assert result.table["within_target"].tolist() == [True, False, True]
    summary = result.summary()
    assert summary["same_day_share"] == pytest.approx(2 / 3)
    assert summary["median_response_hours"] == 2.0
    # resolved: K1 11 h, K2 4 days = 96 h; K3 still open
    assert summary["median_resolution_hours"] == (11 + 96) / 2 and summary["open"] == 1
    assert repr(result) == (
        "ResponseTimes(complaints=3, median_response_hours=2, same_day_share=0.6667, within_target_share=0.6667, "
        "median_resolution_hours=53.5, open=1, target_hours=2; table 3 rows)"
    )


def test_response_times_per_group_and_bad_timestamps(complaints, orders):
    with_warehouse = complaints.merge(orders[["order_id", "warehouse"]], on="order_id")
    groups = ll.response_times(with_warehouse, by="warehouse").by_group.set_index("warehouse")
    assert groups.loc["X", "complaints"] == 2 and groups.loc["Y", "same_day_share"] == 1.0
    early = complaints.assign(first_response_at=complaints["received_at"] - pd.Timedelta(hours=1))
    with pytest.raises(LogilabInputError, match="answered before they arrived"):
        ll.response_times(early)


def test_response_times_keep_complaints_without_a_group_as_their_own_row(complaints, orders):
    # the complaint rates keep a missing group as its own row (dropna=False); response times do the same
    with_warehouse = complaints.merge(orders[["order_id", "warehouse"]], on="order_id")
    with_warehouse.loc[0, "warehouse"] = None
    groups = ll.response_times(with_warehouse, by="warehouse").by_group
    assert groups["complaints"].sum() == len(with_warehouse)
    assert groups["warehouse"].isna().sum() == 1 and groups.loc[groups["warehouse"].isna(), "complaints"].item() == 1


def test_sample_response_times_follow_the_warehouses():
    complaints = ll.load_sample("complaints").merge(ll.load_sample("orders")[["order_id", "warehouse"]], on="order_id")
    result = ll.response_times(complaints, target_hours=4, by="warehouse")
    hours = (complaints["first_response_at"] - complaints["received_at"]).dt.total_seconds() / 3600
    assert result.summary()["within_target_share"] == pytest.approx((hours <= 4).mean())
    same_day = complaints["first_response_at"].dt.date == complaints["received_at"].dt.date
    assert result.summary()["same_day_share"] == pytest.approx(same_day.mean())
    median = result.by_group.set_index("warehouse")["median_response_hours"]
    assert median.idxmin() == "WH-SH" and median.idxmax() == "WH-CD"


def test_wilson_interval_by_hand():
    # 8 of 10 at 95 %: z = 1.959964, p = 0.8;
    # centre = (0.8 + z²/20) / (1 + z²/10) = 0.99207 / 1.38415 = 0.71674;
    # half = z * sqrt(0.016 + z²/400) / 1.38415 = 1.959964 * 0.16001 / 1.38415 = 0.22658  ->  (0.4902, 0.9433)
    z = 1.959963984540054
    centre = (0.8 + z**2 / 20) / (1 + z**2 / 10)
    half = z * math.sqrt(0.8 * 0.2 / 10 + z**2 / 400) / (1 + z**2 / 10)
    low, high = ll.wilson_interval(8, 10)
    assert (low, high) == pytest.approx((centre - half, centre + half))
    assert round(float(low), 4) == 0.4902 and round(float(high), 4) == 0.9433
    lows, highs = ll.wilson_interval(np.array([0, 10]), np.array([10, 10]))
    assert lows[0] == 0 and highs[1] == pytest.approx(1)
    with pytest.raises(LogilabInputError, match="trials"):
        ll.wilson_interval(11, 10)


def test_recovery_comparison_by_hand(orders, complaints):
    # last order date: 2025-02-10; window 20 days.
    # A (c1) complaint received 01-04, resolved after 11 h -> fast; c1 orders again on 01-20 (<= 01-24) -> reordered.
    # B (c1) no complaint, delivered 01-22, window ends 02-11 > 02-10 -> left out (cannot see the end).
    # C (c2) complaint 02-05 -> window ends after the data -> left out. D, too.
    # E (c3) complaint still open -> left out. F (c4) no complaint, delivered 01-11, window to 01-31: no order -> not reordered.
    table = ll.recovery_comparison(orders, complaints, window_days=20, fast_hours=24).set_index("group")
    assert table.loc["fast", ["orders", "reordered"]].tolist() == [1, 1]
    assert table.loc["no_complaint", ["orders", "reordered"]].tolist() == [1, 0]
    assert table.loc["slow", "orders"] == 0 and np.isnan(table.loc["slow", "rate"])


def test_recovery_on_the_sample_shows_the_planted_gap():
    table = ll.recovery_comparison(ll.load_sample("orders"), ll.load_sample("complaints")).set_index("group")
    assert table.loc["fast", "ci_low"] > table.loc["no_complaint", "ci_high"]  # fast recovery: above customers without complaint
    assert table.loc["slow", "ci_high"] < table.loc["no_complaint", "ci_low"]
    assert table["orders"].sum() < len(ll.load_sample("orders"))  # follow-ups past the data's end are left out
