"""Figures of the service-level notebook: the data each trace carries, labels in both languages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError

KPIS = {"unit_fill_rate": 0.975, "otif": 0.80, "on_time_rate": 0.96, "damage_rate": 0.003, "complaint_rate": 0.04}
GREEN, RED = "#2ca02c", "#d62728"


def test_overview_splits_higher_and_lower_is_better_and_colours_against_targets():
    fig = ll.plot_kpi_overview(KPIS, lang="en")
    bars_high, targets_high, bars_low, targets_low = fig.data
    assert list(bars_high.y) == ["supply ratio (unit fill rate)", "on-time delivery rate", "on-time in-full (OTIF)"]
    assert list(bars_high.x) == [0.975, 0.96, 0.80]
    # targets 0.97, 0.95, 0.85: met, met, missed
    assert list(targets_high.x) == [0.97, 0.95, 0.85]
    assert list(bars_high.marker.color) == [GREEN, GREEN, RED]
    # lower is better: damage 0.003 > 0.002 missed, complaints 0.04 <= 0.05 met
    assert list(bars_low.x) == [0.003, 0.04]
    assert list(bars_low.marker.color) == [RED, GREEN]
    assert fig.layout.title.text == "service KPI overview"
    assert ll.plot_kpi_overview(KPIS).layout.title.text == "服务指标总览"


def test_overview_accepts_the_service_kpis_row_and_custom_targets():
    lines = ll.load_sample("order_lines")
    row = ll.service_kpis(lines[lines["warehouse"] == "WH-SH"])
    fig = ll.plot_kpi_overview(row, targets={"otif": 0.5}, lang="en")
    otif_index = list(fig.data[0].y).index("on-time in-full (OTIF)")
    assert fig.data[0].x[otif_index] == pytest.approx(row["otif"].iloc[0])
    assert list(fig.data[1].x) == [0.5]  # only the KPI with a target gets a tick
    assert fig.data[0].marker.color[otif_index] == GREEN
    with pytest.raises(LogilabInputError, match="kpis: expected the one-row overall result of service_kpis"):
        ll.plot_kpi_overview(ll.service_kpis(lines, by="warehouse"))


def test_trend_has_one_line_per_warehouse_with_the_kpi_values():
    table = ll.service_kpis(ll.load_sample("order_lines"), by=["month", "warehouse"], kpis="otif")
    fig = ll.plot_kpi_trend(table, "otif", lang="en")
    assert [t.name for t in fig.data] == ["WH-BJ", "WH-CD", "WH-GZ", "WH-SH", "WH-WH"]
    chengdu = table[table["warehouse"] == "WH-CD"]
    assert list(fig.data[1].x) == chengdu["month"].tolist()
    np.testing.assert_allclose(fig.data[1].y, chengdu["otif"])
    assert fig.layout.shapes[0].y0 == 0.85
    with pytest.raises(
        LogilabInputError, match=r"table: expected a column 'otfi' \(for kpi\), found no such column .* Did you mean 'otif'\?"
    ):
        ll.plot_kpi_trend(table, "otfi")


def test_by_group_bars_and_colours():
    table = pd.DataFrame({"warehouse": ["A", "B"], "damage_rate": [0.001, 0.004]})
    fig = ll.plot_kpi_by_group(table, "damage_rate", lang="en")
    assert list(fig.data[0].y) == [0.001, 0.004]
    assert list(fig.data[0].marker.color) == [GREEN, RED]  # lower is better, target 0.002


def test_perfect_order_figure_carries_components_product_and_joint_rate():
    breakdown = ll.perfect_order_breakdown(ll.load_sample("order_lines"), by="warehouse")
    fig = ll.plot_perfect_order(breakdown, by="warehouse", lang="en")
    assert len(fig.data) == 6
    assert fig.data[4].name == "product of component rates" and fig.data[5].name == "perfect order rate"
    np.testing.assert_allclose(fig.data[4].y, breakdown["perfect_order_product"])
    np.testing.assert_allclose(fig.data[5].y, breakdown["perfect_order_rate"])


def test_fill_rate_figure_curves_follow_the_formula_and_show_larger_q_is_better():
    fig = ll.plot_fill_rate(500, 100, 1.0, lang="en")
    at_q, at_half_q, at_double_q, csl, point, vs_q, point_q = fig.data
    ks = np.asarray(at_q.x)
    np.testing.assert_allclose(at_q.y, 1 - 100 * ll.normal_loss(ks) / 500)
    np.testing.assert_allclose(csl.y, ll.cycle_service_level(ks))
    # same k (same safety stock), larger Q: higher fill rate everywhere the rate is not 1
    assert np.all(np.asarray(at_double_q.y) >= np.asarray(at_q.y)) and np.all(np.asarray(at_q.y) >= np.asarray(at_half_q.y))
    assert (at_half_q.name, at_double_q.name) == ("Q = 250", "Q = 1000")
    assert point.x[0] == 1.0 and point.y[0] == pytest.approx(0.983337, abs=1e-6)
    assert np.all(np.diff(vs_q.y) > 0)  # fill rate rises with Q at fixed k
    assert point_q.x[0] == 500 and point_q.y[0] == point.y[0]


def test_service_economics_marks_the_optimum():
    result = ll.optimal_service_level(cost_scale=2)
    fig = ll.plot_service_economics(result, lang="en")
    revenue, cost, profit, optimum = fig.data
    assert optimum.x[0] == pytest.approx(result.level) and optimum.y[0] == pytest.approx(result.profit)
    assert max(profit.y) == pytest.approx(result.profit, abs=1e-6)
    np.testing.assert_allclose(np.asarray(revenue.y) - np.asarray(cost.y), profit.y)
    assert fig.layout.shapes[0].x0 == pytest.approx(result.level)
    data = ll.optimal_service_level(levels=[0.9, 0.95, 0.98], revenue=[800, 860, 880], cost=[500, 540, 580])
    assert list(ll.plot_service_economics(data).data[2].y) == [300.0, 320.0, 300.0]
    with pytest.raises(LogilabInputError, match="result: expected the result of ll.optimal_service_level"):
        ll.plot_service_economics({"level": 0.9})


def test_target_labels_stay_off_the_bar_labels_and_the_first_ticks():
    # issue 14: "目标值 85.0%" was drawn on top of the bar label "81.3%"; the target's label now stands right of the plot area
    table = pd.DataFrame({"warehouse": ["A", "B"], "otif": [0.813, 0.9]})
    fig = ll.plot_kpi_by_group(table, "otif", lang="zh")
    (note,) = fig.layout.annotations
    assert note.text == "目标值<br>85.0%" and note.x == 1 and note.xanchor == "left" and fig.layout.margin.r == 90
    # the fill-rate panel's lowest y tick (50 %) is no longer in the corner where the k = -1 tick stands
    fill = ll.plot_fill_rate(500, 100, 1.0, lang="zh")
    assert tuple(fill.layout.yaxis.range) == (0.45, 1.01)


def test_perfect_order_labels_turned_to_fit_and_never_shrunk_below_10_px():
    # issue 14: six upright labels per group shrank to 7 px and ran together
    row = pd.DataFrame({"warehouse": ["A", "B"], "on_time_rate": [0.9, 0.8], "order_fill_rate": [0.9, 0.95],
                        "undamaged_order_rate": [1.0, 0.99], "doc_accuracy_rate": [1.0, 0.98],
                        "perfect_order_product": [0.81, 0.74], "perfect_order_rate": [0.85, 0.76]})  # fmt: skip
    fig = ll.plot_perfect_order(row, by="warehouse", lang="zh")
    assert {t.textangle for t in fig.data} == {-90} and fig.layout.uniformtext.minsize == 10
    assert fig.layout.uniformtext.mode == "hide" and fig.layout.yaxis.range[1] == 1.12
    assert list(fig.data[-1].text) == ["85.0%", "76.0%"]
