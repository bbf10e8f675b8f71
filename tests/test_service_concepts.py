"""The 7R standards on order lines and the ranking of the key service variables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError


def test_seven_r_all_met_is_the_perfect_order_rate_on_the_sample():
    lines = ll.load_sample("order_lines")
    before = lines.copy()
    result = ll.seven_r(lines)
    assert result.table.loc[0, "all_met"] == ll.perfect_order_rate(lines)
    assert round(result.table.loc[0, "all_met"], 4) == 0.7792
    by_warehouse = ll.seven_r(lines, by="warehouse").table.set_index("warehouse")["all_met"]
    pd.testing.assert_series_equal(by_warehouse, ll.perfect_order_rate(lines, by="warehouse"), check_names=False)
    pd.testing.assert_frame_equal(lines, before)


def test_seven_r_by_hand():
    # A short, B damaged, C late with a document error, D perfect: each judged R 3/4, all met 1/4
    lines = pd.DataFrame(
        {
            "order_id": ["A", "A", "B", "C", "D"],
            "ordered_qty": [10, 5, 4, 2, 3],
            "shipped_qty": [10, 3, 4, 2, 3],
            "damaged_qty": [0, 0, 1, 0, 0],
            "doc_error": [0, 0, 0, 1, 0],
            "order_date": ["2025-03-01"] * 5,
            "promised_date": ["2025-03-03"] * 5,
            "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-03", "2025-03-05", "2025-03-02"],
        }
    )
    row = ll.seven_r(lines).table.iloc[0]
    for r in ("right_product", "right_quantity", "right_condition", "right_time"):
        assert row[r] == 0.75
    for r in ("right_place", "right_customer", "right_price"):
        assert math.isnan(row[r])
    assert row["all_met"] == 0.25 and row["orders"] == 4
    summary = ll.seven_r(lines).summary()
    assert summary["all_met"] == 0.25 and summary["weakest_rate"] == 0.75


def test_seven_r_per_warehouse_and_month_and_a_renamed_column():
    lines = ll.load_sample("order_lines")
    table = ll.seven_r(lines, by=["warehouse", "month"]).table
    assert len(table) == 5 * 24 and table["orders"].sum() == 23065
    renamed = lines.rename(columns={"doc_error": "单证差错"})
    assert ll.seven_r(renamed, doc_error="单证差错").table.loc[0, "all_met"] == ll.perfect_order_rate(lines)
    with pytest.raises(LogilabInputError, match="doc_error"):
        ll.seven_r(lines.drop(columns="doc_error"))


def test_service_variable_ranking_by_hand():
    answers = pd.DataFrame(
        {
            "x_imp": [7, 6], "x_own": [5, 5], "x_rival": [6, 6],
            "y_imp": [4, 4], "y_own": [6, 6], "y_rival": [5, 5],
            "z_imp": [6, 6], "z_own": [6, 5], "z_rival": [5, 4],
        }
    )  # fmt: skip
    table = ll.service_variable_ranking(answers, variables=["x", "y", "z"])
    # importance means x 6.5, z 6.0, y 4.0 (median 6.0); leads x -1, y +1, z +1: only z is important and ahead
    assert table.index.tolist() == ["x", "z", "y"]
    assert table["importance"].tolist() == [6.5, 6.0, 4.0]
    assert table["differentiate"].tolist() == [False, True, False]
    with pytest.raises(LogilabInputError, match="w_imp"):
        ll.service_variable_ranking(answers, variables=["w"])


def test_sample_importance_puts_promised_dates_first():
    table = ll.service_variable_ranking(ll.load_sample("service_importance"))
    assert table.index[0] == "promised_dates" and table.index[-1] == "sales_follow_up"
    assert table.loc["order_accuracy", "differentiate"]
    assert table.loc["price_competitiveness", "lead"] < 0
