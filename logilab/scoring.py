"""Weighted scores, grading into bands and incentive plans (正激励 / 负激励).

A performance evaluation ends in a decision: who is rewarded, who must
improve. :func:`weighted_score` gives each alternative a 0-100 score from its
normalised indicators; :func:`grade` puts scores into bands; and
:func:`incentive_plan` maps the bands to positive or negative incentives, for
internal units (warehouses, teams: 内部激励) or external partners (3PL
providers: 外部激励).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._validation import LogilabInputError, check_choice, check_decision_matrix, check_number, check_weights
from .indicators import normalize

__all__ = ["DEFAULT_BANDS", "INCENTIVES", "weighted_score", "grade", "incentive_plan"]

# lower bound of each band on a 0-100 scale, best band first
DEFAULT_BANDS: dict[str, float] = {"优秀": 90, "良好": 80, "合格": 70, "待改进": 60, "不合格": 0}

# band -> (kind, internal measure, external measure)
INCENTIVES: dict[str, tuple[str, str, str]] = {
    "优秀": ("positive", "绩效奖金、公开表彰、优先晋升", "增加业务份额、优先续约、缩短账期"),
    "良好": ("positive", "表彰、小额奖励", "维持份额、列入优选名单"),
    "合格": ("none", "保持现状、面谈反馈", "维持合作、季度复评"),
    "待改进": ("negative", "限期整改、主管辅导", "书面警告、限期整改、扣减部分服务费"),
    "不合格": ("negative", "扣减绩效、调岗", "减少业务份额、按合同扣款、启动替换"),
}


def weighted_score(X: Any, weights: Any, *, benefit: Any = None, method: str = "minmax") -> pd.DataFrame:
    """Score each alternative 0-100 as the weighted sum of its normalised indicators.

    ``score_i = 100 * sum_j w_j * z_ij`` with ``z`` the min-max normalised
    values (cost indicators turned around), so the best alternative on every
    indicator would score 100 and the worst on every indicator 0. The
    contribution of each indicator is returned too.

    Parameters
    ----------
    X : DataFrame or 2-D array
        Alternatives in rows, indicators in columns.
    weights : list, dict or Series
        One weight per indicator.
    benefit : None, str, list or dict
        Direction of each indicator.
    method : {"minmax", "sum", "vector"}
        Normalisation (see :func:`logilab.normalize`); only ``"minmax"``
        turns cost indicators around, so use it when there are any.

    Returns
    -------
    DataFrame
        One column per indicator (its contribution ``100 w_j z_ij``), then
        ``score`` and ``rank`` (1 = best).

    Examples
    --------
    >>> X = pd.DataFrame({"otif": [0.90, 0.80, 0.85], "complaints": [0.02, 0.05, 0.03]}, index=["SH", "CD", "WH"])
    >>> weighted_score(X, [0.6, 0.4], benefit=["benefit", "cost"]).round(1)
        otif  complaints  score  rank
    SH  60.0        40.0  100.0     1
    CD   0.0         0.0    0.0     3
    WH  30.0        26.7   56.7     2
    """
    table = check_decision_matrix(X)
    w = check_weights(weights, list(table.columns))
    contributions = 100 * normalize(table, benefit=benefit, method=method) * w.to_numpy()
    result = contributions.copy()
    result["score"] = contributions.sum(axis=1)
    result["rank"] = result["score"].rank(ascending=False, method="min").astype(int)
    return result


def _check_bands(bands: Mapping[str, float]) -> pd.Series:
    if not isinstance(bands, Mapping) or not bands:
        raise LogilabInputError(f"bands: expected a dict {{band name: lower bound}}, found {bands!r}. E.g. {DEFAULT_BANDS}.")
    lower = pd.Series({name: check_number(value, f"bands[{name!r}]") for name, value in bands.items()}, dtype=float)
    return lower.sort_values(ascending=False, kind="stable")


def grade(scores: Any, *, bands: Mapping[str, float] = DEFAULT_BANDS) -> pd.Series:
    """The band of each score: the best band whose lower bound the score reaches.

    Scores below every lower bound get NaN (give the lowest band a bound of 0
    or ``-inf`` to catch them all).

    Parameters
    ----------
    scores : Series, dict or sequence
        Scores on the scale of ``bands`` (0-100 by default), by alternative.
    bands : dict
        ``{band: lower bound}``, best band first; the default is 优秀 >= 90,
        良好 >= 80, 合格 >= 70, 待改进 >= 60, 不合格 >= 0.

    Returns
    -------
    Series
        Categorical, named ``grade``, with the index of ``scores``.

    Examples
    --------
    >>> grade(pd.Series({"SH": 93.0, "GZ": 80.0, "CD": 42.5})).tolist()
    ['优秀', '良好', '不合格']
    """
    lower = _check_bands(bands)
    values = pd.Series(scores, dtype=float) if not isinstance(scores, pd.Series) else scores.astype(float)
    labels = [next((name for name, bound in lower.items() if v >= bound), np.nan) for v in values]
    return pd.Series(pd.Categorical(labels, categories=list(lower.index)), index=values.index, name="grade")


def incentive_plan(
    scores: Any, *, bands: Mapping[str, float] = DEFAULT_BANDS, audience: str = "internal", measures: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """Map each score to its band and to a positive, negative or no incentive.

    Parameters
    ----------
    scores : Series or dict
        Scores on the scale of ``bands`` (0-100 by default), by alternative.
    bands : dict
        ``{band: lower bound}``; the default is 优秀 >= 90, 良好 >= 80,
        合格 >= 70, 待改进 >= 60, 不合格 below.
    audience : {"internal", "external"}
        Internal units (warehouses, teams) or external partners (3PL
        providers); chooses the default measure of each band.
    measures : dict, optional
        ``{band: (kind, measure)}`` replacing the defaults, with kind one of
        ``"positive"``, ``"negative"``, ``"none"``; required for bands not in
        the defaults.

    Returns
    -------
    DataFrame
        One row per alternative, best first: ``score``, ``grade``,
        ``incentive`` (positive / negative / none) and ``measure``.

    Examples
    --------
    >>> plan = incentive_plan({"WH-SH": 91.0, "WH-CD": 55.0, "WH-GZ": 74.0})
    >>> plan[["grade", "incentive"]]
          grade incentive
    WH-SH    优秀  positive
    WH-GZ    合格      none
    WH-CD   不合格  negative
    """
    check_choice(audience, "audience", ["internal", "external"])
    values = pd.Series(scores, dtype=float) if not isinstance(scores, pd.Series) else scores.astype(float)
    grades = grade(values, bands=bands)
    table = {name: (kind, internal if audience == "internal" else external) for name, (kind, internal, external) in INCENTIVES.items()}
    if measures is not None:
        table.update({name: tuple(value) for name, value in measures.items()})
    missing = [g for g in grades.cat.categories if g not in table]
    if missing:
        raise LogilabInputError(
            f"measures: expected a (kind, measure) for every band, found none for {missing}. Pass measures={{band: (kind, text)}}."
        )
    for name, (kind, _) in table.items():
        check_choice(kind, f"measures[{name!r}] kind", ["positive", "negative", "none"])
    plan = pd.DataFrame({"score": values, "grade": grades})
    plan["incentive"] = [table[g][0] if isinstance(g, str) else "none" for g in plan["grade"]]
    plan["measure"] = [table[g][1] if isinstance(g, str) else "" for g in plan["grade"]]
    return plan.sort_values("score", ascending=False, kind="stable")
