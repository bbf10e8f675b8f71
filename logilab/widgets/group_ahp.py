"""Explorer of an expert panel: aggregation method, each expert's weight, and whether inconsistent experts count."""

from __future__ import annotations

import warnings
from typing import Any

import ipywidgets as widgets

from ..datasets import sample_expert_panel
from ..figures.group_ahp import agreement_label, plot_group_ahp
from ..group_ahp import _matrices, group_ahp
from ..i18n import label
from ._base import Explorer

__all__ = ["group_ahp_explorer"]

_WIDE = {"description_width": "initial"}


def group_ahp_explorer(matrices: Any = None, *, lang: str | None = None) -> Explorer:
    """Aggregate an expert panel's AHP judgments live: AIJ or AIP, each expert's weight, inconsistent experts in or out.

    The figure shows every expert's weights beside the group's (see
    :func:`logilab.plot_group_ahp`); the summary line gives the group's top
    element, the CR of the group matrix, Kendall's W with its reading and the
    experts flagged as inconsistent.

    Parameters
    ----------
    matrices : list or dict of pairwise-comparison matrices, optional
        One reciprocal matrix per expert, as for :func:`logilab.group_ahp`
        (default: :func:`logilab.sample_expert_panel`).
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).

    Returns
    -------
    Explorer
        Controls ``method`` (``"aij"`` / ``"aip"``), ``include_inconsistent``
        (a checkbox) and ``expert_0``, ``expert_1``, ... (each expert's weight,
        0-5, in the panel's order; all 0 means equal weights).

    Examples
    --------
    >>> explorer = group_ahp_explorer(lang="en")
    >>> explorer.controls["include_inconsistent"].value = False
    >>> [round(w, 3) for w in explorer.figure.data[-1].y]
    [0.344, 0.162, 0.399, 0.094]
    >>> explorer.controls["expert_1"].description
    '客服经理'
    """
    checked = _matrices(sample_expert_panel() if matrices is None else matrices)
    names = list(checked)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the flags are shown in the figure and the summary
        consistent = group_ahp(checked).experts["consistent"]
    controls: dict[str, widgets.Widget] = {
        "method": widgets.ToggleButtons(
            options=[(label("aij", lang), "aij"), (label("aip", lang), "aip")],
            value="aij",
            description=label("aggregation", lang),
            style=_WIDE,
        ),
        "include_inconsistent": widgets.Checkbox(value=True, description=label("include_inconsistent", lang), style=_WIDE, indent=False),
    }
    for i, name in enumerate(names):
        controls[f"expert_{i}"] = widgets.IntSlider(value=1, min=0, max=5, description=str(name), style=_WIDE)
    sep, colon, brackets = label("semicolon", lang), label("colon", lang), label("in_brackets", lang)

    def build(values: dict) -> tuple:
        include = values["include_inconsistent"] or not consistent.any()
        used = [name for name in names if include or consistent[name]]
        raw = [float(values[f"expert_{i}"]) for i in range(len(names))]
        notes = []
        if sum(raw[i] for i, name in enumerate(names) if name in used) == 0:
            raw = [1.0] * len(names)
            notes.append(label("equal_weights_used", lang))
        total = sum(raw)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = group_ahp(
                checked,
                method=values["method"],
                expert_weights=[w / total for w in raw],
                inconsistent="flag" if include else "exclude",
            )
        flagged = result.experts[~result.experts["consistent"]]
        parts = [
            f"{label('largest_weight', lang)}{colon}{result.weights.idxmax()}",
            f"{label('group_cr', lang)} {result.group_cr:.3f}",
            f"{label('kendall_w', lang)} {result.kendall_w:.3f}{brackets.format(agreement_label(result, lang))}",
        ]
        if len(flagged):
            listed = label("list_sep", lang).join(f"{name}{brackets.format(f'CR {cr:.3f}')}" for name, cr in flagged["cr"].items())
            parts.append(f"[{label('caution', lang)}] {label('inconsistent_expert', lang)}{colon}{listed}")
        return plot_group_ahp(result, lang=lang), sep.join(parts + notes)

    return Explorer(controls, build)
