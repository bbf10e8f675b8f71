"""How stable is a ranking? Weight sensitivity and rank reversal (权重敏感性分析与排序逆转).

A ranking of 3PL providers or warehouses rests on weights someone chose and on
the set of alternatives compared. :func:`weight_sensitivity` moves one weight
at a time from 0 to 1 (the others keep their proportions) and finds the
critical weights at which the first place changes hands; :func:`rank_reversal`
removes each alternative in turn, or adds a copy of a dominated one, and
checks whether the order of the others changes (which TOPSIS, unlike a plain
weighted sum, can do).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, check_benefit, check_choice, check_decision_matrix, check_weights
from .indicators import normalize
from .scoring import weighted_score
from .topsis import topsis

__all__ = ["WeightSensitivity", "RankReversal", "weight_sensitivity", "rank_reversal"]

METHODS = ("topsis", "weighted_score")
DEFAULT_NORMALIZATION = {"topsis": "vector", "weighted_score": "minmax"}


def _scorer(method: str, benefit: Any, normalization: str | None) -> Any:
    check_choice(method, "method", METHODS)
    norm = DEFAULT_NORMALIZATION[method] if normalization is None else normalization

    def score(table: pd.DataFrame, weights: np.ndarray) -> pd.Series:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # rescaled weights sum to 1 up to rounding
            if method == "topsis":
                return topsis(table, weights, benefit=benefit, normalization=norm).table["closeness"]
            return weighted_score(table, weights, benefit=benefit, method=norm)["score"]

    return score


def _grid_scorer(method: str, table: pd.DataFrame, benefit: Any, normalization: str | None) -> Any:
    """Scores of every alternative for many weight vectors at once: ``f(W)`` with W of shape (grid, criteria).

    The normalised matrix does not depend on the weights, and with weights >= 0
    the weighted ideal point is the weight times the normalised ideal, so the
    whole grid is one matrix product; the results equal :func:`logilab.topsis`
    and :func:`logilab.weighted_score` at each weight vector.
    """
    norm = DEFAULT_NORMALIZATION[method] if normalization is None else normalization
    is_benefit = check_benefit(benefit, table.columns)
    normalized = normalize(table, benefit=is_benefit if method == "topsis" else benefit, method=norm).to_numpy()
    if method == "weighted_score":
        return lambda W: 100 * np.atleast_2d(W) @ normalized.T
    if norm == "minmax":  # cost columns are already turned around
        ideal, anti = normalized.max(axis=0), normalized.min(axis=0)
    else:
        ideal = np.where(is_benefit, normalized.max(axis=0), normalized.min(axis=0))
        anti = np.where(is_benefit, normalized.min(axis=0), normalized.max(axis=0))
    to_ideal, to_anti = ((normalized - ideal) ** 2).T, ((normalized - anti) ** 2).T

    def closeness(W: np.ndarray) -> np.ndarray:
        squared = np.atleast_2d(W) ** 2
        d_plus, d_minus = np.sqrt(squared @ to_ideal), np.sqrt(squared @ to_anti)
        total = d_plus + d_minus
        return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)

    return closeness


def _moved(weights: np.ndarray, j: int, value: float) -> np.ndarray:
    """Weight j set to ``value``, the others rescaled in proportion to sum ``1 - value``."""
    rest = weights.sum() - weights[j]
    others = np.where(np.arange(len(weights)) == j, 0.0, weights)
    scaled = others * (1 - value) / rest if rest > 0 else np.where(others == 0, (1 - value) / (len(weights) - 1), 0.0)
    if rest <= 0:
        scaled[j] = 0.0
    scaled[j] = value
    return scaled


@dataclass(frozen=True, repr=False)
class WeightSensitivity(Result):
    """Rankings as each weight moves from 0 to 1.

    Attributes
    ----------
    table : DataFrame
        Long format, one row per (criterion, weight, alternative): ``score``
        and ``rank`` (1 = best).
    critical : DataFrame
        One row per change of the first place: ``criterion``, ``weight`` at
        which it changes (found by root finding between grid points),
        ``current_weight``, ``from`` and ``to`` (the top alternative below and
        above that weight).
    weights : Series
        The weights given.
    best : object
        The top alternative at the given weights.
    method : str
    """

    table: pd.DataFrame
    critical: pd.DataFrame
    weights: pd.Series
    best: Any
    method: str

    def summary(self) -> dict[str, Any]:
        margins = (self.critical["weight"] - self.critical["current_weight"]).abs()
        return {
            "method": self.method,
            "best": self.best,
            "criteria": len(self.weights),
            "critical_points": len(self.critical),
            "smallest_change": float(margins.min()) if len(margins) else float("nan"),
        }


def weight_sensitivity(
    X: Any,
    weights: Any,
    *,
    method: str = "topsis",
    benefit: Any = None,
    normalization: str | None = None,
    steps: int = 101,
) -> WeightSensitivity:
    """Rank the alternatives as one weight at a time moves from 0 to 1, and find the critical weights.

    For criterion j set ``w_j = v`` and ``w_k = w_k (1 - v) / (1 - w_j)`` for
    the others, so their proportions stay as given; ``v`` runs over ``steps``
    equally spaced values in [0, 1]. Where the top alternative differs
    between two grid points, the weight at which the two swap is found
    exactly (Brent's method on the difference of their scores).

    Parameters
    ----------
    X : DataFrame or 2-D array
        Alternatives in rows, criteria in columns.
    weights : list, dict or Series
        The current weights.
    method : {"topsis", "weighted_score"}
        :func:`logilab.topsis` (closeness) or :func:`logilab.weighted_score`.
    benefit : None, str, list or dict
        Direction of each criterion.
    normalization : str, optional
        Passed on; default ``"vector"`` for TOPSIS, ``"minmax"`` for the
        weighted score.
    steps : int, default 101
        Grid points per criterion.

    Returns
    -------
    WeightSensitivity

    References
    ----------
    Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach
    for some deterministic multi-criteria decision-making methods. *Decision
    Sciences*, 28(1), 151-194.

    Examples
    --------
    >>> X = pd.DataFrame({"otif": [10, 0, 5], "speed": [0, 10, 5], "care": [0, 10, 0]}, index=["A", "B", "C"])
    >>> result = weight_sensitivity(X, [0.6, 0.3, 0.1], method="weighted_score")
    >>> result.critical[["criterion", "weight", "from", "to"]].round(4)
      criterion  weight from to
    0      otif  0.5000    B  A
    1     speed  0.4167    A  B
    2      care  0.2500    A  B
    """
    table = check_decision_matrix(X)
    w = check_weights(weights, list(table.columns))
    check_benefit(benefit, table.columns)
    if not (isinstance(steps, (int, np.integer)) and steps >= 3):
        raise LogilabInputError(f"steps: expected a whole number >= 3, found {steps!r}. Use e.g. steps=101 (every 0.01).")
    score = _scorer(method, benefit, normalization)
    grid_score = _grid_scorer(method, table, benefit, normalization)
    base = w.to_numpy()
    alternatives = list(table.index)
    grid = np.linspace(0.0, 1.0, int(steps))
    frames = []
    critical = []
    for j, criterion in enumerate(table.columns):
        scores = grid_score(np.vstack([_moved(base, j, v) for v in grid]))
        tops = scores.argmax(axis=1)
        for k in range(len(grid) - 1):
            if tops[k] == tops[k + 1]:
                continue
            a, b = tops[k], tops[k + 1]

            def gap(v: float, a: int = a, b: int = b, j: int = j) -> float:
                s = grid_score(_moved(base, j, v))[0]
                return float(s[b] - s[a])

            low, high = grid[k], grid[k + 1]
            from scipy import optimize  # loaded on first use: keeps `import logilab` fast

            at = optimize.brentq(gap, low, high, xtol=1e-12) if gap(low) * gap(high) < 0 else (low + high) / 2
            critical.append(
                {"criterion": criterion, "weight": at, "current_weight": base[j], "from": alternatives[a], "to": alternatives[b]}
            )
        ranks = pd.DataFrame(scores).rank(axis=1, ascending=False, method="min").astype(int).to_numpy()
        frames.append(
            pd.DataFrame(
                {
                    "criterion": criterion,
                    "weight": np.repeat(grid, len(alternatives)),
                    "alternative": np.tile(alternatives, len(grid)),
                    "score": scores.ravel(),
                    "rank": ranks.ravel(),
                }
            )
        )
    current = score(table, base)
    return WeightSensitivity(
        table=pd.concat(frames, ignore_index=True),
        critical=pd.DataFrame(critical, columns=["criterion", "weight", "current_weight", "from", "to"]),
        weights=w,
        best=current.idxmax(),
        method=method,
    )


# --- rank reversal ------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class RankReversal(Result):
    """The ranking after removing each alternative, or adding a copy of a dominated one.

    Attributes
    ----------
    table : DataFrame
        One row per scenario: ``scenario`` ("remove" or "add copy"),
        ``alternative`` (removed or copied), ``order`` (the original
        alternatives in their new order, best first), ``original_order`` (the
        same alternatives in the full ranking's order), ``reversed``
        (whether the two orders differ) and ``note`` (why a scenario could not
        be ranked, e.g. a criterion left with zeros only; empty otherwise).
    ranking : Series
        The full ranking (1 = best).
    method : str
    """

    table: pd.DataFrame
    ranking: pd.Series
    method: str

    def summary(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "scenarios": len(self.table),
            "reversals": int(self.table["reversed"].sum()),
            "not_ranked": int((self.table["note"] != "").sum()),
            "best": self.ranking.idxmin(),
        }


def _dominated(table: pd.DataFrame, is_benefit: np.ndarray) -> list[Any]:
    signed = table.to_numpy() * np.where(is_benefit, 1.0, -1.0)
    out = []
    for i, label in enumerate(table.index):
        others = np.delete(signed, i, axis=0)
        if ((others >= signed[i]).all(axis=1) & (others > signed[i]).any(axis=1)).any():
            out.append(label)
    return out


def rank_reversal(
    X: Any,
    weights: Any,
    *,
    method: str = "topsis",
    benefit: Any = None,
    normalization: str | None = None,
    add_copies: bool = True,
) -> RankReversal:
    """Check whether removing or adding an alternative changes the order of the others.

    Two tests of the same kind as Wang & Luo (2009) apply to TOPSIS:

    * remove each alternative in turn and rank the rest;
    * add an exact copy of each dominated alternative (one worse than another
      on no criterion and better on none; if none is dominated, a copy of the
      last-ranked one).

    A sound method should keep the order of the untouched alternatives. TOPSIS
    can reverse it, because the ideal and negative-ideal points and the vector
    normalisation depend on which alternatives are in the set; the weighted
    score with min-max normalisation can too, when the removed alternative
    held a column's minimum or maximum.

    Parameters
    ----------
    X, weights, method, benefit, normalization
        As in :func:`weight_sensitivity`.
    add_copies : bool, default True
        Also run the "add a copy" scenarios.

    Returns
    -------
    RankReversal

    References
    ----------
    Wang, Y.-M., & Luo, Y. (2009). On rank reversal in decision analysis.
    *Mathematical and Computer Modelling*, 49(5-6), 1221-1229.
    García-Cascales, M. S., & Lamata, M. T. (2012). On rank reversal and
    TOPSIS method. *Mathematical and Computer Modelling*, 56(5-6), 123-132.

    Examples
    --------
    >>> X = pd.DataFrame({"cost": [6, 1, 8, 8], "otif": [5, 1, 7, 5]}, index=["A", "B", "C", "D"])
    >>> result = rank_reversal(X, [0.5, 0.5], benefit=["cost", "benefit"])
    >>> result.ranking.tolist()
    [2, 3, 1, 4]
    >>> result.table.loc[result.table["reversed"], ["scenario", "alternative", "order", "original_order"]]
      scenario alternative    order original_order
    2   remove           C  B, A, D        A, B, D
    3   remove           D  B, C, A        C, A, B
    """
    table = check_decision_matrix(X)
    w = check_weights(weights, list(table.columns)).to_numpy()
    is_benefit = check_benefit(benefit, table.columns)
    score = _scorer(method, benefit, normalization)
    if len(table) < 3:
        raise LogilabInputError(
            f"X: expected at least 3 alternatives to test rank reversal, found {len(table)}. Add alternatives, or skip this check."
        )
    if table.index.duplicated().any():
        raise LogilabInputError(
            f"X: expected one row per alternative, found repeated labels {sorted(set(table.index[table.index.duplicated()]))}. Name each row once."
        )
    full = score(table, w)
    order = list(full.sort_values(ascending=False, kind="stable").index)
    rows = []

    def record(scenario: str, alternative: Any, changed: pd.DataFrame, keep: list[Any]) -> None:
        try:
            new = score(changed, w)
        except LogilabInputError as error:
            # e.g. the removed alternative held the only non-zero value of a criterion: no ranking to compare
            rows.append(
                {"scenario": scenario, "alternative": alternative, "order": "", "original_order": "", "reversed": False, "note": str(error)}
            )
            return
        new_order = [a for a in new.sort_values(ascending=False, kind="stable").index if a in keep]
        original = [a for a in order if a in keep]
        rows.append(
            {
                "scenario": scenario,
                "alternative": alternative,
                "order": ", ".join(map(str, new_order)),
                "original_order": ", ".join(map(str, original)),
                "reversed": new_order != original,
                "note": "",
            }
        )

    for label in table.index:
        rest = [a for a in table.index if a != label]
        record("remove", label, table.loc[rest], rest)
    if add_copies:
        targets = _dominated(table, is_benefit) or [order[-1]]
        for label in targets:
            copy_label = f"{label} (copy)"
            extended = pd.concat([table, table.loc[[label]].rename(index={label: copy_label})])
            record("add copy", label, extended, list(table.index))
    ranking = full.rank(ascending=False, method="min").astype(int).rename("rank")
    return RankReversal(table=pd.DataFrame(rows), ranking=ranking, method=method)
