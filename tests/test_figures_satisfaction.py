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
    assert _place_labels([1.0, 1.0], [1.0, 1.05], ["甲乙丙", "丁戊己"], [0, 2], [0, 2]) == (
        ["bottom center", "top center"],
        ["甲乙丙", "丁戊己"],
    )
    # a lone point keeps its label on top
    assert _place_labels([1.0], [1.0], ["甲"], [0, 2], [0, 2]) == (["top center"], ["甲"])
    grid = ll.ipa(pd.Series({"rel4": 6.5, "emp1": 5.0}), pd.Series({"rel4": 4.0, "emp1": 5.5}))
    fig = ll.plot_ipa(grid, lang="zh")
    assert sorted(t for trace in fig.data for t in trace.text) == ["可靠性4", "移情性1"]


def test_kano_zero_ticks_do_not_meet_in_the_corner():
    table = pd.DataFrame({"better": [0.8, 0.1], "worse": [-0.2, -0.9], "category": ["A", "M"]}, index=["k2", "k3"])
    fig = ll.plot_kano(table, lang="zh")
    assert fig.layout.xaxis.range[0] < 0 and fig.layout.yaxis.range[0] < 0


def _label_boxes(fig):
    """The px box of every point label as _place_labels estimates it, on its plot area of _PLOT_PX."""
    from logilab.figures.satisfaction import _PLOT_PX, _text_px

    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    sx, sy = _PLOT_PX[0] / (x1 - x0), _PLOT_PX[1] / (y1 - y0)
    boxes = []
    for trace in fig.data:
        for x, y, text, position in zip(trace.x, trace.y, trace.text, trace.textposition):
            cx, cy = (x - x0) * sx, (y - y0) * sy
            w, h = _text_px(text)
            vertical, horizontal = position.split()
            left = {"center": cx - w / 2, "right": cx + 8, "left": cx - 8 - w}[horizontal]
            bottom = {"top": cy + 8, "bottom": cy - 8 - h, "middle": cy - h / 2}[vertical]
            boxes.append((text, left, bottom, left + w, bottom + h))
    return boxes


def _overlapping(boxes, slack=0.0):
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[3], b[3]) - max(a[1], b[1]) > slack and min(a[4], b[4]) - max(a[2], b[2]) > slack
    ]


def test_english_kano_labels_wrap_onto_two_lines_where_one_line_cannot_clear_its_neighbours():
    # issue 14, English pass at 1366 px: "real-time shipment tracking" sat on "24-hour service hotline".
    # The two one-dimensional features lie 0.02 apart at Better 0.87, the two attractive ones at
    # |Worse| 0.15: between them 0.73 of 1.10 = 292 px of a 440 px plot, too little for
    # "delivery time-window booking" (28 x 7.15 = 200 px) plus "24-hour service hotline" (164 px)
    # side by side, so one of them goes onto two lines; the hover keeps every whole name.
    fig = ll.kano_explorer(lang="en").figure
    shown = [t for trace in fig.data for t in trace.text]
    hover = [t for trace in fig.data for t in trace.hovertext]
    assert any("<br>" in t for t in shown)
    assert [t.replace("<br>", " ") for t in shown] == hover
    assert "24-hour service hotline" in hover and "real-time shipment tracking" in hover
    assert _overlapping(_label_boxes(fig)) == []
    # the Chinese names are short enough for one line each, and they do not overlap either
    zh = ll.kano_explorer(lang="zh").figure
    assert not any("<br>" in t for trace in zh.data for t in trace.text)
    assert _overlapping(_label_boxes(zh)) == []


def test_english_ipa_items_are_shortened_alike_when_the_whole_names_cannot_clear_each_other():
    # issue 14: five reliability items within 121 px across at the same importance; "reliability 1"
    # is 13 x 7.15 = 93 px wide, so whole names cannot sit side by side: every "<dimension> <n>" name
    # is shortened the same way (reli. 1, resp. 1, ...) and the whole name stays in the hover text
    fig = ll.ipa_explorer(lang="en").figure
    shown = sorted(t for trace in fig.data for t in trace.text)
    hover = sorted(t for trace in fig.data for t in trace.hovertext)
    assert shown[:5] == ["assu. 1", "assu. 2", "assu. 3", "assu. 4", "empa. 1"]
    assert "reliability 1" in hover and "reli. 1" in shown and "reliability 1" not in shown
    # no pair of labels overlaps by more than the browser test's 2 px tolerance
    assert _overlapping(_label_boxes(fig), slack=2) == []
    # Chinese names (可靠性1) are short already: never shortened
    zh = ll.ipa_explorer(lang="zh").figure
    assert sorted(t for trace in zh.data for t in trace.text) == sorted(t for trace in zh.data for t in trace.hovertext)


def test_wrap_and_short_names():
    from logilab.figures.satisfaction import _short, _wrap_two

    # the break that makes the longer line shortest: "delivery time-window" (20) / "booking" (7)
    # against "delivery" (8) / "time-window booking" (19): the second
    assert _wrap_two("delivery time-window booking") == "delivery<br>time-window booking"
    assert _wrap_two("green packaging") == "green<br>packaging"
    assert _wrap_two("on time") is None  # "on" is shorter than 4 characters
    assert _short("empathy 12") == "empa. 12"
    assert _short("speed 1") is None  # five letters: short enough


def test_gap_model_boxes_wrap_long_english_names_and_grow():
    # issue 14: "external communications to customers" (36 characters, about 190 px at 11 px) ran out of
    # its 140 px box onto the "gap size" axis title; broken at 24 characters it fits, on three lines with
    # the level, so the figure grows from 480 to 560 px (boxes 0.6 of 5 units: 36 px -> about 45 px high)
    from logilab.satisfaction import gap_model

    en = ll.plot_gap_model(gap_model(), lang="en")
    texts = list(en.data[0].text)
    assert texts[3] == "external communications<br>to customers<br><b>6.00</b>"
    assert texts[5] == "management perceptions<br>of expectations<br><b>6.00</b>"
    assert all(len(line) <= 24 for text in texts for line in text.split("<br>")[:-1])
    assert en.layout.height == 560
    # and at 1366 px the wider labels met the "gap size" title and "service provider": smaller type (10 px:
    # "external communications" 23 x 5.3 = 122 px), the bar chart from 0.76 of the width, the two
    # annotations right-aligned left of the communications box (x 1.95 - 0.05)
    assert en.data[0].textfont.size == 10 and tuple(en.layout.xaxis2.domain) == (0.76, 1)
    assert [(round(a.x, 9), a.xanchor) for a in en.layout.annotations[:2]] == [(1.9, "right"), (1.9, "right")]
    zh = ll.plot_gap_model(gap_model(), lang="zh")
    assert list(zh.data[0].text)[3] == "对客户的宣传与承诺<br><b>6.00</b>" and zh.layout.height == 480
    assert zh.data[0].textfont.size == 11 and tuple(zh.layout.xaxis2.domain) == (0.72, 1)
    assert [(round(a.x, 9), a.xanchor) for a in zh.layout.annotations[:2]] == [(1.475, "center"), (1.475, "center")]
