"""Tests of logilab.figures.segmentation: the figure data, not pixels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from logilab import LogilabInputError
from logilab.figures.segmentation import (
    plot_clusters,
    plot_k_selection,
    plot_pareto,
    plot_rfm_distributions,
    plot_segment_scatter,
    plot_segment_sizes,
)
from logilab.segmentation import abc_classify, kmeans_segments, rfm_segments

RFM = pd.DataFrame(
    {"recency": [10, 10, 300, 300], "frequency": [9, 1, 9, 1], "monetary": [900.0, 100.0, 900.0, 100.0]},
    index=pd.Index(list("ABCD"), name="customer_id"),
)


def test_rfm_distributions_show_each_column_and_monetary_in_log10():
    fig = plot_rfm_distributions(RFM, lang="en")
    assert [t.type for t in fig.data] == ["histogram"] * 3
    assert list(fig.data[0].x) == [10.0, 10.0, 300.0, 300.0]
    assert list(fig.data[1].x) == [9.0, 1.0, 9.0, 1.0]
    assert list(fig.data[2].x) == pytest.approx([np.log10(900), 2.0, np.log10(900), 2.0])
    assert fig.layout.xaxis3.title.text == "log10 monetary (CNY)"


def test_segment_sizes_bars_hold_the_shares_by_hand():
    summary = rfm_segments(RFM).by_segment
    fig = plot_segment_sizes(summary, lang="zh")
    # four customers, one in each of important value / important retention / general development / general win-back
    customers = dict(zip(fig.data[0].x, fig.data[0].y))
    value = dict(zip(fig.data[1].x, fig.data[1].y))
    assert customers["重要价值客户"] == 0.25 and customers["重要发展客户"] == 0.0
    assert value["重要保持客户"] == pytest.approx(900 / 2000) and value["一般挽留客户"] == pytest.approx(100 / 2000)
    assert fig.data[0].name == "客户数占比"


def test_segment_sizes_treemap_groups_by_service_level():
    fig = plot_segment_sizes(rfm_segments(RFM).by_segment, kind="treemap", lang="en")
    trace = fig.data[0]
    assert trace.type == "treemap"
    parents = dict(zip(trace.labels, trace.parents))
    assert parents["important value customer"] == "value-added service"
    assert parents["general win-back customer"] == "basic service"
    values = dict(zip(trace.labels, trace.values))
    assert values["refined service"] == pytest.approx(900.0)  # important retention 900 + empty refined classes
    with pytest.raises(LogilabInputError, match="kind"):
        plot_segment_sizes(rfm_segments(RFM).by_segment, kind="pie")


def test_pareto_traces_and_cutoff_lines():
    abc = abc_classify(pd.Series({"a": 10.0, "b": 50.0, "c": 30.0, "d": 6.0, "e": 4.0}), cutoffs=(0.7, 0.9))
    fig = plot_pareto(abc, lang="en")
    assert [t.name for t in fig.data] == ["class A", "class B", "class C"]
    assert list(fig.data[0].x) == pytest.approx([0.0, 0.2, 0.4])
    assert list(fig.data[2].y) == pytest.approx([0.9, 0.96, 1.0])
    assert sorted(shape.y0 for shape in fig.layout.shapes) == [0.7, 0.9]
    # a table built by hand has no cut-offs of its own: the usual 80 % and 95 % are drawn
    by_hand = plot_pareto(abc.table, lang="en")
    assert sorted(shape.y0 for shape in by_hand.layout.shapes) == [0.8, 0.95]
    assert [list(t.y) for t in by_hand.data] == [list(t.y) for t in fig.data]


def test_pareto_of_many_customers_is_drawn_at_bounded_points_exact_at_the_cut_points():
    # 10,000 customers worth 10,000, 9,999, ..., 1 (hand calculation): the total is n(n+1)/2 = 50,005,000 and
    # the first k customers hold 10,000 k - k(k - 1)/2. A customer is A while the share before it is below 80 %:
    # the first 5,528 hold 40,003,372 (79.9987 %), the first 5,529 hold 40,007,844 (80.0077 %), so A ends at
    # rank 5,529; B while below 95 %: the first 7,764 hold 47,504,034 (94.9986 %), 7,765 hold 47,506,270, so
    # B ends at rank 7,765.
    n, total = 10_000, 50_005_000
    abc = abc_classify(pd.Series(np.arange(n, 0, -1), index=[f"c{i}" for i in range(n)], dtype=float))
    fig = plot_pareto(abc, lang="en")
    a, b, c = fig.data
    assert (a.x[-1], a.y[-1]) == (0.5529, round(40_007_844 / total, 12))
    assert (b.x[0], b.y[0]) == (a.x[-1], a.y[-1]) and b.x[1] == 0.553  # B starts where A ends, then its first customer
    assert (b.x[-1], b.y[-1]) == (0.7765, round(47_506_270 / total, 12))
    assert (c.x[0], c.x[1], c.x[-1], c.y[-1]) == (0.7765, 0.7766, 1.0, 1.0)
    assert (a.x[0], a.y[0], a.x[1]) == (0.0, 0.0, 0.0001)  # the curve starts at the origin, then the first customer
    # 2,000 evenly spaced ranks and the four class ends, each point exactly on the curve
    x = np.concatenate([t.x[1:] for t in fig.data])
    y = np.concatenate([t.y[1:] for t in fig.data])
    assert 2000 <= len(x) <= 2004 and np.all(np.diff(x) > 0)
    k = np.rint(x * n)
    np.testing.assert_allclose(y, (n * k - k * (k - 1) / 2) / total, rtol=0, atol=1e-12)
    # drawing every customer gives the same curve at those points
    every = plot_pareto(abc, lang="en", max_points=None)
    assert sum(len(t.x) for t in every.data) == n + 3
    assert every.data[0].x[-1] == 0.5529 and every.data[1].x[-1] == 0.7765
    with pytest.raises(LogilabInputError, match="max_points"):
        plot_pareto(abc, max_points=1)


def test_segment_scatter_groups_points_and_switches_to_webgl_for_many():
    fig = plot_segment_scatter(RFM, pd.Series(["x", "y", "x", "y"], index=RFM.index), order=["y", "x"], lang="en")
    assert [(t.name, list(t.x)) for t in fig.data] == [("y", [1.0, 1.0]), ("x", [9.0, 9.0])]
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.title.text == "monetary (CNY)"
    many = pd.DataFrame({"frequency": np.arange(1, 6002), "monetary": np.arange(1, 6002) * 1.0})
    assert plot_segment_scatter(many, pd.Series(["g"] * len(many))).data[0].type == "scattergl"


def test_clusters_mark_the_cluster_means():
    rng = np.random.default_rng(0)
    rfm = pd.DataFrame(
        {
            "recency": np.r_[rng.integers(1, 20, 30), rng.integers(300, 400, 20)],
            "frequency": np.r_[rng.integers(20, 40, 30), rng.integers(1, 3, 20)],
            "monetary": np.r_[rng.uniform(5e4, 9e4, 30), rng.uniform(100, 900, 20)],
        }
    )
    result = kmeans_segments(rfm, k=2)
    fig = plot_clusters(result, rfm, lang="en")
    means = fig.data[-1]
    assert means.name == "cluster mean"
    assert list(means.x) == pytest.approx(rfm["frequency"].groupby(result.labels).mean().tolist())
    assert sum(len(t.x) for t in fig.data[:-1]) == 50
    assert fig.data[0].name == "0 recent, frequent, high value" and len(fig.data[0].x) == 30


def test_k_selection_has_two_axes_and_marks_the_chosen_k():
    selection = pd.DataFrame({"inertia": [90.0, 40.0, 30.0], "silhouette": [0.5, 0.6, 0.4]}, index=pd.Index([2, 3, 4], name="k"))
    fig = plot_k_selection(selection, chosen=3, lang="zh")
    assert isinstance(fig, go.Figure)
    assert list(fig.data[0].y) == [90.0, 40.0, 30.0] and fig.data[1].yaxis == "y2"
    assert fig.layout.shapes[0].x0 == 3
    assert fig.layout.title.text == "选择聚类数 k：簇内平方和与轮廓系数"
