"""Figures of complaint handling: rates over time, the Pareto of causes, response times, service recovery."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..complaints import ResponseTimes
from ..i18n import label
from ._common import PALETTE, style_figure

__all__ = ["plot_complaint_rates", "plot_complaint_pareto", "plot_response_times", "plot_recovery", "plot_complaint_overview"]

HIGHLIGHT, MUTED, LINE = PALETTE[3], "#c7c7c7", PALETTE[0]
MAX_HOURS = 48  # response times above this are drawn in the last bin
SHARE_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def plot_complaint_rates(rates: pd.DataFrame, *, by: str = "warehouse", lang: str | None = None, title: str | None = None) -> go.Figure:
    """Complaints per 1,000 orders over the months, one line per ``by`` group (from :func:`logilab.complaint_rates`).

    Parameters
    ----------
    rates : DataFrame
        ``complaint_rates(...)`` output: the ``by`` column, ``month`` and ``rate``.
    by : str, default "warehouse"
        The group column; one line per group.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One line per group.

    Examples
    --------
    >>> rates = pd.DataFrame({"warehouse": ["X", "X"], "month": ["2025-01", "2025-02"], "rate": [40.0, 55.0]})
    >>> fig = plot_complaint_rates(rates, lang="en")
    >>> fig.data[0].name, list(fig.data[0].y), fig.layout.yaxis.title.text
    ('X', [40.0, 55.0], 'complaints per 1,000 orders')
    """
    fig = go.Figure()
    for name, part in rates.groupby(by, sort=True):
        fig.add_trace(go.Scatter(x=part["month"].tolist(), y=part["rate"].tolist(), mode="lines+markers", name=str(name)))
    fig.update_xaxes(title_text=label("month", lang))
    fig.update_yaxes(title_text=label("complaints_per_1000", lang), rangemode="tozero")
    return style_figure(fig, title=title if title is not None else label("complaint_rate_trend", lang))


def _pareto_traces(pareto: pd.DataFrame, by: str, highlight: str | None, lang: str | None, value_label: str) -> list[go.BaseTraceType]:
    names = [str(c) for c in pareto[by]]
    colours = [
        HIGHLIGHT if (highlight is None and vital) or name == highlight else MUTED for name, vital in zip(names, pareto["vital_few"])
    ]
    return [
        go.Bar(x=names, y=pareto["value"].tolist(), marker_color=colours, name=value_label),
        go.Scatter(
            x=names, y=pareto["cumulative_share"].tolist(), mode="lines+markers", name=label("cumulative_share", lang), line_color=LINE
        ),
    ]


def plot_complaint_pareto(
    pareto: pd.DataFrame, *, by: str = "cause", highlight: str | None = None, lang: str | None = None, title: str | None = None
) -> go.Figure:
    """Pareto chart: bars per cause (largest first) and the cumulative share on a second axis with the 80 % line.

    The vital few are drawn in red; with ``highlight`` only that cause is.
    Takes the table of :func:`logilab.complaint_pareto`.

    Parameters
    ----------
    pareto : DataFrame
        ``complaint_pareto(...)`` output.
    by : str, default "cause"
        The category column of ``pareto``.
    highlight : str, optional
        One cause to draw in red instead of the vital few.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the bars, trace 1 the cumulative share.

    Examples
    --------
    >>> from logilab.complaints import complaint_pareto
    >>> pareto = complaint_pareto(pd.DataFrame({"cause": ["延误"] * 5 + ["破损"] * 3 + ["错发"] * 2}))
    >>> fig = plot_complaint_pareto(pareto, lang="en")
    >>> list(fig.data[0].x), list(fig.data[1].y)
    (['延误', '破损', '错发'], [0.5, 0.8, 1.0])
    """
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    bar, line = _pareto_traces(pareto, by, highlight, lang, label("complaints", lang))
    fig.add_trace(bar, secondary_y=False)
    fig.add_trace(line, secondary_y=True)
    fig.add_hline(y=0.8, line_dash="dot", line_color="grey", secondary_y=True)
    fig.update_yaxes(title_text=label("complaints", lang), secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=label("cumulative_share", lang), secondary_y=True, range=[0, 1.05], tickvals=SHARE_TICKS, tickformat=".0%")
    fig.update_xaxes(title_text=label(by, lang) if by in ("cause", "channel", "warehouse") else by)
    return style_figure(fig, title=title if title is not None else label("complaint_pareto", lang))


def _histogram(hours: pd.Series, max_hours: int) -> go.Histogram:
    clipped = np.minimum(hours.dropna().to_numpy(dtype=float), max_hours - 0.5)
    return go.Histogram(x=clipped.tolist(), xbins={"start": 0, "end": max_hours, "size": 1}, marker_color=PALETTE[0], showlegend=False)


def plot_response_times(
    result: ResponseTimes, *, max_hours: int = MAX_HOURS, lang: str | None = None, title: str | None = None
) -> go.Figure:
    """Histogram of first-response hours (one-hour bins) with the target as a dashed line.

    Times above ``max_hours`` are drawn in the last bin. Takes the result of
    :func:`logilab.response_times`; the title carries the same-day and within-target shares.

    Parameters
    ----------
    result : ResponseTimes
        ``response_times(...)``.
    max_hours : int, default 48
        The last bin collects every response slower than this.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        A histogram of first-response hours with the target as a dashed line.

    Examples
    --------
    >>> from logilab.complaints import response_times
    >>> c = pd.DataFrame({"received_at": pd.to_datetime(["2025-03-03 09:00", "2025-03-03 10:00"]),
    ...                   "first_response_at": pd.to_datetime(["2025-03-03 10:30", "2025-03-05 10:00"]),
    ...                   "resolved_at": pd.to_datetime([None, None])})
    >>> fig = plot_response_times(response_times(c, target_hours=4), lang="en")
    >>> list(fig.data[0].x), fig.layout.shapes[0].x0
    ([1.5, 47.5], 4.0)
    """
    fig = go.Figure(_histogram(result.table["response_hours"], max_hours))
    fig.add_vline(x=result.target_hours, line_dash="dash", line_color=HIGHLIGHT)
    fig.update_xaxes(title_text=label("response_hours", lang), range=[0, max_hours])
    fig.update_yaxes(title_text=label("complaints", lang))
    s = result.summary()
    default = (
        f"{label('response_time_distribution', lang)} · {label('same_day_share', lang)} {s['same_day_share']:.1%} · "
        f"{label('within_target_share', lang)} {s['within_target_share']:.1%}"
    )
    return style_figure(fig, title=title if title is not None else default)


def plot_recovery(table: pd.DataFrame, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Reorder rate per group with its confidence interval as error bars (from :func:`logilab.recovery_comparison`).

    Parameters
    ----------
    table : DataFrame
        ``recovery_comparison(...)`` output: ``group``, ``orders``, ``rate``, ``ci_low``,
        ``ci_high``.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace with the confidence intervals as error bars.

    Examples
    --------
    >>> table = pd.DataFrame({"group": ["no_complaint", "fast"], "orders": [10, 10], "rate": [0.7, 0.9],
    ...                       "ci_low": [0.6, 0.8], "ci_high": [0.8, 0.95]})
    >>> fig = plot_recovery(table, lang="en")
    >>> list(fig.data[0].x), [round(v, 2) for v in fig.data[0].error_y.array]
    (['orders without complaint', 'complaints resolved fast'], [0.1, 0.05])
    """
    names = [label(g, lang) for g in table["group"]]
    rate = table["rate"].to_numpy(dtype=float)
    fig = go.Figure(
        go.Bar(
            x=names,
            y=rate.tolist(),
            marker_color=[PALETTE[0], PALETTE[2], HIGHLIGHT][: len(names)],
            error_y={"type": "data", "array": (table["ci_high"] - rate).tolist(), "arrayminus": (rate - table["ci_low"]).tolist()},
            text=[f"{r:.1%}<br>n = {n:,}" for r, n in zip(rate, table["orders"])],
            textposition="inside",
            insidetextanchor="middle",
        )
    )
    fig.update_yaxes(title_text=label("reorder_rate", lang), range=[0, 1.05], tickformat=".0%")
    return style_figure(fig, title=title if title is not None else label("service_recovery", lang))


