"""Service KPIs from order lines: hand calculations, agreement with the generator's kpi_monthly, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import logilab as ll
from logilab import LogilabInputError, LogilabTypeError
from logilab.metrics import KPI_NAMES, LOWER_IS_BETTER

# Four orders, six lines, written out so every KPI can be counted by hand:
#   O1 (WH-A)  2 lines, both in full, 1 unit damaged, delivered on the promised day (2 days)
#   O2 (WH-A)  1 line 8 ordered / 6 shipped (short), on time (2 days), complaint
#   O3 (WH-B)  2 lines in full, on time (2 days), documentation error
#   O4 (WH-B)  1 line in full, one day late (3 days)
LINES = pd.DataFrame(
    {
        "order_id": ["O1", "O1", "O2", "O3", "O3", "O4"],
        "line_no": [1, 2, 1, 1, 2, 1],
        "ordered_qty": [10, 5, 8, 4, 3, 20],
        "shipped_qty": [10, 5, 6, 4, 3, 20],
        "damaged_qty": [0, 1, 0, 0, 0, 0],
        "warehouse": ["WH-A", "WH-A", "WH-A", "WH-B", "WH-B", "WH-B"],
        "order_date": ["2025-01-05", "2025-01-05", "2025-01-10", "2025-02-03", "2025-02-03", "2025-02-10"],
        "promised_date": ["2025-01-07", "2025-01-07", "2025-01-12", "2025-02-06", "2025-02-06", "2025-02-12"],
        "delivered_date": ["2025-01-07", "2025-01-07", "2025-01-12", "2025-02-05", "2025-02-05", "2025-02-13"],
        "doc_error": [0, 0, 0, 1, 1, 0],
        "complaint": [0, 0, 1, 0, 0, 0],
        "claim": [1, 1, 0, 0, 0, 0],
    }
)

HAND = {
    "orders": 4,
    "lines": 6,
    "ordered_units": 50,  # 10 + 5 + 8 + 4 + 3 + 20
    "shipped_units": 48,  # 10 + 5 + 6 + 4 + 3 + 20
    "unit_fill_rate": 48 / 50,
    "line_fill_rate": 5 / 6,  # every line but O2's
    "stockout_frequency": 1 / 6,
    "order_fill_rate": 3 / 4,  # O1, O3, O4
    "on_time_rate": 3 / 4,  # O1, O2, O3
    "otif": 2 / 4,  # O1, O3
    "order_completion_rate": 2 / 4,  # agreed time = promised date: same as OTIF
    "undamaged_order_rate": 3 / 4,  # all but O1
    "doc_accuracy_rate": 3 / 4,  # all but O3
    "perfect_order_rate": 0.0,  # O1 damaged, O2 short, O3 document error, O4 late
    "perfect_order_product": 0.75**4,  # = 0.31640625: the product assumes failures are independent
    "cycle_time_mean": (2 + 2 + 2 + 3) / 4,
    "cycle_time_median": 2.0,
    "cycle_time_p90": 2 + 0.7 * (3 - 2),  # sorted [2, 2, 2, 3], position 0.9 * 3 = 2.7
    "damage_rate": 1 / 48,
    "complaint_rate": 1 / 4,
    "claim_rate": 1 / 4,  # O1 (flag repeated on both lines, counted once)
}


def test_every_kpi_matches_the_hand_calculation():
    result = ll.service_kpis(LINES)
    assert len(result) == 1
    assert list(result.columns) == ["orders", "lines", "ordered_units", "shipped_units", *KPI_NAMES]
    for name, expected in HAND.items():
        assert result[name].iloc[0] == pytest.approx(expected), name


def test_grouped_by_warehouse_and_by_month_by_hand():
    by_warehouse = ll.service_kpis(LINES, by="warehouse").set_index("warehouse")
    # WH-A: O1 + O2, ordered 23, shipped 21; O2 short; both on time
    assert by_warehouse.loc["WH-A", "unit_fill_rate"] == pytest.approx(21 / 23)
    assert by_warehouse.loc["WH-A", ["order_fill_rate", "on_time_rate", "otif"]].tolist() == [0.5, 1.0, 0.5]
    # WH-B: O3 + O4, all in full, O4 late
    assert by_warehouse.loc["WH-B", ["unit_fill_rate", "order_fill_rate", "on_time_rate", "otif"]].tolist() == [1.0, 1.0, 0.5, 0.5]
    by_month = ll.service_kpis(LINES, by="month")
    assert by_month["month"].tolist() == ["2025-01", "2025-02"]
    assert by_month["orders"].tolist() == [2, 2]
    assert ll.service_kpis(LINES, by="quarter")["quarter"].tolist() == ["2025Q1"]
    both = ll.service_kpis(LINES, by=["month", "warehouse"])
    assert both[["month", "warehouse"]].values.tolist() == [["2025-01", "WH-A"], ["2025-02", "WH-B"]]


def test_a_real_month_column_takes_precedence_over_the_derived_month():
    lines = LINES.assign(month=["M1", "M1", "M2", "M2", "M2", "M2"])
    assert ll.service_kpis(lines, by="month")["month"].tolist() == ["M1", "M2"]


def test_small_functions_agree_with_the_hand_calculation():
    assert ll.unit_fill_rate(LINES) == pytest.approx(0.96)
    assert ll.line_fill_rate(LINES) == pytest.approx(5 / 6)
    assert ll.stockout_frequency(LINES) == pytest.approx(1 / 6)
    assert ll.order_fill_rate(LINES) == 0.75
    assert ll.on_time_rate(LINES) == 0.75
    assert ll.otif(LINES) == 0.5
    assert ll.order_completion_rate(LINES) == 0.5
    # within 2 days of ordering: O1 and O3 (O4 takes 3 days, O2 is short); within 3 days O4 counts too
    assert ll.order_completion_rate(LINES, agreed_days=2) == 0.5
    assert ll.order_completion_rate(LINES, agreed_days=3) == 0.75
    assert ll.perfect_order_rate(LINES) == 0.0
    assert ll.damage_rate(LINES) == pytest.approx(1 / 48)
    assert ll.complaint_rate(LINES) == 0.25
    assert ll.claim_rate(LINES) == 0.25
    assert ll.cycle_time(LINES).to_dict() == pytest.approx({"mean": 2.25, "median": 2.0, "p90": 2.7})
    per_warehouse = ll.otif(LINES, by="warehouse")
    assert per_warehouse.to_dict() == {"WH-A": 0.5, "WH-B": 0.5}
    assert list(ll.cycle_time(LINES, by="warehouse")["mean"]) == [2.0, 2.5]


def test_perfect_order_breakdown_shows_joint_rate_and_product():
    row = ll.perfect_order_breakdown(LINES).iloc[0]
    assert row[["on_time_rate", "order_fill_rate", "undamaged_order_rate", "doc_accuracy_rate"]].tolist() == [0.75] * 4
    assert row["perfect_order_product"] == pytest.approx(0.31640625)
    assert row["perfect_order_rate"] == 0.0
    assert row["difference"] == pytest.approx(-0.31640625)


def test_order_table_exposes_the_per_order_facts():
    orders = ll.order_table(LINES).set_index("order_id")
    assert orders["in_full"].tolist() == [True, False, True, True]
    assert orders["on_time"].tolist() == [True, True, True, False]
    assert orders["perfect"].tolist() == [False] * 4
    assert orders["cycle_days"].tolist() == [2.0, 2.0, 2.0, 3.0]
    assert orders.loc["O1", ["lines", "full_lines", "damaged_units"]].tolist() == [2, 2, 1]


def test_split_deliveries_count_the_last_line_and_every_promise():
    lines = pd.DataFrame(
        {
            "order_id": ["S", "S"],
            "ordered_qty": [2, 2],
            "shipped_qty": [2, 2],
            "order_date": ["2025-01-01", "2025-01-01"],
            "promised_date": ["2025-01-04", "2025-01-04"],
            "delivered_date": ["2025-01-03", "2025-01-06"],  # the second line arrives two days late
        }
    )
    kpis = ll.service_kpis(lines, damaged_qty=None, doc_error=None, complaint=None, claim=None)
    assert kpis[["on_time_rate", "otif", "cycle_time_mean"]].iloc[0].tolist() == [0.0, 0.0, 5.0]


def test_columns_are_mapped_by_keyword():
    # the keywords are the roles (order=, date=, ...); the sample's columns are order_id, order_date, ...
    names = {
        "order": "订单号",
        "ordered_qty": "订购数量",
        "shipped_qty": "发货数量",
        "damaged_qty": "货损数量",
        "date": "下单日期",
        "promised_date": "承诺日期",
        "delivered_date": "到货日期",
        "doc_error": "单据差错",
        "complaint": "投诉",
        "claim": "索赔",
        "warehouse": "仓库",
    }
    renamed = LINES.rename(columns={"order_id": "订单号", "order_date": "下单日期", **names})
    result = ll.service_kpis(renamed, by="仓库", **{k: v for k, v in names.items() if k != "warehouse"})
    expected = ll.service_kpis(LINES, by="warehouse").rename(columns={"warehouse": "仓库"})
    pd.testing.assert_frame_equal(result, expected)
    # by="month" derives the month from the mapped order date
    assert ll.service_kpis(renamed, by="month", **{k: v for k, v in names.items() if k != "warehouse"})["month"].tolist() == [
        "2025-01",
        "2025-02",
    ]


def test_columns_set_to_none_leave_their_kpis_out():
    lines = LINES.drop(columns=["doc_error", "complaint", "claim"])
    kpis = ll.service_kpis(lines, doc_error=None, complaint=None, claim=None)
    for name in ("perfect_order_rate", "perfect_order_product", "doc_accuracy_rate", "complaint_rate", "claim_rate"):
        assert name not in kpis
    assert kpis["otif"].iloc[0] == 0.5
    with pytest.raises(LogilabInputError, match=r"doc_error: expected a column name \(the KPI 'perfect_order_rate' needs it\), found None"):
        ll.service_kpis(lines, kpis="perfect_order_rate", doc_error=None)


def test_reproduces_kpi_monthly_of_the_generator_for_every_month_and_warehouse():
    """kpi_monthly was computed by data/generate.py (_kpi_monthly) with the same definitions."""
    kpis = ll.service_kpis(ll.load_sample("order_lines"), by=["month", "warehouse"])
    reference = ll.load_sample("kpi_monthly")
    merged = reference.merge(kpis, on=["month", "warehouse"], how="outer", suffixes=("", "_ll"), indicator=True)
    assert (merged["_merge"] == "both").all() and len(merged) == 120  # 24 months x 5 warehouses
    assert (merged["orders"] == merged["orders_ll"]).all()
    for name in ["unit_fill_rate", "line_fill_rate", "order_fill_rate", "on_time_rate", "otif", "damage_rate", "complaint_rate"]:
        mismatch = merged[merged[f"{name}_ll"].round(4) != merged[name]]
        assert mismatch.empty, f"{name} differs in {mismatch[['month', 'warehouse']].values.tolist()[:5]}"
    assert (merged["cycle_time_mean"].round(2) == merged["avg_cycle_days"]).all()


def test_sample_perfect_order_joint_rate_and_product_differ():
    row = ll.perfect_order_breakdown(ll.load_sample("order_lines")).iloc[0]
    # failures (late, short, damaged) cluster on the same orders, so fewer orders fail than independence predicts
    assert row["perfect_order_rate"] > row["perfect_order_product"]
    assert round(row["perfect_order_rate"], 4) == 0.7792


# --- bad input -----------------------------------------------------------------------


def test_missing_column_names_the_keyword_and_suggests_the_close_name():
    lines = LINES.rename(columns={"shipped_qty": "shipped_qtty"})
    with pytest.raises(
        LogilabInputError,
        match=r"lines: expected a column 'shipped_qty', found no such column .*Did you mean 'shipped_qtty'\? Pass shipped_qty=",
    ):
        ll.service_kpis(lines)
    with pytest.raises(LogilabInputError, match=r"expected a column '发货量' \(for shipped_qty\)"):
        ll.service_kpis(LINES, shipped_qty="发货量")


def test_shipped_more_than_ordered_names_the_rows():
    lines = LINES.copy()
    lines.loc[3, "shipped_qty"] = 9
    with pytest.raises(
        LogilabInputError, match=r"expected 'shipped_qty' <= 'ordered_qty' in every row, found 'shipped_qty' > 'ordered_qty' in rows \[3\]"
    ):
        ll.service_kpis(lines)


def test_damaged_more_than_shipped_names_the_rows():
    lines = LINES.copy()
    lines.loc[2, "damaged_qty"] = 7
    with pytest.raises(LogilabInputError, match=r"'damaged_qty' > 'shipped_qty' in rows \[2\]"):
        ll.service_kpis(lines)


def test_negative_and_zero_quantities_name_column_and_rows():
    lines = LINES.copy()
    lines.loc[[1, 4], "shipped_qty"] = -1
    with pytest.raises(LogilabInputError, match=r"column 'shipped_qty' to hold numbers >= 0, found negative values in rows \[1, 4\]"):
        ll.service_kpis(lines)
    zero = LINES.copy()
    zero.loc[0, "ordered_qty"] = 0
    with pytest.raises(LogilabInputError, match=r"column 'ordered_qty' to hold numbers > 0, found zero in rows \[0\]"):
        ll.service_kpis(zero)
    text = LINES.astype({"ordered_qty": object})
    text.loc[5, "ordered_qty"] = "twenty"
    with pytest.raises(LogilabInputError, match=r"column 'ordered_qty' to hold numbers, found text such as 'twenty' in rows \[5\]"):
        ll.service_kpis(text)


def test_delivered_before_ordered_names_the_rows():
    lines = LINES.copy()
    lines.loc[5, "delivered_date"] = "2025-02-01"
    with pytest.raises(
        LogilabInputError, match=r"expected 'order_date' <= 'delivered_date' in every row, found .* in rows \[5\]. A delivered date before"
    ):
        ll.service_kpis(lines)


def test_missing_and_unparseable_dates_name_the_rows():
    lines = LINES.copy()
    lines.loc[2, "delivered_date"] = None
    with pytest.raises(LogilabInputError, match=r"column 'delivered_date' without missing dates, found missing dates in rows \[2\]"):
        ll.service_kpis(lines)
    lines.loc[2, "delivered_date"] = "soon"
    with pytest.raises(
        LogilabInputError, match=r"column 'delivered_date' to hold dates, found values that are not dates such as 'soon' in rows \[2\]"
    ):
        ll.service_kpis(lines)


def test_lines_without_an_order_id_are_refused_not_dropped():
    # a group-by on the order id would skip these lines and count one order and two lines fewer
    lines = LINES.copy()
    lines.loc[[1, 4], "order_id"] = None
    with pytest.raises(LogilabInputError, match=r"column 'order_id' without missing values, found missing values in rows \[1, 4\]"):
        ll.service_kpis(lines)
    with pytest.raises(LogilabInputError, match=r"column 'order_id' without missing values, found missing values in rows \[1, 4\]"):
        ll.order_table(lines)


def test_empty_frame_and_wrong_type():
    with pytest.raises(LogilabInputError, match="lines: expected at least one row, found an empty DataFrame"):
        ll.service_kpis(LINES.iloc[0:0])
    with pytest.raises(LogilabTypeError, match="lines: expected a pandas DataFrame, found list"):
        ll.service_kpis([1, 2])


def test_bad_flags_by_and_kpis_arguments():
    lines = LINES.copy()
    lines.loc[0, "complaint"] = 3
    with pytest.raises(
        LogilabInputError, match=r"column 'complaint' to hold 0/1 flags \(1 = yes\), found other values such as 3 in rows \[0\]"
    ):
        ll.service_kpis(lines)
    with pytest.raises(
        LogilabInputError,
        match=r"by: expected column names of lines or one of \['day', 'week', 'month', 'quarter', 'year'\], found 'warehose'. Did you mean 'warehouse'\?",
    ):
        ll.service_kpis(LINES, by="warehose")
    with pytest.raises(LogilabInputError, match=r"kpis: expected names of service KPIs, found 'otf'. Did you mean 'otif'\?"):
        ll.service_kpis(LINES, kpis=["otf"])
    with pytest.raises(LogilabInputError, match=r"agreed_days: expected a number >= 0, found -1"):
        ll.service_kpis(LINES, agreed_days=-1)
    gaps = LINES.assign(warehouse=["WH-A", None, "WH-A", "WH-B", "WH-B", "WH-B"])
    with pytest.raises(
        LogilabInputError, match=r"column 'warehouse' \(used in by\) without missing values, found missing values in rows \[1\]"
    ):
        ll.service_kpis(gaps, by="warehouse")


def test_the_callers_frame_is_not_modified():
    before = LINES.copy()
    ll.service_kpis(LINES, by=["month", "warehouse"])
    ll.order_table(LINES)
    ll.perfect_order_breakdown(LINES, by="warehouse")
    pd.testing.assert_frame_equal(LINES, before)


# --- invariants ------------------------------------------------------------------------


@st.composite
def order_lines(draw):
    n = draw(st.integers(1, 25))
    ordered = np.array(draw(st.lists(st.integers(1, 40), min_size=n, max_size=n)))
    shipped = np.floor(ordered * np.array(draw(st.lists(st.sampled_from([0.0, 0.5, 0.9, 1.0, 1.0]), min_size=n, max_size=n)))).astype(int)
    damaged = np.minimum(shipped, draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)))
    start = pd.Timestamp("2025-01-01") + pd.to_timedelta(draw(st.lists(st.integers(0, 90), min_size=n, max_size=n)), unit="D")
    return pd.DataFrame(
        {
            "order_id": draw(st.lists(st.sampled_from(["A", "B", "C", "D", "E"]), min_size=n, max_size=n)),
            "ordered_qty": ordered,
            "shipped_qty": shipped,
            "damaged_qty": damaged,
            "warehouse": draw(st.lists(st.sampled_from(["X", "Y"]), min_size=n, max_size=n)),
            "order_date": start,
            "promised_date": start + pd.to_timedelta(draw(st.lists(st.integers(0, 5), min_size=n, max_size=n)), unit="D"),
            "delivered_date": start + pd.to_timedelta(draw(st.lists(st.integers(0, 8), min_size=n, max_size=n)), unit="D"),
            "doc_error": draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)),
            "complaint": draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)),
            "claim": draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)),
        }
    )


@settings(max_examples=60, deadline=None)
@given(order_lines(), st.sampled_from([None, "warehouse", "month", ["month", "warehouse"]]))
def test_rates_lie_in_0_1_and_are_consistent(lines, by):
    before = lines.copy()
    kpis = ll.service_kpis(lines, by=by)
    pd.testing.assert_frame_equal(lines, before)
    rates = [k for k in KPI_NAMES if not k.startswith("cycle_time")]
    values = kpis[rates].to_numpy()
    assert np.all(np.isnan(values) | ((values >= 0) & (values <= 1)))
    np.testing.assert_allclose(kpis["stockout_frequency"], 1 - kpis["line_fill_rate"])
    # a joint condition is never met more often than any of its parts
    assert (kpis["otif"] <= kpis[["on_time_rate", "order_fill_rate"]].min(axis=1) + 1e-12).all()
    assert (kpis["perfect_order_rate"] <= kpis["otif"] + 1e-12).all()
    assert (kpis["cycle_time_median"] <= kpis["cycle_time_p90"] + 1e-12).all()
    assert kpis["orders"].sum() >= lines["order_id"].nunique()


def test_lower_is_better_lists_only_known_kpis():
    assert LOWER_IS_BETTER <= set(KPI_NAMES)


def test_order_completion_rate_by_units_reads_the_course_definition():
    lines = pd.DataFrame(
        {
            "order_id": ["A", "A", "B", "C"],
            "ordered_qty": [10, 5, 4, 2],
            "shipped_qty": [10, 3, 4, 2],
            "order_date": ["2025-03-01"] * 4,
            "promised_date": ["2025-03-03"] * 4,
            "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-03", "2025-03-05"],
            "wh": ["X", "X", "Y", "Y"],
        }
    )
    # by orders only B is complete on time: 1/3; by units A delivers 13 and B 4 of 21 units ordered on time, C is late: 17/21
    assert ll.order_completion_rate(lines) == pytest.approx(1 / 3)
    assert ll.order_completion_rate(lines, basis="units") == pytest.approx(17 / 21)
    # within 4 days of ordering C's 2 units count too: 19/21
    assert ll.order_completion_rate(lines, basis="units", agreed_days=4) == pytest.approx(19 / 21)
    by_wh = ll.order_completion_rate(lines, basis="units", by="wh")
    assert by_wh.to_dict() == pytest.approx({"X": 13 / 15, "Y": 4 / 6})
    with pytest.raises(ValueError, match="basis"):
        ll.order_completion_rate(lines, basis="lines")
