"""The fast grouping inside rfm_table gives what pandas' own groupby gives (the reference implementation)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError, segmentation
from logilab.segmentation import _distinct_pairs, _lower_quantile, _sorted_codes, kmeans_segments, rfm_table


def _table(result):
    # rfm_table returns the per-customer frame (or a result object holding it as .table)
    return getattr(result, "table", result)


@pytest.mark.parametrize(
    "values",
    [
        pd.Series(["b", "a", "c", "a", "Ä", "z", "é", "客户10", "客户2"]),
        pd.Series(["b", "a", "c", "a"], dtype=object),
        pd.Series([3, 1, 2, 1, -5]),
        pd.Series([3.5, 1.0, 2.0, 1.0]),
        pd.Series(pd.Categorical(["x", "y", "x"], categories=["y", "x"])),
        pd.Series([1, "a", 2, "b"], dtype=object),
        pd.Series(pd.array([3, 1, 2, 1], dtype="Int64")),
        pd.Series(pd.to_datetime(["2025-01-02", "2024-01-01", "2025-01-02"])),
        pd.Series(["a\x00", "b", "a", "a\x00"], dtype=object),
    ],
    ids=["str", "object-str", "int", "float", "category", "mixed", "nullable-int", "datetime", "trailing-nul"],
)
def test_sorted_codes_equal_pandas_sorted_factorize(values):
    codes, uniques = _sorted_codes(values)
    expected_codes, expected_uniques = pd.factorize(values, sort=True)
    np.testing.assert_array_equal(codes, expected_codes)
    assert type(uniques) is type(expected_uniques)
    assert uniques.dtype == expected_uniques.dtype
    assert list(uniques) == list(expected_uniques)


# up to _HASHED_PAIRS_UP_TO pairs the distinct pairs come from a hash table, above from a sort: 0 makes it sort
@pytest.mark.parametrize("hashed_up_to", [10**9, 0], ids=["hashed", "sorted"])
def test_distinct_pairs_by_hand(monkeypatch, hashed_up_to):
    monkeypatch.setattr(segmentation, "_HASHED_PAIRS_UP_TO", hashed_up_to)
    # customer 0 with orders 1, 1, 2 -> 2 distinct; customer 1 with order 0 twice -> 1; customer 2 none -> 0
    codes = np.array([0, 1, 0, 0, 1])
    orders = np.array([1, 0, 1, 2, 0])
    assert _distinct_pairs(codes, orders, 3, 3).tolist() == [2, 1, 0]


@pytest.mark.parametrize("hashed_up_to", [10**9, 0], ids=["hashed", "sorted"])
def test_distinct_pairs_equal_numpy_unique_on_random_pairs(monkeypatch, hashed_up_to):
    monkeypatch.setattr(segmentation, "_HASHED_PAIRS_UP_TO", hashed_up_to)
    rng = np.random.default_rng(7)
    for _ in range(30):
        n, visits, size = int(rng.integers(1, 40)), int(rng.integers(1, 15)), int(rng.integers(1, 400))
        codes, orders = rng.integers(0, n, size), rng.integers(0, visits, size)
        expected = np.bincount(np.unique(codes * visits + orders) // visits, minlength=n)
        np.testing.assert_array_equal(_distinct_pairs(codes, orders, visits, n), expected)


def test_lower_quantile_by_hand_counted_per_day_and_by_partial_sort():
    # twelve days, sorted: 3 3 3 4 4 5 5 6 7 8 9 100; numpy's "lower" quantile takes position floor(q * 11):
    # q = 0.99 -> position 10 -> 9; q = 0.5 -> position 5 -> 5; q = 0 -> position 0 -> 3
    days = np.array([5, 3, 3, 9, 4, 7, 3, 8, 6, 5, 4, 100])
    assert [_lower_quantile(days, q) for q in (0.99, 0.5, 0.0)] == [9, 5, 3]  # counted from day 0
    # the same with the largest day a million days later: the span is too wide to count per day (partial sort)
    wide = np.where(days == 100, 1_000_100, days)
    assert [_lower_quantile(wide, q) for q in (0.99, 0.5, 0.0)] == [9, 5, 3]
    # negative day numbers (dates before 1970), counted from the earliest: -7 -2 -2 0 1; q = 0.5 -> position 2 -> -2
    assert _lower_quantile(np.array([0, -2, 1, -7, -2]), 0.5) == -2


def test_rfm_table_reads_amounts_written_as_text():
    lines = pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "B"],
            "order_date": pd.to_datetime(["2025-12-01", "2025-12-20", "2025-12-10", "2025-12-11"]),
            "revenue": pd.Series(["100", "50.5", "30", "-20"], dtype=object),
        }
    )
    rfm = rfm_table(lines, as_of="2025-12-31", today="2025-12-31")
    # A: 100 + 50.5 = 150.5 on two days, last 2025-12-20 -> recency 11;
    # B: 30 - 20 = 10, one purchase day (the refund line is no purchase), last purchase 2025-12-10 -> recency 21
    assert rfm.table.to_dict("index") == {
        "A": {"recency": 11, "frequency": 2, "monetary": 150.5},
        "B": {"recency": 21, "frequency": 1, "monetary": 10.0},
    }


def test_future_date_error_names_the_date_column_of_text_dates():
    lines = pd.DataFrame({"customer_id": ["A", "B"], "下单日期": ["2025-12-01", "2027-01-05"], "revenue": [10.0, 20.0]})
    with pytest.raises(LogilabInputError, match=r"later dates such as 2027-01-05 in rows \[1\]") as raised:
        rfm_table(lines, date="下单日期", today="2026-11-30")
    assert raised.value.reason == "future_dates"
    assert raised.value.details["column"] == "下单日期"


@pytest.mark.parametrize("kind", ["str", "int"])
def test_rfm_table_equals_pandas_groupby_on_random_lines(kind):
    rng = np.random.default_rng(11)
    size = 5_000
    customer = rng.integers(0, 700, size)
    lines = pd.DataFrame(
        {
            "customer_id": np.char.add("C", customer.astype(str)) if kind == "str" else customer * 7,
            "order_id": rng.integers(0, 2_000, size),
            "order_date": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, size), unit="D"),
            "revenue": np.round(rng.lognormal(4, 1, size), 2),
        }
    )
    before = lines.copy()
    result = _table(rfm_table(lines, order="order_id", as_of="2026-01-01", today="2026-01-01"))
    # reference: pandas groupby, written out
    grouped = lines.groupby("customer_id", sort=True)
    expected = pd.DataFrame(
        {
            "recency": (pd.Timestamp("2026-01-01") - grouped["order_date"].max()).dt.days.astype("int64"),
            "frequency": grouped["order_id"].nunique().astype("int64"),
            "monetary": grouped["revenue"].sum(),
        }
    )
    pd.testing.assert_frame_equal(result, expected, check_index_type=False, check_names=False)
    assert list(result.index) == list(expected.index)
    pd.testing.assert_frame_equal(lines, before)


# --- k-means at scale ------------------------------------------------------------


def _customers_features(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "recency": rng.integers(1, 732, n),
            "frequency": 1 + rng.poisson(rng.lognormal(0.5, 1.0, n)),
            "monetary": np.round(rng.lognormal(7, 1.3, n), 2),
        }
    )


def _count_fits(monkeypatch) -> list[tuple[str, int, int]]:
    """Record (class name, n_clusters, rows) of every k-means fit."""
    from sklearn.cluster import KMeans, MiniBatchKMeans

    calls: list[tuple[str, int, int]] = []
    for cls in (KMeans, MiniBatchKMeans):
        original = cls.fit

        def counting(self, X, *args, _original=original, **kwargs):
            calls.append((type(self).__name__, self.n_clusters, len(X)))
            return _original(self, X, *args, **kwargs)

        monkeypatch.setattr(cls, "fit", counting)
    return calls


def test_kmeans_with_k_given_fits_exactly_one_model(monkeypatch):
    calls = _count_fits(monkeypatch)
    result = kmeans_segments(_customers_features(600), k=4)
    assert calls == [("KMeans", 4, 600)]
    assert list(result.selection.index) == [4]


def test_kmeans_with_k_chosen_fits_each_k_once_on_small_data(monkeypatch):
    calls = _count_fits(monkeypatch)
    result = kmeans_segments(_customers_features(600), k_range=range(2, 6))
    assert calls == [("KMeans", k, 600) for k in (2, 3, 4, 5)]
    # 600 customers are fewer than the default silhouette sample of 2,000: all are used
    assert (result.silhouette_sample, result.selection_sample, result.algorithm) == (600, 600, "KMeans")


def test_cli_k_fits_one_model(monkeypatch, tmp_path):
    from logilab.cli import main

    lines = ll_sample_lines()
    source = tmp_path / "lines.csv"
    lines.to_csv(source, index=False)
    calls = _count_fits(monkeypatch)
    code = main(["segment", str(source), "--out", str(tmp_path / "r.html"), "--k", "3", "--quiet"])
    assert code == 0
    assert [(name, k) for name, k, _ in calls] == [("KMeans", 3)]


def ll_sample_lines() -> pd.DataFrame:
    return ll.load_sample("order_lines")[["customer_id", "order_id", "order_date", "revenue"]]


def test_kmeans_above_the_threshold_chooses_k_on_a_seeded_sample(monkeypatch):
    import logilab.segmentation as segmentation

    monkeypatch.setattr(segmentation, "_SELECTION_SAMPLE", 1_000)
    features = _customers_features(3_000)
    calls = _count_fits(monkeypatch)
    first = kmeans_segments(features, k_range=range(2, 5), minibatch_above=2_000, silhouette_sample=500)
    # three mini-batch fits on the 1,000-customer sample, then the chosen k once on all 3,000 customers
    assert calls == [("MiniBatchKMeans", k, 1_000) for k in (2, 3, 4)] + [("KMeans", first.k, 3_000)]
    assert (first.silhouette_sample, first.selection_sample, first.algorithm) == (500, 1_000, "MiniBatchKMeans")
    assert first.table["size"].sum() == 3_000
    # the final model is k-means refined on every customer: each customer sits with its nearest centre
    scaled = first.scaled.to_numpy()
    nearest = np.argmin(((scaled[:, None, :] - first.centers.to_numpy()[None, :, :]) ** 2).sum(axis=2), axis=1)
    np.testing.assert_array_equal(nearest, first.labels.to_numpy())
    # seeded: the same seed gives the same labels and table, another seed another sample
    second = kmeans_segments(features, k_range=range(2, 5), minibatch_above=2_000, silhouette_sample=500)
    pd.testing.assert_series_equal(first.labels, second.labels)
    pd.testing.assert_frame_equal(first.selection, second.selection)
    other = kmeans_segments(features, k_range=range(2, 5), minibatch_above=2_000, silhouette_sample=500, random_state=1)
    assert not np.allclose(other.selection["inertia"], first.selection["inertia"])


def test_kmeans_minibatch_threshold_is_checked():
    with pytest.raises(LogilabInputError, match="minibatch_above"):
        kmeans_segments(_customers_features(50), minibatch_above=0)


def test_report_states_the_silhouette_sample():
    from logilab.report import segmentation_report
    from logilab.segmentation import segment_customers

    result = segment_customers(ll_sample_lines(), order="order_id", k=3)
    assert result.kmeans.silhouette_sample == 2_000  # the sample company has 3,000 customers
    page = segmentation_report(result, lang="en")
    assert "Silhouettes are computed on a random 2,000 customers (seed 0" in page
    assert "fitted on 3,000 customers (KMeans)" in page
    page_zh = segmentation_report(result, lang="zh")
    assert "的 2,000 位客户计算" in page_zh


@pytest.mark.parametrize("storage", ["pyarrow", "python"])
def test_labels_taken_by_position_in_either_text_storage(storage):
    """_labels_at takes labels[rows] through Arrow when pandas keeps text there, and through Python strings otherwise:
    by hand, rows [1, 0, 1, 2] of ("A", "B", "重要") are B, A, B, 重要, on the index given, in pandas' text dtype."""
    from logilab.segmentation import _labels_at

    with pd.option_context("mode.string_storage", storage):
        labels = _labels_at(["A", "B", "重要"], np.array([1, 0, 1, 2]), pd.Index(["w", "x", "y", "z"]))
        assert labels.array.__class__.__name__ == ("ArrowStringArray" if storage == "pyarrow" else "StringArray")
    assert labels.to_dict() == {"w": "B", "x": "A", "y": "B", "z": "重要"}
    assert labels.dtype == "str"
