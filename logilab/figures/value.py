"""Figures of the customer value notebook: delivered value, the CLV curve, the customer value matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..i18n import label
from ..value import COST_COMPONENTS, QUADRANTS, VALUE_COMPONENTS, DeliveredValue, ValueMatrix, clv, clv_schedule
from ._common import PALETTE, style_figure

__all__ = ["plot_delivered_value", "plot_clv_curve", "plot_value_matrix"]

_VALUE_COLOURS = ("#2ca02c", "#55b855", "#84cc84", "#b5e0b5")
_COST_COLOURS = ("#d62728", "#e05a5b", "#ea8c8d", "#f3bebf")
QUADRANT_COLOURS = {"keep": "#2ca02c", "grow": "#1f77b4", "maintain": "#ff7f0e", "reduce": "#7f7f7f"}


def _component_name(component: str, suffix: str, lang: str | None) -> str:
    """The i18n label of a course component (``product`` -> 产品价值), else the name as given."""
    course = VALUE_COMPONENTS if suffix == "value" else COST_COMPONENTS
    return label(f"{component}_{suffix}", lang) if component in course else component


def plot_delivered_value(table: DeliveredValue | pd.DataFrame, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Stacked bars per provider: total value (by component), total cost (by component), delivered value.

    ``table`` is the output of :func:`logilab.delivered_value` for several
    providers. The provider ranked first (the customer's choice) is marked.

    Parameters
    ----------
    table : DeliveredValue or DataFrame
        ``delivered_value(...)`` for several providers (its value and cost
        components are stacked), or a table built by hand with the course's
        component names (:data:`logilab.VALUE_COMPONENTS`, :data:`logilab.COST_COMPONENTS`).
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Stacked bars of value and cost components and the delivered value.

    Examples
    --------
    >>> from logilab.value import EXAMPLE_COSTS, EXAMPLE_VALUES, delivered_value
    >>> fig = plot_delivered_value(delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS), lang="en")
    >>> [trace.name for trace in fig.data][:2], [trace.name for trace in fig.data][-1]
    (['product value', 'service value'], 'delivered value')
    >>> list(fig.data[-1].y), fig.layout.annotations[0].text, fig.layout.annotations[0].x
    ([30.0, 35.0, 28.0], 'the customer would choose', 'delivered<br><b>B</b>')
    """
    # delivered_value records its value and cost columns; a table built by hand uses the course's names
    if isinstance(table, DeliveredValue):
        value_components, cost_components, table = table.value_components, table.cost_components, table.table
    else:
        value_components = [c for c in VALUE_COMPONENTS if c in table.columns]
        cost_components = [c for c in COST_COMPONENTS if c in table.columns]
    providers = [str(p) for p in table.index]
    # short bar names: nine of them share the width of a projected notebook without running into each other
    bars = [label("total_value_short", lang), label("total_cost_short", lang), label("delivered_value_short", lang)]
    fig = go.Figure()
    for i, component in enumerate(value_components):
        fig.add_trace(
            go.Bar(
                x=[f"{bars[0]}<br><b>{p}</b>" for p in providers],
                y=table[component].tolist(),
                name=_component_name(component, "value", lang),
                marker_color=_VALUE_COLOURS[i % len(_VALUE_COLOURS)],
            )
        )
    for i, component in enumerate(cost_components):
        fig.add_trace(
            go.Bar(
                x=[f"{bars[1]}<br><b>{p}</b>" for p in providers],
                y=table[component].tolist(),
                name=_component_name(component, "cost", lang),
                marker_color=_COST_COLOURS[i % len(_COST_COLOURS)],
            )
        )
    fig.add_trace(
        go.Bar(
            x=[f"{bars[2]}<br><b>{p}</b>" for p in providers],
            y=table["delivered_value"].tolist(),
            name=label("delivered_value", lang),
            marker_color=PALETTE[0],
            text=[f"{v:.1f}" for v in table["delivered_value"]],
            textposition="outside",
        )
    )
    if "rank" in table.columns:
        best = table.index[table["rank"] == 1]
        # a tie is marked on every tied provider as a tie, not as the customer's choice
        mark = label("tied_best", lang) if len(best) > 1 else label("customer_choice", lang)
        for provider in best:
            fig.add_annotation(
                x=f"{bars[2]}<br><b>{provider}</b>",
                y=float(table.loc[provider, "delivered_value"]),
                text=mark,
                showarrow=True,
                arrowhead=2,
                ay=-45,
                font={"color": PALETTE[0]},
            )
    # one slot per provider and bar, read left to right: 客户总价值 / 客户总成本 / 客户价值 of A, then of B, ...
    fig.update_layout(barmode="relative")
    fig.update_xaxes(tickangle=0, categoryorder="array", categoryarray=[f"{b}<br><b>{p}</b>" for p in providers for b in bars])
    for position in range(1, len(providers)):
        fig.add_vline(x=3 * position - 0.5, line_color="#bbbbbb", line_width=1)
    fig.update_yaxes(title_text=label("value_amount", lang))
    return style_figure(fig, title=title if title is not None else label("delivered_value_title", lang), height=460)


