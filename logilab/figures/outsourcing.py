"""Figures of the service-concepts and 3PL notebook: 7R attainment, key service variables, 3PL models, make or buy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .._validation import LogilabInputError
from ..i18n import get_language, label
from ..outsourcing import THREE_PL_MODELS, MakeOrBuy, in_house_cost, outsourced_cost
from ..service_concepts import SEVEN_R, SevenR
from ._common import PALETTE, style_figure

__all__ = ["plot_seven_r", "plot_service_variables", "plot_three_pl_models", "plot_make_or_buy"]


def plot_seven_r(result: SevenR, *, by: str | None = None, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Bars of each judged 7R standard and of "all met", one group of bars per row of ``result.table``.

    Parameters
    ----------
    result : SevenR
        ``ll.seven_r(lines, by=...)``.
    by : str, optional
        The group column naming each row (e.g. ``"warehouse"``).
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import logilab as ll
    >>> fig = plot_seven_r(ll.seven_r(ll.load_sample("order_lines"), by="warehouse"), by="warehouse", lang="en")
    >>> [t.name for t in fig.data]
    ['right product', 'right quantity', 'right condition', 'right time', 'all met (perfect order)']
    """
    if not isinstance(result, SevenR):
        raise LogilabInputError(f"result: expected the result of ll.seven_r(...), found {type(result).__name__}. Pass ll.seven_r(lines).")
    table = result.table
    if by is not None and by not in table.columns:
        raise LogilabInputError(f"by: expected a group column of the result, found {by!r}. Use the by= given to ll.seven_r.")
    x = table[by].astype(str).tolist() if by else [label("all", lang)] * len(table)
    judged = [r for r in SEVEN_R.index if isinstance(SEVEN_R.loc[r, "kpi"], str)]
    fig = go.Figure()
    for i, r in enumerate([*judged, "all_met"]):
        fig.add_trace(
            go.Bar(
                x=x,
                y=table[r].tolist(),
                name=label(r, lang),
                marker_color="black" if r == "all_met" else PALETTE[i],
                text=[f"{v:.1%}" for v in table[r]],
                textposition="outside",
                textfont={"size": 10},
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=label("rate", lang), tickformat=".0%", range=[0.5, 1.04])
    fig.update_xaxes(title_text=label(by, lang) if by else "")
    return style_figure(fig, title=title if title is not None else label("seven_r", lang), height=460)


def plot_service_variables(ranking: pd.DataFrame, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Importance of each key service variable (bars) with the company's and its rival's ratings (markers).

    Parameters
    ----------
    ranking : DataFrame
        ``ll.service_variable_ranking(...)``.
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import logilab as ll
    >>> fig = plot_service_variables(ll.service_variable_ranking(ll.load_sample("service_importance")), lang="en")
    >>> fig.data[0].y[0], [t.name for t in fig.data]
    ('meeting promised dates', ['importance', "the company's performance", "main rival's performance"])
    """
    missing = [c for c in ("importance", "own", "rival", "differentiate") if c not in getattr(ranking, "columns", [])]
    if missing:
        raise LogilabInputError(
            f"ranking: expected the table of ll.service_variable_ranking(...), found no column {missing[0]!r}. Pass that table."
        )
    names = [label(v, lang) for v in ranking.index]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=ranking["importance"].tolist(),
            orientation="h",
            name=label("importance", lang),
            marker_color=[PALETTE[2] if d else "#c7c7c7" for d in ranking["differentiate"]],
        )
    )
    for column, key, colour, symbol in (("own", "own_performance", PALETTE[0], "circle"), ("rival", "rival_performance", PALETTE[3], "x")):
        fig.add_trace(
            go.Scatter(
                y=names,
                x=ranking[column].tolist(),
                mode="markers",
                name=label(key, lang),
                marker={"color": colour, "size": 11, "symbol": symbol},
            )
        )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title_text=label("score_1_7", lang), range=[1, 7])
    return style_figure(fig, title=title if title is not None else label("service_variables", lang), height=440)


def plot_three_pl_models(
    placed: pd.DataFrame | None = None, *, name: str = "name", lang: str | None = None, title: str | None = None
) -> go.Figure:
    """The six 3PL business models on two axes (integration level, industries served), split by own assets.

    Each model is a labelled box; providers placed with :func:`logilab.classify_providers`
    are drawn as points inside their model's box.

    Parameters
    ----------
    placed : DataFrame, optional
        ``ll.classify_providers(profiles)``, with a name column.
    name : str, default "name"
        The column naming each provider (falls back to ``provider_id``).
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import logilab as ll
    >>> fig = plot_three_pl_models(lang="en")
    >>> len(fig.layout.shapes), sorted(a.text.split("<br>")[0] for a in fig.layout.annotations)[:2]
    (6, ['concentrated logistics', 'functional agency'])
    """
    zh = (lang or get_language()) == "zh"
    # box of each model: (x0, x1) on integration (0 low .. 2 high), (y0, y1) on industries (0 few .. 2 many)
    boxes = {
        "综合物流": (1.05, 1.95, 0.05, 0.95),
        "综合代理": (1.05, 1.95, 1.05, 1.95),
        "集中物流": (0.05, 0.95, 0.05, 0.48),
        "缝隙物流": (0.05, 0.95, 0.52, 0.95),
        "功能物流": (0.05, 0.95, 1.05, 1.48),
        "功能代理": (0.05, 0.95, 1.52, 1.95),
    }
    fig = go.Figure()
    for model, (x0, x1, y0, y1) in boxes.items():
        row = THREE_PL_MODELS.loc[model]
        colour = PALETTE[0] if row["own_assets"] else PALETTE[1]
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line={"color": colour, "width": 2}, fillcolor=colour, opacity=0.12)
        assets = label("own_assets" if row["own_assets"] else "no_assets", lang)
        small = y1 - y0 < 0.5  # half-height box: name on the left, providers on the right
        fig.add_annotation(
            x=x0 + 0.04 if small else (x0 + x1) / 2,
            y=(y0 + y1) / 2 if small else y1 - 0.04,
            text=f"{model if zh else row['model_en']}<br><span style='font-size:11px'>{assets}</span>",
            showarrow=False,
            xanchor="left" if small else "center",
            yanchor="middle" if small else "top",
            align="left" if small else "center",
            font={"size": 14},
        )
    if placed is not None:
        if "model" not in getattr(placed, "columns", []):
            raise LogilabInputError(
                "placed: expected the table of ll.classify_providers(...), found no column 'model'. Pass ll.classify_providers(profiles)."
            )
        names = placed[name] if name in placed.columns else placed.get("provider_id", pd.Series(range(len(placed))))
        xs = []
        for model, group in placed.groupby("model", sort=False):
            x0, x1, y0, y1 = boxes[model]
            small = y1 - y0 < 0.5
            left, right = (x0 + 0.55, x1 - 0.1) if small else (x0 + 0.15, x1 - 0.15)
            spread = np.linspace(left, right, len(group)) if len(group) > 1 else [(left + right) / 2]
            for idx, x in zip(group.index, spread):
                xs.append((idx, x, (y0 + y1) / 2 + 0.06 if small else (y0 + y1) / 2 - 0.1))
        order = [t[0] for t in xs]
        fig.add_trace(
            go.Scatter(
                x=[t[1] for t in xs],
                y=[t[2] for t in xs],
                mode="markers+text",
                text=[str(names.loc[i]) for i in order],
                textposition="bottom center",
                marker={"size": 12, "color": "black"},
                name=label("provider", lang),
                showlegend=False,
            )
        )
    low, high = ("低", "高") if zh else ("low", "high")
    few, many = ("少", "多") if zh else ("few", "many")
    fig.update_xaxes(
        range=[0, 2], tickvals=[0.5, 1.5], ticktext=[low, high], title_text=label("integration_level", lang), showgrid=False, zeroline=False
    )
    fig.update_yaxes(
        range=[0, 2], tickvals=[0.5, 1.5], ticktext=[few, many], title_text=label("industries_served", lang), showgrid=False, zeroline=False
    )
    return style_figure(fig, title=title if title is not None else label("three_pl_models", lang), height=520)


def plot_make_or_buy(
    result: MakeOrBuy,
    *,
    fixed_cost: float,
    variable_cost: float,
    per_order: float,
    pallet_days: float = 0.0,
    per_pallet_day: float = 0.0,
    minimum_charge: float = 0.0,
    max_volume: float | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Total cost per year of making and of buying against the order volume, with the break-even volume and the current volume.

    Parameters
    ----------
    result : MakeOrBuy
        ``ll.make_or_buy(...)``: the current volume and both costs at it.
    fixed_cost, variable_cost : float
        The in-house cost model (yearly fixed cost, cost per order), as given to :func:`logilab.make_or_buy`.
    per_order, pallet_days, per_pallet_day, minimum_charge : float
        The 3PL tariff, as given to :func:`logilab.make_or_buy`.
    max_volume : float, optional
        The right end of the volume axis (default: 1.6 times the larger of the current and the break-even volume).
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import logilab as ll
    >>> case = dict(fixed_cost=1_200_000, variable_cost=18, per_order=25, pallet_days=2, per_pallet_day=1.5, minimum_charge=500_000)
    >>> fig = plot_make_or_buy(ll.make_or_buy(100_000, **case), **case, lang="en")
    >>> [t.name for t in fig.data]
    ['in house', 'outsourced (3PL)', 'break-even volume', 'current volume']
    >>> fig.data[2].x[0]
    120000.0
    """
    if not isinstance(result, MakeOrBuy):
        raise LogilabInputError(
            f"result: expected the result of ll.make_or_buy(...), found {type(result).__name__}. Pass ll.make_or_buy(...)."
        )
    even = result.break_even_volume
    top = max_volume or max(result.volume, even if np.isfinite(even) else 0.0) * 1.6
    volumes = np.linspace(0, top, 161)
    made = in_house_cost(volumes, fixed_cost=fixed_cost, variable_cost=variable_cost)
    bought = outsourced_cost(
        volumes, per_order=per_order, pallet_days=pallet_days, per_pallet_day=per_pallet_day, minimum_charge=minimum_charge
    )
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=volumes.tolist(), y=made.tolist(), mode="lines", name=label("in_house", lang), line={"color": PALETTE[0], "width": 3})
    )
    fig.add_trace(
        go.Scatter(
            x=volumes.tolist(), y=bought.tolist(), mode="lines", name=label("outsourced", lang), line={"color": PALETTE[1], "width": 3}
        )
    )
    shown = np.isfinite(even) and 0 < even <= top
    cost_at_even = float(in_house_cost(even, fixed_cost=fixed_cost, variable_cost=variable_cost)) if shown else None
    fig.add_trace(
        go.Scatter(
            x=[float(even)] if shown else [],
            y=[cost_at_even] if shown else [],
            mode="markers+text",
            name=label("break_even_volume", lang),
            marker={"size": 13, "color": "black", "symbol": "diamond"},
            text=[f"{even:,.0f}"] if shown else [],
            textposition="top left",
        )
    )
    costs = result.table["cost"]
    fig.add_trace(
        go.Scatter(
            x=[result.volume, result.volume],
            y=[float(costs["in_house"]), float(costs["outsourced"])],
            mode="markers+lines",
            name=label("current_volume", lang),
            line={"color": "grey", "dash": "dot"},
            marker={"size": 10, "color": [PALETTE[0], PALETTE[1]]},
        )
    )
    fig.update_xaxes(title_text=label("volume", lang), tickformat=",")
    fig.update_yaxes(title_text=label("total_cost_yuan", lang), tickformat=",", rangemode="tozero")
    return style_figure(fig, title=title if title is not None else label("make_or_buy", lang), height=440)
