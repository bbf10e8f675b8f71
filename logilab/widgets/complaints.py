"""Explorer of the complaint-handling notebook: the Pareto of causes and the response times, by warehouse, cause and period."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..complaints import complaint_pareto, response_times
from ..datasets import load_sample
from ..figures.complaints import plot_complaint_overview
from ..i18n import label
from ._base import Explorer

__all__ = ["complaint_explorer"]

_STYLE = {"style": {"description_width": "initial"}, "layout": {"width": "360px"}}


def complaint_explorer(
    orders: pd.DataFrame | None = None,
    complaints: pd.DataFrame | None = None,
    *,
    target_hours: float = 4.0,
    lang: str | None = None,
) -> Explorer:
    """Pick a warehouse, a cause, a period and a response target; the Pareto and the response times redraw.

    Complaints belong to the warehouse and month of the order they are about.
    The Pareto shows the causes of the chosen warehouse and period (the chosen
    cause in red); the histogram shows the first-response times of the chosen
    complaints with the target as a dashed line. The summary gives the number
    of complaints, complaints per 1,000 orders, the same-day share (sunset rule),
    the share within target and the median response time.

    Parameters
    ----------
    orders, complaints : DataFrame, optional
        Default: the sample ``orders`` and ``complaints``.
    target_hours : float, default 4
    lang : {"zh", "en"}, optional

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_complaint_overview` and a
        summary line.

    Examples
    --------
    >>> explorer = complaint_explorer(lang="en")
    >>> len(explorer.figure.data[2].x)  # every complaint's response time
    1352
    >>> explorer.controls["warehouse"].value = "WH-CD"
    >>> explorer.controls["cause"].value = "少发"
    >>> len(explorer.figure.data[2].x), list(explorer.figure.data[0].x)[0]
    (141, '少发')
    """
    orders = load_sample("orders") if orders is None else orders
    complaints = load_sample("complaints") if complaints is None else complaints
    order_info = orders[["order_id", "warehouse", "order_date"]]
    data = complaints.merge(order_info, on="order_id", how="left", validate="many_to_one", suffixes=("", "_order"))
    data["month"] = pd.to_datetime(data["order_date"]).dt.strftime("%Y-%m")
    order_months = pd.to_datetime(orders["order_date"]).dt.strftime("%Y-%m")
    months = sorted(order_months.unique())
    all_ = label("all", lang)
    controls = {
        "warehouse": widgets.Dropdown(
            options=[(all_, "all")] + [(w, w) for w in sorted(orders["warehouse"].unique())],
            value="all",
            description=label("warehouse", lang),
            **_STYLE,
        ),
        "cause": widgets.Dropdown(
            options=[(all_, "all")] + [(c, c) for c in complaint_pareto(data)["cause"]],
            value="all",
            description=label("cause", lang),
            **_STYLE,
        ),
        "period": widgets.SelectionRangeSlider(
            options=[(m.replace("-", "/"), m) for m in months],
            index=(0, len(months) - 1),
            description=label("period", lang),
            continuous_update=False,
            style={"description_width": "initial"},
            layout={"width": "440px"},
        ),
        "target_hours": widgets.FloatSlider(
            value=target_hours, min=0.5, max=24, step=0.5, description=label("response_target", lang), continuous_update=False, **_STYLE
        ),
    }

    def build(values: dict[str, Any]):
        start, end = values["period"]
        in_scope = data["month"].between(start, end)
        order_scope = order_months.between(start, end)
        if values["warehouse"] != "all":
            in_scope &= data["warehouse"] == values["warehouse"]
            order_scope &= orders["warehouse"] == values["warehouse"]
        scope = data[in_scope]
        chosen = scope if values["cause"] == "all" else scope[scope["cause"] == values["cause"]]
        result = response_times(chosen, target_hours=values["target_hours"])
        highlight = None if values["cause"] == "all" else values["cause"]
        figure = plot_complaint_overview(complaint_pareto(scope), result, highlight=highlight, lang=lang)
        s = result.summary()
        n_orders = int(order_scope.sum())
        rate = s["complaints"] / n_orders * 1000 if n_orders else float("nan")
        summary = (
            f"{label('complaints_selected', lang)} <b>{s['complaints']:,}</b> · {label('complaints_per_1000', lang)} <b>{rate:.1f}</b> · "
            f"{label('same_day_share', lang)} <b>{s['same_day_share']:.1%}</b> · "
            f"{label('within_target_share', lang)} <b>{s['within_target_share']:.1%}</b> · "
            f"{label('median_response', lang)} <b>{s['median_response_hours']:.1f}</b> {label('hours', lang)}"
        )
        return figure, summary

    return Explorer(controls, build)
