"""The per-customer aggregation on every engine gives the pandas path's table (logilab.engines).

Every engine's result is compared with the pandas path (:func:`logilab.rfm_table` on a pandas
DataFrame, itself checked against hand calculations in test_segmentation.py); the edge cases
below also carry their expected values worked out by hand.
"""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab.engines import customer_aggregate, require_module

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
dd = pytest.importorskip("dask.dataframe")
duckdb = pytest.importorskip("duckdb")
distributed = pytest.importorskip("distributed")

ENGINES = ["duckdb-engine", "duckdb", "polars", "polars-lazy", "pyarrow", "dask"]
COLUMNS = ["customer_id", "order_id", "order_date", "revenue"]


@pytest.fixture(scope="module")
def cluster():
    """Dask on a local cluster of two worker processes (the default scheduler while the client lives)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        with distributed.Client(local) as client:
            yield client


def on_engine(lines: pd.DataFrame, name: str) -> tuple[object, str | None]:
    """``lines`` as the engine's own frame, and the ``engine=`` argument that goes with it."""
    if name == "duckdb-engine":
        return lines, "duckdb"
    if name == "pandas":
        return lines, None
    table = pa.Table.from_pandas(lines, preserve_index=False)
    if name == "pyarrow":
        return table, None
    if name == "duckdb":
        con = duckdb.connect()
        return con.from_arrow(table), None
    if name == "polars":
        return pl.from_arrow(table), None
    if name == "polars-lazy":
        return pl.from_arrow(table).lazy(), None
    if name == "dask":
        return dd.from_pandas(lines, npartitions=3, sort=False), None
    raise AssertionError(name)


def rfm_result_on(lines: pd.DataFrame, name: str, **options):
    frame, engine = on_engine(lines, name)
    return ll.rfm_table(frame, engine=engine, **options)


def rfm_on(lines: pd.DataFrame, name: str, **options) -> pd.DataFrame:
    return rfm_result_on(lines, name, **options).table


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return ll.load_sample("order_lines")[COLUMNS]


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("order", ["order_id", None])
def test_sample_data_same_table_on_every_engine(sample, cluster, name, order):
    expected = ll.rfm_table(sample, order=order)
    got = rfm_result_on(sample, name, order=order)
    pd.testing.assert_frame_equal(got.table, expected.table, check_exact=False, rtol=1e-9)
    assert got.as_of == expected.as_of


@pytest.mark.parametrize("name", ["duckdb", "polars-lazy", "dask"])
def test_sample_data_mean_monetary_and_as_of(sample, cluster, name):
    expected = ll.rfm_table(sample, order="order_id", monetary="mean", as_of="2026-03-31").table
    got = rfm_on(sample, name, order="order_id", monetary="mean", as_of="2026-03-31")
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("name", ENGINES)
def test_segment_customers_same_table(sample, cluster, name):
    expected = ll.segment_customers(sample, order="order_id", clusters=False)
    frame, engine = on_engine(sample, name)
    got = ll.segment_customers(frame, order="order_id", clusters=False, engine=engine)
    pd.testing.assert_frame_equal(got.table, expected.table, check_exact=False, rtol=1e-9)
    assert got.parameters == expected.parameters


def test_segment_customers_kmeans_on_duckdb(sample):
    expected = ll.segment_customers(sample, order="order_id", k=4)
    got = ll.segment_customers(sample, order="order_id", k=4, engine="duckdb")
    pd.testing.assert_frame_equal(got.table, expected.table, check_exact=False, rtol=1e-9)


# --- edge cases, with the expected values worked out by hand ---------------------------------

