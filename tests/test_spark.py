"""The same calls on PySpark, through narwhals: the per-customer table, the segmentation, customer value and the
service KPIs of a Spark DataFrame are those of the pandas path (Spark in local mode on two cores).

Spark needs a Java runtime (``.ci/run`` installs Debian's when it is missing) and PySpark (a dev extra).
"""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

import logilab as ll

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime (java on the PATH)", allow_module_level=True)

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::DeprecationWarning", "ignore::UserWarning")

DATES = ["order_date", "promised_date", "shipped_date", "delivered_date"]
ROLES = {"customer": "customer_id", "date": "order_date", "amount": "revenue", "order": "order_id"}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("logilab-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _on_spark(spark, frame: pd.DataFrame, kind: str = "timestamp_ntz"):
    """A Spark DataFrame of ``frame``, its dates as Spark's timestamps without a time zone (as pandas has them) or ``kind``."""
    from pyspark.sql import functions as F

    result = spark.createDataFrame(frame)
    for column in DATES:
        if column in frame:
            result = result.withColumn(column, F.col(column).cast(kind))
    return result


@pytest.fixture(scope="module")
def lines():
    return ll.load_sample("order_lines")


@pytest.fixture(scope="module")
def spark_lines(spark, lines):
    return _on_spark(spark, lines)


def test_rfm_table(lines, spark_lines):
    expected = ll.rfm_table(lines, **ROLES).table
    found = ll.rfm_table(spark_lines, **ROLES).table
    assert found.index.tolist() == expected.index.tolist()
    assert found["recency"].tolist() == expected["recency"].tolist()
    assert found["frequency"].tolist() == expected["frequency"].tolist()
    np.testing.assert_allclose(found["monetary"], expected["monetary"], rtol=1e-9)


def test_segment_customers(lines, spark_lines):
    expected = ll.segment_customers(lines, **ROLES, clusters=False).table
    found = ll.segment_customers(spark_lines, **ROLES, clusters=False).table
    for column in ("segment", "abc_class", "rfm_code"):
        assert found[column].tolist() == expected[column].tolist(), column


def test_customer_clv(lines, spark_lines):
    options = {"customer": "customer_id", "date": "order_date", "amount": "revenue", "cost": "cost"}
    expected = ll.customer_clv(lines, **options).table
    found = ll.customer_clv(spark_lines, **options).table
    assert found.index.tolist() == expected.index.tolist()
    numbers = expected.select_dtypes("number").columns
    np.testing.assert_allclose(found[numbers].to_numpy(dtype=float), expected[numbers].to_numpy(dtype=float), rtol=1e-9)


@pytest.mark.parametrize("by", ["warehouse", "month"])
def test_service_kpis(lines, spark_lines, by):
    expected = ll.service_kpis(lines, by=by)
    found = ll.service_kpis(spark_lines, by=by)
    assert found.columns.tolist() == expected.columns.tolist()
    assert found[by].astype(str).tolist() == expected[by].astype(str).tolist()
    numbers = expected.select_dtypes("number").columns
    np.testing.assert_allclose(found[numbers].to_numpy(dtype=float), expected[numbers].to_numpy(dtype=float), rtol=1e-9)


@pytest.mark.parametrize("kind", ["timestamp_ntz", "date"])
def test_refunds_and_same_day_orders_worked_by_hand(spark, kind):
    """A: two orders on one day (frequency 2), a refund of 30 (monetary 100 + 50 - 30 = 120), last order 2025-03-05,
    recency 2 against as_of 2025-03-07. B: one order of 40 on 2025-03-06, recency 1. C: a refund only, left out."""
    frame = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "B", "C"],
            "order_id": ["o1", "o2", "o3", "o4", "o5"],
            "order_date": pd.to_datetime(["2025-03-05", "2025-03-05", "2025-03-06", "2025-03-06", "2025-03-06"]),
            "revenue": [100.0, 50.0, -30.0, 40.0, -10.0],
        }
    )
    table = ll.rfm_table(_on_spark(spark, frame, kind), **ROLES, as_of="2025-03-07").table
    assert table.index.tolist() == ["A", "B"]
    assert table["frequency"].tolist() == [2, 1]
    assert table["monetary"].tolist() == [120.0, 40.0]
    assert table["recency"].tolist() == [2, 1]


def test_a_timestamp_with_a_time_zone_is_refused_with_the_cast_that_fixes_it(spark):
    frame = pd.DataFrame({"customer_id": ["A", "B"], "order_date": pd.to_datetime(["2025-03-05", "2025-03-06"]), "revenue": [1.0, 2.0]})
    zoned = spark.createDataFrame(frame)  # Spark's TIMESTAMP holds an instant: narwhals reads it with the session's zone
    with pytest.raises(ll.LogilabInputError, match="'order_date'.*time zone.*timestamp_ntz"):
        ll.rfm_table(zoned, customer="customer_id", date="order_date", amount="revenue")
