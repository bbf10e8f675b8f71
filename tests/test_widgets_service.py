"""The service-level explorers, driven without a browser: move a control, check the new figure data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll


def _point(explorer):
    """(k, fill rate) of the current point in the left panel."""
    trace = explorer.figure.data[4]
    return trace.x[0], trace.y[0]


def test_fill_rate_explorer_follows_q_sigma_and_k():
    explorer = ll.fill_rate_explorer(lang="en")
    assert _point(explorer) == pytest.approx((1.0, 0.983337), abs=1e-6)  # 1 - 100 G(1) / 500
    explorer.controls["order_qty"].value = 1000  # same safety stock, twice the order quantity
    assert _point(explorer)[1] == pytest.approx(1 - 100 * ll.normal_loss(1.0) / 1000)
    assert _point(explorer)[1] > 0.983337
    explorer.controls["sigma"].value = 200
    explorer.controls["k"].value = 0.5
    assert _point(explorer) == pytest.approx((0.5, 1 - 200 * ll.normal_loss(0.5) / 1000))
    assert "safety stock <b>100.0</b>" in explorer.summary.value
    assert f"expected shortage per cycle (ESC) <b>{200 * ll.normal_loss(0.5):.2f}</b>" in explorer.summary.value
    assert f"cycle service level (CSL) <b>{ll.cycle_service_level(0.5):.2%}</b>" in explorer.summary.value


def test_fill_rate_explorer_solves_k_for_a_target():
    explorer = ll.fill_rate_explorer(lang="en")
    explorer.controls["target_fill_rate"].value = 0.99
    assert _point(explorer)[0] == 1.0  # still in "k given" mode
    explorer.controls["solve_for"].value = "target"
    k, rate = _point(explorer)
    assert rate == pytest.approx(0.99, abs=1e-9)
    assert k == pytest.approx(ll.safety_factor(0.99, 500, 100))
    assert explorer.controls["k"].disabled and not explorer.controls["target_fill_rate"].disabled
    explorer.controls["order_qty"].value = 1500  # larger Q: less safety stock for the same target
    assert _point(explorer)[0] < k
    assert _point(explorer)[1] == pytest.approx(0.99, abs=1e-9)


def test_service_level_explorer_moves_the_optimum():
    explorer = ll.service_level_explorer(lang="en")
    optimum = explorer.figure.data[3]
    assert optimum.x[0] == pytest.approx(ll.optimal_service_level().level)
    explorer.controls["cost_scale"].value = 3.0
    expected = ll.optimal_service_level(cost_scale=3.0)
    assert explorer.figure.data[3].x[0] == pytest.approx(expected.level)
    assert explorer.figure.data[3].y[0] == pytest.approx(expected.profit)
    explorer.controls["max_revenue"].value = 2000
    assert explorer.figure.data[3].x[0] == pytest.approx(ll.optimal_service_level(cost_scale=3.0, max_revenue=2000).level)
    assert f"<b>{ll.optimal_service_level(cost_scale=3.0, max_revenue=2000).level:.2%}</b>" in explorer.summary.value


def test_kpi_trend_explorer_switches_kpi_and_grouping():
    lines = pd.DataFrame(
        {
            "order_id": ["A", "B", "C", "D"],
            "ordered_qty": [10, 10, 10, 10],
            "shipped_qty": [10, 5, 10, 10],
            "damaged_qty": [0, 0, 0, 1],
            "warehouse": ["X", "Y", "X", "Y"],
            "order_date": ["2025-01-02", "2025-01-03", "2025-02-02", "2025-02-03"],
            "promised_date": ["2025-01-04", "2025-01-05", "2025-02-04", "2025-02-05"],
            "delivered_date": ["2025-01-04", "2025-01-05", "2025-02-06", "2025-02-05"],
            "doc_error": [0, 0, 0, 0],
            "complaint": [0, 1, 0, 0],
            "claim": [0, 0, 0, 0],
        }
    )
    explorer = ll.kpi_trend_explorer(lines, lang="en")
    # OTIF: X = A (ok) in Jan, C (late) in Feb; Y = B (short) in Jan, D (ok) in Feb
    assert [t.name for t in explorer.figure.data] == ["X", "Y"]
    assert list(explorer.figure.data[0].y) == [1.0, 0.0]
    assert list(explorer.figure.data[1].y) == [0.0, 1.0]
    assert "on-time in-full (OTIF): <b>50.00%</b>" in explorer.summary.value
    explorer.controls["kpi"].value = "unit_fill_rate"
    assert list(explorer.figure.data[1].y) == [0.5, 1.0]
    explorer.controls["by"].value = ""
    assert len(explorer.figure.data) == 1
    np.testing.assert_allclose(explorer.figure.data[0].y, [15 / 20, 1.0])
    assert list(explorer.figure.data[0].x) == ["2025-01", "2025-02"]
