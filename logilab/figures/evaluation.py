"""Figures of KPI evaluation: weights, fuzzy evaluation vectors, TOPSIS rankings, radar charts, KPI trends."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..fuzzy import FCEResult
from ..i18n import LABELS, label
from ..indicators import normalize
from ..topsis import TopsisResult
from ._common import PALETTE, style_figure

__all__ = ["plot_weights", "plot_weights_comparison", "plot_fuzzy_evaluation", "plot_topsis", "plot_radar", "plot_kpi_dashboard"]

_HIGHLIGHT, _MUTED = PALETTE[3], PALETTE[0]


def _name(key: Any, lang: str | None) -> str:
    return label(key, lang) if isinstance(key, str) and key in LABELS else str(key)


def plot_weights(weights: pd.Series, *, lang: str | None = None, title: str | None = None, warn: bool = False) -> go.Figure:
    """Bar chart of weights with their values printed on the bars (red bars when ``warn``).

    Parameters
    ----------
    weights : Series
        One weight per indicator.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).
    warn : bool, default False
        Draw the bars in red (e.g. for an inconsistent AHP matrix).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace with the weights printed on the bars.

    Examples
    --------
    >>> fig = plot_weights(pd.Series({"及时性": 0.5, "完整性": 0.3, "灵活性": 0.2}), lang="en")
    >>> list(fig.data[0].x), fig.layout.yaxis.title.text
    (['及时性', '完整性', '灵活性'], 'weight')
    """
    fig = go.Figure(
        go.Bar(
            x=[str(i) for i in weights.index],
            y=weights.to_numpy().tolist(),
            text=[f"{w:.3f}" for w in weights],
            textposition="outside",
            marker_color=_HIGHLIGHT if warn else _MUTED,
        )
    )
    fig.update_yaxes(title_text=label("weight", lang), rangemode="tozero", range=[0, max(1e-9, float(weights.max())) * 1.2])
    return style_figure(fig, title=title if title is not None else label("ahp_weights", lang), height=360)


def plot_weights_comparison(table: pd.DataFrame, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Grouped bars: one group per indicator, one bar per weighting method (a column of ``table``).

    Column names that are label keys (``"ahp_weights"``, ``"entropy_weights"``,
    ``"combined_weights"``) are translated.

    Parameters
    ----------
    table : DataFrame
        Indicators in rows, one column of weights per method.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per column of ``table``.

    Examples
    --------
    >>> t = pd.DataFrame({"ahp_weights": [0.7, 0.3], "entropy_weights": [0.4, 0.6]}, index=["a", "b"])
    >>> [trace.name for trace in plot_weights_comparison(t, lang="en").data]
    ['AHP weights', 'entropy weights']
    """
    fig = go.Figure(
        [go.Bar(name=_name(column, lang), x=[str(i) for i in table.index], y=table[column].to_numpy().tolist()) for column in table.columns]
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=label("weight", lang), rangemode="tozero")
    fig.update_xaxes(title_text=label("indicator", lang))
    return style_figure(fig, title=title if title is not None else label("weights_comparison", lang))


