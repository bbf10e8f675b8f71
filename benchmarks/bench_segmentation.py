"""Speed of customer segmentation at analyst scale (run with `make bench`; nothing is asserted about time).

The data are synthesised here with a seeded generator: 1,000,000 order lines
of 100,000 customers over two years, with customer activity and order size
spread as in real exports (a few heavy customers, many light ones).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab.cli import main

N_LINES = 1_000_000
N_CUSTOMERS = 100_000


@pytest.fixture(scope="module")
def lines() -> pd.DataFrame:
    rng = np.random.default_rng(20240901)
    activity = rng.lognormal(0.0, 1.2, N_CUSTOMERS)
    # every customer orders at least once; the other lines go to customers in proportion to their activity
    customer = np.concatenate([np.arange(N_CUSTOMERS), rng.choice(N_CUSTOMERS, size=N_LINES - N_CUSTOMERS, p=activity / activity.sum())])
    customer = rng.permutation(customer)
    # about 2.5 lines per order: consecutive lines of one customer share an order id
    order = np.cumsum(rng.random(N_LINES) < 0.4)
    days = rng.integers(0, 731, N_LINES)
    return pd.DataFrame(
        {
            "customer_id": np.char.add("C", np.char.zfill(customer.astype(str), 6)),
            "order_id": np.char.add("SO", np.char.zfill(order.astype(str), 7)),
            "order_date": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D"),
            "revenue": np.round(rng.lognormal(6.0, 1.0, N_LINES), 2),
        }
    )


@pytest.fixture(scope="module")
def rfm(lines) -> pd.DataFrame:
    return ll.rfm_table(lines, order="order_id").table


def test_bench_rfm_segments_abc_1m_lines(benchmark, lines):
    """RFM table, scores, the eight classes and ABC for 1 million order lines (dates already parsed)."""
    result = benchmark.pedantic(ll.segment_customers, args=(lines,), kwargs={"order": "order_id", "clusters": False}, rounds=3)
    assert len(result.table) == N_CUSTOMERS


def test_bench_rfm_segments_abc_1m_lines_text_dates(benchmark, lines):
    """The same with dates as text, as they come from a CSV export (parsing included)."""
    text = lines.assign(order_date=lines["order_date"].dt.strftime("%Y/%m/%d"))
    result = benchmark.pedantic(ll.segment_customers, args=(text,), kwargs={"order": "order_id", "clusters": False}, rounds=3)
    assert result.parameters["as_of"] == "2026-01-01"


def test_bench_kmeans_100k_customers_choose_k(benchmark, rfm):
    """k-means on 100,000 customers, k chosen by silhouette among 2..8 (seven fits of 10 starts each)."""
    result = benchmark.pedantic(ll.kmeans_segments, args=(rfm,), rounds=1, iterations=1)
    assert len(result.labels) == len(rfm) == N_CUSTOMERS


def test_bench_kmeans_100k_customers_fixed_k(benchmark, rfm):
    """k-means on 100,000 customers with k = 5 given (the selection table still shows k = 5 only)."""
    result = benchmark.pedantic(ll.kmeans_segments, args=(rfm,), kwargs={"k": 5, "k_range": (5,)}, rounds=3)
    assert result.k == 5


def test_bench_cli_on_a_1m_line_csv(benchmark, lines, tmp_path_factory):
    """The whole command: read a 1M-line GBK CSV with Chinese headers, segment (k-means included), write report and CSV."""
    folder = tmp_path_factory.mktemp("cli")
    source = folder / "订单.csv"
    chinese = {"customer_id": "客户编号", "order_id": "订单号", "order_date": "下单日期", "revenue": "金额"}
    lines.rename(columns=chinese).to_csv(source, index=False, encoding="gbk", date_format="%Y-%m-%d")

    def run() -> int:
        return main(["segment", str(source), "--out", str(folder / "r.html"), "--csv", str(folder / "s.csv"), "--force", "--quiet"])

    assert benchmark.pedantic(run, rounds=1, iterations=1) == 0
