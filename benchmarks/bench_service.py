"""Speed of the service-level functions on the full sample (run with `make bench`; nothing is asserted about time)."""

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


def test_bench_fill_rate_explorer_update(benchmark):
    explorer = ll.fill_rate_explorer()
    slider = explorer.controls["order_qty"]

    def move():
        slider.value = 600 if slider.value != 600 else 700

    benchmark(move)


def test_bench_service_level_explorer_update(benchmark):
    explorer = ll.service_level_explorer()
    slider = explorer.controls["cost_scale"]

    def move():
        slider.value = 2.0 if slider.value != 2.0 else 3.0

    benchmark(move)
