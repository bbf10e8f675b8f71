"""Figures of survey statistics: the Net Promoter Score of several groups with its interval."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .._validation import LogilabInputError
from ..i18n import label
from ..survey_stats import NPSResult
from ._common import style_figure

__all__ = ["plot_nps"]

# detractors red, passives grey, promoters green: the colours every NPS report uses
_GROUP_COLOURS = {"detractor": "#d62728", "passive": "#b0b0b0", "promoter": "#2ca02c"}


def _results(results: Any) -> dict[str, NPSResult]:
    if isinstance(results, NPSResult):
        return {label("all"): results}
    if isinstance(results, Mapping) and results:
        bad = [key for key, value in results.items() if not isinstance(value, NPSResult)]
        if not bad:
            return {str(key): value for key, value in results.items()}
        found = f"{type(results[bad[0]]).__name__} for {bad[0]!r}"
    else:
        found = type(results).__name__ if not isinstance(results, Mapping) else "an empty mapping"
    raise LogilabInputError(
        f"results: expected ll.nps(...) or a dict of group -> ll.nps(...), found {found}. "
        'Pass e.g. {name: ll.nps(part["recommend"]) for name, part in survey.groupby("contract_type")}.'
    )


def plot_nps(results: Any, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Promoters, passives and detractors of each group as stacked bars, beside each group's NPS with its interval.

    Left: one horizontal bar per group, split into the shares of detractors
    (0-6), passives (7-8) and promoters (9-10). Right: the group's NPS
    (promoters minus detractors, in points) with its confidence interval as
    an error bar, on the full scale from -100 to 100. Groups whose intervals
    overlap widely may not differ at all; :func:`logilab.nps_compare` tests it.

    Parameters
    ----------
    results : NPSResult or mapping of group -> NPSResult
        :func:`logilab.nps` of one group, or of several (drawn top to bottom
        in the order given).
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure
        Three bar traces (detractors, passives, promoters; shares in percent)
        and one scatter trace of NPS with ``error_x`` to the interval's ends.

    Examples
    --------
    >>> from logilab.survey_stats import nps
    >>> groups = {"north": nps([10] * 5 + [8] * 3 + [4] * 2), "south": nps([10] * 3 + [8] * 4 + [4] * 3)}
    >>> fig = plot_nps(groups, lang="en")
    >>> [trace.name for trace in fig.data[:3]], list(fig.data[2].x)
    (['detractors (0-6)', 'passives (7-8)', 'promoters (9-10)'], [50.0, 30.0])
    >>> [round(v, 1) for v in fig.data[3].x]
    [30.0, 0.0]
    """
    groups = _results(results)
    names = list(groups)
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.6, 0.4],
        horizontal_spacing=0.05,
        subplot_titles=[label("nps_groups", lang), label("nps_with_interval", lang)],
    )
    for group in ("detractor", "passive", "promoter"):
        shares = [100 * float(result.table.loc[group, "share"]) for result in groups.values()]
        counts = [int(result.table.loc[group, "count"]) for result in groups.values()]
        fig.add_trace(
            go.Bar(
                x=shares,
                y=names,
                orientation="h",
                name=label(f"nps_{group}", lang),
                marker_color=_GROUP_COLOURS[group],
                text=[f"{share:.0f}%" for share in shares],
                textposition="inside",
                customdata=counts,
                hovertemplate="%{y}: %{x:.1f}% (n = %{customdata})<extra>%{fullData.name}</extra>",
            ),
            row=1,
            col=1,
        )
    scores = [result.nps for result in groups.values()]
    fig.add_trace(
        go.Scatter(
            x=scores,
            y=names,
            mode="markers+text",
            marker={"size": 11, "color": "#1f77b4"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [result.upper - result.nps for result in groups.values()],
                "arrayminus": [result.nps - result.lower for result in groups.values()],
                "thickness": 2,
                "width": 6,
            },
            text=[f"{score:+.1f}" for score in scores],
            textposition="top center",
            name=label("nps", lang),
            showlegend=False,
            customdata=[[result.lower, result.upper, result.respondents] for result in groups.values()],
            hovertemplate="%{y}: NPS %{x:+.1f} [%{customdata[0]:+.1f}, %{customdata[1]:+.1f}], n = %{customdata[2]}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_vline(x=0, line_color="#888", line_width=1, row=1, col=2)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text=label("share_of_respondents", lang), range=[0, 100], ticksuffix="%", row=1, col=1)
    fig.update_xaxes(title_text=label("nps", lang), range=[-100, 100], dtick=50, row=1, col=2)
    fig.update_yaxes(autorange="reversed", automargin=True)
    height = max(360, 200 + 55 * len(names))
    style_figure(fig, title=title if title is not None else label("nps_chart", lang), height=height)
    # the legend below the axis titles: 75 px under the plot area, whatever the number of groups
    plot_height = height - fig.layout.margin.t - 120
    return fig.update_layout(margin={"b": 120}, legend={"y": -75 / plot_height, "yanchor": "top", "traceorder": "normal"})
