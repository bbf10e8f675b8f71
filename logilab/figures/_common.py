"""Shared look of all figures, and the figures of the sample-data tour."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import FONT_FAMILY, label

__all__ = ["PALETTE", "style_figure", "plot_counts_over_time", "plot_category_counts"]

# Right of the plot area, one entry per line, top-aligned with the plot area.
LEGEND_RIGHT = {"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"}

# In the top margin, in one or two rows, under a title that stands at the top of the figure.
LEGEND_TOP = {"orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top"}

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def style_figure(fig: go.Figure, *, title: str | None = None, height: int = 420) -> go.Figure:
    """Apply the workbook's common layout (font, margins, colours) and return the figure.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure to style (changed in place).
    title : str, optional
        Figure title (default: a title in ``lang``).
    height : int, default 420
        Height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        The same figure, for chaining.

    Examples
    --------
    >>> fig = style_figure(go.Figure(), title="demo")
    >>> fig.layout.title.text, fig.layout.legend.orientation, fig.layout.legend.x
    ('demo', 'v', 1.02)
    """
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT_FAMILY, "size": 13},
        colorway=list(PALETTE),
        height=height,
        margin={"l": 60, "r": 30, "t": 60 if title else 30, "b": 50},
        # The legend stands right of the plot area, top-aligned: never on the title, the axis titles
        # or the tick labels, whatever the width of the notebook (plotly widens the right margin).
        legend=LEGEND_RIGHT,
    )
    # y tick labels stand a little further from the axis, so the lowest one clears the first x tick label
    # in the corner ("0" beside "0", "0%" on "0%")
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True, ticklabelstandoff=10)
    if fig.layout.annotations:
        # subplot titles (and other annotations above the plot area) need room under the title
        fig.update_layout(margin={"t": 85 if title else 50})
    if any(axis.side == "right" for axis in fig.select_yaxes()):
        # a second y axis has its tick labels and title on the right, where the legend would stand:
        # the legend goes in the top margin, under the title and above any subplot titles
        top = 50 if title else 8
        fig.update_layout(
            legend={**LEGEND_TOP, "yref": "container", "y": 1 - top / height},
            margin={"t": top + 35 + (30 if fig.layout.annotations else 10)},
        )
        if title is not None:  # the title at the top of the figure, clear of the legend under it
            fig.update_layout(title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12}})
    if title is not None:
        fig.update_layout(title={"text": title, "x": 0.01})
    return fig


def plot_counts_over_time(counts: pd.DataFrame, *, by: str | None = None, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Line chart of ``count_by_period`` output, one line per group when ``by`` is given.

    Parameters
    ----------
    counts : DataFrame
        ``count_by_period(...)`` output: ``period``, ``count`` and, with groups, the ``by`` column.
    by : str, optional
        The group column; one line per group.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One line per group (one line without ``by``).

    Examples
    --------
    >>> counts = pd.DataFrame({"period": pd.to_datetime(["2025-01-01", "2025-02-01"]), "count": [5, 7]})
    >>> fig = plot_counts_over_time(counts, lang="en")
    >>> list(fig.data[0].y), fig.layout.yaxis.title.text
    ([5, 7], 'orders')
    """
    fig = go.Figure()
    groups = [(None, counts)] if by is None else list(counts.groupby(by, sort=True))
    for name, part in groups:
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["count"].tolist(),
                mode="lines+markers",
                name=str(name) if name is not None else label("orders", lang),
            )
        )
    fig.update_xaxes(title_text=label("period", lang))
    fig.update_yaxes(title_text=label("orders", lang), rangemode="tozero")
    return style_figure(fig, title=title if title is not None else label("orders_per_period", lang))


def plot_category_counts(values: pd.Series, *, category_key: str, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Horizontal bar chart of how often each category occurs, largest on top.

    ``category_key`` is the i18n key naming the category (e.g. ``"industry"``).

    Parameters
    ----------
    values : Series
        One category per row.
    category_key : str
        The i18n key naming the category, for the axis label.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar trace, the most frequent category on top.

    Examples
    --------
    >>> fig = plot_category_counts(pd.Series(["a", "b", "a"]), category_key="industry", lang="en")
    >>> list(fig.data[0].y), list(fig.data[0].x)
    (['b', 'a'], [1, 2])
    """
    counts = values.value_counts().sort_values(ascending=True)
    fig = go.Figure(go.Bar(x=counts.to_numpy().tolist(), y=[str(i) for i in counts.index], orientation="h"))
    fig.update_xaxes(title_text=label("count", lang))
    fig.update_yaxes(title_text=label(category_key, lang))
    return style_figure(fig, title=title, height=max(300, 40 * len(counts) + 120))
