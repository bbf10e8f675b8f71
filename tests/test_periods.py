"""ll.period_label and ll.select_rows: periods in every common spelling, and no silent empty filters."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import logilab as ll
from logilab._validation import LogilabInputError, LogilabTypeError


@pytest.mark.parametrize(
    "spelling",
    [
        "2025-03",
        "2025-3",
        "2025/3",
        "2025.03",
        "2025年3月",
        "2025 3",
        "2025-03-17",
        dt.date(2025, 3, 17),
        pd.Timestamp("2025-03-01"),
        pd.Period("2025-03", "M"),
    ],
)
def test_month_spellings(spelling):
    assert ll.period_label(spelling) == "2025-03"


@pytest.mark.parametrize("spelling", ["2025Q1", "2025 q1", "2025-Q1", "2025年第1季度", "2025年Q1", "2025-02", pd.Timestamp("2025-03-31")])
def test_quarter_spellings(spelling):
    assert ll.period_label(spelling, "quarter") == "2025Q1"


def test_year_spellings_and_bad_values():
    assert [ll.period_label(v, "year") for v in (2025, "2025", "2025年", "2025-07")] == ["2025"] * 4
    with pytest.raises(LogilabInputError, match=r"month: expected a month such as .* found '2025-13'"):
        ll.period_label("2025-13")
    with pytest.raises(LogilabTypeError, match="month: expected a month .* found float 2025.3"):
        ll.period_label(2025.3)


@pytest.mark.parametrize("value, period", [("2025-3", "day"), ("2025年3月", "day"), ("2025-3", "week"), ("2025-02-30", "day")])
def test_a_month_or_a_day_that_does_not_exist_is_no_day(value, period):
    # a month names no single day or week: "2025-3" as a day was labelled "2025" before, so select_rows(day="2025-3") found nothing
    with pytest.raises(LogilabInputError, match=rf"^{period}: expected .* found '{value}'"):
        ll.period_label(value, period)


def test_period_errors_are_worded_in_chinese_for_students():
    with pytest.raises(LogilabInputError) as caught:
        ll.period_label("2025-13")
    assert caught.value.reason == "bad_month"
    assert ll.error_message(caught.value, "zh") == "无法识别月份“2025-13”，请写成“2025-03”“2025-3”或“2025年3月”（先写年份，再写月份）"
    assert ll.error_message(caught.value, "en").startswith("month: expected a month such as '2025-03'")


def test_select_rows_per_customer_and_month_on_grouped_kpis():
    lines = pd.DataFrame(
        {
            "order_id": ["A", "B", "C", "D"],
            "customer_id": ["C1", "C1", "C2", "C1"],
            "ordered_qty": [10, 4, 5, 2],
            "shipped_qty": [10, 2, 5, 2],
            "order_date": ["2025-03-02", "2025-03-20", "2025-03-05", "2025-04-01"],
            "promised_date": ["2025-03-04", "2025-03-22", "2025-03-07", "2025-04-03"],
            "delivered_date": ["2025-03-04", "2025-03-22", "2025-03-09", "2025-04-03"],
        }
    )
    kpis = ll.service_kpis(lines, by=["customer_id", "month"], kpis=["unit_fill_rate", "otif"])
    before = kpis.copy()
    for month in ("2025-3", "2025年3月", pd.Timestamp("2025-03-15")):
        row = ll.select_rows(kpis, customer_id="C1", month=month)
        # C1 in March: orders A (10 of 10) and B (2 of 4): unit fill 12 / 14; A is on time and full, B short: OTIF 1/2
        assert len(row) == 1 and row["unit_fill_rate"].iloc[0] == pytest.approx(12 / 14) and row["otif"].iloc[0] == 0.5
    assert ll.select_rows(kpis, month=["2025-3", "2025-4"])["customer_id"].tolist() == ["C1", "C1", "C2"]
    assert ll.select_rows(kpis, customer_id="C2", month="2025-4").empty  # both values occur, never together: a real "no orders"
    pd.testing.assert_frame_equal(kpis, before)


def test_select_rows_never_filters_silently_to_nothing():
    kpis = pd.DataFrame({"customer_id": ["C1"], "month": ["2025-03"], "otif": [1.0]})
    with pytest.raises(
        LogilabInputError,
        match=r"month: .* found '2025-5' \(read as '2025-05'\), which matches no row. The column holds 1 values: '2025-03'",
    ):
        ll.select_rows(kpis, month="2025-5")
    with pytest.raises(LogilabInputError, match=r"customer_id: .* found 'C9'"):
        ll.select_rows(kpis, customer_id="C9")
    with pytest.raises(
        LogilabInputError, match=r"warehouse: expected a column of the table, found no such column among \['customer_id', 'month', 'otif'\]"
    ):
        ll.select_rows(kpis, warehouse="WH-SH")
