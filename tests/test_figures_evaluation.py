"""Evaluation figures: the data they draw and their labels."""

from __future__ import annotations

import pandas as pd

import logilab as ll


def test_weights_bar_shows_values_and_warns_in_red():
    weights = pd.Series({"及时性": 0.4, "完整性": 0.35, "灵活性": 0.25})
    fig = ll.plot_weights(weights, lang="en")
    assert list(fig.data[0].y) == [0.4, 0.35, 0.25]
    assert list(fig.data[0].text) == ["0.400", "0.350", "0.250"]
    assert fig.layout.title.text == "AHP weights"
    assert ll.plot_weights(weights, warn=True).data[0].marker.color == "#d62728"


def test_weights_comparison_one_trace_per_method():
    table = pd.DataFrame({"ahp_weights": [0.6, 0.4], "entropy_weights": [0.3, 0.7], "combined_weights": [0.39, 0.61]}, index=["a", "b"])
    fig = ll.plot_weights_comparison(table)
    assert [t.name for t in fig.data] == ["层次分析法（AHP）权重", "熵权", "组合权重"]
    assert list(fig.data[1].y) == [0.3, 0.7]


def test_fuzzy_figure_marks_the_chosen_grade():
    result = ll.fuzzy_evaluate([0.5, 0.5], [[0.6, 0.3, 0.1], [0.2, 0.3, 0.5]], grades=["优", "良", "差"], operator="M(min,max)")
    fig = ll.plot_fuzzy_evaluation(result, lang="en")
    # B = (0.5, 0.3, 0.5) -> normalised (0.385, 0.231, 0.385); the first maximum, 优, is the grade
    assert [round(v, 3) for v in fig.data[0].y] == [0.385, 0.231, 0.385]
    assert list(fig.data[1].y) == [0.5, 0.3, 0.5]
    assert fig.data[0].marker.color == ("#d62728", "#1f77b4", "#1f77b4")
    assert "M(min,max)" in fig.layout.title.text and "优" in fig.layout.title.text


def test_topsis_figure_sorted_best_on_top():
    X = pd.DataFrame({"price": [0.6, 0.5, 0.7], "on_time": [0.95, 0.90, 0.98]}, index=["P1", "P2", "P3"])
    result = ll.topsis(X, [0.5, 0.5], benefit=["cost", "benefit"])
    fig = ll.plot_topsis(result, lang="en")
    order = result.table.sort_values("closeness").index.tolist()
    assert list(fig.data[0].y) == order
    assert fig.layout.xaxis.title.text == "relative closeness C"


def test_radar_closes_each_polygon_and_uses_readable_axes():
    X = pd.DataFrame({"otif": [0.9, 0.8, 0.85], "damage": [0.001, 0.003, 0.002]}, index=["SH", "CD", "WH"])
    fig = ll.plot_radar(X, benefit=["benefit", "cost"], labels={"otif": "OTIF", "damage": "货损率"})
    assert [t.name for t in fig.data] == ["SH", "CD", "WH"]
    assert list(fig.data[0].theta) == ["OTIF", "货损率", "OTIF"]
    assert list(fig.data[1].r) == [0.0, 0.0, 0.0]
    assert [round(v, 6) for v in fig.data[2].r] == [0.5, 0.5, 0.5]


def test_kpi_dashboard_one_line_per_warehouse_with_target():
    kpi = ll.load_sample("kpi_monthly")
    fig = ll.plot_kpi_dashboard(kpi, indicator="otif", target=0.88, highlight="WH-CD", lang="en")
    assert [t.name for t in fig.data] == ["WH-BJ", "WH-CD", "WH-GZ", "WH-SH", "WH-WH"]
    assert len(fig.data[0].x) == 24
    assert fig.layout.shapes[0].y0 == 0.88
    assert fig.data[1].opacity == 1.0 and fig.data[0].opacity == 0.3
