"""Figures of customer segmentation: RFM distributions, segment sizes, Pareto curve, clusters."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .._results import table_of
from .._validation import LogilabInputError, check_choice
from ..i18n import get_language, label
from ..segmentation import RFM_COLUMNS, ABCResult, KMeansResult, RFMTable
from ._common import PALETTE, style_figure

__all__ = [
    "plot_rfm_distributions",
    "plot_segment_sizes",
    "plot_pareto",
    "plot_segment_scatter",
    "plot_clusters",
    "plot_k_selection",
]

_AXIS_KEYS = {"recency": "recency", "frequency": "rfm_frequency", "monetary": "monetary"}
_CLASS_COLOURS = {"A": PALETTE[3], "B": PALETTE[1], "C": PALETTE[7]}


def _axis_label(column: str, lang: str | None) -> str:
    return label(_AXIS_KEYS[column], lang) if column in _AXIS_KEYS else str(column)


def _lang(lang: str | None) -> str:
    return lang or get_language()


def plot_rfm_distributions(rfm: RFMTable | pd.DataFrame, *, bins: int = 40, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Histograms of recency, frequency and monetary side by side (monetary on a log10 scale).

    Spending is spread over several orders of magnitude, so its histogram
    uses log10 of the amount; the axis label says so.

    Parameters
    ----------
    rfm : RFMTable or DataFrame
        ``rfm_table(...)`` or a frame with ``recency``, ``frequency``, ``monetary`` per customer.
    bins : int, default 40
        Number of bins of each histogram.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Three histogram traces: recency, frequency, log10 monetary.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [1, 5, 300], "frequency": [9, 3, 1], "monetary": [1000.0, 100.0, 10.0]})
    >>> fig = plot_rfm_distributions(rfm, lang="en")
    >>> [len(t.x) for t in fig.data], fig.data[2].x.tolist()
    ([3, 3, 3], [3.0, 2.0, 1.0])
    """
    rfm = table_of(rfm)
    fig = make_subplots(rows=1, cols=3)
    for position, column in enumerate(RFM_COLUMNS, start=1):
        values = rfm[column].astype(float)
        axis_title = _axis_label(column, lang)
        if column == "monetary":
            values = np.log10(values.clip(lower=1.0))
            axis_title = f"log10 {axis_title}"
        fig.add_trace(
            go.Histogram(x=values.to_numpy(), nbinsx=bins, name=axis_title, marker_color=PALETTE[position - 1]), row=1, col=position
        )
        fig.update_xaxes(title_text=axis_title, row=1, col=position)
    fig.update_yaxes(title_text=label("customers", lang), row=1, col=1)
    fig.update_layout(showlegend=False, bargap=0.05)
    return style_figure(fig, title=title if title is not None else label("rfm_distributions", lang), height=360)


def plot_segment_sizes(summary: pd.DataFrame, *, kind: str = "bar", lang: str | None = None, title: str | None = None) -> go.Figure:
    """Share of customers and share of value per RFM segment, as grouped bars or a treemap.

    Parameters
    ----------
    summary : DataFrame
        ``rfm_segments(...).by_segment``.
    kind : {"bar", "treemap"}
        Bars compare the two shares; the treemap sizes each segment by its
        value and groups the segments by service level.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Two bar traces (customer share, value share) or one treemap.

    Examples
    --------
    >>> from logilab.segmentation import rfm_segments
    >>> rfm = pd.DataFrame({"recency": [10, 10, 300, 300], "frequency": [9, 1, 9, 1], "monetary": [900.0, 100.0, 900.0, 100.0]})
    >>> fig = plot_segment_sizes(rfm_segments(rfm).by_segment, lang="en")
    >>> fig.data[0].x[:2], fig.data[0].y[:2], fig.data[1].y[:2]
    (('important value customer', 'important development customer'), (0.25, 0.0), (0.45, 0.0))
    """
    lang = _lang(lang)
    check_choice(kind, "kind", ["bar", "treemap"])
    names = summary[lang].tolist()
    value = "monetary" if "monetary" in summary.columns else "M"  # summaries of raw values or of scores
    if kind == "treemap":
        services = summary[f"service_{lang}"].tolist()
        parents = sorted(set(services), key=services.index)
        fig = go.Figure(
            go.Treemap(
                labels=parents + names,
                parents=[""] * len(parents) + services,
                values=[float(summary.loc[summary[f"service_{lang}"] == p, value].sum()) for p in parents]
                + summary[value].astype(float).tolist(),
                branchvalues="total",
                customdata=[[None, None]] * len(parents) + summary[["customers", "customer_share"]].to_numpy().tolist(),
                texttemplate="%{label}<br>%{percentRoot:.1%}",
            )
        )
        return style_figure(fig, title=title if title is not None else label("segment_sizes", lang), height=480)
    fig = go.Figure(
        [
            go.Bar(x=names, y=summary["customer_share"].astype(float).tolist(), name=label("customer_share", lang)),
            go.Bar(x=names, y=summary[f"{value}_share"].astype(float).tolist(), name=label("value_share", lang)),
        ]
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=label("share", lang), tickformat=".0%")
    fig.update_xaxes(title_text=label("segment", lang))
    return style_figure(fig, title=title if title is not None else label("segment_sizes", lang))


