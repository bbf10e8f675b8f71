"""Figures of ranking stability: rank (or score) of each alternative as one weight moves."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from .._validation import LogilabInputError, check_choice
from ..i18n import label
from ..sensitivity import WeightSensitivity
from ._common import PALETTE, style_figure

__all__ = ["plot_weight_sensitivity"]


def plot_weight_sensitivity(
    result: WeightSensitivity,
    criterion: str | None = None,
    *,
    y: str = "rank",
    names: Mapping[Any, str] | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """One line per alternative: its rank (or score) as the weight of ``criterion`` runs from 0 to 1.

    A dashed line marks the current weight, dotted lines the critical weights
    where the first place changes. Ranks are drawn with 1 at the top.

    Parameters
    ----------
    result : WeightSensitivity
        :func:`logilab.weight_sensitivity`.
    criterion : str, optional
        The criterion whose weight runs from 0 to 1 (default: the first).
    y : {"rank", "score"}, default "rank"
        Plot each alternative's rank or its score.
    names : mapping, optional
        Display names of the criteria (``{"on_time_rate": "准时交付率"}``); a
        criterion without one is shown by its column name.
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from logilab.sensitivity import weight_sensitivity
    >>> X = pd.DataFrame({"otif": [10, 0, 5], "speed": [0, 10, 5], "care": [0, 10, 0]}, index=["A", "B", "C"])
    >>> fig = plot_weight_sensitivity(weight_sensitivity(X, [0.6, 0.3, 0.1], method="weighted_score"), "otif", lang="en")
    >>> [trace.name for trace in fig.data], [round(s.x0, 3) for s in fig.layout.shapes]
    (['A', 'B', 'C'], [0.6, 0.5])
    """
    if not isinstance(result, WeightSensitivity):
        raise LogilabInputError(
            f"result: expected the result of ll.weight_sensitivity(...), found {type(result).__name__}. Run the analysis first."
        )
    criteria = list(result.weights.index)
    criterion = criteria[0] if criterion is None else criterion
    check_choice(criterion, "criterion", criteria)
    check_choice(y, "y", ["rank", "score"])
    data = result.table[result.table["criterion"] == criterion]
    fig = go.Figure()
    for i, (alternative, rows) in enumerate(data.groupby("alternative", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=rows["weight"],
                y=rows[y],
                mode="lines",
                name=str(alternative),
                line={"color": PALETTE[i % len(PALETTE)], "width": 2.5, "shape": "hv" if y == "rank" else "linear"},
            )
        )
    current = float(result.weights[criterion])
    marks = [(current, label("current_weight", lang), "#555", "dash")] + [
        (float(w), f"{label('critical_weight', lang)} {w:.3f}", "#d62728", "dot")
        for w in result.critical.loc[result.critical["criterion"] == criterion, "weight"]
    ]
    # labels on steps down from the top, in the order of the lines, so that labels of nearby lines never meet;
    # right of its line, or left of it in the right part of the plot, so that no label leaves the plot
    levels = {i: step % 4 for step, i in enumerate(sorted(range(len(marks)), key=lambda i: marks[i][0]))}
    for i, (x, text, colour, dash) in enumerate(marks):
        fig.add_vline(x=x, line_dash=dash, line_color=colour)
        fig.add_annotation(
            x=x,
            y=1 - 0.09 * levels[i],
            yref="paper",
            text=text,
            showarrow=False,
            xanchor="left" if x < 0.6 else "right",
            xshift=4 if x < 0.6 else -4,
            yanchor="top",
            font={"color": colour},
            bgcolor="rgba(255,255,255,0.85)",
        )
    colon = label("colon", lang)
    shown = (names or {}).get(criterion, criterion)
    fig.update_xaxes(title_text=f"{label('criterion_weight', lang)}{colon}{shown}", range=[0, 1])
    if y == "rank":
        fig.update_yaxes(title_text=label("rank", lang), autorange="reversed", dtick=1)
    else:
        fig.update_yaxes(title_text=label("score", lang))
    return style_figure(fig, title=title if title is not None else label("weight_sensitivity", lang))