def plot_complaint_overview(
    pareto: pd.DataFrame,
    result: ResponseTimes,
    *,
    by: str = "cause",
    highlight: str | None = None,
    max_hours: int = MAX_HOURS,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """The explorer's figure: the Pareto of causes (left) and the response-time histogram with the target (right).

    Parameters
    ----------
    pareto : DataFrame
        ``complaint_pareto(...)`` output.
    result : ResponseTimes
        ``response_times(...)``.
    by : str, default "cause"
        The category column of ``pareto``.
    highlight : str, optional
        One cause to draw in red.
    max_hours : int, default 48
        The last bin of the histogram.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Two panels: the Pareto chart (traces 0-1) and the histogram (trace 2).

    Examples
    --------
    >>> from logilab.complaints import complaint_pareto, response_times
    >>> c = pd.DataFrame({"cause": ["延误", "破损"], "received_at": pd.to_datetime(["2025-03-03 09:00"] * 2),
    ...                   "first_response_at": pd.to_datetime(["2025-03-03 10:00", "2025-03-03 15:00"]),
    ...                   "resolved_at": pd.to_datetime([None, None])})
    >>> fig = plot_complaint_overview(complaint_pareto(c), response_times(c, target_hours=2), lang="en")
    >>> [t.type for t in fig.data], list(fig.data[2].x)
    (['bar', 'scatter', 'histogram'], [1.0, 6.0])
    """
    fig = make_subplots(
        rows=1,
        cols=2,
        specs=[[{"secondary_y": True}, {}]],
        subplot_titles=(label("complaint_pareto", lang), label("response_time_distribution", lang)),
        horizontal_spacing=0.2,
    )
    bar, line = _pareto_traces(pareto, by, highlight, lang, label("complaints", lang))
    fig.add_trace(bar, row=1, col=1, secondary_y=False)
    fig.add_trace(line, row=1, col=1, secondary_y=True)
    fig.add_trace(_histogram(result.table["response_hours"], max_hours), row=1, col=2)
    fig.add_hline(y=0.8, line_dash="dot", line_color="grey", row=1, col=1, secondary_y=True)
    fig.add_vline(x=result.target_hours, line_dash="dash", line_color=HIGHLIGHT, row=1, col=2)
    fig.update_yaxes(title_text=label("complaints", lang), row=1, col=1, secondary_y=False, rangemode="tozero")
    fig.update_yaxes(range=[0, 1.05], tickvals=SHARE_TICKS, tickformat=".0%", row=1, col=1, secondary_y=True)
    fig.update_xaxes(title_text=label("response_hours", lang), range=[0, max_hours], row=1, col=2)
    fig.update_yaxes(title_text=label("complaints", lang), row=1, col=2)
    return style_figure(fig, title=title, height=460)
