"""Tests of logilab.figures.satisfaction: the numbers and labels that end up in the figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import logilab as ll
from logilab import LogilabInputError
from logilab.figures.satisfaction import dimension_label, plot_gap_model, plot_ipa, plot_kano, plot_segment_gaps, plot_servqual
from logilab.kano import kano_table
from logilab.satisfaction import gap_model, ipa, servqual

SURVEY = pd.DataFrame(
    {
        "a1_e": [7, 6, 5],
        "a1_p": [5, 6, 4],
        "b1_e": [5, 5, 6],
        "b1_p": [6, 6, 6],
        "g": ["x", "x", "y"],
    }
)
DIMS = {"reliability": ["a1"], "tangibles": ["b1"]}


def test_gap_model_figure_shows_levels_and_gaps():
    model = gap_model(expected=6, knowledge=0.5, standards=0.25, delivery=1.0, communication=0.25, lang="en")
    fig = plot_gap_model(model, lang="en")
    assert isinstance(fig, go.Figure)
    assert list(fig.data[1].y) == [0.5, 0.25, 1.0, 0.25, -2.0]
    assert fig.data[1].x[2] == "3. delivery gap"
    boxes = dict(zip([t.split("<br>")[0] for t in fig.data[0].text], fig.data[0].text))
    assert boxes["expected service"].endswith("<b>6.25</b>") and boxes["perceived service"].endswith("<b>4.25</b>")
    assert "5: -2.00" in [a.text for a in fig.layout.annotations]
    assert fig.layout.title.text == "service quality gap model"


def test_servqual_figure_values_colours_and_scores():
    result = servqual(SURVEY, dimensions=DIMS, suffixes=("_e", "_p", None))
    fig = plot_servqual(result, lang="en")
    # first dimension on top, so the traces list the dimensions bottom-up
    assert fig.data[0].y == ("tangibles", "reliability")
    assert list(fig.data[0].x) == pytest.approx([16 / 3, 6.0])
    assert list(fig.data[1].x) == pytest.approx([6.0, 5.0])
    assert list(fig.data[2].x) == pytest.approx([2 / 3, -1.0])
    assert list(fig.data[2].marker.color) == ["#2ca02c", "#d62728"]
    assert "unweighted score -0.17" in fig.layout.title.text
    zh = plot_servqual(result, lang="zh")
    assert zh.data[0].y == ("有形性", "可靠性") and zh.data[0].name == "期望"


def test_segment_heatmap_and_its_precondition():
    result = servqual(SURVEY, dimensions=DIMS, suffixes=("_e", "_p", None), segment="g")
    fig = plot_segment_gaps(result, lang="en")
    # x: gaps (-1, +1), unweighted 0; y: gaps (-1, 0), unweighted -0.5 -> y, the wider gap, comes first
    assert fig.data[0].y == ("y", "x")
    assert fig.data[0].z.tolist() == [[-1.0, 0.0], [-1.0, 1.0]]
    assert fig.data[0].x == ("reliability", "tangibles")
    with pytest.raises(LogilabInputError, match="segment=<column>"):
        plot_segment_gaps(servqual(SURVEY, dimensions=DIMS, suffixes=("_e", "_p", None)))


def test_ipa_figure_puts_each_attribute_in_its_quadrant_and_draws_the_crosshair():
    result = ipa(pd.Series({"a": 6.5, "b": 6.0, "c": 4.0, "d": 4.5}), pd.Series({"a": 4.8, "b": 6.1, "c": 4.9, "d": 6.2}))
    fig = plot_ipa(result, names={"a": "on time"}, lang="en")
    assert [(t.name, list(t.text)) for t in fig.data] == [
        ("concentrate here", ["on time"]),
        ("keep up the good work", ["b"]),
        ("low priority", ["c"]),
        ("possible overkill", ["d"]),
    ]
    lines = [(s.x0, s.y0) for s in fig.layout.shapes]
    assert (result.performance_center, 0) in lines and (0, result.importance_center) in lines
    assert fig.layout.xaxis.title.text == "performance"


def test_kano_figure_plots_abs_worse_against_better():
    survey = ll.load_sample("survey")
    table = kano_table(survey)
    fig = plot_kano(table, lang="en")
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"A attractive", "O one-dimensional", "M must-be", "I indifferent"}
    must_be = by_name["M must-be"]
    assert sorted(must_be.text) == ["k3", "k8"]
    k3 = list(must_be.text).index("k3")
    assert must_be.x[k3] == pytest.approx(-table.loc["k3", "worse"])
    assert must_be.y[k3] == pytest.approx(table.loc["k3", "better"])


def test_dimension_labels():
    assert dimension_label("discrepancy_handling", "zh") == "差错处理"
    assert dimension_label("my own", "zh") == "my own"


def test_ipa_labels_of_close_points_go_to_different_sides_and_items_are_named():
    from logilab.figures.satisfaction import _place_labels

    # two points 0.05 apart in importance (8 px on a 380 px high plot of range 0..2): one label above, one below
    assert _place_labels([1.0, 1.0], [1.0, 1.05], ["甲乙丙", "丁戊己"], [0, 2], [0, 2]) == ["bottom center", "top center"]
    # a lone point keeps its label on top
    assert _place_labels([1.0], [1.0], ["甲"], [0, 2], [0, 2]) == ["top center"]
    grid = ll.ipa(pd.Series({"rel4": 6.5, "emp1": 5.0}), pd.Series({"rel4": 4.0, "emp1": 5.5}))
    fig = ll.plot_ipa(grid, lang="zh")
    assert sorted(t for trace in fig.data for t in trace.text) == ["可靠性4", "移情性1"]


def test_kano_zero_ticks_do_not_meet_in_the_corner():
    table = pd.DataFrame({"better": [0.8, 0.1], "worse": [-0.2, -0.9], "category": ["A", "M"]}, index=["k2", "k3"])
    fig = ll.plot_kano(table, lang="zh")
    assert fig.layout.xaxis.range[0] < 0 and fig.layout.yaxis.range[0] < 0
