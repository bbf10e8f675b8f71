"""Figures of expert panels: each expert's AHP weights beside the group's, with every consistency ratio."""

from __future__ import annotations

import plotly.graph_objects as go

from .._validation import LogilabInputError
from ..group_ahp import GroupAHPResult
from ..i18n import get_language, label
from ._common import PALETTE, style_figure

__all__ = ["agreement_label", "plot_group_ahp"]

_AGREEMENT_KEYS = {
    "very weak agreement": "agreement_very_weak",
    "weak agreement": "agreement_weak",
    "moderate agreement": "agreement_moderate",
    "strong agreement": "agreement_strong",
    "very strong agreement": "agreement_very_strong",
}


def agreement_label(result: GroupAHPResult, lang: str | None = None) -> str:
    """The reading of the panel's Kendall's W in the chosen language.

    Parameters
    ----------
    result : GroupAHPResult
        :func:`logilab.group_ahp`; its ``agreement`` is the reading of
        Schmidt (1997).
    lang : {"zh", "en"}, optional
        Language (default: the current language).

    Returns
    -------
    str
        E.g. ``"专家意见较为一致"`` for a strong agreement.

    Examples
    --------
    >>> from logilab.group_ahp import group_ahp
    >>> same = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]
    >>> agreement_label(group_ahp([same, same]), lang="en"), agreement_label(group_ahp([same, same]), lang="zh")
    ('very strong agreement', '专家意见高度一致')
    """
    return label(_AGREEMENT_KEYS.get(result.agreement, "agreement_undefined"), lang)


def _brackets(parts: list[str], lang: str | None) -> str:
    if (lang or get_language()) == "zh":
        return "（" + "，".join(parts) + "）"
    return " (" + ", ".join(parts) + ")"


def plot_group_ahp(result: GroupAHPResult, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Grouped bars: each expert's weight of every element, and the group's weight beside them.

    Each expert's legend entry carries the expert's consistency ratio CR;
    an expert at or above the CR limit is marked inconsistent (hatched bars),
    and an expert left out of the group (``inconsistent="exclude"``) is drawn
    faint. The group's entry carries the method (AIJ or AIP) and the CR of the
    group matrix.

    Parameters
    ----------
    result : GroupAHPResult
        :func:`logilab.group_ahp`.
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per expert (in the panel's order), then the group's.

    Examples
    --------
    >>> from logilab.ahp import reciprocal_matrix
    >>> from logilab.group_ahp import group_ahp
    >>> labels = ["on_time", "accuracy", "cost"]
    >>> panel = {"ops": reciprocal_matrix([2, 4, 2], labels=labels), "sales": reciprocal_matrix([3, 5, 2], labels=labels)}
    >>> fig = plot_group_ahp(group_ahp(panel), lang="en")
    >>> [trace.name for trace in fig.data]
    ['ops (CR 0.000)', 'sales (CR 0.003)', 'group weight (AIJ, CR 0.001)']
    >>> [round(w, 3) for w in fig.data[2].y]
    [0.611, 0.257, 0.132]
    """
    if not isinstance(result, GroupAHPResult):
        raise LogilabInputError(
            f"result: expected the result of ll.group_ahp(...), found {type(result).__name__}. Run the aggregation first."
        )
    elements = [str(element) for element in result.table.index]
    fig = go.Figure()
    for i, (expert, row) in enumerate(result.experts.iterrows()):
        notes = [f"CR {row['cr']:.3f}"]
        if not row["consistent"]:
            notes.append(label("inconsistent_expert", lang))
        if not row["used"]:
            notes.append(label("expert_left_out", lang))
        fig.add_trace(
            go.Bar(
                x=elements,
                y=result.table[expert].tolist(),
                name=f"{expert}{_brackets(notes, lang)}",
                marker={
                    "color": PALETTE[i % len(PALETTE)],
                    "pattern": {"shape": "" if row["consistent"] else "/"},
                },
                opacity=1.0 if row["used"] else 0.35,
                hovertemplate="%{x}: %{y:.3f}<extra>%{fullData.name}</extra>",
            )
        )
    group_notes = [result.method.upper(), f"CR {result.group_cr:.3f}"]
    fig.add_trace(
        go.Bar(
            x=elements,
            y=result.weights.tolist(),
            name=f"{label('group_weight', lang)}{_brackets(group_notes, lang)}",
            marker_color="#222222",
            text=[f"{w:.3f}" for w in result.weights],
            textposition="outside",
            hovertemplate="%{x}: %{y:.3f}<extra>%{fullData.name}</extra>",
        )
    )
    top = max(float(result.table.drop(columns="rank").to_numpy().max()), 0.01)
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(title_text=label("criterion", lang))
    fig.update_yaxes(title_text=label("weight", lang), range=[0, top * 1.15])
    style_figure(fig, title=title if title is not None else label("group_ahp_chart", lang), height=460)
    # the legend below the axis title, clear of the bars and the title
    return fig.update_layout(margin={"b": 130}, legend={"y": -0.22, "yanchor": "top"})
