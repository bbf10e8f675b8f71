"""TOPSIS (逼近理想解排序法): rank alternatives by their closeness to the ideal solution.

The ideal point takes the best value of every weighted, normalised indicator
(the largest of a benefit indicator, the smallest of a cost indicator), the
negative-ideal point the worst. An alternative close to the ideal and far
from the negative ideal ranks first: ``C = D- / (D+ + D-)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import check_benefit, check_choice, check_decision_matrix, check_weights
from .indicators import normalize

__all__ = ["TopsisResult", "topsis"]


@dataclass(frozen=True, repr=False)
class TopsisResult(Result):
    """TOPSIS ranking with every intermediate step.

    Attributes
    ----------
    table : DataFrame
        One row per alternative: ``d_plus`` (distance to the ideal),
        ``d_minus`` (distance to the negative ideal), ``closeness`` and
        ``rank`` (1 = best).
    normalized : DataFrame
        The normalised decision matrix.
    weighted : DataFrame
        The normalised matrix times the weights.
    ideal, anti_ideal : Series
        The positive- and negative-ideal points (per indicator).
    weights : Series

    Examples
    --------
    >>> X = pd.DataFrame({"on_time": [0.95, 0.90], "cost": [12.0, 9.0]}, index=["P1", "P2"])
    >>> result = topsis(X, [0.5, 0.5], benefit=[True, False])
    >>> result.best, result.table["rank"].tolist()
    ('P2', [2, 1])
    """

    table: pd.DataFrame
    normalized: pd.DataFrame
    weighted: pd.DataFrame
    ideal: pd.Series
    anti_ideal: pd.Series
    weights: pd.Series

    @property
    def closeness(self) -> pd.Series:
        return self.table["closeness"]

    @property
    def best(self) -> Any:
        """The alternative ranked first."""
        return self.table["closeness"].idxmax()

    def summary(self) -> dict[str, Any]:
        """The key numbers: alternatives, the best one and its closeness, the worst one and its closeness."""
        closeness = self.table["closeness"]
        return {
            "alternatives": len(closeness),
            "best": closeness.idxmax(),
            "best_closeness": float(closeness.max()),
            "worst": closeness.idxmin(),
            "worst_closeness": float(closeness.min()),
        }


def topsis(X: Any, weights: Any, *, benefit: Any = None, normalization: str = "vector") -> TopsisResult:
    """Rank alternatives by relative closeness to the ideal solution.

    Parameters
    ----------
    X : DataFrame or 2-D array
        Alternatives in rows, indicators in columns.
    weights : list, dict or Series
        One weight per indicator (rescaled to sum 1, with a warning if needed).
    benefit : None, str, list or dict
        Direction of each indicator; ``None`` treats all as benefit indicators.
    normalization : {"vector", "minmax"}
        ``"vector"`` (default, Hwang & Yoon 1981): ``x / sqrt(sum x^2)``; the
        ideal takes the largest value of a benefit and the smallest of a cost
        indicator. ``"minmax"`` (common in Chinese applications): min-max
        normalisation with cost indicators turned around, so the ideal is 1
        and the negative ideal 0 on every indicator.

    Returns
    -------
    TopsisResult
        ``table`` holds ``d_plus``, ``d_minus``, ``closeness`` and ``rank`` per
        alternative; the normalised and weighted matrices and both ideal points
        are kept as well.

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
       Applications*. Berlin: Springer (Lecture Notes in Economics and Mathematical Systems 186),
       pp. 133-134 (the fighter-aircraft example).

    Examples
    --------
    Hwang & Yoon's (1981) fighter-aircraft example:

    >>> X = [[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5],
    ...      [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]]
    >>> result = topsis(X, [0.2, 0.1, 0.1, 0.1, 0.2, 0.3], benefit=[True, True, True, False, True, True])
    >>> result.table.round(3)
        d_plus  d_minus  closeness  rank
    A1   0.055    0.098      0.643     1
    A2   0.120    0.044      0.268     4
    A3   0.058    0.092      0.614     2
    A4   0.101    0.046      0.312     3
    """
    table = check_decision_matrix(X)
    w = check_weights(weights, list(table.columns))
    is_benefit = check_benefit(benefit, table.columns)
    check_choice(normalization, "normalization", ["vector", "minmax"])
    normalized = normalize(table, benefit=is_benefit, method=normalization)
    weighted = normalized * w.to_numpy()
    values = weighted.to_numpy()
    if normalization == "minmax":  # cost columns are already turned around
        ideal, anti = values.max(axis=0), values.min(axis=0)
    else:
        ideal = np.where(is_benefit, values.max(axis=0), values.min(axis=0))
        anti = np.where(is_benefit, values.min(axis=0), values.max(axis=0))
    d_plus = np.sqrt(((values - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((values - anti) ** 2).sum(axis=1))
    total = d_plus + d_minus
    closeness = np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    result = pd.DataFrame({"d_plus": d_plus, "d_minus": d_minus, "closeness": closeness}, index=table.index)
    result["rank"] = result["closeness"].rank(ascending=False, method="min").astype(int)
    return TopsisResult(
        table=result,
        normalized=normalized,
        weighted=weighted,
        ideal=pd.Series(ideal, index=table.columns, name="ideal"),
        anti_ideal=pd.Series(anti, index=table.columns, name="anti_ideal"),
        weights=w,
    )
