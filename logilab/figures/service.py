"""Figures of the service-level notebook: KPI overview, trends, perfect order, fill rate, optimal service level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .._validation import LogilabInputError, check_choice, check_dataframe, require_columns
from ..i18n import label
from ..inventory import ServiceLevelOptimum, cycle_service_level, fill_rate
from ..metrics import KPI_NAMES, KPI_TARGETS, LOWER_IS_BETTER
from ._common import PALETTE, style_figure

__all__ = [
    "OVERVIEW_KPIS",
    "plot_kpi_overview",
    "plot_kpi_trend",
    "plot_kpi_by_group",
    "plot_perfect_order",
    "plot_fill_rate",
    "plot_service_economics",
]

# the rates shown in the overview, higher-is-better first
OVERVIEW_KPIS = (
    "unit_fill_rate",
    "line_fill_rate",
    "order_fill_rate",
    "on_time_rate",
    "otif",
    "order_completion_rate",
    "perfect_order_rate",
    "stockout_frequency",
    "damage_rate",
    "complaint_rate",
    "claim_rate",
)
GOOD, BAD, NEUTRAL = "#2ca02c", "#d62728", "#7f7f7f"


def _meets(kpi: str, value: float, target: float | None) -> bool | None:
    if target is None or pd.isna(value):
        return None
    return value <= target if kpi in LOWER_IS_BETTER else value >= target


def _colour(met: bool | None) -> str:
    return NEUTRAL if met is None else GOOD if met else BAD


def _one_row(kpis: Any) -> pd.Series:
    if isinstance(kpis, pd.DataFrame):
        if len(kpis) != 1:
            raise LogilabInputError(
                f"kpis: expected the one-row overall result of service_kpis(lines), found {len(kpis)} rows. "
                "Call service_kpis without by=, or pick one row with .iloc[[i]]."
            )
        return kpis.iloc[0]
    if isinstance(kpis, Mapping):
        return pd.Series(kpis, dtype=float)
    if isinstance(kpis, pd.Series):
        return kpis
    raise LogilabInputError(f"kpis: expected the result of service_kpis(lines), found {type(kpis).__name__}. Pass ll.service_kpis(lines).")


def plot_kpi_overview(
    kpis: Any, *, targets: Mapping[str, float] | None = None, lang: str | None = None, title: str | None = None
) -> go.Figure:
    """Bullet-style overview: each rate as a bar, its target as a black tick, green if met.

    Rates where higher is better sit in the left panel, rates where lower is
    better (stockouts, damage, complaints, claims) in the right one with their
    own scale, so small rates stay readable.

    Parameters
    ----------
    kpis : one-row DataFrame, Series or dict
        ``service_kpis(lines)`` (overall).
    targets : mapping, optional
        Target per KPI; default :data:`logilab.metrics.KPI_TARGETS`.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Bars of the rates and ticks of the targets, in two panels.

    Examples
    --------
    >>> fig = plot_kpi_overview({"otif": 0.82, "on_time_rate": 0.96, "damage_rate": 0.001}, lang="en")
    >>> list(fig.data[0].y), list(fig.data[0].x), list(fig.data[0].marker.color)
    (['on-time delivery rate', 'on-time in-full (OTIF)'], [0.96, 0.82], ['#2ca02c', '#d62728'])
    >>> list(fig.data[1].x)  # the targets
    [0.95, 0.85]
    """
    row = _one_row(kpis)
    targets = dict(KPI_TARGETS if targets is None else targets)
    shown = [k for k in OVERVIEW_KPIS if k in row.index and pd.notna(row[k])]
    if not shown:
        raise LogilabInputError(
            f"kpis: expected at least one of {list(OVERVIEW_KPIS)}, found {list(row.index)}. Pass the result of ll.service_kpis(lines)."
        )
    panels = [[k for k in shown if k not in LOWER_IS_BETTER], [k for k in shown if k in LOWER_IS_BETTER]]
    panels = [p for p in panels if p]
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        horizontal_spacing=0.28,
        subplot_titles=[label("higher_is_better" if p[0] not in LOWER_IS_BETTER else "lower_is_better", lang) for p in panels],
    )
    for col, panel in enumerate(panels, start=1):
        names = [label(k, lang) for k in panel]
        values = [float(row[k]) for k in panel]
        colours = [_colour(_meets(k, v, targets.get(k))) for k, v in zip(panel, values)]
        fig.add_trace(
            go.Bar(
                x=values,
                y=names,
                orientation="h",
                marker={"color": colours},
                name=label("actual", lang),
                text=[f"{v:.1%}" if v >= 0.01 else f"{v:.2%}" for v in values],
                textposition="outside",
                showlegend=col == 1,
            ),
            row=1,
            col=col,
        )
        with_target = [(n, targets[k]) for n, k in zip(names, panel) if k in targets]
        fig.add_trace(
            go.Scatter(
                x=[t for _, t in with_target],
                y=[n for n, _ in with_target],
                mode="markers",
                marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "black"}},
                name=label("target", lang),
                showlegend=col == 1,
            ),
            row=1,
            col=col,
        )
        top = max(values + [t for _, t in with_target])
        fig.update_xaxes(
            # room to the right of the longest bar for its text label
            tickformat=".0%" if top > 0.1 else ".1%",
            range=[0, 1.15 if top > 0.5 else top * 1.35],
            tickvals=[0, 0.25, 0.5, 0.75, 1.0] if top > 0.5 else None,
            row=1,
            col=col,
        )
        fig.update_yaxes(autorange="reversed", row=1, col=col)
    return style_figure(fig, title=title if title is not None else label("kpi_overview", lang), height=max(360, 48 * len(panels[0]) + 140))


def _check_kpi(table: pd.DataFrame, kpi: str) -> None:
    check_choice(kpi, "kpi", [k for k in KPI_NAMES if k in table.columns] or list(KPI_NAMES))


def plot_kpi_trend(
    table: pd.DataFrame,
    kpi: str = "otif",
    *,
    period: str = "month",
    by: str | None = "warehouse",
    target: float | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """A KPI over time, one line per group (e.g. per warehouse), with the target as a dashed line.

    Parameters
    ----------
    table : DataFrame
        ``service_kpis(lines, by=["month", "warehouse"])`` (or ``by="month"`` with ``by=None`` here).
    kpi : str
        The KPI column to plot.
    target : float, optional
        Default :data:`logilab.metrics.KPI_TARGETS` for the KPI, if any.
    period : str, default "month"
        The period column.
    by : str or None, default "warehouse"
        The group column; None for one line.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One line per group and the target as a dashed line.

    Examples
    --------
    >>> table = pd.DataFrame({"month": ["2025-01", "2025-02"] * 2, "warehouse": ["A", "A", "B", "B"], "otif": [0.8, 0.9, 0.7, 0.75]})
    >>> fig = plot_kpi_trend(table, "otif", lang="en")
    >>> [t.name for t in fig.data], list(fig.data[1].y), fig.layout.shapes[0].y0
    (['A', 'B'], [0.7, 0.75], 0.85)
    """
    check_dataframe(table, "table")
    require_columns(table, {"period": period, "kpi": kpi} if by is None else {"period": period, "by": by, "kpi": kpi}, "table")
    _check_kpi(table, kpi)
    fig = go.Figure()
    groups = [(label("all", lang), table)] if by is None else list(table.groupby(by, sort=True))
    for name, part in groups:
        part = part.sort_values(period)
        fig.add_trace(
            go.Scatter(x=part[period].astype(str).tolist(), y=part[kpi].astype(float).tolist(), mode="lines+markers", name=str(name))
        )
    target = KPI_TARGETS.get(kpi) if target is None else target
    if target is not None:
        # the target's label stands at the left end of its line, below it: the lines' markers run on the right
        fig.add_hline(
            y=target,
            line={"dash": "dash", "color": "black"},
            annotation_text=f"{label('target', lang)} {target:.1%}",
            annotation_position="bottom left",
        )
    # at most a dozen month labels: two years of months would otherwise stand slanted and crowded
    fig.update_xaxes(title_text=label(period, lang) if period in ("month", "quarter") else period, type="category", nticks=12)
    fig.update_yaxes(title_text=label(kpi, lang), tickformat=".0%" if not kpi.startswith("cycle_time") else None)
    return style_figure(fig, title=title if title is not None else f"{label(kpi, lang)} · {label('kpi_trend', lang)}")


def plot_kpi_by_group(
    table: pd.DataFrame,
    kpi: str = "otif",
    *,
    by: str = "warehouse",
    target: float | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """One bar per group (warehouse, category, customer ...) for a KPI; green where the target is met.

    Parameters
    ----------
    table : DataFrame
        ``service_kpis(lines, by=...)``.
    kpi : str, default "otif"
        The KPI column to plot.
    by : str, default "warehouse"
        The group column.
    target : float, optional
        Default :data:`logilab.metrics.KPI_TARGETS` for the KPI, if any.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace, green where the target is met and red where not.

    Examples
    --------
    >>> table = pd.DataFrame({"warehouse": ["A", "B"], "otif": [0.9, 0.8]})
    >>> fig = plot_kpi_by_group(table, "otif", lang="en")
    >>> list(fig.data[0].x), list(fig.data[0].marker.color)
    (['A', 'B'], ['#2ca02c', '#d62728'])
    """
    check_dataframe(table, "table")
    require_columns(table, {"by": by, "kpi": kpi}, "table")
    _check_kpi(table, kpi)
    target = KPI_TARGETS.get(kpi) if target is None else target
    values = table[kpi].astype(float).tolist()
    fig = go.Figure(
        go.Bar(
            x=table[by].astype(str).tolist(),
            y=values,
            marker={"color": [_colour(_meets(kpi, v, target)) for v in values]},
            text=[f"{v:.1%}" if not kpi.startswith("cycle_time") else f"{v:.2f}" for v in values],
            textposition="outside",
            name=label(kpi, lang),
        )
    )
    if target is not None:
        # the target's label stands right of the plot area, where no bar label can be under it
        fig.add_hline(
            y=target,
            line={"dash": "dash", "color": "black"},
            annotation_text=f"{label('target', lang)}<br>{target:.1%}",
            annotation_position="right",
        )
    fig.update_xaxes(title_text=label(by, lang) if by in ("warehouse", "month", "customer") else by)
    fig.update_yaxes(title_text=label(kpi, lang), tickformat=".0%" if not kpi.startswith("cycle_time") else None)
    style_figure(fig, title=title if title is not None else f"{label(kpi, lang)} · {label('kpi_by_group', lang)}")
    return fig.update_layout(margin={"r": 90})


_PERFECT_PARTS = (
    "on_time_rate",
    "order_fill_rate",
    "undamaged_order_rate",
    "doc_accuracy_rate",
    "perfect_order_product",
    "perfect_order_rate",
)


def plot_perfect_order(breakdown: pd.DataFrame, *, by: str | None = None, lang: str | None = None, title: str | None = None) -> go.Figure:
    """The four components, their product and the joint perfect order rate, per group.

    Parameters
    ----------
    breakdown : DataFrame
        ``perfect_order_breakdown(lines)`` or ``perfect_order_breakdown(lines, by=...)``.
    by : str, optional
        The group column of ``breakdown``.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per component, the product and the joint rate.

    Examples
    --------
    >>> row = pd.DataFrame({"on_time_rate": [0.9], "order_fill_rate": [0.9], "undamaged_order_rate": [1.0],
    ...                     "doc_accuracy_rate": [1.0], "perfect_order_product": [0.81], "perfect_order_rate": [0.85]})
    >>> fig = plot_perfect_order(row, lang="en")
    >>> [t.name for t in fig.data][-2:], list(fig.data[-1].y)
    (['product of component rates', 'perfect order rate'], [0.85])
    """
    check_dataframe(breakdown, "breakdown")
    require_columns(breakdown, list(_PERFECT_PARTS), "breakdown")
    if by is not None:
        require_columns(breakdown, {"by": by}, "breakdown")
    groups = breakdown[by].astype(str).tolist() if by is not None else [label("all", lang)]
    fig = go.Figure()
    colours = ["#aec7e8", "#98df8a", "#ffbb78", "#c5b0d5", PALETTE[7], PALETTE[0]]
    for part, colour in zip(_PERFECT_PARTS, colours):
        values = breakdown[part].astype(float).tolist()
        fig.add_trace(
            go.Bar(
                x=groups,
                y=values,
                name=label(part, lang),
                marker={"color": colour},
                text=[f"{v:.1%}" for v in values],
                textposition="outside",
                # upright labels are wider than six bars side by side: turned, they fit their bar
                textangle=-90,
                textfont={"size": 11},
                cliponaxis=False,
            )
        )
    # a label that would have to shrink below 10 px is left to the hover instead of drawn unreadably small
    fig.update_layout(barmode="group", uniformtext={"minsize": 10, "mode": "hide"})
    low = float(breakdown[list(_PERFECT_PARTS)].min().min())
    # headroom above 100 % for the turned labels
    fig.update_yaxes(
        title_text=label("rate", lang), tickformat=".0%", range=[max(0.0, low - 0.1), 1.12], tickvals=[i / 10 for i in range(11)]
    )
    return style_figure(fig, title=title if title is not None else label("perfect_order_title", lang), height=460)


def plot_fill_rate(
    order_qty: float,
    sigma: float,
    k: float,
    *,
    k_range: Sequence[float] = (-1.0, 3.0),
    compare: Sequence[float] = (0.5, 2.0),
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Fill rate against the safety factor (left) and against the order quantity at the same safety stock (right).

    Left: fill rate ``1 - sigma G(k) / Q`` for the current ``Q`` (solid) and for
    ``compare`` multiples of it (dashed), beside the cycle service level
    ``Phi(k)`` (dotted); the current point is marked. Right: the fill rate at
    the current ``k`` (the same safety stock ``k * sigma``) as ``Q`` varies, so
    one sees that a larger order quantity raises the fill rate.

    Trace order: fill rate at Q, at each compared Q, CSL curve, current point,
    fill rate vs Q, current point.

    Parameters
    ----------
    order_qty : float
        Order quantity ``Q``.
    sigma : float
        Standard deviation of lead-time demand.
    k : float
        The current safety factor.
    k_range : (float, float), default (-1, 3)
        The safety factors shown on the left.
    compare : sequence of float, default (0.5, 2)
        Multiples of ``Q`` drawn dashed for comparison.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Two panels; the trace order is given above.

    Examples
    --------
    >>> fig = plot_fill_rate(500, 100, 1.0, lang="en")
    >>> round(fig.data[4].y[0], 4), round(fig.data[6].y[0], 4)  # fill rate at the current point
    (0.9833, 0.9833)
    >>> fig.data[1].name
    'Q = 250'
    """
    ks = np.linspace(float(k_range[0]), float(k_range[1]), 161)
    current = float(fill_rate(order_qty, sigma, k))
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=[label("fill_rate_vs_k", lang), label("fill_rate_vs_q", lang)], horizontal_spacing=0.1
    )
    fig.add_trace(
        go.Scatter(
            x=ks, y=fill_rate(order_qty, sigma, ks), mode="lines", name=f"Q = {order_qty:g}", line={"color": PALETTE[0], "width": 3}
        ),
        1,
        1,
    )
    for factor, colour in zip(compare, (PALETTE[1], PALETTE[2], PALETTE[4])):
        q = order_qty * factor
        fig.add_trace(
            go.Scatter(x=ks, y=fill_rate(q, sigma, ks), mode="lines", name=f"Q = {q:g}", line={"dash": "dash", "color": colour}), 1, 1
        )
    fig.add_trace(
        go.Scatter(
            x=ks,
            y=cycle_service_level(ks),
            mode="lines",
            name=label("cycle_service_level", lang),
            line={"dash": "dot", "color": PALETTE[7]},
        ),
        1,
        1,
    )
    point_name = label("current_point", lang)
    fig.add_trace(
        go.Scatter(x=[k], y=[current], mode="markers", name=point_name, marker={"size": 13, "color": PALETTE[3], "symbol": "diamond"}), 1, 1
    )
    qs = np.linspace(order_qty * 0.2, order_qty * 3.0, 141)
    fig.add_trace(
        go.Scatter(
            x=qs, y=fill_rate(qs, sigma, k), mode="lines", name=f"k = {k:.2f}", line={"color": PALETTE[0], "width": 3}, showlegend=False
        ),
        1,
        2,
    )
    fig.add_trace(
        go.Scatter(
            x=[order_qty],
            y=[current],
            mode="markers",
            name=point_name,
            marker={"size": 13, "color": PALETTE[3], "symbol": "diamond"},
            showlegend=False,
        ),
        1,
        2,
    )
    fig.update_xaxes(title_text=label("safety_factor", lang), row=1, col=1)
    fig.update_xaxes(title_text=label("order_qty", lang), row=1, col=2)
    # the lowest y tick (50 %) stays clear of the first x tick in the corner
    fig.update_yaxes(tickformat=".0%", range=[0.45, 1.01], row=1, col=1)
    fig.update_yaxes(tickformat=".0%", row=1, col=2)
    fig.update_yaxes(title_text=label("fill_rate", lang), row=1, col=1)
    return style_figure(fig, title=title if title is not None else label("fill_rate_explorer", lang), height=440)


