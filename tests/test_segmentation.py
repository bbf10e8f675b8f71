"""Tests of logilab.segmentation: RFM, scores, the eight classes, ABC, k-means and the one-call pipeline."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

import logilab as ll
from logilab import LogilabInputError, LogilabTypeError
from logilab.io import detect_columns
from logilab.segmentation import (
    RFM_SEGMENTS,
    RFMTable,
    abc_classify,
    abc_summary,
    kmeans_segments,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_customers,
)


@pytest.fixture
def transactions() -> pd.DataFrame:
    """Seven order lines of three customers; the last date in the data is 2025-12-30."""
    return pd.DataFrame(
        {
            "客户编号": ["A", "A", "A", "B", "B", "C", "A"],
            "订单号": ["o1", "o1", "o2", "o3", "o4", "o5", "o6"],
            "下单日期": ["2025-10-01", "2025-10-01", "2025-12-30", "2025-12-01", "2025/12/15", "2025-01-30", "2025-11-11 14:30"],
            "金额": [100.0, 50.0, 200.0, 40.0, 60.0, 1000.0, 10.0],
        }
    )


def _rfm(transactions: pd.DataFrame, **options) -> RFMTable:
    return rfm_table(transactions, customer="客户编号", date="下单日期", amount="金额", **options)


# --- rfm_table -------------------------------------------------------------------


def test_rfm_table_by_hand_with_orders(transactions):
    result = _rfm(transactions, order="订单号")
    rfm = result.table
    # as_of = day after the last date = 2025-12-31
    # A: last order 2025-12-30 -> recency 1; orders o1, o2, o6 -> 3; 100 + 50 + 200 + 10 = 360
    # B: last order 2025-12-15 -> recency 16; orders o3, o4 -> 2; 40 + 60 = 100
    # C: last order 2025-01-30 -> recency 335 (1 + 334 days from 30 Jan to 31 Dec); one order; 1000
    assert result.as_of == pd.Timestamp("2025-12-31") and len(result.excluded) == 0
    assert repr(result) == (
        "RFMTable(customers=3, as_of=2025-12-31, excluded=0, mean_recency=117.3, mean_frequency=2, total_monetary=1460; table 3 rows)"
    )
    assert rfm.index.name == "客户编号"
    assert rfm.index.tolist() == ["A", "B", "C"]
    assert rfm["recency"].tolist() == [1, 16, 335]
    assert rfm["frequency"].tolist() == [3, 2, 1]
    assert rfm["monetary"].tolist() == [360.0, 100.0, 1000.0]


def test_steps_take_the_rfm_result_or_its_table_alike(transactions):
    result = _rfm(transactions, order="订单号")
    pd.testing.assert_frame_equal(rfm_scores(result).table, rfm_scores(result.table).table)
    pd.testing.assert_frame_equal(rfm_segments(result).table, rfm_segments(result.table).table)
    # hand check on the table above: mean recency (1 + 16 + 335) / 3 = 117.3, so A and B are recent (high R)
    assert rfm_segments(result).table["r_high"].tolist() == [True, True, False]


def test_rfm_table_without_order_counts_purchase_days_and_mean_per_day(transactions):
    rfm = _rfm(transactions, as_of="2026-01-01", monetary="mean").table
    # without an order column frequency counts purchase days: A bought on 10-01 (two lines), 11-11 and 12-30 -> 3;
    # B on 12-01 and 12-15 -> 2; C once
    assert rfm["frequency"].tolist() == [3, 2, 1]
    assert rfm["recency"].tolist() == [2, 17, 336]
    assert rfm["monetary"].tolist() == [360.0 / 3, 100.0 / 2, 1000.0]


def test_rfm_table_on_the_sample_uses_the_day_after_the_data():
    lines = ll.load_sample("order_lines")
    result = rfm_table(lines, order="order_id")
    assert result.as_of == pd.Timestamp("2026-01-01")
    rfm = result.table
    assert len(rfm) == 3000 and rfm["recency"].min() == 1
    assert rfm["frequency"].sum() == lines["order_id"].nunique()
    assert rfm["monetary"].sum() == pytest.approx(lines["revenue"].sum())


def test_rfm_table_leaves_the_input_unchanged(transactions):
    before = transactions.copy()
    _rfm(transactions, order="订单号")
    pd.testing.assert_frame_equal(transactions, before)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda df: df.drop(columns="金额"), r"expected a column '金额' \(for amount\)"),
        (lambda df: df.assign(下单日期=["2025-10-01", "soon", *["2025-10-01"] * 5]), r"not dates such as 'soon' in rows \[1\]"),
        (
            lambda df: df.assign(客户编号=["A", None, "A", "B", "B", "C", "A"]),
            r"'客户编号' without missing values, found missing values in rows \[1\]",
        ),
        (lambda df: df.iloc[0:0], "expected at least one row"),
    ],
)
def test_rfm_table_bad_input_names_the_problem(transactions, change, message):
    with pytest.raises(LogilabInputError, match=message):
        _rfm(change(transactions))


def test_rfm_table_refuses_an_as_of_before_the_data(transactions):
    with pytest.raises(LogilabInputError, match=r"as_of: expected a date on or after the last order date 2025-12-30, found 2025-12-01"):
        _rfm(transactions, as_of="2025-12-01")
    with pytest.raises(LogilabInputError, match="as_of: expected a date"):
        _rfm(transactions, as_of="yesterday")


# --- rfm_scores ------------------------------------------------------------------


def test_rfm_scores_by_hand_on_ten_distinct_values():
    rfm = pd.DataFrame({"recency": np.arange(1, 11) * 10, "frequency": np.arange(1, 11), "monetary": np.arange(1, 11) * 100.0})
    result = rfm_scores(rfm, bins=5)
    # quintile cut points of 1..10 (linear interpolation): 2.8, 4.6, 6.4, 8.2
    assert result.cut_points["frequency"] == pytest.approx((2.8, 4.6, 6.4, 8.2))
    assert result.cut_points["recency"] == pytest.approx((28.0, 46.0, 64.0, 82.0))
    assert result.table["F"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert result.table["M"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    # recency reversed: the most recent customers score 5
    assert result.table["R"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert result.table["rfm_code"].iloc[0] == "511"


def test_rfm_scores_ties_share_a_score_and_few_values_give_few_levels():
    # 6 of 10 customers ordered once: quintiles 1, 1, 1.4, 2.2 -> cut points (1, 1.4, 2.2)
    rfm = pd.DataFrame({"recency": range(10), "frequency": [1, 1, 1, 1, 1, 1, 2, 2, 3, 9], "monetary": [5.0] * 10})
    result = rfm_scores(rfm)
    assert result.cut_points["frequency"] == pytest.approx((1.0, 1.4, 2.2))
    assert result.table["F"].tolist() == [1, 1, 1, 1, 1, 1, 3, 3, 4, 4]
    # one distinct monetary value: a single cut point equal to it, everyone scores 1
    assert result.cut_points["monetary"] == (5.0,)
    assert set(result.table["M"]) == {1}


def test_rfm_scores_with_custom_cut_points():
    rfm = pd.DataFrame({"recency": [7, 30, 31, 200, 365, 366], "frequency": [1] * 6, "monetary": [1.0] * 6})
    result = rfm_scores(rfm, cuts={"recency": [30, 90, 180, 365]})
    # R = 1 + number of cut points above the value, so a value on a cut point takes the lower score:
    # 7 -> 1 + 4 = 5, 30 -> 1 + 3 = 4, 31 -> 4, 200 -> 1 + 1 = 2, 365 -> 1, 366 -> 1
    assert result.table["R"].tolist() == [5, 4, 4, 2, 1, 1]
    assert result.cut_points["recency"] == (30.0, 90.0, 180.0, 365.0)
    with pytest.raises(LogilabInputError, match="increasing order"):
        rfm_scores(rfm, cuts={"recency": [90, 30]})
    with pytest.raises(LogilabInputError, match="cuts key"):
        rfm_scores(rfm, cuts={"R": [1]})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50), min_size=2, max_size=60), st.integers(min_value=2, max_value=10))
def test_rfm_scores_stay_in_range_and_are_monotone(values, bins):
    rfm = pd.DataFrame({"recency": values, "frequency": values, "monetary": [float(v) for v in values]})
    scores = rfm_scores(rfm, bins=bins).table
    assert scores[["R", "F", "M"]].isin(range(1, bins + 1)).all().all()
    order = np.argsort(values, kind="stable")
    assert np.all(np.diff(scores["F"].to_numpy()[order]) >= 0)  # more orders never score lower
    assert np.all(np.diff(scores["R"].to_numpy()[order]) <= 0)  # more days since the last order never score higher
    equal = pd.Series(values)
    assert (scores["F"].groupby(equal.to_numpy()).nunique() == 1).all()  # equal values, equal scores


# --- rfm_segments ----------------------------------------------------------------

EIGHT_CLASSES = {
    # (R high = recent, F high, M high): (code, 中文, service)
    (True, True, True): ("important_value", "重要价值客户", "value_added"),
    (True, False, True): ("important_development", "重要发展客户", "refined"),
    (False, True, True): ("important_retention", "重要保持客户", "refined"),
    (False, False, True): ("important_winback", "重要挽留客户", "refined"),
    (True, True, False): ("general_value", "一般价值客户", "refined"),
    (True, False, False): ("general_development", "一般发展客户", "basic"),
    (False, True, False): ("general_retention", "一般保持客户", "basic"),
    (False, False, False): ("general_winback", "一般挽留客户", "basic"),
}


def _eight_customers() -> pd.DataFrame:
    combos = list(itertools.product([True, False], repeat=3))
    return pd.DataFrame(
        {
            "recency": [10 if r else 100 for r, _, _ in combos],
            "frequency": [10 if f else 1 for _, f, _ in combos],
            "monetary": [1000.0 if m else 10.0 for _, _, m in combos],
        },
        index=pd.Index([f"{int(r)}{int(f)}{int(m)}" for r, f, m in combos], name="customer_id"),
    )


@pytest.mark.parametrize("threshold", ["mean", "median", {"recency": 50, "frequency": 5, "monetary": 500}])
def test_every_rfm_combination_maps_to_its_class(threshold):
    rfm = _eight_customers()
    result = rfm_segments(rfm, threshold=threshold)
    for customer, row in result.table.iterrows():
        key = tuple(c == "1" for c in customer)
        code, zh, service = EIGHT_CLASSES[key]
        assert (row["r_high"], row["f_high"], row["m_high"]) == key
        assert (row["segment"], row["segment_zh"], row["service"]) == (code, zh, service)
    # mean: recency (4 x 10 + 4 x 100) / 8 = 55, frequency 5.5, monetary 505
    if threshold == "mean":
        assert result.thresholds == {"recency": 55.0, "frequency": 5.5, "monetary": 505.0}
    assert result.by_segment["customers"].tolist() == [1] * 8


def test_rfm_segments_value_on_the_threshold_counts_as_low():
    rfm = pd.DataFrame({"recency": [50, 10], "frequency": [5, 9], "monetary": [500.0, 900.0]})
    table = rfm_segments(rfm, threshold={"recency": 50, "frequency": 5, "monetary": 500}).table
    assert table.iloc[0][["r_high", "f_high", "m_high"]].tolist() == [False, False, False]


def test_rfm_segments_on_scores_treat_higher_as_better():
    scores = pd.DataFrame({"R": [5, 1], "F": [5, 1], "M": [5, 1]})
    result = rfm_segments(scores)
    assert result.thresholds == {"R": 3.0, "F": 3.0, "M": 3.0}
    assert result.table["segment"].tolist() == ["important_value", "general_winback"]


def test_rfm_segments_summary_shares_by_hand():
    rfm = pd.DataFrame({"recency": [10, 10, 300, 300], "frequency": [9, 1, 9, 1], "monetary": [900.0, 100.0, 900.0, 100.0]})
    summary = rfm_segments(rfm).by_segment
    assert summary.loc["important_retention", "monetary"] == 900.0
    assert summary.loc["important_retention", "monetary_share"] == pytest.approx(900 / 2000)
    assert summary["customer_share"].sum() == pytest.approx(1.0)
    assert summary.loc["important_value", "strategy_en"] == RFM_SEGMENTS.loc["important_value", "strategy_en"]


def test_rfm_segments_threshold_errors():
    rfm = _eight_customers()
    with pytest.raises(LogilabInputError, match="threshold: expected one of"):
        rfm_segments(rfm, threshold="average")
    with pytest.raises(LogilabInputError, match=r"found none for \['monetary'\]"):
        rfm_segments(rfm, threshold={"recency": 50, "frequency": 5})


# --- abc_classify ----------------------------------------------------------------


def test_abc_by_hand():
    values = pd.Series({"a": 10.0, "b": 50.0, "c": 30.0, "d": 6.0, "e": 4.0})
    result = abc_classify(values)
    abc = result.table
    # sorted 50, 30, 10, 6, 4 of 100: cumulative 0.50, 0.80, 0.90, 0.96, 1.00
    # A while the share before the item is < 0.8: b (0), c (0.5); B while < 0.95: a (0.8), d (0.9); C: e (0.96)
    assert abc.index.tolist() == ["b", "c", "a", "d", "e"]
    assert abc["cumulative_share"].tolist() == pytest.approx([0.5, 0.8, 0.9, 0.96, 1.0])
    assert abc["abc_class"].tolist() == ["A", "A", "B", "B", "C"]
    summary = abc_summary(abc)
    assert summary["items"].tolist() == [2, 2, 1]
    assert summary["value_share"].tolist() == pytest.approx([0.8, 0.16, 0.04])
    # the result carries its cut-offs and the same per-class table; summary() gives its key numbers
    assert result.cutoffs == (0.8, 0.95)
    pd.testing.assert_frame_equal(result.by_class, summary)
    pd.testing.assert_frame_equal(abc_summary(result), summary)
    assert result.summary()["items_A"] == 2 and result.summary()["value_share_C"] == pytest.approx(0.04)


def test_abc_one_dominant_customer_is_class_a_and_cutoffs_move_the_lines():
    abc = abc_classify([90.0, 5.0, 3.0, 2.0])
    assert abc.table["abc_class"].tolist() == ["A", "B", "C", "C"]
    abc = abc_classify([90.0, 5.0, 3.0, 2.0], cutoffs=(0.5, 0.99))
    assert abc.table["abc_class"].tolist() == ["A", "B", "B", "B"] and abc.cutoffs == (0.5, 0.99)


def test_abc_bad_input():
    with pytest.raises(LogilabInputError, match="negative values"):
        abc_classify([5.0, -1.0])
    with pytest.raises(LogilabInputError, match="positive total"):
        abc_classify([0.0, 0.0])
    with pytest.raises(LogilabInputError, match=r"cutoffs\[1\]"):
        abc_classify([1.0, 2.0], cutoffs=(0.9, 0.8))
    with pytest.raises(LogilabTypeError, match="values: expected a Series"):
        abc_classify(pd.DataFrame({"x": [1.0]}))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=50).filter(lambda v: sum(v) > 0))
def test_abc_cumulative_share_rises_to_one_and_classes_are_ordered(values):
    abc = abc_classify(values).table
    assert np.all(np.diff(abc["cumulative_share"]) >= -1e-12)
    assert abc["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert abc["abc_class"].iloc[0] == "A"
    assert abc["abc_class"].tolist() == sorted(abc["abc_class"])


# --- kmeans_segments ------------------------------------------------------------


def _blobs(seed: int = 7) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0, 0.0], [10.0, 0.0, 5.0], [0.0, 10.0, -5.0]])
    sizes = [60, 40, 25]
    points = np.vstack([rng.normal(c, 0.5, size=(n, 3)) for c, n in zip(centres, sizes)])
    truth = np.repeat([0, 1, 2], sizes)
    return pd.DataFrame(points, columns=["x", "y", "z"]), truth


def test_kmeans_recovers_planted_clusters_and_chooses_their_number():
    features, truth = _blobs()
    result = kmeans_segments(features, scale="standard")
    assert result.k == 3
    assert adjusted_rand_score(truth, result.labels) == 1.0
    # clusters are numbered by size, so the planted groups keep their numbers
    assert (result.labels.to_numpy() == truth).all()
    assert result.table["size"].tolist() == [60, 40, 25]
    assert result.selection["silhouette"].idxmax() == 3
    assert result.selection["inertia"].is_monotonic_decreasing


def test_kmeans_is_reproducible_with_the_seed():
    features, _ = _blobs(3)
    noisy = features + np.random.default_rng(0).normal(0, 3, features.shape)
    first = kmeans_segments(noisy, k=4, scale="standard", random_state=5)
    second = kmeans_segments(noisy, k=4, scale="standard", random_state=5)
    pd.testing.assert_series_equal(first.labels, second.labels)
    pd.testing.assert_frame_equal(first.selection, second.selection)


def test_kmeans_log_standard_scaling_and_names_on_rfm():
    rfm = pd.DataFrame(
        {"recency": [1, 2, 3, 300, 310, 320], "frequency": [30, 40, 50, 1, 1, 2], "monetary": [9e4, 8e4, 7e4, 50.0, 60.0, 70.0]}
    )
    result = kmeans_segments(rfm, k=2)
    # scaled = z-score of log(1 + x)
    logged = np.log1p(rfm.astype(float))
    expected = (logged - logged.mean()) / logged.std(ddof=0)
    pd.testing.assert_frame_equal(result.scaled, expected)
    assert set(result.table["name_en"]) == {"lapsed, infrequent, low value", "recent, frequent, high value"}
    assert result.table.loc[result.labels.iloc[0], "name_zh"] == "近期活跃·高频·高额"


def test_kmeans_bad_input():
    features, _ = _blobs()
    with pytest.raises(LogilabInputError, match="scale: expected one of"):
        kmeans_segments(features, scale="log")
    with pytest.raises(LogilabInputError, match="negative values"):
        kmeans_segments(features, scale="log-standard")
    with pytest.raises(LogilabInputError, match="k: expected at most the number of customers"):
        kmeans_segments(features.head(3), k=5, scale="standard")


# --- detect_columns and segment_customers -----------------------------------------


def test_detect_columns_finds_chinese_and_english_headers():
    assert detect_columns(pd.DataFrame(columns=["客户ID", "订单日期", "销售额"])) == {
        "customer": "客户ID",
        "date": "订单日期",
        "amount": "销售额",
        "order": None,
    }
    assert detect_columns(pd.DataFrame(columns=["Customer ID", "Date", "Amount", "Order No"]))["order"] == "Order No"
    with pytest.raises(LogilabInputError, match=r"expected a column for amount .* found none among the columns \['客户编号', '日期'\]"):
        detect_columns(pd.DataFrame(columns=["客户编号", "日期"]))
    with pytest.raises(LogilabInputError, match=r"2 candidates \['客户编号', 'customer_id'\]"):
        detect_columns(pd.DataFrame(columns=["客户编号", "customer_id", "日期", "金额"]))
    # naming the column resolves the ambiguity
    assert detect_columns(pd.DataFrame(columns=["客户编号", "customer_id", "日期", "金额"]), customer="客户编号")["customer"] == "客户编号"


def test_segment_customers_on_the_sample():
    lines = ll.load_sample("order_lines")
    steps: list[str] = []
    result = segment_customers(lines, order="order_id", k=4, progress=steps.append)
    assert steps == ["rfm", "scores", "segments", "abc", "kmeans"]
    table = result.table
    assert len(table) == 3000 and table.index.is_unique
    assert table["segment"].isin(RFM_SEGMENTS.index).all()
    assert table["abc_class"].isin(["A", "B", "C"]).all()
    assert sorted(table["cluster"].unique()) == [0, 1, 2, 3]
    assert result.parameters["as_of"] == "2026-01-01" and result.parameters["k"] == 4
    # the per-customer table agrees with the steps it joins
    pd.testing.assert_series_equal(table["monetary"], result.rfm.table["monetary"])
    assert result.rfm.as_of == pd.Timestamp("2026-01-01") and result.abc.cutoffs == (0.8, 0.95)
    assert (table["abc_class"] == result.abc.table["abc_class"].reindex(table.index)).all()
    # the planted value groups show: the A class (about a fifth of customers) holds 80 % of revenue
    assert abc_summary(result.abc).loc["A", "item_share"] == pytest.approx(0.2, abs=0.02)


def test_rfm_table_refunds_net_drop_or_refuse(transactions):
    # A's second line becomes a refund of 50 on 2025-10-01 (same day as a purchase of 100)
    refunds = transactions.assign(金额=[100.0, -50.0, 200.0, 40.0, 60.0, 1000.0, 10.0])
    net = _rfm(refunds, order="订单号").table
    # A: purchases 100 + 200 + 10 = 310, refund -50 -> 260; orders o1, o2, o6 -> 3 (the refund line adds no order)
    assert net.loc["A"].tolist() == [1, 3, 260.0]
    with pytest.warns(UserWarning, match="dropped 1 refund line"):
        dropped = _rfm(refunds, order="订单号", refunds="drop").table
    assert dropped.loc["A", "monetary"] == 310.0
    with pytest.raises(LogilabInputError, match=r"negative values in rows \[1\]"):
        _rfm(refunds, refunds="refuse")


def test_a_refund_is_not_a_purchase_for_recency_or_frequency(transactions):
    # B's last line (2025-12-15, order o4) becomes a refund: B's last purchase is then 2025-12-01
    refunds = transactions.assign(金额=[100.0, 50.0, 200.0, 40.0, -10.0, 1000.0, 10.0])
    rfm = _rfm(refunds, order="订单号").table
    # as_of stays the day after the last date of any line, 2025-12-31: B's recency = 30 days from 12-01
    assert rfm.loc["B"].tolist() == [30, 1, 30.0]


def test_customers_whose_refunds_cancel_their_purchases_are_left_out(transactions):
    refunds = transactions.assign(金额=[100.0, 50.0, 200.0, 40.0, -40.0, 1000.0, 10.0])  # B: 40 - 40 = 0
    with pytest.warns(UserWarning, match=r"left out 1 customer"):
        rfm = _rfm(refunds, order="订单号")
    assert rfm.table.index.tolist() == ["A", "C"]
    assert rfm.excluded.loc["B"].tolist() == [40.0, -40.0, 0.0]
    result = segment_customers(refunds, customer="客户编号", date="下单日期", amount="金额", order="订单号", clusters=False)
    assert result.excluded.loc["B"].tolist() == [40.0, -40.0, 0.0]
    assert result.table.index.tolist() == ["A", "C"]


def test_future_and_far_out_dates_are_refused_unless_allowed(transactions):
    future = transactions.assign(下单日期=[*transactions["下单日期"][:-1], "2027-01-05"])
    with pytest.raises(LogilabInputError, match=r"later dates such as 2027-01-05 in rows \[6\].*allow_future=True"):
        _rfm(future, today="2026-11-30")
    assert _rfm(future, today="2026-11-30", allow_future=True).as_of == pd.Timestamp("2027-01-06")
    # a slip of the year: nine lines in 2025 and one typed as 2027 (before "today" 2027-06-01, so not in the
    # future), more than a year after the 99th percentile of the dates (the lower 99% quantile of the ten dates
    # is the ninth, 2025-12-30)
    slip = pd.concat([transactions, transactions.head(3)], ignore_index=True)
    slip.loc[len(slip) - 1, "下单日期"] = "2027-05-30"
    with pytest.raises(LogilabInputError, match=r"more than a year later such as 2027-05-30 in rows \[9\]"):
        _rfm(slip, today="2027-06-01")
    # with fewer than ten lines the percentile says nothing: the same slip among seven lines passes
    few = transactions.assign(下单日期=[*transactions["下单日期"][:-1], "2027-05-30"])
    assert _rfm(few, today="2027-06-01").as_of == pd.Timestamp("2027-05-31")


def test_cluster_names_agree_with_the_means_in_original_units():
    # a skewed feature: most customers spend little, a few a lot. In log units a middle group can sit above the
    # log-mean while its mean spend is below the overall (raw) mean; it must not be called 高额 then.
    rng = np.random.default_rng(7)
    features = pd.DataFrame(
        {
            "recency": rng.integers(1, 400, 600),
            "frequency": rng.integers(1, 20, 600),
            "monetary": np.exp(rng.normal(5, 1.6, 600)),
        }
    )
    result = kmeans_segments(features, k=4, random_state=0)
    overall = features.mean()
    for _, row in result.table.iterrows():
        name = row["name_zh"]
        if "高额" in name:
            assert row["monetary"] > overall["monetary"], name
        if "低额" in name:
            assert row["monetary"] < overall["monetary"], name
        if "近期活跃" in name or "刚刚下单" in name:
            assert row["recency"] < overall["recency"], name
        if "久未下单" in name:
            assert row["recency"] > overall["recency"], name
        if "高频" in name:
            assert row["frequency"] > overall["frequency"], name


def test_with_k_given_only_that_model_is_fitted():
    features = ll.rfm_table(ll.load_sample("order_lines"), order="order_id")
    result = kmeans_segments(features, k=3)
    assert result.selection.index.tolist() == [3]


@pytest.mark.parametrize(
    ("customers", "dates", "amounts", "options", "message"),
    [
        (["A", "A"], ["2025-01-01", "2025-02-01"], [1.0, 2.0], {}, r"at least 2 customers to compare, found 1 \('A'\)"),
        (["A", "B", "C"], ["2025-01-01"] * 3, [5.0] * 3, {}, "found all 3 customers with the same values"),
        (["A", "B", "C"], ["2025-01-01", "2025-01-02", "2025-01-03"], [5.0, 6.0, 7.0], {"k": 5}, r"found k = 5. Use k=3 or less"),
        (["A", "B"], ["2025-01-01", "2025-01-02"], [5.0, float("inf")], {}, r"infinite values in rows \[1\]"),
    ],
)
def test_data_that_cannot_be_segmented_gets_a_plain_error(customers, dates, amounts, options, message):
    lines = pd.DataFrame({"customer_id": customers, "order_date": dates, "revenue": amounts})
    with pytest.raises(LogilabInputError, match=message):
        segment_customers(lines, **options)


def test_without_column_arguments_a_chinese_file_gets_its_columns_suggested():
    # the sample's default names (customer_id, ...) are absent; the usual Chinese headers are found and proposed
    lines = pd.DataFrame({"客户编号": ["C1", "C2"], "下单日期": ["2025-01-01", "2025-02-01"], "金额": [1.0, 2.0]})
    with pytest.raises(
        LogilabInputError,
        match=r"The table has '客户编号', a usual header for customer; its columns fit customer='客户编号', date='下单日期', amount='金额'",
    ):
        rfm_table(lines)


def test_abc_order_ignores_float_noise_from_summation_order():
    # 0.1 + 0.2 summed in another order is 0.30000000000000004: the two customers tie and keep
    # their original order (customer ids), so every engine gives the same classes.
    values = pd.Series([0.1 + 0.2, 0.3, 0.1], index=["C1", "C2", "C3"])
    noisy = pd.Series([0.3, 0.1 + 0.2, 0.1], index=["C1", "C2", "C3"])
    # by hand: total 0.7; C1 0.3/0.7 = 0.4286 (A), C2 before 0.4286 -> A, cumulative 0.8571; C3 before 0.8571 -> B
    for series in (values, noisy):
        table = ll.abc_classify(series).table
        assert table.index.tolist() == ["C1", "C2", "C3"]
        assert table["abc_class"].tolist() == ["A", "A", "B"]
        assert table["cumulative_share"].round(4).tolist() == [0.4286, 0.8571, 1.0]


def test_dates_with_a_time_zone_are_refused_with_the_fix():
    lines = pd.DataFrame(
        {
            "customer_id": ["A", "B"],
            "order_date": pd.to_datetime(["2025-01-01", "2025-02-01"]).tz_localize("Asia/Shanghai"),
            "revenue": [1.0, 2.0],
        }
    )
    with pytest.raises(
        LogilabInputError,
        match=r"column 'order_date' to hold dates without a time zone, found dates in time zone Asia/Shanghai.*tz_localize\(None\)",
    ):
        ll.rfm_table(lines)


def test_abc_orders_small_values_exactly():
    # shares of a millionth: a tie rule at fixed decimals would merge them; relative to the largest they stay apart
    table = ll.abc_classify(pd.Series([1e-7, 3e-7, 2e-7], index=["a", "b", "c"])).table
    assert table.index.tolist() == ["b", "c", "a"]
    # by hand: total 6e-7; b 0.5 -> A (before 0), c before 0.5 -> A, cumulative 0.8333; a before 0.8333 -> B
    assert table["abc_class"].tolist() == ["A", "A", "B"]
