"""Explorers of the customer value notebook: delivered value, CLV, the customer value matrix."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from .._validation import check_dataframe, require_columns
from ..datasets import load_sample
from ..figures.value import _component_name, plot_clv_curve, plot_delivered_value, plot_value_matrix
from ..i18n import label
from ..value import (
    EXAMPLE_COSTS,
    EXAMPLE_VALUES,
    QUADRANTS,
    clv,
    customer_clv,
    delivered_value,
    margin_multiple,
    value_matrix,
)
from ._base import Explorer

__all__ = ["delivered_value_explorer", "clv_explorer", "value_matrix_explorer"]

_WIDE = {"description_width": "initial"}


def delivered_value_explorer(values: pd.DataFrame | None = None, costs: pd.DataFrame | None = None, *, lang: str | None = None) -> Explorer:
    """Sliders for every value and cost component of 2-3 providers; which one would the customer choose?

    Parameters
    ----------
    values, costs : DataFrame, optional
        Starting amounts, one row per provider (see :func:`logilab.delivered_value`);
        :data:`logilab.value.EXAMPLE_VALUES` / ``EXAMPLE_COSTS`` by default.

    The controls are named ``"<provider>_<component>"`` (e.g. ``"B_money"``)
    plus ``"rank_by"``. The first cost component cannot go below 1, so the
    total cost stays positive.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_delivered_value` and a
        summary line.

    Examples
    --------
    >>> explorer = delivered_value_explorer(lang="en")
    >>> list(explorer.figure.data[-1].y)
    [30.0, 35.0, 28.0]
    >>> explorer.controls["B_money"].value = 70
    >>> list(explorer.figure.data[-1].y), explorer.figure.layout.annotations[0].x
    ([30.0, 25.0, 28.0], 'delivered<br><b>A</b>')
    """
    values = EXAMPLE_VALUES if values is None else values
    costs = EXAMPLE_COSTS if costs is None else costs
    delivered_value(values, costs)  # check the starting amounts once, with the usual messages
    controls: dict[str, widgets.Widget] = {}
    for provider in values.index:
        for frame, suffix in ((values, "value"), (costs, "cost")):
            for position, component in enumerate(frame.columns):
                start = float(frame.loc[provider, component])
                controls[f"{provider}_{component}"] = widgets.FloatSlider(
                    value=start,
                    min=1.0 if suffix == "cost" and position == 0 else 0.0,
                    max=max(100.0, 2 * start),
                    step=1.0,
                    description=f"{provider} {_component_name(component, suffix, lang)}",
                    style=_WIDE,
                    layout=widgets.Layout(width="auto", min_width="0"),
                    continuous_update=False,
                )
    controls["rank_by"] = widgets.ToggleButtons(
        options=[(label("rank_difference", lang), "difference"), (label("rank_ratio", lang), "ratio")],
        value="difference",
        description=label("rank_by", lang),
    )

    def build(current: dict[str, Any]):
        def frame(template: pd.DataFrame) -> pd.DataFrame:
            return pd.DataFrame(
                [[current[f"{p}_{c}"] for c in template.columns] for p in template.index], index=template.index, columns=template.columns
            )

        result = delivered_value(frame(values), frame(costs), rank_by=current["rank_by"])
        table = result.table
        best = [str(p) for p in table.index[table["rank"] == 1]]
        sep, comma = label("colon", lang), label("comma", lang)
        parts = [
            f"{p}{sep}{label('delivered_value', lang)} {row.delivered_value:.1f}{comma}{label('value_ratio', lang)} {row.value_ratio:.2f}"
            for p, row in table.iterrows()
        ]
        if len(best) > 1:  # a tie is announced as a tie, never as the first of the tied providers
            head = f"{label('customer_tie', lang)}{sep}<b>{label('list_sep', lang).join(best)}</b>"
        else:
            head = f"{label('customer_choice', lang)}{sep}<b>{best[0]}</b>"
        return plot_delivered_value(result, lang=lang), head + " · " + " · ".join(parts)

    return Explorer(controls, build, panel=_provider_grid(controls, values, costs, lang))


def _provider_grid(controls: dict[str, widgets.Widget], values: pd.DataFrame, costs: pd.DataFrame, lang: str | None) -> widgets.VBox:
    """The sliders in grids, one column per provider and one row per component, value components above cost ones.

    Each slider fills its column (about a third of a 1366 px projector's notebook), so its Chinese
    description and its value are read in full; the provider headers and both grids share one
    column template, so the columns line up; ``rank_by`` gets a row of its own below.
    """
    columns = widgets.Layout(grid_template_columns=f"repeat({len(values.index)}, minmax(0, 1fr))", grid_gap="0 24px", width="100%")
    parts: list[widgets.Widget] = [
        widgets.GridBox([widgets.HTML(f"<b>{label('provider', lang)} {p}</b>") for p in values.index], layout=columns)
    ]
    for frame, title in ((values, "total_value"), (costs, "total_cost")):
        parts.append(widgets.HTML(f"<b>{label(title, lang)}</b>"))
        parts.append(widgets.GridBox([controls[f"{p}_{c}"] for c in frame.columns for p in values.index], layout=columns))
    parts.append(widgets.HBox([controls["rank_by"]]))
    return widgets.VBox(parts, layout=widgets.Layout(width="100%"))


def clv_explorer(
    *, margin: float = 100.0, retention: float = 0.8, discount_rate: float = 0.12, periods: int = 20, lang: str | None = None
) -> Explorer:
    """Margin, retention and discount rate per period -> CLV, its cumulative curve and the infinite-horizon limit.

    Parameters
    ----------
    margin : float, default 100
        Starting margin per period.
    retention : float, default 0.8
        Starting retention rate per period.
    discount_rate : float, default 0.12
        Starting discount rate per period.
    periods : int, default 20
        Periods drawn.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_clv_curve` and a summary
        line.

    Examples
    --------
    >>> explorer = clv_explorer(periods=3, lang="en")
    >>> round(explorer.figure.data[1].y[-1], 2), round(explorer.figure.data[2].y[0], 2)
    (158.89, 250.0)
    >>> explorer.controls["retention"].value = 0.9
    >>> round(explorer.figure.data[2].y[0], 2)  # 100 * 0.9 / (1.12 - 0.9)
    409.09
    """
    controls = {
        "margin": widgets.FloatSlider(
            value=margin, min=0, max=max(1000.0, margin), step=10, description=label("margin_per_period", lang), style=_WIDE
        ),
        "retention": widgets.FloatSlider(value=retention, min=0, max=0.99, step=0.01, description=label("retention", lang), style=_WIDE),
        "discount_rate": widgets.FloatSlider(
            value=discount_rate, min=0, max=0.5, step=0.01, description=label("discount_rate", lang), style=_WIDE
        ),
        "periods": widgets.IntSlider(value=periods, min=1, max=max(60, periods), description=label("horizon_periods", lang), style=_WIDE),
        "upfront": widgets.Checkbox(value=False, description=label("upfront_margin", lang)),
    }

    def build(v: dict[str, Any]):
        m, r, i, t, upfront = v["margin"], v["retention"], v["discount_rate"], v["periods"], v["upfront"]
        finite = clv(m, r, i, periods=t, upfront=upfront)
        limit = clv(m, r, i, upfront=upfront)
        reached = f"{finite / limit:.1%}" if limit else "–"
        sep, horizon = label("colon", lang), label("in_brackets", lang).format(f"T = {t}")
        summary = (
            f"{label('finite_clv', lang)}{horizon}{sep}<b>{finite:,.2f}</b> · {label('infinite_clv', lang)}{sep}<b>{limit:,.2f}</b>"
            f" · {label('margin_multiple', lang)} {margin_multiple(r, i, upfront=upfront):.2f}"
            f" · {label('share_of_limit_reached', lang)}{sep}<b>{reached}</b>"
        )
        return plot_clv_curve(m, r, i, periods=t, upfront=upfront, lang=lang), summary

    return Explorer(controls, build, columns=3)


def value_matrix_explorer(
    data: pd.DataFrame | None = None,
    customers: pd.DataFrame | None = None,
    *,
    period: str = "quarter",
    annual_discount_rate: float = 0.10,
    potential: str = "potential_spend",
    customer: str = "customer_id",
    name: str | None = "name",
    lang: str | None = None,
) -> Explorer:
    """The customer value matrix (CLV vs potential value), with the retention estimate and the split as controls.

    CLV is computed once per retention method (:func:`logilab.customer_clv`
    on ``data``, the sample order lines by default); the controls only
    re-sort the customers, so they respond at once.

    Parameters
    ----------
    data : DataFrame, optional
        Order lines for :func:`logilab.customer_clv`; the sample order lines by default.
    customers : DataFrame, optional
        One row per customer with the potential value column; the sample customers by default.
    period : str, default "quarter"
        The period of the retention estimate.
    annual_discount_rate : float, default 0.1
        Discount rate per year.
    potential : str, default "potential_spend"
        Column of ``customers`` holding the potential value.
    customer : str, default "customer_id"
        The customer id column.
    name : str or None, default "name"
        Column of ``customers`` with names for the hover text.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_value_matrix` and a
        summary line.

    Examples
    --------
    >>> explorer = value_matrix_explorer(lang="en")
    >>> explorer.summary.value
    'keep: <b>1153</b> · grow: <b>347</b> · maintain: <b>347</b> · reduce: <b>1153</b>'
    >>> explorer.controls["split"].value = "mean"
    >>> explorer.summary.value
    'keep: <b>520</b> · grow: <b>321</b> · maintain: <b>88</b> · reduce: <b>2071</b>'
    """
    data = load_sample("order_lines") if data is None else data
    customers = load_sample("customers") if customers is None else customers
    check_dataframe(customers, "customers")
    require_columns(customers, {"customer": customer, "potential": potential, **({"name": name} if name is not None else {})}, "customers")
    potential_values = customers.set_index(customer)[potential]
    names = customers.set_index(customer)[name] if name is not None else None
    results = {
        method: customer_clv(data, period=period, annual_discount_rate=annual_discount_rate, retention=method, customer=customer)
        for method in ("pooled", "customer")
    }
    controls = {
        "retention": widgets.ToggleButtons(
            options=[(label("retention_pooled_short", lang), "pooled"), (label("retention_per_customer_short", lang), "customer")],
            value="pooled",
            description=label("retention_method", lang),
        ),
        "split": widgets.ToggleButtons(
            options=[(label("median", lang), "median"), (label("mean", lang), "mean")],
            value="median",
            description=label("value_split", lang),
        ),
    }

    def build(v: dict[str, Any]):
        current = results[v["retention"]].table["clv"]
        matrix = value_matrix(current, potential_values.reindex(current.index), split=v["split"])
        counts = matrix.by_quadrant["customers"]
        summary = " · ".join(f"{label(f'quadrant_{q}', lang)}{label('colon', lang)}<b>{int(counts[q])}</b>" for q in QUADRANTS)
        return plot_value_matrix(matrix, names=names, lang=lang), summary

    return Explorer(controls, build)
