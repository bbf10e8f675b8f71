"""Explorer of the service-concepts and 3PL notebook: make or buy, with total cost and the service gap."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..datasets import load_sample
from ..figures.outsourcing import plot_make_or_buy
from ..i18n import label
from ..metrics import on_time_rate
from ..outsourcing import make_or_buy
from ._base import Explorer

__all__ = ["MAKE_OR_BUY_CASE", "make_or_buy_explorer"]

# the case of the notebook: yearly fixed cost and minimum charge in yuan, costs per order in yuan
MAKE_OR_BUY_CASE = {
    "volume": 100_000,
    "fixed_cost": 1_200_000,
    "variable_cost": 18.0,
    "per_order": 25.0,
    "pallet_days": 2.0,
    "per_pallet_day": 1.5,
    "minimum_charge": 500_000,
    "target": 0.95,
}

_SLIDER = {"continuous_update": False, "style": {"description_width": "initial"}, "layout": {"width": "380px"}}


def make_or_buy_explorer(lines: pd.DataFrame | None = None, providers: pd.DataFrame | None = None, *, lang: str | None = None) -> Explorer:
    """Move the volume, the in-house costs, the 3PL tariff and the service target; see total cost and the service gap.

    The in-house service level is the on-time rate measured on ``lines`` (the
    sample company's own warehouses); the 3PL's is the chosen provider's on-time
    rate in ``providers``. Money sliders for fixed cost and minimum charge are in
    10,000 yuan.

    Parameters
    ----------
    lines : DataFrame, optional
        Order lines for the in-house on-time rate (default: the sample order lines).
    providers : DataFrame, optional
        Candidate 3PL providers with ``on_time_rate`` (default: the sample providers).
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).

    Returns
    -------
    Explorer
        The controls, the figure and the summary line.

    Examples
    --------
    >>> explorer = make_or_buy_explorer(lang="en")
    >>> round(explorer.figure.data[2].x[0])  # 1,200,000 / (25 + 2 x 1.5 - 18)
    120000
    >>> explorer.controls["volume"].value = 150_000
    >>> "cheaper <b>in house</b>" in explorer.summary.value
    True
    """
    lines = load_sample("order_lines") if lines is None else lines
    providers = load_sample("providers") if providers is None else providers
    in_house_service = float(on_time_rate(lines))
    service = dict(zip(providers["name"], providers["on_time_rate"].astype(float)))
    case = MAKE_OR_BUY_CASE
    controls = {
        "volume": widgets.IntSlider(
            value=case["volume"], min=10_000, max=300_000, step=5_000, description=label("volume", lang), **_SLIDER
        ),
        "provider": widgets.Dropdown(options=list(service), value=list(service)[0], description=label("provider", lang)),
        "fixed_cost": widgets.FloatSlider(
            value=case["fixed_cost"] / 10_000, min=20, max=400, step=10, description=label("inhouse_fixed_cost", lang), **_SLIDER
        ),
        "variable_cost": widgets.FloatSlider(
            value=case["variable_cost"], min=5, max=40, step=1, description=label("inhouse_variable_cost", lang), **_SLIDER
        ),
        "per_order": widgets.FloatSlider(
            value=case["per_order"], min=10, max=50, step=1, description=label("tariff_per_order", lang), **_SLIDER
        ),
        "per_pallet_day": widgets.FloatSlider(
            value=case["per_pallet_day"], min=0, max=5, step=0.1, description=label("tariff_pallet_day", lang), **_SLIDER
        ),
        "minimum_charge": widgets.FloatSlider(
            value=case["minimum_charge"] / 10_000, min=0, max=300, step=10, description=label("minimum_charge", lang), **_SLIDER
        ),
        "target": widgets.FloatSlider(
            value=case["target"], min=0.85, max=0.99, step=0.005, readout_format=".1%", description=label("service_target", lang), **_SLIDER
        ),
    }

    def build(values: dict[str, Any]):
        costs = {
            "fixed_cost": values["fixed_cost"] * 10_000,
            "variable_cost": values["variable_cost"],
            "per_order": values["per_order"],
            "pallet_days": case["pallet_days"],
            "per_pallet_day": values["per_pallet_day"],
            "minimum_charge": values["minimum_charge"] * 10_000,
        }
        result = make_or_buy(
            values["volume"],
            **costs,
            in_house_service=in_house_service,
            outsourced_service=service[values["provider"]],
            target=values["target"],
        )
        s = result.summary()
        even = s["break_even_volume"]
        even_text = f"{even:,.0f}" if even != float("inf") else "∞"
        saving = label("in_brackets", lang).format(f"{label('saving', lang)} {s['saving']:,.0f}")
        summary = (
            f"{label('in_house', lang)} {s['in_house_cost']:,.0f} · {label('outsourced', lang)} {s['outsourced_cost']:,.0f} · "
            f"{label('cheaper', lang)} <b>{label(s['cheaper'], lang)}</b>{saving} · "
            f"{label('break_even_volume', lang)} {even_text}<br>"
            f"{label('service_gap', lang)}{label('colon', lang)}{label('in_house', lang)} <b>{s['in_house_service_gap']:+.1%}</b> · "
            f"{values['provider']} <b>{s['outsourced_service_gap']:+.1%}</b>"
        )
        return plot_make_or_buy(result, **costs, max_volume=300_000, lang=lang), summary

    return Explorer(controls, build)
