"""Figures of probabilistic customer value and of ranking stability: the data they draw."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab.clv_models import BGNBDResult

CDNOW = BGNBDResult(None, 0.243, 4.414, 0.793, 2.426, -9582.4, 2357, "week")
X3 = pd.DataFrame({"otif": [10, 0, 5], "speed": [0, 10, 5], "care": [0, 10, 0]}, index=["A", "B", "C"])


def test_p_alive_heat_map_values_by_hand():
    fig = ll.plot_p_alive_matrix(CDNOW, T=38.86, max_frequency=5, steps=5, lang="zh")
    heat = fig.data[0]
    z = np.array(heat.z, dtype=float)
    assert z.shape == (6, 5)
    # x = 0: only t_x = 0 exists, and there P(alive) = 1
    assert z[0, 0] == 1.0 and np.isnan(z[0, 1:]).all()
    # x = 2, t_x = T: 1 / (1 + a / (b + 1)) (the ratio (alpha + T) / (alpha + t_x) is 1)
    assert z[2, -1] == pytest.approx(1 / (1 + 0.793 / 3.426))
    # bought often, long ago: lower P(alive) at the same t_x the more repeat purchases
    assert z[5, 1] < z[1, 1]
    assert "周" in fig.layout.xaxis.title.text


def test_weight_sensitivity_lines_and_critical_marks():
    result = ll.weight_sensitivity(X3, [0.6, 0.3, 0.1], method="weighted_score")
    fig = ll.plot_weight_sensitivity(result, "speed", lang="en")
    a = fig.data[0]
    # speed weight 0: otif 6/7, care 1/7 -> A 85.7 (rank 1); speed weight 1: B first, A last
    assert a.name == "A" and a.y[0] == 1 and a.y[-1] == 3
    assert [round(s.x0, 4) for s in fig.layout.shapes] == [0.3, round(5 / 12, 4)]
    scores = ll.plot_weight_sensitivity(result, "speed", y="score", lang="en")
    assert scores.data[0].y[0] == pytest.approx(100 * 6 / 7)


def test_holdout_comparison_lines():
    lines = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "B", "B", "C"],
            "order_date": pd.to_datetime(["2026-01-01", "2026-01-15", "2026-03-05", "2026-01-08", "2026-02-19", "2026-01-22"]),
            "revenue": [10.0, 20.0, 30.0, 15.0, 25.0, 5.0],
        }
    )
    summary = ll.rfm_summary(lines, calibration_end="2026-02-05", observation_end="2026-03-05", time_unit="week")
    result = ll.holdout_comparison(CDNOW, summary, max_frequency=1)
    fig = ll.plot_holdout_comparison(result, lang="zh")
    # B and C made no repeat purchase in the calibration period; B bought once in the holdout: mean 0.5. A: 1 of 1
    assert list(fig.data[0].x) == ["0", "1+"] and list(fig.data[0].y) == [0.5, 1.0]
    assert list(fig.data[1].y) == pytest.approx(result.table["predicted"].tolist())
    assert "4 周" in fig.layout.yaxis.title.text