# Most customers the Pareto curve draws one by one; beyond, evenly spaced ranks (see plot_pareto).
PARETO_POINTS = 2000


def _pareto_rows(classes: np.ndarray, max_points: int | None) -> np.ndarray:
    """Positions of the rows drawn: all up to ``max_points``; beyond, evenly spaced ranks and each class's first and last."""
    n = len(classes)
    if max_points is None or n <= max_points:
        return np.arange(n)
    keep = np.zeros(n, dtype=bool)
    keep[np.linspace(0, n - 1, max_points).round().astype(np.intp)] = True  # includes the first and the last rank
    change = np.flatnonzero(classes[1:] != classes[:-1])
    keep[change] = True  # the last customer of a class: the cut point
    keep[change + 1] = True  # and the first of the next
    return np.flatnonzero(keep)


def plot_pareto(
    abc: ABCResult | pd.DataFrame, *, lang: str | None = None, title: str | None = None, max_points: int | None = PARETO_POINTS
) -> go.Figure:
    """The Pareto curve: cumulative share of value against the share of customers, coloured by ABC class.

    Dashed lines mark the cut-offs: the result's ``cutoffs`` field, or 80 % and
    95 % for a table built by hand. Up to ``max_points`` customers every
    customer is a point of the curve; with more, the curve is drawn through
    ``max_points`` evenly spaced ranks (the first and the last included) and the
    first and last customer of each class, so every drawn point, the class
    boundaries among them, is exact and the file stays small.

    Parameters
    ----------
    abc : ABCResult or DataFrame
        ``abc_classify(...)``, or a frame with its columns ``abc_class``,
        ``rank_share`` and ``cumulative_share``, in rank order.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).
    max_points : int or None, default 2000
        The most customers drawn one by one (at least 2); ``None`` draws every customer.

    Returns
    -------
    plotly.graph_objects.Figure
        One line trace per ABC class (each starting where the previous ends)
        and the cut-offs as dashed shapes.

    Examples
    --------
    >>> from logilab.segmentation import abc_classify
    >>> abc = abc_classify(pd.Series({"a": 10.0, "b": 50.0, "c": 30.0, "d": 6.0, "e": 4.0}))
    >>> fig = plot_pareto(abc, lang="en")
    >>> [(t.name, t.y.tolist()) for t in fig.data]
    [('class A', [0.0, 0.5, 0.8]), ('class B', [0.8, 0.9, 0.96]), ('class C', [0.96, 1.0])]

    Ten customers worth 10, 9, ..., 1 drawn at 2 evenly spaced ranks (the
    first and the last) and the ends of the classes (ranks 6 and 7, 9 and 10):

    >>> ten = abc_classify(pd.Series(range(10, 0, -1), index=list("abcdefghij"), dtype=float))
    >>> [t.x.tolist() for t in plot_pareto(ten, lang="en", max_points=2).data]
    [[0.0, 0.1, 0.6], [0.6, 0.7, 0.9], [0.9, 1.0]]
    """
    if max_points is not None and (isinstance(max_points, bool) or not isinstance(max_points, (int, np.integer)) or max_points < 2):
        raise LogilabInputError(
            f"max_points: expected a whole number of at least 2 or None, found {max_points!r}. Pass e.g. max_points=2000, or None to draw every customer."
        )
    cutoffs = abc.cutoffs if isinstance(abc, ABCResult) else (0.8, 0.95)
    abc = table_of(abc)
    classes = abc["abc_class"].to_numpy()
    rows = _pareto_rows(classes, max_points)
    classes = classes[rows]
    # numpy arrays: plotly takes them as they are (a list is checked element by element)
    xs = abc["rank_share"].to_numpy(dtype=float)[rows].round(12)
    ys = abc["cumulative_share"].to_numpy(dtype=float)[rows].round(12)
    fig = go.Figure()
    previous = (0.0, 0.0)
    for abc_class in ("A", "B", "C"):
        mask = classes == abc_class
        if not mask.any():
            continue
        x = np.concatenate([[previous[0]], xs[mask]])
        y = np.concatenate([[previous[1]], ys[mask]])
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="lines",
                fill="tozeroy",
                name=label(f"class_{abc_class.lower()}", lang),
                line={"color": _CLASS_COLOURS[abc_class]},
            )
        )
        previous = (float(x[-1]), float(y[-1]))
    for cutoff in cutoffs:
        fig.add_hline(y=cutoff, line_dash="dash", line_color="grey", annotation_text=f"{cutoff:.0%}", annotation_position="bottom right")
    fig.update_xaxes(title_text=label("cumulative_customer_share", lang), tickformat=".0%", range=[0, 1])
    fig.update_yaxes(title_text=label("cumulative_value_share", lang), tickformat=".0%", range=[0, 1.02])
    return style_figure(fig, title=title if title is not None else label("pareto_curve", lang))


