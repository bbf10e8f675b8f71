"""Explorers of the service-level notebook: fill rate vs safety stock, the optimal service level, KPI trends."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..datasets import load_sample
from ..figures.service import plot_fill_rate, plot_kpi_trend, plot_service_economics
from ..i18n import label
from ..inventory import (
    DEFAULT_COST,
    DEFAULT_REVENUE,
    cycle_service_level,
    expected_shortage,
    fill_rate,
    optimal_service_level,
    safety_factor,
    safety_stock,
)
from ..metrics import KPI_TARGETS, service_kpis
from ._base import Explorer

__all__ = ["fill_rate_explorer", "service_level_explorer", "kpi_trend_explorer"]

_SLIDER = {"continuous_update": False, "style": {"description_width": "initial"}, "layout": {"width": "360px"}}


def fill_rate_explorer(
    order_qty: float = 500.0, sigma: float = 100.0, k: float = 1.0, target_fill_rate: float = 0.98, *, lang: str | None = None
) -> Explorer:
    """Order quantity, safety stock and shortage: how Q, sigma and k (or a target fill rate) set the fill rate.

    Controls: ``solve_for`` (``"k"``: the safety factor is given; ``"target"``:
    the target fill rate is given and k is solved), ``order_qty``, ``sigma``,
    ``k`` and ``target_fill_rate``. The summary shows fill rate, expected
    shortage per cycle, safety stock and cycle service level; the figure is
    :func:`logilab.plot_fill_rate`.

    Parameters
    ----------
    order_qty : float, default 500
        Starting order quantity ``Q``.
    sigma : float, default 100
        Starting standard deviation of lead-time demand.
    k : float, default 1
        Starting safety factor.
    target_fill_rate : float, default 0.98
        Starting target fill rate.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_fill_rate` and a summary
        line.

    Examples
    --------
    >>> explorer = fill_rate_explorer(lang="en")
    >>> round(explorer.figure.data[4].y[0], 4)
    0.9833
    >>> explorer.controls["order_qty"].value = 1000  # same safety stock, larger Q
    >>> round(explorer.figure.data[4].y[0], 4)
    0.9917
    """
    controls = {
        "solve_for": widgets.ToggleButtons(
            options=[(label("given_k", lang), "k"), (label("given_target", lang), "target")],
            value="k",
            description=label("solve_for", lang),
        ),
        "order_qty": widgets.FloatSlider(value=order_qty, min=50, max=2000, step=10, description=label("order_qty", lang), **_SLIDER),
        "sigma": widgets.FloatSlider(value=sigma, min=10, max=400, step=5, description=label("demand_sigma", lang), **_SLIDER),
        "k": widgets.FloatSlider(value=k, min=-1.0, max=3.0, step=0.05, description=label("safety_factor", lang), **_SLIDER),
        "target_fill_rate": widgets.FloatSlider(
            value=target_fill_rate,
            min=0.80,
            max=0.999,
            step=0.001,
            readout_format=".3f",
            description=label("target_fill_rate", lang),
            **_SLIDER,
        ),
    }

    def build(values: dict[str, Any]):
        q, s = values["order_qty"], values["sigma"]
        solve = values["solve_for"] == "target"
        controls["k"].disabled, controls["target_fill_rate"].disabled = solve, not solve
        kk = float(safety_factor(values["target_fill_rate"], q, s)) if solve else values["k"]
        summary = (
            f"k = <b>{kk:.3f}</b> · {label('safety_stock', lang)} <b>{float(safety_stock(kk, s)):.1f}</b> {label('units', lang)} · "
            f"{label('expected_shortage', lang)} <b>{float(expected_shortage(kk, s)):.2f}</b> {label('units', lang)} · "
            f"{label('fill_rate', lang)} <b>{float(fill_rate(q, s, kk)):.2%}</b> · "
            f"{label('cycle_service_level', lang)} <b>{float(cycle_service_level(kk)):.2%}</b>"
        )
        return plot_fill_rate(q, s, kk, lang=lang), summary

    return Explorer(controls, build)


def service_level_explorer(*, lang: str | None = None) -> Explorer:
    """Logistics cost, sales revenue and profit against the service level, the optimum following the sliders.

    Controls: ``max_revenue`` and ``growth`` (revenue curve), ``fixed_cost``,
    ``cost_scale`` and ``steepness`` (cost curve); see
    :func:`logilab.optimal_service_level`.

    Parameters
    ----------
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_service_economics` and a
        summary line.

    Examples
    --------
    >>> explorer = service_level_explorer(lang="en")
    >>> round(explorer.figure.data[3].x[0], 4)
    0.9044
    >>> explorer.controls["cost_scale"].value = 2.0  # dearer service -> lower optimum
    >>> round(explorer.figure.data[3].x[0], 4)
    0.873
    """
    controls = {
        "max_revenue": widgets.FloatSlider(
            value=DEFAULT_REVENUE["max_revenue"], min=200, max=3000, step=50, description=label("max_revenue", lang), **_SLIDER
        ),
        "growth": widgets.FloatSlider(
            value=DEFAULT_REVENUE["growth"], min=0.5, max=10, step=0.5, description=label("revenue_growth", lang), **_SLIDER
        ),
        "fixed_cost": widgets.FloatSlider(
            value=DEFAULT_COST["fixed_cost"], min=0, max=1000, step=25, description=label("fixed_cost", lang), **_SLIDER
        ),
        "cost_scale": widgets.FloatSlider(
            value=DEFAULT_COST["cost_scale"], min=0.1, max=10, step=0.1, description=label("cost_scale", lang), **_SLIDER
        ),
        "steepness": widgets.FloatSlider(
            value=DEFAULT_COST["steepness"], min=0.5, max=2.0, step=0.1, description=label("cost_steepness", lang), **_SLIDER
        ),
    }

    def build(values: dict[str, Any]):
        result = optimal_service_level(**values)
        summary = (
            f"{label('optimal_service_level', lang)} <b>{result.level:.2%}</b> · {label('service_revenue', lang)} {result.revenue:,.1f} · "
            f"{label('service_cost', lang)} {result.cost:,.1f} · {label('profit', lang)} <b>{result.profit:,.1f}</b>"
        )
        return plot_service_economics(result, lang=lang), summary

    return Explorer(controls, build)


TREND_KPIS = (
    "otif",
    "on_time_rate",
    "order_fill_rate",
    "unit_fill_rate",
    "line_fill_rate",
    "perfect_order_rate",
    "damage_rate",
    "complaint_rate",
)


def kpi_trend_explorer(lines: pd.DataFrame | None = None, *, lang: str | None = None, **columns: str | None) -> Explorer:
    """A service KPI month by month, per warehouse or for the whole company.

    The KPIs are computed once (:func:`logilab.service_kpis` by month and by
    month x warehouse); the controls only choose what to show. ``columns``
    maps column names as in :func:`logilab.service_kpis`.

    Parameters
    ----------
    lines : DataFrame, optional
        Order lines as for :func:`logilab.service_kpis`; the sample order lines by default.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).
    **columns : str
        Column names by role, as in :func:`logilab.service_kpis` (``date=``, ``warehouse=`` ...).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_kpi_trend` and a summary
        line.

    Examples
    --------
    >>> explorer = kpi_trend_explorer(lang="en")
    >>> len(explorer.figure.data), len(explorer.figure.data[0].x)
    (5, 24)
    >>> explorer.controls["by"].value = ""
    >>> len(explorer.figure.data)
    1
    """
    lines = load_sample("order_lines") if lines is None else lines
    group = "warehouse"
    by_group = service_kpis(lines, by=["month", group], **columns)
    by_month = service_kpis(lines, by="month", **columns)
    overall = service_kpis(lines, **columns).iloc[0]
    available = [k for k in TREND_KPIS if k in by_month.columns]
    controls = {
        "kpi": widgets.Dropdown(options=[(label(k, lang), k) for k in available], value=available[0], description=label("kpi", lang)),
        "by": widgets.ToggleButtons(
            options=[(label(group, lang), group), (label("all", lang), "")], value=group, description=label("group_by", lang)
        ),
    }

    def build(values: dict[str, Any]):
        kpi, by = values["kpi"], values["by"] or None
        figure = plot_kpi_trend(by_group if by else by_month, kpi, by=by, lang=lang)
        target = KPI_TARGETS.get(kpi)
        target_text = f" · {label('target', lang)} {target:.1%}" if target is not None else ""
        return figure, f"{label(kpi, lang)}{label('colon', lang)}<b>{overall[kpi]:.2%}</b>{target_text}"

    return Explorer(controls, build)