EDGES = pd.DataFrame(
    {
        "customer_id": ["A", "A", "A", "B", "B", "C", "D", "D", "E"],
        "order_id": ["o1", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8"],
        "order_date": pd.to_datetime(
            [
                "2025-12-01 09:00",  # A: two lines of one order
                "2025-12-01 17:30",
                "2025-12-01 18:00",  # A: a second order on the same day
                "2025-11-01 00:00",
                "2025-12-10 00:00",  # B: a refund after the purchase
                "2025-12-20 00:00",  # C: the only line is a refund
                "2025-12-01 00:00",  # D ties with A: same last day, same value
                "2025-12-01 00:00",
                "2025-12-30 00:00",  # E: one purchase on the last day
            ]
        ),
        "revenue": [100.0, 50.0, 30.0, 500.0, -100.0, -40.0, 90.0, 90.0, 0.0],
    }
)


@pytest.mark.parametrize("name", ["pandas"] + ENGINES)
def test_edge_cases(cluster, name):
    # as_of = the day after the last date (2025-12-30) = 2025-12-31.
    # A: orders o1, o2 (frequency 2), last 2025-12-01 -> recency 30, 100 + 50 + 30 = 180
    # B: one purchase (o3, 2025-11-01 -> recency 60), refund -100 nets 500 to 400; the refund day is no purchase
    # C: refunds only -> left out (net -40), with a warning
    # D: ties A on recency (30) and frequency (2), 180 as well
    # E: a zero-value purchase and no refund -> stays, recency 1
    with pytest.warns(UserWarning, match=r"left out 1 customer"):
        got = rfm_on(EDGES, name, order="order_id")
    expected = pd.DataFrame(
        {"recency": [30, 60, 30, 1], "frequency": [2, 1, 2, 1], "monetary": [180.0, 400.0, 180.0, 0.0]},
        index=pd.Index(["A", "B", "D", "E"], name="customer_id"),
    )
    pd.testing.assert_frame_equal(got, expected, check_index_type=False)


@pytest.mark.parametrize("name", ["pandas"] + ENGINES)
def test_edge_cases_purchase_days(cluster, name):
    # without an order column: A's three lines are on one day -> 1; D's two lines on one day -> 1
    with pytest.warns(UserWarning):
        got = rfm_on(EDGES, name)
    assert got["frequency"].tolist() == [1, 1, 1, 1]
    assert got["monetary"].tolist() == [180.0, 400.0, 180.0, 0.0]


@pytest.mark.parametrize("name", ["pandas"] + ENGINES)
def test_one_customer_same_day(cluster, name):
    lines = pd.DataFrame(
        {
            "customer_id": ["X", "X"],
            "order_id": ["a", "b"],
            "order_date": pd.to_datetime(["2025-06-30", "2025-06-30"]),
            "revenue": [10.0, 5.5],
        }
    )
    got = rfm_on(lines, name, order="order_id", as_of="2025-07-10")
    # two orders on 2025-06-30, 10 days before as_of, 10 + 5.5
    assert got.to_dict("index") == {"X": {"recency": 10, "frequency": 2, "monetary": 15.5}}


@pytest.mark.parametrize("name", ["pandas"] + ENGINES)
def test_refund_policies(cluster, name):
    # drop: B keeps 500, C (refunds only) has no line left and is simply absent
    with pytest.warns(UserWarning, match="dropped 2 refund line"):
        got = rfm_on(EDGES, name, order="order_id", refunds="drop")
    assert got["monetary"].to_dict() == {"A": 180.0, "B": 500.0, "D": 180.0, "E": 0.0}
    with pytest.raises(ll.LogilabInputError, match=r"column 'revenue' to hold numbers >= 0, found negative values in"):
        rfm_on(EDGES, name, order="order_id", refunds="refuse")


def test_excluded_customers_listed(cluster):
    frame, _ = on_engine(EDGES, "polars")
    result = ll.segment_customers(frame, order="order_id", clusters=False)
    assert result.excluded.to_dict("index") == {"C": {"purchases": 0.0, "refunds": -40.0, "net": -40.0}}


@pytest.mark.parametrize("name", ["duckdb-engine", "polars", "dask"])
def test_customer_aggregate(cluster, name):
    frame, engine = on_engine(EDGES, name)
    table = customer_aggregate(frame, order="order_id", engine=engine)
    assert table.loc["A", "first_date"] == pd.Timestamp("2025-12-01")
    assert table.loc["B", ["purchases", "refunds", "refund_lines"]].tolist() == [500.0, -100.0, 1]
    assert pd.isna(table.loc["C", "last_date"]) and table.loc["C", "frequency"] == 0
    assert table["frequency"].tolist() == [2, 1, 0, 2, 1]


# --- the same checks, the same errors ---------------------------------------------------------


@pytest.mark.parametrize("name", ENGINES)
def test_missing_column_named(name):
    with pytest.raises(ll.LogilabInputError, match=r"lines: expected a column 'amount_cny' \(for amount\), found no such column"):
        rfm_on(EDGES, name, amount="amount_cny")


@pytest.mark.parametrize("name", ["duckdb", "polars", "pyarrow"])
def test_missing_customer_named(name):
    lines = EDGES.assign(customer_id=["A", None, "A", "B", "B", "C", "D", "D", "E"])
    with pytest.raises(ll.LogilabInputError, match=r"column 'customer_id' without missing values, found missing values in 1 row\."):
        rfm_on(lines, name)


@pytest.mark.parametrize("name", ["duckdb", "polars", "pyarrow", "duckdb-engine"])
def test_missing_and_infinite_amounts(name):
    with pytest.raises(ll.LogilabInputError, match=r"column 'revenue' without missing values"):
        rfm_on(EDGES.assign(revenue=[np.nan] + [1.0] * 8), name)
    with pytest.raises(ll.LogilabInputError, match=r"finite amounts in column 'revenue'"):
        rfm_on(EDGES.assign(revenue=[np.inf] + [1.0] * 8), name)


def test_text_dates_refused_on_engines_and_parsed_for_pandas():
    lines = EDGES.assign(order_date=EDGES["order_date"].dt.strftime("%Y-%m-%d"))
    with pytest.raises(ll.LogilabInputError, match=r"column 'order_date' to hold dates .*str\.to_date"):
        ll.rfm_table(pl.from_pandas(lines), order="order_id")
    with pytest.warns(UserWarning):
        got = ll.rfm_table(lines, order="order_id", engine="duckdb").table
    with pytest.warns(UserWarning):
        expected = ll.rfm_table(lines, order="order_id").table
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("name", ["duckdb", "polars-lazy"])
def test_date_checks(name):
    with pytest.raises(
        ll.LogilabInputError, match=r"expected dates up to today \(2025-12-15\), found later dates such as 2025-12-20 in 2 rows"
    ):
        rfm_on(EDGES, name, today="2025-12-15")
    with pytest.raises(ll.LogilabInputError, match=r"as_of: expected a date on or after the last order date 2025-12-30"):
        rfm_on(EDGES, name, as_of="2025-12-29")
    # 20 lines in 2025 and one typed as 2035: more than a year after the 99th percentile (lower) of the dates
    slip = pd.DataFrame(
        {
            "customer_id": [f"C{i}" for i in range(21)],
            "order_date": pd.to_datetime(["2025-01-01"] * 20 + ["2035-01-01"]),
            "revenue": [1.0] * 21,
        }
    )
    with pytest.raises(
        ll.LogilabInputError, match=r"99% are on or before 2025-01-01\), found dates more than a year later such as 2035-01-01 in 1 row"
    ):
        rfm_on(slip, name, today="2040-01-01")
    with pytest.raises(ll.LogilabInputError, match=r"99% are on or before 2025-01-01"):
        ll.rfm_table(slip, today="2040-01-01")


def test_not_a_frame_and_bad_engine():
    with pytest.raises(ll.LogilabTypeError, match="lines: expected a pandas DataFrame, found list"):
        ll.rfm_table([1, 2])
    with pytest.raises(ll.LogilabInputError, match=r"engine: expected one of \['pandas', 'duckdb'\], found 'spark'"):
        ll.rfm_table(EDGES, engine="spark")


def test_engine_pandas_collects_other_frames():
    with pytest.warns(UserWarning):
        got = ll.rfm_table(pl.from_pandas(EDGES), order="order_id", engine="pandas").table
    with pytest.warns(UserWarning):
        expected = ll.rfm_table(EDGES, order="order_id").table
    pd.testing.assert_frame_equal(got, expected, check_index_type=False)


def test_caller_frame_unchanged():
    lines = EDGES.assign(order_date=EDGES["order_date"].dt.strftime("%Y-%m-%d"))
    before = lines.copy()
    with pytest.warns(UserWarning):
        ll.rfm_table(lines, order="order_id", engine="duckdb")
    pd.testing.assert_frame_equal(lines, before)


# --- imports --------------------------------------------------------------------------------


def test_import_logilab_loads_no_engine():
    # pandas itself imports pyarrow when it is installed, so count the packages a bare `import pandas` has not loaded
    code = (
        "import sys; import pandas, numpy; top = lambda: {m.split('.')[0] for m in sys.modules}; before = top(); "
        "import logilab; print(sorted(top() - before))"
    )
    added = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    for engine in ("polars", "pyarrow", "dask", "distributed", "duckdb", "narwhals"):
        assert f"'{engine}'" not in added, added


def test_missing_extra_gives_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(
        ImportError,
        match=r"^--engine polars needs the package 'polars', which is not installed\. Install it with: pip install \"logilab\[scale\]\"$",
    ):
        require_module("polars", "--engine polars")


def test_dask_warning_of_narwhals_not_shown(cluster):
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        rfm_on(EDGES.iloc[:5], "dask", order="order_id")


# --- customer_clv: the engine sums per customer and day, the estimate goes on in pandas ------------

CLV_LINES = pd.DataFrame(
    {
        "customer_id": ["C1", "C1", "C2", "C1", "C3", "C1"],
        "order_date": pd.to_datetime(["2025-01-10", "2025-04-02", "2025-01-20", "2025-07-15", "2025-07-01", "2025-07-15"]),
        "revenue": [500.0, 300.0, 200.0, 250.0, 100.0, 150.0],
        "cost": [300.0, 200.0, 150.0, 150.0, 60.0, 100.0],
    }
)


@pytest.mark.parametrize("name", ["pandas"] + ENGINES)
def test_customer_clv_hand_example(cluster, name):
    # customer_clv's docstring example, with C1's 2025-07-15 order split into two lines (250/150 and 150/100):
    # margins C1 200 + 100 + 150 = 450 over 3 quarters = 150; C2 50 / 3 = 16.67; C3 40 / 1.
    # Q1 -> Q2 keeps C1 of {C1, C2}, Q2 -> Q3 keeps C1 of {C1}: retention 2 / 3; CLV = m * (1 + r) / (1 + i - r) = 2m at i = 0
    frame, engine = on_engine(CLV_LINES, name)
    result = ll.customer_clv(frame, annual_discount_rate=0.0, engine=engine)
    assert result.retention == pytest.approx(2 / 3)
    assert result.table["clv"].round(2).to_dict() == {"C1": 300.0, "C2": 33.33, "C3": 80.0}


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("options", [{}, {"period": "month", "retention": "customer"}])
def test_customer_clv_sample_data(cluster, name, options):
    lines = ll.load_sample("order_lines")[["customer_id", "order_date", "revenue", "cost"]]
    expected = ll.customer_clv(lines, **options)
    frame, engine = on_engine(lines, name)
    got = ll.customer_clv(frame, engine=engine, **options)
    pd.testing.assert_frame_equal(got.table, expected.table, check_exact=False, rtol=1e-9)
    pd.testing.assert_frame_equal(got.retention_by_period, expected.retention_by_period)


def test_customer_clv_margin_column_and_errors():
    with_margin = CLV_LINES.assign(margin=CLV_LINES["revenue"] - CLV_LINES["cost"] - 100)  # some margins negative: allowed
    expected = ll.customer_clv(with_margin, margin="margin")
    got = ll.customer_clv(pl.from_pandas(with_margin), margin="margin")
    pd.testing.assert_frame_equal(got.table, expected.table, check_index_type=False)
    negative = CLV_LINES.assign(cost=[300.0, -1.0, 150.0, 150.0, 60.0, 100.0])
    with pytest.raises(ll.LogilabInputError, match=r"column 'cost' to hold numbers >= 0, found negative values in 1 row\."):
        ll.customer_clv(pl.from_pandas(negative))
    # a pandas frame on DuckDB: the pandas path's message, with the row
    with pytest.raises(ll.LogilabInputError, match=r"column 'cost' to hold numbers >= 0, found negative values in rows \[1\]"):
        ll.customer_clv(negative, engine="duckdb")
    with pytest.raises(ll.LogilabInputError, match=r"a column 'kosten' \(for cost\)"):
        ll.customer_clv(duckdb.from_arrow(pa.Table.from_pandas(CLV_LINES)), cost="kosten")


def test_pandas_frame_on_duckdb_errors_name_the_rows():
    lines = EDGES.assign(customer_id=["A", None, "A", "B", "B", "C", "D", "D", "E"])
    with pytest.raises(ll.LogilabInputError, match=r"column 'customer_id' without missing values, found missing values in rows \[1\]"):
        ll.rfm_table(lines, engine="duckdb")


@pytest.mark.parametrize("name", ["duckdb", "polars", "pyarrow", "dask"])
def test_missing_date_named(cluster, name):
    lines = EDGES.assign(order_date=EDGES["order_date"].where(EDGES.index != 4))
    with pytest.raises(ll.LogilabInputError, match=r"column 'order_date' without missing dates, found missing dates in 1 row\."):
        rfm_on(lines, name)


def test_integer_ids_date_types_and_time_zones():
    # integer customer and order ids and integer amounts; dates as a Date type on each engine
    lines = pd.DataFrame(
        {
            "customer_id": [3, 3, 1, 2, 2],
            "order_id": [10, 11, 12, 13, 13],
            "order_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-01-15", "2025-03-01", "2025-03-01"]),
            "revenue": [10, 20, 30, 40, 5],
        }
    )
    # as_of 2025-03-02: customer 1 last on 01-15 (46 days), 2 on 03-01 (1 day, one order 13 of 45), 3 on 02-01 (29 days, 2 orders)
    expected = pd.DataFrame(
        {"recency": [46, 1, 29], "frequency": [1, 1, 2], "monetary": [30.0, 45.0, 30.0]},
        index=pd.Index([1, 2, 3], name="customer_id"),
    )
    pd.testing.assert_frame_equal(ll.rfm_table(lines, order="order_id").table, expected)
    dated = pl.from_pandas(lines).with_columns(pl.col("order_date").cast(pl.Date))
    frames = {
        "polars": pl.from_pandas(lines),
        "polars Date": dated,
        "duckdb DATE": duckdb.from_arrow(dated.to_arrow()),
        "arrow date32": dated.to_arrow(),
    }
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(ll.rfm_table(frame, order="order_id").table, expected, obj=name)
    zoned = pl.from_pandas(lines).with_columns(pl.col("order_date").dt.replace_time_zone("Asia/Shanghai"))
    with pytest.raises(ll.LogilabInputError, match=r"column 'order_date' to hold dates without a time zone.*replace_time_zone\(None\)"):
        ll.rfm_table(zoned)