def plot_segment_scatter(
    features: pd.DataFrame,
    groups: pd.Series,
    *,
    x: str = "frequency",
    y: str = "monetary",
    log: bool = True,
    order: Sequence[str] | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Customers as points (``x`` against ``y``), one colour per group (segment or cluster).

    Parameters
    ----------
    features : DataFrame
        Per customer, holding the columns ``x`` and ``y``.
    groups : Series
        The group name of each customer, aligned with ``features``.
    log : bool, default True
        Log axes: frequency and monetary span several orders of magnitude.
    order : sequence of str, optional
        Order of the groups in the legend (default: as they first appear).
    x : str, default "frequency"
        Column of ``features`` across.
    y : str, default "monetary"
        Column of ``features`` up.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace per group.

    Examples
    --------
    >>> rfm = pd.DataFrame({"frequency": [1, 2, 30], "monetary": [10.0, 20.0, 900.0]})
    >>> fig = plot_segment_scatter(rfm, pd.Series(["low", "low", "high"]), lang="en")
    >>> [(t.name, list(t.x)) for t in fig.data]
    [('low', [1.0, 2.0]), ('high', [30.0])]
    """
    groups = pd.Series(groups).reindex(features.index) if isinstance(groups, pd.Series) else pd.Series(list(groups), index=features.index)
    names = list(order) if order is not None else list(dict.fromkeys(groups.tolist()))
    trace_type = go.Scattergl if len(features) > 5000 else go.Scatter
    fig = go.Figure()
    for position, name in enumerate(names):
        part = features[groups == name]
        if part.empty:
            continue
        fig.add_trace(
            trace_type(
                x=part[x].astype(float).tolist(),
                y=part[y].astype(float).tolist(),
                mode="markers",
                name=str(name),
                text=[str(i) for i in part.index],
                marker={"size": 6, "opacity": 0.6, "color": PALETTE[position % len(PALETTE)]},
                hovertemplate="%{text}<br>%{x:,.0f} · %{y:,.0f}<extra>%{fullData.name}</extra>",
            )
        )
    axis_type = "log" if log else "linear"
    # log axes labelled at the powers of ten only: the minor labels 2 ... 9 run into each other
    fig.update_xaxes(title_text=_axis_label(x, lang), type=axis_type, dtick=1 if log else None)
    fig.update_yaxes(title_text=_axis_label(y, lang), type=axis_type, dtick=1 if log else None)
    return style_figure(fig, title=title, height=480)


def plot_clusters(
    result: KMeansResult,
    features: pd.DataFrame | RFMTable,
    *,
    x: str = "frequency",
    y: str = "monetary",
    log: bool = True,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Customers coloured by k-means cluster, with each cluster's mean marked and profiled on hover.

    Parameters
    ----------
    result : KMeansResult
        ``kmeans_segments(...)``.
    features : DataFrame or RFMTable
        The RFM features the clusters were found on (``rfm_table(...)`` or its ``table``).
    x : str, default "frequency"
        Column across.
    y : str, default "monetary"
        Column up.
    log : bool, default True
        Log axes.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace per cluster and one of the cluster means.

    Examples
    --------
    >>> from logilab.segmentation import kmeans_segments
    >>> rng = np.random.default_rng(0)
    >>> rfm = pd.DataFrame({"recency": np.r_[rng.integers(1, 20, 30), rng.integers(300, 400, 30)],
    ...                     "frequency": np.r_[rng.integers(20, 40, 30), rng.integers(1, 3, 30)],
    ...                     "monetary": np.r_[rng.uniform(5e4, 9e4, 30), rng.uniform(100, 900, 30)]})
    >>> fig = plot_clusters(kmeans_segments(rfm, k=2), rfm, lang="en")
    >>> [t.name for t in fig.data]
    ['0 recent, frequent, high value', '1 lapsed, infrequent, low value', 'cluster mean']
    """
    lang = _lang(lang)
    features = table_of(features)
    names = {c: f"{c} {result.table.loc[c, f'name_{lang}']}" for c in result.table.index}
    groups = result.labels.map(names)
    fig = plot_segment_scatter(features, groups, x=x, y=y, log=log, order=list(names.values()), lang=lang)
    profile = result.table
    colon, brackets = label("colon", lang), label("in_brackets", lang)
    hover = [
        "<br>".join(
            [
                f"<b>{names[c]}</b>",
                f"{label('customers', lang)}{colon}{int(profile.loc[c, 'size']):,}{brackets.format(format(profile.loc[c, 'share'], '.1%'))}",
                *[f"{_axis_label(col, lang)}{colon}{profile.loc[c, col]:,.1f}" for col in result.scaled.columns],
            ]
        )
        for c in profile.index
    ]
    fig.add_trace(
        go.Scatter(
            x=profile[x].astype(float).tolist(),
            y=profile[y].astype(float).tolist(),
            mode="markers",
            name=label("cluster_mean", lang),
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            marker={"symbol": "x", "size": 14, "color": "black", "line": {"width": 1}},
        )
    )
    return style_figure(
        fig,
        title=title if title is not None else label("cluster_scatter", lang) + label("in_brackets", lang).format(f"k = {result.k}"),
        height=480,
    )


def plot_k_selection(selection: pd.DataFrame, *, chosen: int | None = None, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Inertia (elbow) and silhouette for each k tried, on two y axes; the chosen k is marked.

    Parameters
    ----------
    selection : DataFrame
        ``kmeans_segments(...).selection``: ``inertia`` and ``silhouette`` per k.
    chosen : int, optional
        The k to mark.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 inertia, trace 1 silhouette on the second y axis.

    Examples
    --------
    >>> selection = pd.DataFrame({"inertia": [90.0, 40.0, 30.0], "silhouette": [0.5, 0.6, 0.4]}, index=pd.Index([2, 3, 4], name="k"))
    >>> fig = plot_k_selection(selection, chosen=3, lang="en")
    >>> list(fig.data[1].y), fig.data[1].yaxis
    ([0.5, 0.6, 0.4], 'y2')
    """
    ks = [int(k) for k in selection.index]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Scatter(x=ks, y=selection["inertia"].astype(float).tolist(), mode="lines+markers", name=label("inertia", lang)))
    fig.add_trace(
        go.Scatter(x=ks, y=selection["silhouette"].astype(float).tolist(), mode="lines+markers", name=label("silhouette", lang)),
        secondary_y=True,
    )
    if chosen is not None:
        # the mark's label at the foot of its line: the legend stands above the plot area (two y axes)
        fig.add_vline(x=chosen, line_dash="dash", line_color="grey", annotation_text=f"k = {chosen}", annotation_position="bottom right")
    fig.update_xaxes(title_text=label("k_clusters", lang), dtick=1)
    fig.update_yaxes(title_text=label("inertia", lang), secondary_y=False)
    fig.update_yaxes(title_text=label("silhouette", lang), secondary_y=True)
    return style_figure(fig, title=title if title is not None else label("k_selection", lang), height=380)
