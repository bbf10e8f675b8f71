"""Figures of the customer value notebook: the numbers drawn are the numbers computed."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll
from logilab.value import EXAMPLE_COSTS, EXAMPLE_VALUES


def test_delivered_value_bars_stack_components_and_mark_the_choice():
    table = ll.delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS)
    fig = ll.plot_delivered_value(table, lang="en")
    names = [trace.name for trace in fig.data]
    assert names == [
        "product value", "service value", "personnel value", "image value",
        "money cost", "time cost", "energy cost", "psychic cost", "delivered value",
    ]  # fmt: skip
    assert fig.layout.barmode == "relative"
    # the four value bars stack to TV, the four cost bars to TC: A 105 / 75, B 108 / 73, C 80 / 52
    value_stack = [sum(trace.y[i] for trace in fig.data[:4]) for i in range(3)]
    cost_stack = [sum(trace.y[i] for trace in fig.data[4:8]) for i in range(3)]
    assert value_stack == [105, 108, 80] and cost_stack == [75, 73, 52]
    # one flat, horizontal category per bar and provider (a two-level axis turned its labels vertical and hid A/B/C)
    assert list(fig.data[0].x) == [f"value<br><b>{p}</b>" for p in "ABC"]
    assert list(fig.data[4].x) == [f"cost<br><b>{p}</b>" for p in "ABC"]
    assert fig.layout.xaxis.tickangle == 0 and len(fig.layout.xaxis.categoryarray) == 9
    assert list(fig.data[-1].y) == [30, 35, 28]
    (choice,) = fig.layout.annotations
    assert choice.x == "delivered<br><b>B</b>" and choice.text == "the customer would choose"


def test_delivered_value_tie_is_marked_as_a_tie_on_both_providers():
    # A's product value 60 -> 65: TV 110, TC 75, delivered value 35 = B's 108 - 73
    values = EXAMPLE_VALUES.copy()
    values.loc["A", "product"] = 65
    fig = ll.plot_delivered_value(ll.delivered_value(values, EXAMPLE_COSTS), lang="zh")
    assert list(fig.data[-1].y) == [35, 35, 28]
    assert [(a.x, a.text) for a in fig.layout.annotations] == [("客户价值<br><b>A</b>", "并列最优"), ("客户价值<br><b>B</b>", "并列最优")]


def test_delivered_value_figure_speaks_chinese_by_default():
    fig = ll.plot_delivered_value(ll.delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS))
    assert fig.data[0].name == "产品价值" and fig.layout.annotations[0].text == "客户会选择"


def test_delivered_value_bars_with_own_component_names():
    table = ll.delivered_value(
        pd.DataFrame({"speed": [30, 20], "tracking": [10, 5]}, index=["X", "Y"]),
        pd.DataFrame({"price": [25, 15], "hassle": [5, 2]}, index=["X", "Y"]),
    )
    fig = ll.plot_delivered_value(table, lang="en")
    assert [trace.name for trace in fig.data] == ["speed", "tracking", "price", "hassle", "delivered value"]
    assert list(fig.data[2].x) == ["cost<br><b>X</b>", "cost<br><b>Y</b>"]
    assert list(fig.data[1].x) == ["value<br><b>X</b>", "value<br><b>Y</b>"]
    assert list(fig.data[-1].y) == [10, 8]
    # the bare table, built by hand, stacks only the course's component names: here none, so only the delivered value
    assert [trace.name for trace in ll.plot_delivered_value(table.table, lang="en").data] == ["delivered value"]


def test_clv_curve_bars_line_and_limit():
    fig = ll.plot_clv_curve(100, 0.8, 0.12, periods=3, lang="en")
    bars, cumulative, limit = fig.data
    # 71.428571, 51.020408, 36.443149 (see test_value.test_finite_clv_by_hand)
    assert [round(v, 6) for v in bars.y] == [71.428571, 51.020408, 36.443149]
    assert [round(v, 6) for v in cumulative.y] == [71.428571, 122.44898, 158.892128]
    assert list(limit.y) == [pytest.approx(250.0)] * 2 and list(limit.x) == [1, 3]
    assert fig.layout.xaxis.title.text == "period t"


def test_clv_curve_without_a_limit_when_the_sum_diverges():
    fig = ll.plot_clv_curve(100, 0.8, -0.3, periods=5, lang="en")
    assert len(fig.data) == 2


def test_value_matrix_scatter_colours_quadrants_and_hovers_each_customer():
    current = pd.Series({"C1": 900.0, "C2": 100.0, "C3": 800.0, "C4": -50.0, "C5": 30.0})
    potential = pd.Series({"C1": 60.0, "C2": 90.0, "C3": 10.0, "C4": 20.0, "C5": 5.0})
    matrix = ll.value_matrix(current, potential)
    names = pd.Series({"C1": "甲公司", "C2": "乙公司"})
    fig = ll.plot_value_matrix(matrix, names=names, lang="en")
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name) == ["keep", "grow", "maintain", "reduce", "current value ≤ 0 (drawn at the left edge)"]
    # medians: current 100, potential 20 -> C1, C2 keep; C3 maintain; C4 grow (drawn at the edge); C5 reduce
    assert list(by_name["keep"].x) == [900.0, 100.0] and list(by_name["reduce"].customdata[:, 0]) == ["C5"]
    assert len(by_name["grow"].x) == 0 and list(by_name["maintain"].y) == [10.0]
    assert by_name["keep"].customdata[0, 1] == "C1 甲公司" and by_name["reduce"].customdata[0, 1] == "C5"
    # C4 (current value -50) sits at the left edge (half the smallest positive value), its true value in the hover data
    edge = by_name["current value ≤ 0 (drawn at the left edge)"]
    assert list(edge.x) == [15.0] and edge.customdata[0, 3] == -50.0 and edge.customdata[0, 2] == "grow"
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"
    assert [shape.x0 for shape in fig.layout.shapes if shape.x0 == shape.x1] == [matrix.current_cut]


def test_value_matrix_scatter_on_linear_axes_keeps_every_point_in_its_quadrant():
    current = pd.Series({"C1": 900.0, "C2": -100.0})
    matrix = ll.value_matrix(current, pd.Series({"C1": 1.0, "C2": 2.0}))
    fig = ll.plot_value_matrix(matrix, log_axes=False, lang="zh")
    assert [trace.name for trace in fig.data] == ["核心客户", "潜力客户", "维持型客户", "精简服务客户"]
    assert list(fig.data[1].x) == [-100.0] and fig.layout.xaxis.type == "linear"