# --- the Polars and DuckDB paths written for their engine, with refunds at scale -------------------

FAST = ["duckdb-engine", "duckdb", "polars", "polars-lazy"]


@pytest.fixture(scope="module")
def refunded(sample) -> pd.DataFrame:
    """The sample lines with every 40th line's amount negated: refunds spread over many customers and days."""
    lines = sample.copy()
    lines.loc[lines.index % 40 == 0, "revenue"] *= -1
    assert 1_000 < (lines["revenue"] < 0).sum() < 2_000
    return lines


@pytest.mark.parametrize("name", FAST)
@pytest.mark.parametrize("order", ["order_id", None])
@pytest.mark.parametrize("refunds", ["net", "drop"])
def test_engine_paths_with_refunds_match_pandas(refunded, name, order, refunds):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # customers left out, refund lines dropped: the same warnings on both paths
        expected = ll.rfm_table(refunded, order=order, refunds=refunds)
        got = rfm_result_on(refunded, name, order=order, refunds=refunds)
    pd.testing.assert_frame_equal(got.table, expected.table, check_exact=False, rtol=1e-9)
    pd.testing.assert_frame_equal(got.excluded, expected.excluded, check_exact=False, rtol=1e-9)
    assert got.as_of == expected.as_of
    # the per-customer step itself, against the same step through narwhals' pandas backend (the generic group-bys)
    frame, engine = on_engine(refunded, name)
    pd.testing.assert_frame_equal(
        customer_aggregate(frame, order=order, refunds=refunds, engine=engine),
        customer_aggregate(refunded, order=order, refunds=refunds),
        check_exact=False,
        rtol=1e-9,
    )