def plot_clv_curve(
    margin: float,
    retention: float,
    discount_rate: float,
    *,
    periods: int = 20,
    upfront: bool = False,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Discounted margin per period (bars), cumulative CLV (line) and the infinite-horizon limit (dashed).

    The limit is drawn only when the infinite sum converges (retention < 1 + discount rate).

    Parameters
    ----------
    margin : float
        Margin per period.
    retention : float
        Retention rate per period.
    discount_rate : float
        Discount rate per period.
    periods : int, default 20
        Number of periods drawn.
    upfront : bool, default False
        Also earn a margin at time 0, as in :func:`logilab.margin_multiple` (else the first at the end of period 1).
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Bars of the discounted margins, the cumulative CLV and the limit.

    Examples
    --------
    >>> fig = plot_clv_curve(100, 0.8, 0.12, periods=3, lang="en")
    >>> [round(v, 2) for v in fig.data[1].y], round(fig.data[2].y[0], 2)
    ([71.43, 122.45, 158.89], 250.0)
    >>> fig.data[2].name
    'infinite-horizon CLV'
    """
    steps = clv_schedule(margin, retention, discount_rate, periods=periods, upfront=upfront)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(x=steps["t"].tolist(), y=steps["discounted_margin"].tolist(), name=label("discounted_margin", lang), marker_color=PALETTE[0])
    )
    fig.add_trace(
        go.Scatter(
            x=steps["t"].tolist(),
            y=steps["cumulative_clv"].tolist(),
            mode="lines+markers",
            name=label("cumulative_clv", lang),
            line={"color": PALETTE[1]},
        )
    )
    if retention < 1 + discount_rate:
        limit = clv(margin, retention, discount_rate, upfront=upfront)
        x = [int(steps["t"].iloc[0]), int(steps["t"].iloc[-1])]
        fig.add_trace(
            go.Scatter(x=x, y=[limit, limit], mode="lines", name=label("infinite_clv", lang), line={"color": PALETTE[3], "dash": "dash"})
        )
    fig.update_xaxes(title_text=label("period_t", lang))
    fig.update_yaxes(title_text=label("clv", lang))
    return style_figure(fig, title=title if title is not None else label("clv_curve_title", lang))


def plot_value_matrix(
    matrix: ValueMatrix,
    *,
    names: pd.Series | None = None,
    log_axes: bool = True,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Scatter of current vs potential value, one colour per quadrant, the cut lines drawn.

    Hovering a point shows the customer (its id, and its name when ``names``
    maps ids to names), both values and the quadrant. With ``log_axes`` (the
    default, because customer values spread over several orders of magnitude),
    customers whose current value is <= 0 cannot sit on a log axis: they are
    drawn at the left edge as crosses, in a trace of their own.

    Parameters
    ----------
    matrix : ValueMatrix
        ``value_matrix(...)``.
    names : Series, optional
        Customer names by id, shown on hover.
    log_axes : bool, default True
        Log axes (customers with current value <= 0 at the left edge).
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace per quadrant and one for customers with current value <= 0.

    Examples
    --------
    >>> from logilab.value import value_matrix
    >>> current = pd.Series({"C1": 900.0, "C2": 100.0, "C3": 800.0, "C4": -50.0})
    >>> potential = pd.Series({"C1": 60.0, "C2": 90.0, "C3": 10.0, "C4": 20.0})
    >>> fig = plot_value_matrix(value_matrix(current, potential), lang="en")
    >>> [(t.name, list(t.customdata[:, 0])) for t in fig.data]
    [('keep', ['C1']), ('grow', ['C2']), ('maintain', ['C3']), ('reduce', []), ('current value ≤ 0 (drawn at the left edge)', ['C4'])]
    """
    table = matrix.table
    ids = np.asarray(table.index.astype(str), dtype=object)
    shown = ids if names is None else np.asarray([f"{i} {names.get(i, '')}".strip() for i in table.index], dtype=object)
    quadrant_names = table["quadrant"].map({q: label(f"quadrant_{q}", lang) for q in QUADRANTS}).to_numpy(dtype=object)
    current = table["current_value"].to_numpy()
    potential = table["potential_value"].to_numpy()
    # id, hover name, quadrant, current value (x may be moved to the edge, so hover reads it from here)
    customdata = np.column_stack([ids, shown, quadrant_names, current.astype(object)])
    positive = current > 0 if log_axes else np.ones(len(table), dtype=bool)
    hover = (
        f"%{{customdata[1]}}<br>{label('current_value', lang)} %{{customdata[3]:,.0f}}"
        f"<br>{label('potential_value', lang)} %{{y:,.1f}}<br>%{{customdata[2]}}<extra></extra>"
    )
    floor = float(current[positive].min()) / 2 if positive.any() else 1.0
    fig = go.Figure()
    for quadrant in QUADRANTS:
        mask = (table["quadrant"] == quadrant).to_numpy() & positive
        fig.add_trace(
            go.Scattergl(
                x=current[mask].tolist(),
                y=potential[mask].tolist(),
                mode="markers",
                name=label(f"quadrant_{quadrant}", lang),
                marker={"color": QUADRANT_COLOURS[quadrant], "size": 6, "opacity": 0.7},
                customdata=customdata[mask],
                hovertemplate=hover,
            )
        )
    if not positive.all():
        mask = ~positive
        fig.add_trace(
            go.Scattergl(
                x=[floor] * int(mask.sum()),
                y=potential[mask].tolist(),
                mode="markers",
                name=label("nonpositive_value", lang),
                marker={"color": "#000000", "symbol": "x", "size": 7},
                customdata=customdata[mask],
                hovertemplate=hover,
            )
        )
    fig.add_vline(x=matrix.current_cut if not log_axes or matrix.current_cut > 0 else floor, line_dash="dash", line_color="#555555")
    fig.add_hline(y=matrix.potential_cut, line_dash="dash", line_color="#555555")
    axis_type = "log" if log_axes else "linear"
    # log axes are labelled at the powers of ten only: the minor labels 2 ... 9 run into each other
    fig.update_xaxes(title_text=label("current_value", lang), type=axis_type, dtick=1 if log_axes else None)
    y_log = log_axes and bool((table["potential_value"] > 0).all())
    fig.update_yaxes(title_text=label("potential_value", lang), type="log" if y_log else "linear", dtick=1 if y_log else None)
    return style_figure(fig, title=title if title is not None else label("value_matrix", lang), height=520)
