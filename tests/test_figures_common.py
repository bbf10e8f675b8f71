"""Shared figure style and the tour figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import logilab as ll


def test_style_uses_cjk_fonts_first():
    fig = ll.style_figure(go.Figure())
    assert fig.layout.font.family.startswith("Noto Sans CJK SC")


def test_counts_over_time_one_line_per_group_with_labels_in_each_language():
    counts = ll.count_by_period(
        pd.DataFrame({"order_date": ["2025-01-05", "2025-02-01", "2025-02-03"], "warehouse": ["A", "B", "B"]}), by="warehouse"
    )
    fig = ll.plot_counts_over_time(counts, by="warehouse", lang="en")
    assert [t.name for t in fig.data] == ["A", "B"]
    assert list(fig.data[1].y) == [0, 2]
    assert fig.layout.title.text == "orders per period"
    assert ll.plot_counts_over_time(counts, by="warehouse").layout.xaxis.title.text == "时间段"


def test_category_counts_sorted_largest_on_top():
    fig = ll.plot_category_counts(pd.Series(["食品", "医药", "食品", "食品", "医药", "服装"]), category_key="industry")
    assert list(fig.data[0].y) == ["服装", "医药", "食品"]
    assert list(fig.data[0].x) == [1, 2, 3]
    assert fig.layout.yaxis.title.text == "行业"


def test_legend_stands_right_of_the_plot_area_never_over_the_title():
    # issue 14: a legend above the plot area (y = 1.02) sat on the title; one below it on the tick labels
    fig = ll.style_figure(go.Figure(go.Scatter(y=[1, 2], name="a")), title="标题")
    assert (fig.layout.legend.x, fig.layout.legend.xanchor, fig.layout.legend.orientation) == (1.02, "left", "v")
    assert fig.layout.xaxis.automargin is True and fig.layout.yaxis.automargin is True


def test_two_y_axes_move_the_legend_above_the_plot_area_under_the_title():
    # issue 14: with a second y axis on the right the right-hand legend sat on that axis' title ("轮廓系数")
    from plotly.subplots import make_subplots

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Scatter(y=[1, 2], name="a"))
    fig.add_trace(go.Scatter(y=[0.5, 0.4], name="b"), secondary_y=True)
    ll.style_figure(fig, title="标题")
    # height 420: the legend's top 50 px below the figure's top (under the title), the plot area 50 + 35 + 10 px down
    legend = fig.layout.legend
    assert (legend.orientation, legend.yref, legend.yanchor, legend.y) == ("h", "container", "top", pytest.approx(1 - 50 / 420))
    assert fig.layout.margin.t == 95 and fig.layout.title.yref == "container" and fig.layout.title.yanchor == "top"
    # the y tick labels stand off the axis so "0" does not touch the x axis' "0" in the corner
    assert fig.layout.yaxis.ticklabelstandoff == 10