def test_customer_order_checked_not_assumed():
    from logilab.engines import _customer_columns, _in_order

    # pandas orders text by code point, as the engines' byte order of UTF-8 does: é (U+00E9) after z
    assert _in_order(pd.Index(["a", "b", "z", "é"])) and not _in_order(pd.Index(["a", "é", "z"]))
    assert _in_order(pd.Index([9, 10])) and not _in_order(pd.Index([10, 9]))
    # purchases per customer as an engine might return them, out of order: sorted with their rows
    bought = pd.DataFrame(
        {
            "customer_id": ["b", "é", "a", "z"],
            "last_date": pd.to_datetime(["2025-01-02", "2025-01-03", "2025-01-01", "2025-01-04"]),
            "purchases": [2.0, 3.0, 1.0, 4.0],
            "frequency": [2, 3, 1, 4],
        }
    )
    index, columns = _customer_columns(None, "customer_id", None, refunds=False, groups=(bought, None))
    assert index.tolist() == ["a", "b", "z", "é"]
    assert columns["purchases"].tolist() == [1.0, 2.0, 4.0, 3.0]
    assert columns["frequency"].tolist() == [1, 2, 4, 3]
    assert columns["last_date"].astype("datetime64[D]").astype(str).tolist() == ["2025-01-01", "2025-01-02", "2025-01-04", "2025-01-03"]


def test_duckdb_database_opened_once():
    from logilab.engine_duckdb import _to_duckdb

    lines = EDGES.copy()
    first, second = _to_duckdb(lines, "order_date", ["revenue"]), _to_duckdb(lines, "order_date", ["revenue"])
    # 100 + 50 + 30 + 500 - 100 - 40 + 90 + 90 + 0 = 720
    assert first.aggregate("sum(revenue)").fetchall() == second.aggregate("sum(revenue)").fetchall() == [(720.0,)]
    # both relations are read through cursors of one in-memory database: a table made in one is seen by the other
    con = duckdb.connect()  # a separate database does not see it
    first.create("ll_edges_copy")
    assert second.query("x", "SELECT count(*) FROM ll_edges_copy").fetchall() == [(9,)]
    assert "ll_edges_copy" not in [row[0] for row in con.sql("SHOW TABLES").fetchall()]
    first.query("x", "DROP TABLE ll_edges_copy").fetchall()
