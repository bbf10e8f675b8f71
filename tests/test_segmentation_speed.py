"""The fast grouping inside rfm_table gives what pandas' own groupby gives (the reference implementation)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from logilab.segmentation import _distinct_pairs, _sorted_codes, rfm_table


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
    ],
    ids=["str", "object-str", "int", "float", "category", "mixed", "nullable-int", "datetime"],
)
def test_sorted_codes_equal_pandas_sorted_factorize(values):
    codes, uniques = _sorted_codes(values)
    expected_codes, expected_uniques = pd.factorize(values, sort=True)
    np.testing.assert_array_equal(codes, expected_codes)
    assert type(uniques) is type(expected_uniques)
    assert uniques.dtype == expected_uniques.dtype
    assert list(uniques) == list(expected_uniques)


def test_distinct_pairs_by_hand():
    # customer 0 with orders 1, 1, 2 -> 2 distinct; customer 1 with order 0 twice -> 1; customer 2 none -> 0
    codes = np.array([0, 1, 0, 0, 1])
    orders = np.array([1, 0, 1, 2, 0])
    assert _distinct_pairs(codes, orders, 3, 3).tolist() == [2, 1, 0]


def test_distinct_pairs_equal_numpy_unique_on_random_pairs():
    rng = np.random.default_rng(7)
    for _ in range(30):
        n, visits, size = int(rng.integers(1, 40)), int(rng.integers(1, 15)), int(rng.integers(1, 400))
        codes, orders = rng.integers(0, n, size), rng.integers(0, visits, size)
        expected = np.bincount(np.unique(codes * visits + orders) // visits, minlength=n)
        np.testing.assert_array_equal(_distinct_pairs(codes, orders, visits, n), expected)


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
