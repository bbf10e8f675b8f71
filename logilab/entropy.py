"""Entropy weights (熵权法) and the combination of subjective and objective weights.

An indicator whose values differ a lot between the alternatives tells them
apart and earns a large weight; one on which all alternatives look alike
(high entropy) earns a small one. The weights come from the data alone, so
they are called objective, in contrast to the subjective AHP weights; the
two are often combined (组合赋权).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, check_benefit, check_choice, check_decision_matrix, check_number, check_weights
from .indicators import normalize

__all__ = ["EntropyResult", "entropy_weights", "combine_weights"]


@dataclass(frozen=True, repr=False)
class EntropyResult(Result):
    """Entropy weights with every intermediate step.

    Attributes
    ----------
    normalized : DataFrame
        The values after normalisation (the raw values for ``normalization=None``).
    p : DataFrame
        Proportions ``p_ij = x_ij / sum_i x_ij``.
    table : DataFrame
        Per indicator: ``entropy`` e_j, ``diversity`` d_j = 1 - e_j and ``weight`` w_j.

    Examples
    --------
    >>> result = entropy_weights(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 10.0, 11.0]}))
    >>> result
    EntropyResult(indicators=2, top='b', top_weight=0.7039, bottom='a', bottom_weight=0.2961; table 2 rows)
    """

    normalized: pd.DataFrame
    p: pd.DataFrame
    table: pd.DataFrame

    @property
    def weights(self) -> pd.Series:
        return self.table["weight"]

    @property
    def entropy(self) -> pd.Series:
        return self.table["entropy"]

    def summary(self) -> dict[str, Any]:
        """The key numbers: indicators, the heaviest one and its weight, the lightest one and its weight."""
        weights = self.table["weight"]
        return {
            "indicators": len(weights),
            "top": weights.idxmax(),
            "top_weight": float(weights.max()),
            "bottom": weights.idxmin(),
            "bottom_weight": float(weights.min()),
        }


def entropy_weights(X: Any, *, benefit: Any = None, normalization: str | None = "minmax") -> EntropyResult:
    """Objective weights from the dispersion of each indicator.

    Steps (n alternatives): normalise; ``p_ij = x_ij / sum_i x_ij``;
    ``e_j = -(1 / ln n) sum_i p_ij ln p_ij`` with the convention
    ``0 ln 0 = 0`` (a zero proportion adds nothing to the entropy);
    ``d_j = 1 - e_j``; ``w_j = d_j / sum_j d_j``.

    Parameters
    ----------
    X : DataFrame or 2-D array
        Alternatives in rows, indicators in columns (at least two rows).
    benefit : None, str, list or dict
        Direction of each indicator; matters for ``"minmax"`` only.
    normalization : {"minmax", None, "sum"}
        ``"minmax"`` (default): min-max normalise first, turning cost
        indicators around, as Chinese textbooks do. ``None``: use the raw
        (non-negative) values, as much of the English literature does (Hwang
        & Yoon 1981; Zeleny 1982). Min-max sends each column's worst value to
        0, so the results differ.

    Returns
    -------
    EntropyResult
        ``table`` holds ``entropy``, ``diversity`` and ``weight`` per indicator;
        ``normalized`` and ``p`` are the two intermediate matrices.

    Raises
    ------
    LogilabInputError
        For an indicator with the same value for every alternative (zero
        variance): it cannot separate the alternatives and, after min-max
        normalisation, has no proportions at all. Drop it first.

    References
    ----------
    .. [1] Shannon, C. E. (1948). A mathematical theory of communication. *Bell System Technical
       Journal*, 27(3), 379-423.
    .. [2] Zeleny, M. (1982). *Multiple Criteria Decision Making*. New York: McGraw-Hill (the entropy measure of contrast between alternatives).
    .. [3] Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
       Applications*. Berlin: Springer (the entropy method of weighting).
    .. [4] Xu, X. (2004). A note on the subjective and objective integrated approach to determine
       attribute weights. *European Journal of Operational Research*, 156(2), 530-532 (a published
       example of entropy weights on raw values, ``normalization=None``).
    .. [5] Zavadskas, E. K., & Podvezko, V. (2016). Integrated determination of objective criteria
       weights in MCDM. *International Journal of Information Technology & Decision Making*, 15(2),
       267-283.

    Examples
    --------
    >>> X = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 10.0, 11.0]})
    >>> result = entropy_weights(X)
    >>> result.table.round(4)
       entropy  diversity  weight
    a   0.5794     0.4206  0.2961
    b   0.0000     1.0000  0.7039
    >>> entropy_weights(X, normalization=None).weights.round(4).tolist()
    [0.9883, 0.0117]

    Xu's (2004) published example (raw values; weights 0.4630, 0.3992, 0.1378, 0.0000):

    >>> xu = pd.DataFrame([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]])
    >>> entropy_weights(xu, normalization=None).weights.round(4).tolist()
    [0.463, 0.3992, 0.1378, 0.0]
    """
    table = check_decision_matrix(X)
    check_choice(normalization, "normalization", ["minmax", "sum", None])
    is_benefit = check_benefit(benefit, table.columns)
    n = len(table)
    if n < 2:
        raise LogilabInputError(f"X: expected at least 2 alternatives (rows), found {n}. Entropy compares alternatives.")
    constant = table.columns[(table.max() - table.min()).to_numpy() == 0].tolist()
    if constant:
        raise LogilabInputError(
            f"X: expected every indicator to vary between alternatives, found the same value in every row for {constant}. "
            "An indicator with zero variance cannot tell the alternatives apart; drop it before computing entropy weights."
        )
    if normalization is None:
        if (table.to_numpy() < 0).any():
            raise LogilabInputError("X: expected values >= 0 for normalization=None, found negative values. Use normalization='minmax'.")
        normalized = table.copy()
    else:
        normalized = normalize(table, benefit=is_benefit, method=normalization)
    p = normalized / normalized.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p.where(p > 0, 1.0)), 0.0)
    entropy = -plogp.sum(axis=0) / np.log(n) + 0.0  # + 0.0 turns -0.0 into 0.0
    diversity = 1 - entropy
    weights = diversity / diversity.sum()
    result_table = pd.DataFrame({"entropy": entropy, "diversity": diversity, "weight": weights}, index=table.columns)
    return EntropyResult(normalized=normalized, p=p, table=result_table)


def combine_weights(subjective: Any, objective: Any, *, method: str = "product", alpha: float = 0.5) -> pd.Series:
    """Combine subjective (e.g. AHP) and objective (e.g. entropy) weights.

    ``"product"`` (乘法合成): ``w_j = s_j o_j / sum_k s_k o_k``, which stresses
    indicators both sources find important. ``"linear"`` (线性加权):
    ``w_j = alpha s_j + (1 - alpha) o_j``, with ``alpha`` the share given to
    the subjective weights.

    Both inputs are matched by label (Series / dict) and must name the same
    indicators; each is rescaled to sum 1 first (with a warning if it did not).

    Parameters
    ----------
    subjective : list, dict or Series
        Weights from judgement, e.g. ``ahp(...).weights``.
    objective : list, dict or Series
        Weights from data, e.g. ``entropy_weights(...).weights``.
    method : {"product", "linear"}, default "product"
        How to combine them (see above).
    alpha : float, default 0.5
        Share of the subjective weights for ``"linear"``, in [0, 1].

    Returns
    -------
    Series
        The combined weights, named ``weight``, summing to 1.

    References
    ----------
    .. [1] Xu, X. (2004). A note on the subjective and objective integrated approach to determine
       attribute weights. *European Journal of Operational Research*, 156(2), 530-532.

    Examples
    --------
    >>> s = pd.Series({"a": 0.6, "b": 0.4}); o = pd.Series({"a": 0.2, "b": 0.8})
    >>> combine_weights(s, o).round(4).tolist()
    [0.2727, 0.7273]
    >>> combine_weights(s, o, method="linear", alpha=0.75).round(4).tolist()
    [0.5, 0.5]
    """
    check_choice(method, "method", ["product", "linear"])
    labelled = [w for w in (subjective, objective) if isinstance(w, (pd.Series, Mapping))]
    labels = list(labelled[0].keys()) if labelled else [f"C{i + 1}" for i in range(len(objective))]
    s = check_weights(subjective, labels, "subjective")
    o = check_weights(objective, labels, "objective")
    if method == "product":
        combined = s * o
        if combined.sum() == 0:
            raise LogilabInputError(
                "objective: expected some indicator with a positive weight in both sources, found none. Use method='linear'."
            )
        combined = combined / combined.sum()
    else:
        alpha = check_number(alpha, "alpha", low=0, high=1)
        combined = alpha * s + (1 - alpha) * o
    return combined.rename("weight")
