"""The sample-data tour of the start-here notebook."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..datasets import load_sample
from ..figures import plot_counts_over_time
from ..i18n import label
from ..periods import PERIODS
from ..summary import count_by_period
from ._base import Explorer

__all__ = ["order_volume_explorer"]


def order_volume_explorer(orders: pd.DataFrame | None = None, *, lang: str | None = None) -> Explorer:
    """Orders per day, week, month or quarter, for one warehouse or all of them.

    Parameters
    ----------
    orders : DataFrame, optional
        Orders with ``order_date`` and ``warehouse``; the sample orders by default.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, a line chart of order counts and a summary line.

    Examples
    --------
    >>> explorer = order_volume_explorer(lang="en")
    >>> explorer.controls["period"].value = "quarter"
    >>> len(explorer.figure.data[0].x)
    8
    """
    orders = load_sample("orders") if orders is None else orders
    warehouses = sorted(orders["warehouse"].dropna().unique())
    controls = {
        "warehouse": widgets.Dropdown(
            options=[(label("all", lang), "")] + [(w, w) for w in warehouses], value="", description=label("warehouse", lang)
        ),
        "period": widgets.ToggleButtons(
            options=[(label(p, lang), p) for p in PERIODS if p not in ("day", "year")],
            value="month",
            description=label("period_length", lang),
        ),
    }

    def build(values: dict[str, Any]):
        subset = orders if not values["warehouse"] else orders[orders["warehouse"] == values["warehouse"]]
        counts = count_by_period(subset, date="order_date", period=values["period"])
        peak = counts.loc[counts["count"].idxmax()]
        peak_day = label("in_brackets", lang).format(f"{peak['period']:%Y-%m-%d}")
        summary = (
            f"{label('orders', lang)}{label('colon', lang)}<b>{int(counts['count'].sum()):,}</b>"
            f" · {label('maximum', lang)} {int(peak['count']):,}{peak_day}"
        )
        return plot_counts_over_time(counts, lang=lang), summary

    return Explorer(controls, build)
