"""Explorers of ranking stability: rank of each alternative as one weight moves."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from ..datasets import describe_sample
from ..figures.sensitivity import plot_weight_sensitivity
from ..i18n import get_language, label
from ..sensitivity import weight_sensitivity
from ._base import Explorer

__all__ = ["sensitivity_explorer"]

_WIDE = {"description_width": "initial"}


def _catalogue_names(criteria: list[Any], lang: str | None) -> dict[Any, str]:
    """The sample catalogue's name of each criterion that is a column of the sample providers (准时交付率 for on_time_rate)."""
    catalogue = describe_sample("providers").set_index("column")[lang or get_language()]
    return {c: str(catalogue[c]) if c in catalogue.index else str(c) for c in criteria}


def sensitivity_explorer(
    X: Any, weights: Any, *, benefit: Any = None, names: Mapping[Any, str] | None = None, lang: str | None = None
) -> Explorer:
    """Pick a criterion and a ranking method; see each alternative's rank as that weight runs from 0 to 1.

    Parameters
    ----------
    X : DataFrame or array-like
        The decision matrix: one row per alternative, one column per criterion.
    weights : sequence or mapping
        The criteria weights (rescaled to sum to 1).
    benefit : sequence, mapping or None
        Which criteria are benefit (higher is better) and which cost; default all benefit.
    names : mapping, optional
        Display names of the criteria in the menu and on the axis; by default the
        sample catalogue's name of a sample provider column, else the column name.
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).

    Returns
    -------
    Explorer
        The controls, the rank-vs-weight figure and the summary line.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"otif": [10, 0, 5], "speed": [0, 10, 5], "care": [0, 10, 0]}, index=["A", "B", "C"])
    >>> explorer = sensitivity_explorer(X, [0.6, 0.3, 0.1], lang="en")
    >>> explorer.controls["method"].value = "weighted_score"
    >>> explorer.controls["criterion"].value = "care"
    >>> [round(s.x0, 3) for s in explorer.figure.layout.shapes]
    [0.1, 0.25]
    """
    methods = {"topsis": label("topsis_ranking", lang), "weighted_score": label("weighted_score_method", lang)}
    results = {method: weight_sensitivity(X, weights, method=method, benefit=benefit) for method in methods}
    criteria = list(results["topsis"].weights.index)
    shown = {**_catalogue_names(criteria, lang), **dict(names or {})}
    zh = (lang or get_language()) == "zh"
    colon, joiner, stop = ("：", "；", "。") if zh else (": ", "; ", ". ")
    controls = {
        "criterion": widgets.Dropdown(
            options=[(shown[c], c) for c in criteria], value=criteria[0], description=label("criterion", lang), style=_WIDE
        ),
        "method": widgets.ToggleButtons(
            options=[(text, key) for key, text in methods.items()], value="topsis", description=label("ranking_method", lang), style=_WIDE
        ),
    }

    def build(values: dict) -> tuple:
        result = results[values["method"]]
        fig = plot_weight_sensitivity(result, values["criterion"], names=shown, lang=lang)
        points = result.critical[result.critical["criterion"] == values["criterion"]]
        best = f"{label('best', lang)}{colon}{result.best}"
        if len(points):
            text = joiner.join(
                f"{label('critical_weight', lang)} {row['weight']:.3f}{colon}{row['from']} → {row['to']}" for _, row in points.iterrows()
            )
        else:
            text = "—"
        return fig, f"{best}{stop}{text}"

    return Explorer(controls, build)
