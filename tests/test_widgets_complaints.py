"""The complaint explorer: moving a control redraws the Pareto and the response times with the right numbers."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll


@pytest.fixture(scope="module")
def data():
    orders, complaints = ll.load_sample("orders"), ll.load_sample("complaints")
    merged = complaints.merge(orders[["order_id", "warehouse", "order_date"]], on="order_id")
    merged["month"] = merged["order_date"].dt.strftime("%Y-%m")
    return orders, complaints, merged


def _hours(frame):
    return (frame["first_response_at"] - frame["received_at"]).dt.total_seconds() / 3600


def test_warehouse_and_cause_filter_the_histogram_and_the_summary(data):
    orders, complaints, merged = data
    explorer = ll.complaint_explorer(orders, complaints, lang="en")
    assert len(explorer.figure.data[2].x) == len(complaints)
    explorer.controls["warehouse"].value = "WH-BJ"
    bj = merged[merged["warehouse"] == "WH-BJ"]
    assert sum(explorer.figure.data[0].y) == len(bj) == 332
    explorer.controls["cause"].value = "破损"
    chosen = bj[bj["cause"] == "破损"]
    assert len(explorer.figure.data[2].x) == len(chosen)
    assert "#d62728" in list(explorer.figure.data[0].marker.color)
    within = (_hours(chosen) <= 4).mean()
    assert f"{within:.1%}" in explorer.summary.value
    rate = len(chosen) / (orders["warehouse"] == "WH-BJ").sum() * 1000
    assert f"<b>{rate:.1f}</b>" in explorer.summary.value


def test_target_moves_the_line_and_the_share(data):
    orders, complaints, _ = data
    explorer = ll.complaint_explorer(orders, complaints, lang="en")
    explorer.controls["target_hours"].value = 8
    assert explorer.figure.layout.shapes[-1].x0 == 8
    assert f"{(_hours(complaints) <= 8).mean():.1%}" in explorer.summary.value


def test_period_limits_the_complaints_to_orders_of_those_months(data):
    orders, complaints, merged = data
    explorer = ll.complaint_explorer(orders, complaints, lang="zh")
    explorer.controls["period"].value = ("2025-01", "2025-03")
    expected = merged["month"].between("2025-01", "2025-03").sum()
    assert sum(explorer.figure.data[0].y) == expected
    assert f"<b>{expected:,}</b>" in explorer.summary.value


def test_an_empty_selection_draws_empty_charts(data):
    orders, complaints, merged = data
    few = complaints[complaints["order_id"].isin(merged.loc[merged["month"] == "2024-01", "order_id"])]
    before = few.copy(), orders.copy()
    explorer = ll.complaint_explorer(orders, few, lang="en")
    explorer.controls["period"].value = ("2025-11", "2025-12")
    assert len(explorer.figure.data[2].x) == 0 and "<b>0</b>" in explorer.summary.value
    pd.testing.assert_frame_equal(few, before[0])  # the caller's tables are left as they were
    pd.testing.assert_frame_equal(orders, before[1])
