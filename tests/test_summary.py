"""count_by_period: counts per calendar period, empty periods included."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError

ORDERS = pd.DataFrame(
    {
        "order_date": ["2025-01-30", "2025-01-31", "2025-03-01", "2025-03-31", "2025-04-01"],
        "warehouse": ["A", "B", "A", "A", "B"],
    }
)


def test_monthly_counts_include_empty_months():
    counts = ll.count_by_period(ORDERS)
    assert counts["period"].dt.strftime("%Y-%m").tolist() == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert counts["count"].tolist() == [2, 0, 2, 1]


def test_quarterly_counts_by_group():
    counts = ll.count_by_period(ORDERS, period="quarter", by="warehouse")
    # Q1: A has 30 Jan, 1 Mar, 31 Mar; B has 31 Jan. Q2: B has 1 Apr.
    assert counts.to_dict("list") == {
        "period": [pd.Timestamp("2025-01-01")] * 2 + [pd.Timestamp("2025-04-01")] * 2,
        "warehouse": ["A", "B", "A", "B"],
        "count": [3, 1, 0, 1],
    }


def test_weekly_periods_start_on_monday():
    counts = ll.count_by_period(ORDERS.head(2), period="week")
    # 30 and 31 January 2025 are a Thursday and a Friday: one week starting Monday 27 January
    assert counts.to_dict("list") == {"period": [pd.Timestamp("2025-01-27")], "count": [2]}


def test_caller_frame_is_not_modified():
    before = ORDERS.copy()
    ll.count_by_period(ORDERS, by="warehouse")
    pd.testing.assert_frame_equal(ORDERS, before)


def test_the_five_periods_of_the_one_vocabulary():
    # all five dates fall in 2025; by day, 30 Jan to 1 Apr is 62 days, five of them with one order
    assert ll.count_by_period(ORDERS, period="year").to_dict("list") == {"period": [pd.Timestamp("2025-01-01")], "count": [5]}
    days = ll.count_by_period(ORDERS, period="day")
    assert len(days) == 62 and days["count"].sum() == 5


def test_bad_inputs_name_the_problem():
    with pytest.raises(LogilabInputError, match="period: expected one of"):
        ll.count_by_period(ORDERS, period="decade")
    with pytest.raises(LogilabInputError, match=r"expected a column 'day' \(for date\)"):
        ll.count_by_period(ORDERS, date="day")
    bad = ORDERS.assign(order_date=["2025-01-01", "soon", "2025-01-02", "2025-01-03", "2025-01-04"])
    with pytest.raises(LogilabInputError, match=r"such as 'soon' in rows \[1\]"):
        ll.count_by_period(bad)