def plot_service_economics(result: ServiceLevelOptimum, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Cost, revenue and profit against the service level, the optimum marked.

    Parameters
    ----------
    result : ServiceLevelOptimum
        ``optimal_service_level(...)``.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Revenue, cost, profit and the optimum marker.

    Examples
    --------
    >>> from logilab.inventory import optimal_service_level
    >>> fig = plot_service_economics(optimal_service_level(), lang="en")
    >>> [t.name for t in fig.data]
    ['sales revenue', 'logistics cost', 'profit', 'optimal service level']
    >>> round(fig.data[3].x[0], 4)
    0.9044
    """
    if not isinstance(result, ServiceLevelOptimum):
        raise LogilabInputError(
            f"result: expected the result of ll.optimal_service_level(...), found {type(result).__name__}. Pass ll.optimal_service_level()."
        )
    curves = result.curves
    mode = "lines+markers" if result.method == "data" else "lines"
    fig = go.Figure()
    for column, key, colour in (
        ("revenue", "service_revenue", PALETTE[0]),
        ("cost", "service_cost", PALETTE[3]),
        ("profit", "profit", PALETTE[2]),
    ):
        fig.add_trace(
            go.Scatter(
                x=curves["level"].tolist(),
                y=curves[column].tolist(),
                mode=mode,
                name=label(key, lang),
                line={"color": colour, "width": 3 if column == "profit" else 2},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[result.level],
            y=[result.profit],
            mode="markers+text",
            name=label("optimal_service_level", lang),
            marker={"size": 14, "color": "black", "symbol": "star"},
            text=[f"{result.level:.1%}"],
            textposition="top center",
        )
    )
    fig.add_vline(x=result.level, line={"dash": "dash", "color": "black"})
    # cost and the loss beyond the optimum grow without bound near 100 %: keep the view on the trade-off
    top = max(float(curves["revenue"].max()), result.cost, result.profit) * 1.2
    bottom = min(0.0, float(curves.loc[curves["level"] <= result.level, "profit"].min())) - 0.05 * top
    fig.update_xaxes(title_text=label("service_level", lang), tickformat=".0%")
    fig.update_yaxes(title_text=label("yuan", lang), range=[bottom, top])
    return style_figure(fig, title=title if title is not None else label("service_economics", lang), height=440)
