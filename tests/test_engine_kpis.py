"""service_kpis on every engine gives the pandas path's table (logilab.engine_kpis).

Every engine's result is compared with the pandas path (:func:`logilab.service_kpis` on a
pandas DataFrame, itself checked against hand calculations in test_metrics.py); the edge
cases below carry their expected values worked out by hand.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

import logilab as ll

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
dd = pytest.importorskip("dask.dataframe")
duckdb = pytest.importorskip("duckdb")
distributed = pytest.importorskip("distributed")

ENGINES = ["duckdb-engine", "duckdb", "polars", "polars-lazy", "pyarrow"]


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
    table = pa.Table.from_pandas(lines, preserve_index=False)
    if name == "pyarrow":
        return table, None
    if name == "duckdb":
        return duckdb.from_arrow(table), None
    if name == "polars":
        return pl.from_arrow(table), None
    if name == "polars-lazy":
        return pl.from_arrow(table).lazy(), None
    if name == "dask":
        return dd.from_pandas(lines, npartitions=3, sort=False), None
    raise AssertionError(name)


def kpis_on(lines: pd.DataFrame, name: str, **options) -> pd.DataFrame:
    frame, engine = on_engine(lines, name)
    return ll.service_kpis(frame, engine=engine, **options)


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return ll.load_sample("order_lines")


SAMPLE_CASES = {
    "overall": {},
    "warehouse": {"by": "warehouse"},
    "warehouse-month": {"by": ["warehouse", "month"]},
    "quarter": {"by": "quarter"},
    "week-day": {"by": ["week", "day"], "kpis": ["cycle_time_mean", "on_time_rate"]},
    "subset": {"by": "warehouse", "kpis": ["otif", "cycle_time_median", "cycle_time_p90", "damage_rate"]},
    "line-level": {"by": "category", "kpis": "unit_fill_rate"},
    "switched-off": {"by": "year", "damaged_qty": None, "doc_error": None, "claim": None},
    "no-order": {"by": "warehouse", "order": None},
    "agreed-days": {"by": "warehouse", "agreed_days": 2},
}


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("case", list(SAMPLE_CASES))
def test_sample_data_same_table_on_every_engine(sample, name, case):
    options = SAMPLE_CASES[case]
    expected = ll.service_kpis(sample, **options)
    got = kpis_on(sample, name, **options)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("options", [{}, {"by": ["warehouse", "month"]}])
def test_sample_data_on_a_dask_cluster(sample, cluster, options):
    expected = ll.service_kpis(sample, **options)
    got = kpis_on(sample, "dask", **options)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9)


def test_the_docstring_numbers_on_duckdb(sample):
    # the figures of the service_kpis docstring example (pandas path): 23065 orders, OTIF 0.8162
    got = ll.service_kpis(sample, engine="duckdb")
    assert got["orders"].iloc[0] == 23065
    assert round(got["otif"].iloc[0], 4) == 0.8162
    assert round(got["perfect_order_rate"].iloc[0], 4) == 0.7792


def test_times_of_day_give_pandas_fractional_days(sample):
    # order and delivery times spread over the day (to the millisecond): the cycle times are fractions of days
    step = pd.Series(np.arange(len(sample)), index=sample.index)
    lines = sample.assign(
        order_date=sample["order_date"] + pd.to_timedelta((step * 7919) % 86400, unit="s"),
        delivered_date=sample["delivered_date"] + pd.to_timedelta((step * 104729) % 86_400_000, unit="ms"),
        promised_date=sample["promised_date"] + pd.Timedelta(hours=12),
    )
    lines = lines[lines["order_date"] <= lines["delivered_date"]]
    expected = ll.service_kpis(lines, by="warehouse")
    assert (expected["cycle_time_median"] % 1 != 0).all()
    for name in ["duckdb-engine", "polars", "duckdb", "pyarrow"]:
        pd.testing.assert_frame_equal(kpis_on(lines, name, by="warehouse"), expected, check_exact=False, rtol=1e-12, obj=name)


def test_date_types_and_mixed_date_and_datetime(sample):
    frame = pl.from_pandas(sample)
    dated = frame.with_columns(pl.col("order_date", "promised_date", "delivered_date").cast(pl.Date))
    expected = ll.service_kpis(sample, by="quarter")
    pd.testing.assert_frame_equal(ll.service_kpis(dated, by="quarter"), expected, check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(
        ll.service_kpis(duckdb.from_arrow(dated.to_arrow()), by="quarter"), expected, check_exact=False, rtol=1e-12
    )
    # a promised Date against delivery datetimes at noon: delivered at noon of the promised day is late (after its midnight)
    noon = sample.assign(delivered_date=sample["delivered_date"] + pd.Timedelta(hours=12))
    mixed = pl.from_pandas(noon).with_columns(pl.col("promised_date").cast(pl.Date))
    before = ll.service_kpis(sample, by="quarter")["on_time_rate"]
    expected = ll.service_kpis(noon, by="quarter")
    assert (expected["on_time_rate"] < before).all()
    pd.testing.assert_frame_equal(ll.service_kpis(mixed, by="quarter"), expected, check_exact=False, rtol=1e-12)


# --- hand-made edge cases ---------------------------------------------------------------------

EDGES = pd.DataFrame(
    {
        "warehouse": ["W1", "W1", "W1", "W1", "W2"],
        "order_id": ["A", "A", "B", "C", "D"],
        "ordered_qty": [10, 5, 4, 6, 5],
        "shipped_qty": [10, 5, 3, 6, 0],  # B: one short line; D: nothing shipped
        "damaged_qty": [0, 0, 0, 1, 0],
        "order_date": pd.to_datetime(["2025-03-01", "2025-03-01", "2025-03-01", "2025-03-02", "2025-03-01"]),
        "promised_date": pd.to_datetime(["2025-03-04", "2025-03-04", "2025-03-03", "2025-03-04", "2025-03-03"]),
        # A: a split delivery, its second line arrives after the promised day
        "delivered_date": pd.to_datetime(["2025-03-03", "2025-03-05", "2025-03-03", "2025-03-04", "2025-03-03"]),
        "doc_error": [0, 0, 0, 1, 0],
        "complaint": [0, 1, 0, 0, 0],
        "claim": [0, 0, 0, 0, 1],
    }
)

# Worked out by hand. W1: orders A (2 full lines, on time? no: line 2 delivered 03-05 > 03-04; cycle 03-05 - 03-01 = 4 days),
# B (short: 3 of 4; on time; cycle 2), C (full, on time, 1 unit damaged, document error; cycle 2).
# W2: order D (0 of 5 shipped, on time, claim; cycle 2).
EDGES_BY_WAREHOUSE = pd.DataFrame(
    {
        "warehouse": ["W1", "W2"],
        "orders": [3, 1],
        "lines": [4, 1],
        "ordered_units": [25.0, 5.0],
        "shipped_units": [24.0, 0.0],
        "unit_fill_rate": [24 / 25, 0.0],
        "line_fill_rate": [3 / 4, 0.0],  # A's two lines and C's in full
        "stockout_frequency": [1 / 4, 1.0],
        "order_fill_rate": [2 / 3, 0.0],  # A and C
        "on_time_rate": [2 / 3, 1.0],  # B and C; D
        "otif": [1 / 3, 0.0],  # C only
        "order_completion_rate": [1 / 3, 0.0],  # = OTIF without agreed_days
        "undamaged_order_rate": [2 / 3, 1.0],
        "doc_accuracy_rate": [2 / 3, 1.0],
        "perfect_order_rate": [0.0, 0.0],
        "perfect_order_product": [(2 / 3) ** 4, 0.0],
        "cycle_time_mean": [8 / 3, 2.0],  # (4 + 2 + 2) / 3
        "cycle_time_median": [2.0, 2.0],  # the tie 2, 2 of sorted [2, 2, 4]
        "cycle_time_p90": [3.6, 2.0],  # position 0.9 * (3 - 1) = 1.8: 2 + 0.8 * (4 - 2)
        "damage_rate": [1 / 24, np.nan],  # W2 shipped nothing: no damage rate
        "complaint_rate": [1 / 3, 0.0],  # A (its second line)
        "claim_rate": [0.0, 1.0],
    }
)

# Overall: cycle times [4, 2, 2, 2]: median 2, p90 at position 0.9 * 3 = 2.7: 2 + 0.7 * (4 - 2) = 3.4; mean 10 / 4.
EDGES_OVERALL = {
    "orders": 4,
    "lines": 5,
    "unit_fill_rate": 24 / 30,
    "line_fill_rate": 3 / 5,
    "order_fill_rate": 2 / 4,
    "on_time_rate": 3 / 4,
    "otif": 1 / 4,
    "perfect_order_product": 3 / 4 * 2 / 4 * 3 / 4 * 3 / 4,
    "cycle_time_mean": 2.5,
    "cycle_time_median": 2.0,
    "cycle_time_p90": 3.4,
    "damage_rate": 1 / 24,
    "complaint_rate": 1 / 4,
    "claim_rate": 1 / 4,
}


@pytest.mark.parametrize("name", ["pandas", *ENGINES, "dask"])
def test_edge_cases_by_hand(cluster, name):
    got = ll.service_kpis(EDGES, by="warehouse") if name == "pandas" else kpis_on(EDGES, name, by="warehouse")
    pd.testing.assert_frame_equal(got, EDGES_BY_WAREHOUSE, check_exact=False, rtol=1e-12, check_dtype=False)
    overall = ll.service_kpis(EDGES) if name == "pandas" else kpis_on(EDGES, name)
    assert overall.shape[0] == 1
    for column, value in EDGES_OVERALL.items():
        assert overall[column].iloc[0] == pytest.approx(value, rel=1e-12), column


@pytest.mark.parametrize("name", ["pandas", "duckdb-engine", "polars-lazy", "duckdb"])
def test_agreed_days_by_hand(name):
    # within 4 days of the order date and in full: A (4 days) and C (2 days) in W1; D is not in full
    options = {"by": "warehouse", "kpis": "order_completion_rate", "agreed_days": 4}
    got = ll.service_kpis(EDGES, **options) if name == "pandas" else kpis_on(EDGES, name, **options)
    assert got["order_completion_rate"].tolist() == pytest.approx([2 / 3, 0.0])
    options["agreed_days"] = 3.5  # A's 4 days are now too long
    got = ll.service_kpis(EDGES, **options) if name == "pandas" else kpis_on(EDGES, name, **options)
    assert got["order_completion_rate"].tolist() == pytest.approx([1 / 3, 0.0])


@pytest.mark.parametrize("name", ["pandas", "polars", "duckdb", "dask"])
def test_fractional_cycle_time_by_hand(cluster, name):
    # ordered 03-01 18:00, delivered 03-03 06:00: 1.5 days; ordered 03-02 00:00, delivered 03-02 06:00: 0.25 days
    lines = pd.DataFrame(
        {
            "order_id": ["A", "B"],
            "order_date": pd.to_datetime(["2025-03-01 18:00", "2025-03-02 00:00"]),
            "delivered_date": pd.to_datetime(["2025-03-03 06:00", "2025-03-02 06:00"]),
        }
    )
    options = {"kpis": ["cycle_time_mean", "cycle_time_median", "cycle_time_p90"], "by": "day"}
    got = ll.service_kpis(lines, **options) if name == "pandas" else kpis_on(lines, name, **options)
    assert got["day"].tolist() == ["2025-03-01", "2025-03-02"]
    assert got["cycle_time_mean"].tolist() == [1.5, 0.25]
    got = ll.service_kpis(lines, kpis=options["kpis"]) if name == "pandas" else kpis_on(lines, name, kpis=options["kpis"])
    # two orders: mean = median = (1.5 + 0.25) / 2; p90 at position 0.9: 0.25 + 0.9 * 1.25
    assert got[options["kpis"]].iloc[0].tolist() == pytest.approx([0.875, 0.875, 1.375])


def test_group_column_varying_within_an_order():
    # by="category": each part of order A is judged on its own (the pandas path's rule)
    lines = EDGES.assign(category=["x", "y", "x", "x", "y"])
    expected = ll.service_kpis(lines, by="category")
    # x: A's first line (full, delivered 03-03 on time), B (short), C; y: A's second line (late), D
    assert expected["orders"].tolist() == [3, 2]
    assert expected["on_time_rate"].tolist() == pytest.approx([1.0, 0.5])
    for name in ["duckdb", "polars-lazy"]:
        pd.testing.assert_frame_equal(kpis_on(lines, name, by="category"), expected, check_exact=False, rtol=1e-12)


def test_boolean_flags_and_integer_keys():
    # flags as booleans and an integer group column give the table of 0/1 flags and text keys
    lines = EDGES.assign(doc_error=EDGES["doc_error"].astype(bool), complaint=EDGES["complaint"].astype(bool), warehouse=[1, 1, 1, 1, 2])
    expected = EDGES_BY_WAREHOUSE.assign(warehouse=[1, 2])
    for name in ["polars", "duckdb", "duckdb-engine"]:
        pd.testing.assert_frame_equal(
            kpis_on(lines, name, by="warehouse"), expected, check_exact=False, rtol=1e-12, check_dtype=False, obj=name
        )


# --- the same checks, messages with row counts --------------------------------------------------


def test_bad_values_on_an_engine():
    def refused(lines: pd.DataFrame, pattern: str, name: str = "polars", **options) -> None:
        with pytest.raises(ll.LogilabInputError, match=pattern):
            kpis_on(lines, name, **options)

    refused(
        EDGES.assign(shipped_qty=[10, 6, 5, 6, 0]),
        r"^lines: expected 'shipped_qty' <= 'ordered_qty' in every row, found 'shipped_qty' > 'ordered_qty' in 2 rows\. "
        r"More cannot be shipped than was ordered; correct those rows\.$",
    )
    refused(
        EDGES.assign(damaged_qty=[0, -1, 0, 1, 0]),
        r"^lines: expected column 'damaged_qty' to hold numbers >= 0, found negative values in 1 row\. Correct or remove those rows\.$",
    )
    refused(
        EDGES.assign(order_date=EDGES["order_date"].dt.strftime("%Y-%m-%d")),
        r"^lines: expected column 'order_date' to hold dates \(a date or datetime type\), found the type String\. "
        r"Parse it on the engine first \(e\.g\. Polars pl\.col\('order_date'\)\.str\.to_date\(\)",
    )
    refused(
        EDGES.assign(complaint=[0, 2, 0, 0, 1]),
        r"^lines: expected column 'complaint' to hold 0/1 flags \(1 = yes\), found other values such as 2 in 1 row\. "
        r"Code the column as 0 = no, 1 = yes\.$",
    )
    refused(
        EDGES.drop(columns="claim"),
        r"^lines: expected a column 'claim', found no such column among \['warehouse', .*\]\. Pass claim='<your column>' to map it\.$",
        kpis="claim_rate",
    )
    refused(
        EDGES.assign(ordered_qty=[10, 5, 0, 6, 5], shipped_qty=[10, 5, 0, 6, 0]),
        r"^lines: expected column 'ordered_qty' to hold numbers > 0, found zero in 1 row\. A line with nothing ordered is no demand",
        name="duckdb",
    )
    refused(
        EDGES.assign(delivered_date=EDGES["delivered_date"] - pd.Timedelta(days=3)),
        r"^lines: expected 'order_date' <= 'delivered_date' in every row, found 'order_date' > 'delivered_date' in 4 rows\. "
        r"A delivered date before the order date",
        name="pyarrow",
    )
    refused(
        EDGES.assign(warehouse=["W1", None, "W1", "W1", None]),
        r"^lines: expected column 'warehouse' \(used in by\) without missing values, found missing values in 2 rows\.",
        name="polars-lazy",
        by="warehouse",
    )
    refused(
        EDGES.assign(promised_date=EDGES["promised_date"].where(EDGES.index != 0)),
        r"^lines: expected column 'promised_date' without missing dates, found missing dates in 1 row\. Fill or drop those rows first\.$",
        name="duckdb",
    )
    refused(EDGES.iloc[:0], r"^lines: expected at least one row, found an empty table", name="polars")
    # the pandas path's group-by leaves out lines without an order id; an engine refuses them rather than guess
    refused(
        EDGES.assign(order_id=["A", None, "B", "C", "D"]),
        r"^lines: expected column 'order_id' without missing values, found missing values in 1 row\. Fill or drop those rows first",
        name="polars",
    )
    refused(
        EDGES,
        r"^by: expected column names of lines or one of \['day', 'week', 'month', 'quarter', 'year'\], found 'warehous'",
        by="warehous",
    )


def test_bad_values_on_dask(cluster):
    with pytest.raises(ll.LogilabInputError, match=r"found 'shipped_qty' > 'ordered_qty' in 1 row\."):
        kpis_on(EDGES.assign(shipped_qty=[10, 5, 5, 6, 0]), "dask")


def test_pandas_frame_on_duckdb_errors_name_the_rows():
    with pytest.raises(ll.LogilabInputError, match=r"found 'shipped_qty' > 'ordered_qty' in rows \[1, 2\]"):
        ll.service_kpis(EDGES.assign(shipped_qty=[10, 6, 5, 6, 0]), engine="duckdb")
    with pytest.raises(ll.LogilabInputError, match=r"found other values such as 2 in rows \[1\]"):
        ll.service_kpis(EDGES.assign(complaint=[0, 2, 0, 0, 1]), engine="duckdb")


def test_text_dates_parsed_for_pandas_on_duckdb_and_caller_frame_unchanged():
    lines = EDGES.assign(**{c: EDGES[c].dt.strftime("%Y-%m-%d") for c in ("order_date", "promised_date", "delivered_date")})
    before = lines.copy()
    got = ll.service_kpis(lines, by="warehouse", engine="duckdb")
    pd.testing.assert_frame_equal(got, EDGES_BY_WAREHOUSE, check_exact=False, rtol=1e-12, check_dtype=False)
    pd.testing.assert_frame_equal(lines, before)


def test_engine_pandas_collects_other_frames_and_bad_engine():
    got = ll.service_kpis(pl.from_pandas(EDGES), by="warehouse", engine="pandas")
    pd.testing.assert_frame_equal(got, EDGES_BY_WAREHOUSE, check_exact=False, rtol=1e-12, check_dtype=False)
    with pytest.raises(ll.LogilabInputError, match=r"engine: expected one of \['pandas', 'duckdb'\], found 'spark'"):
        ll.service_kpis(EDGES, engine="spark")
    with pytest.raises(ll.LogilabTypeError, match="lines: expected a pandas DataFrame, found list"):
        ll.service_kpis([1, 2])


def test_missing_duckdb_gives_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(
        ImportError,
        match=r"^engine='duckdb' needs the package 'duckdb', which is not installed\. Install it with: pip install \"logilab\" "
        r"\(DuckDB is one of its dependencies\) or pip install duckdb$",
    ):
        ll.service_kpis(EDGES, engine="duckdb")
