"""Speed of the service-level functions on the full sample (run with `make bench-micro`; nothing is asserted about time)."""

from __future__ import annotations

import numpy as np
import pytest

import logilab as ll


@pytest.fixture(scope="module")
def lines():
    return ll.load_sample("order_lines")


def test_bench_service_kpis_overall(benchmark, lines):
    result = benchmark(ll.service_kpis, lines)
    assert len(result) == 1


def test_bench_service_kpis_by_month_and_warehouse(benchmark, lines):
    result = benchmark(ll.service_kpis, lines, by=["month", "warehouse"])
    assert len(result) == 120


def test_bench_safety_factor_for_1000_targets(benchmark):
    targets = np.linspace(0.80, 0.999, 1000)
    k = benchmark(ll.safety_factor, targets, 500, 100)
    assert k.shape == (1000,)