def plot_fuzzy_evaluation(result: FCEResult, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """The normalised evaluation vector B as bars (the chosen grade in red) and B before normalisation as markers.

    Parameters
    ----------
    result : FCEResult
        ``fuzzy_evaluate(...)``.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the bars of ``B / sum(B)``, trace 1 the markers of ``B``.

    Examples
    --------
    >>> from logilab.fuzzy import fuzzy_evaluate
    >>> fig = plot_fuzzy_evaluation(fuzzy_evaluate([0.5, 0.5], [[0.6, 0.4], [0.2, 0.8]], grades=["好", "差"]))
    >>> list(fig.data[0].y), fig.data[0].marker.color
    ([0.4, 0.6], ('#1f77b4', '#d62728'))
    """
    grades = [str(g) for g in result.normalized_vector.index]
    colors = [_HIGHLIGHT if g == result.grade else _MUTED for g in grades]
    fig = go.Figure(
        [
            go.Bar(
                name=label("normalized_vector", lang),
                x=grades,
                y=result.normalized_vector.round(6).tolist(),
                marker_color=colors,
                text=[f"{b:.3f}" for b in result.normalized_vector],
                textposition="outside",
            ),
            go.Scatter(
                name=label("evaluation_vector", lang),
                x=grades,
                y=result.vector.round(6).tolist(),
                mode="markers",
                marker={"size": 11, "symbol": "diamond"},
            ),
        ]
    )
    fig.update_xaxes(title_text=label("grade", lang))
    fig.update_yaxes(title_text=label("membership", lang), rangemode="tozero")
    default = f"{label('fce_result', lang)} · {result.operator} · {label('grade', lang)}{label('colon', lang)}{result.grade}"
    return style_figure(fig, title=title if title is not None else default, height=380)


def plot_topsis(result: TopsisResult, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Horizontal bars of the relative closeness, best alternative on top (in red).

    Parameters
    ----------
    result : TopsisResult
        ``topsis(...)``.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar trace of the closeness.

    Examples
    --------
    >>> from logilab.topsis import topsis
    >>> fig = plot_topsis(topsis([[1, 2], [2, 2], [3, 3]], [0.5, 0.5]))
    >>> list(fig.data[0].y), fig.data[0].marker.color[-1]
    (['A1', 'A2', 'A3'], '#d62728')
    """
    table = result.table.sort_values("closeness", ascending=True, kind="stable")
    best = result.best
    fig = go.Figure(
        go.Bar(
            x=table["closeness"].round(6).tolist(),
            y=[str(i) for i in table.index],
            orientation="h",
            marker_color=[_HIGHLIGHT if i == best else _MUTED for i in table.index],
            text=[f"{c:.3f}" for c in table["closeness"]],
            textposition="outside",
        )
    )
    fig.update_xaxes(title_text=label("closeness", lang), range=[0, 1.1])
    return style_figure(fig, title=title if title is not None else label("topsis_ranking", lang), height=max(300, 40 * len(table) + 120))


def plot_radar(
    X: pd.DataFrame, *, benefit: Any = None, labels: dict[str, str] | None = None, lang: str | None = None, title: str | None = None
) -> go.Figure:
    """Radar chart of min-max normalised indicators (1 = best alternative, 0 = worst), one trace per alternative.

    ``labels`` maps column names to readable names for the axes.

    Parameters
    ----------
    X : DataFrame
        Alternatives in rows, indicators in columns.
    benefit : None, str, list or dict
        Direction of each indicator, as in :func:`logilab.normalize`.
    labels : dict, optional
        ``{column: readable name}`` for the axes.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One closed polar trace per alternative.

    Examples
    --------
    >>> X = pd.DataFrame({"otif": [0.9, 0.8], "cost": [3.0, 2.0]}, index=["SH", "CD"])
    >>> fig = plot_radar(X, benefit={"otif": "benefit", "cost": "cost"})
    >>> [t.name for t in fig.data], list(fig.data[0].r)
    (['SH', 'CD'], [1.0, 0.0, 1.0])
    """
    scaled = normalize(X, benefit=benefit, method="minmax")
    axes = [(labels or {}).get(c, str(c)) for c in scaled.columns]
    fig = go.Figure()
    for name, row in scaled.iterrows():
        values = row.round(6).tolist()
        fig.add_trace(go.Scatterpolar(r=values + values[:1], theta=axes + axes[:1], name=str(name), fill="toself", opacity=0.55))
    # the radial scale runs between the first two indicators, never over an indicator's label
    between = 90 - 180 / max(len(axes), 1)
    fig.update_layout(
        polar={"radialaxis": {"range": [0, 1], "visible": True, "angle": between, "tickangle": between}, "angularaxis": {"rotation": 90}}
    )
    return style_figure(fig, title=title if title is not None else label("radar_chart", lang), height=480)


def plot_kpi_dashboard(
    data: pd.DataFrame,
    *,
    indicator: str,
    target: float | None = None,
    by: str = "warehouse",
    period: str = "month",
    highlight: str | None = None,
    indicator_label: str | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Monthly values of one KPI, one line per warehouse, with the target as a dashed line.

    ``highlight`` draws one entity thick and the others faint.

    Parameters
    ----------
    data : DataFrame
        One row per entity and period with the indicator column.
    indicator : str
        The KPI column to plot.
    target : float, optional
        Drawn as a dashed line.
    by : str, default "warehouse"
        The entity column; one line per entity.
    period : str, default "month"
        The period column.
    highlight : str, optional
        One entity to draw thick, the others faint.
    indicator_label : str, optional
        Readable name of the indicator for the axis.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One line per entity and the target as a layout shape.

    Examples
    --------
    >>> kpi = pd.DataFrame({"month": ["2025-01", "2025-02"] * 2, "warehouse": ["A", "A", "B", "B"], "otif": [0.9, 0.92, 0.8, 0.85]})
    >>> fig = plot_kpi_dashboard(kpi, indicator="otif", target=0.88)
    >>> [t.name for t in fig.data], fig.layout.shapes[0].y0
    (['A', 'B'], 0.88)
    """
    fig = go.Figure()
    for name, part in data.sort_values(period).groupby(by, sort=True):
        faint = highlight is not None and name != highlight
        fig.add_trace(
            go.Scatter(
                x=part[period].astype(str).tolist(),
                y=part[indicator].round(6).tolist(),
                mode="lines+markers",
                name=str(name),
                opacity=0.3 if faint else 1.0,
                line={"width": 1.5 if faint else 3},
            )
        )
    if target is not None:
        fig.add_hline(y=target, line_dash="dash", line_color="black", annotation_text=f"{label('target', lang)} {target:g}")
    fig.update_xaxes(title_text=label("month", lang))
    fig.update_yaxes(title_text=indicator_label or indicator)
    return style_figure(fig, title=title if title is not None else label("kpi_dashboard", lang))
