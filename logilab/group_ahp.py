"""Group AHP (群决策层次分析法): combine the pairwise comparisons of an expert panel.

Two standard ways (Forman & Peniwati 1998):

* **AIJ**, aggregation of individual judgments: the group matrix is the
  element-wise weighted geometric mean of the experts' matrices, which stays
  reciprocal (Aczél & Saaty 1983); the group's weights are those of this
  matrix. Suited to a panel that acts as one unit.
* **AIP**, aggregation of individual priorities: each expert's weights are
  computed first and combined by a weighted geometric mean, then normalised.
  Suited to a panel of separate individuals.

Each expert's consistency ratio is checked; experts above the limit are
flagged (and, on request, left out), and the agreement of the panel is
measured by Kendall's W of the experts' rankings and by the geometric
consistency index of the group matrix.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, check_choice, check_number, check_weights
from .ahp import CR_THRESHOLD, AHPResult, RoundedJudgementWarning, ahp, check_pairwise_matrix

__all__ = ["GroupAHPResult", "group_ahp", "kendall_w", "geometric_consistency_index"]

# GCI thresholds of Aguarón & Moreno-Jiménez (2003), equivalent to CR = 0.10
GCI_THRESHOLDS = {3: 0.31, 4: 0.35}
GCI_THRESHOLD_LARGE = 0.37


def geometric_consistency_index(matrix: Any) -> float:
    """Geometric consistency index GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} ln^2(a_ij w_j / w_i).

    ``w`` are the row geometric means (方根法). 0 for a consistent matrix;
    Aguarón & Moreno-Jiménez (2003) give the limits 0.31 (n = 3), 0.35
    (n = 4) and 0.37 (n > 4), which correspond to CR = 0.10.

    References
    ----------
    Crawford, G., & Williams, C. (1985). A note on the analysis of subjective
    judgment matrices. *Journal of Mathematical Psychology*, 29(4), 387-405.
    Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency index:
    Approximated thresholds. *European Journal of Operational Research*,
    147(1), 137-145.

    Parameters
    ----------
    matrix : array-like or DataFrame
        A reciprocal pairwise comparison matrix (n >= 3).

    Returns
    -------
    float
        The GCI; 0 for a fully consistent matrix.

    Examples
    --------
    >>> round(geometric_consistency_index([[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]]), 6)
    0.0
    >>> round(geometric_consistency_index([[1, 3, 1], [1/3, 1, 3], [1, 1/3, 1]]), 4)
    1.6093
    """
    values = check_pairwise_matrix(matrix).to_numpy()
    n = len(values)
    if n < 3:
        return 0.0
    w = np.exp(np.log(values).mean(axis=1))
    errors = np.log(values * w[None, :] / w[:, None])
    upper = np.triu_indices(n, k=1)
    return float(2 / ((n - 1) * (n - 2)) * (errors[upper] ** 2).sum())


def _gci_limit(n: int) -> float:
    return GCI_THRESHOLDS.get(n, GCI_THRESHOLD_LARGE)


def kendall_w(rankings: Any) -> float:
    """Kendall's coefficient of concordance W of several judges' rankings (ties corrected).

    ``W = 12 S / (m^2 (n^3 - n) - m sum T)`` with m judges, n ranked items, S
    the sum of squared deviations of the items' rank sums from their mean and
    ``T = sum (t^3 - t)`` over groups of t tied ranks of each judge. W = 1
    when all judges rank alike, near 0 when they do not agree at all.

    Parameters
    ----------
    rankings : DataFrame or 2-D array
        One row per judge, one column per item; ranks or scores (converted to
        ranks per row, the largest score ranked 1).

    References
    ----------
    Kendall, M. G., & Babington Smith, B. (1939). The problem of m rankings.
    *The Annals of Mathematical Statistics*, 10(3), 275-287.

    Returns
    -------
    float
        W in [0, 1]: 1 when all judges rank alike, near 0 when their rankings are unrelated.

    Examples
    --------
    >>> kendall_w([[1, 2, 3], [1, 2, 3]])
    1.0
    >>> kendall_w([[1, 2, 3], [3, 2, 1]])
    0.0
    """
    values = np.asarray(rankings, dtype=float)
    if values.ndim != 2 or values.shape[0] < 2 or values.shape[1] < 2:
        raise LogilabInputError(
            f"rankings: expected a table of at least 2 judges x 2 items, found shape {values.shape}. One row per judge, one column per item."
        )
    m, n = values.shape
    from scipy import stats  # loaded on first use: keeps `import logilab` fast

    ranks = np.vstack([stats.rankdata(-row) for row in values])
    totals = ranks.sum(axis=0)
    s = float(((totals - totals.mean()) ** 2).sum())
    ties = 0.0
    for row in ranks:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denominator = m**2 * (n**3 - n) - m * ties
    return float(12 * s / denominator) if denominator > 0 else float("nan")


def _w_reading(w: float) -> str:
    # Schmidt (1997), Decision Sciences 28(3), 763-774, Table 1
    if not np.isfinite(w):
        return "undefined (every expert ties all elements)"
    for limit, text in ((0.1, "very weak agreement"), (0.3, "weak agreement"), (0.5, "moderate agreement"), (0.7, "strong agreement")):
        if w < limit:
            return text
    return "very strong agreement"


@dataclass(frozen=True, repr=False)
class GroupAHPResult(Result):
    """Group weights from several experts' pairwise comparisons.

    Attributes
    ----------
    table : DataFrame
        One row per element: each expert's weight (one column per expert),
        ``weight`` (the group's) and ``rank``.
    experts : DataFrame
        One row per expert: ``expert_weight`` (as used, after leaving out
        inconsistent experts when asked), ``cr``, ``gci``, ``consistent`` and
        ``used``.
    group_matrix : DataFrame
        The element-wise weighted geometric mean of the matrices used
        (reciprocal).
    group : AHPResult
        AHP of ``group_matrix`` (for AIJ the source of the weights).
    weights : Series
        The group's weights (sum 1).
    method : str
        ``"aij"`` or ``"aip"``.
    kendall_w : float
        Agreement of the used experts' rankings of the elements.
    agreement : str
        Its reading (Schmidt 1997): very weak < 0.1 <= weak < 0.3 <= moderate
        < 0.5 <= strong < 0.7 <= very strong.
    group_cr, group_gci : float
        Consistency of the group matrix.
    """

    table: pd.DataFrame
    experts: pd.DataFrame
    group_matrix: pd.DataFrame
    group: AHPResult
    weights: pd.Series
    method: str
    kendall_w: float
    agreement: str
    group_cr: float
    group_gci: float

    def summary(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "experts": len(self.experts),
            "experts_used": int(self.experts["used"].sum()),
            "inconsistent_experts": int((~self.experts["consistent"]).sum()),
            "kendall_w": self.kendall_w,
            "agreement": self.agreement,
            "group_cr": self.group_cr,
            "group_gci": self.group_gci,
            "best": self.weights.idxmax(),
        }


def _matrices(matrices: Any) -> dict[Any, pd.DataFrame]:
    if isinstance(matrices, Mapping):
        items = list(matrices.items())
    elif isinstance(matrices, Sequence) and not isinstance(matrices, (str, bytes)):
        items = [(f"E{i + 1}", m) for i, m in enumerate(matrices)]
    else:
        raise LogilabInputError(
            f"matrices: expected a list or dict of pairwise-comparison matrices (one per expert), found {type(matrices).__name__}. "
            "Pass e.g. {'expert A': A, 'expert B': B}."
        )
    if len(items) < 2:
        raise LogilabInputError(f"matrices: expected at least 2 experts, found {len(items)}. For one expert use ll.ahp(matrix).")
    checked = {name: check_pairwise_matrix(m, f"matrices[{name!r}]") for name, m in items}
    first_name, first = items[0][0], checked[items[0][0]]
    for name, m in checked.items():
        if list(m.index) != list(first.index):
            raise LogilabInputError(
                f"matrices[{name!r}]: expected the elements of {first_name!r} in the same order {list(first.index)}, found {list(m.index)}. "
                "Give every expert's matrix the same labels in the same order."
            )
    return checked


def group_ahp(
    matrices: Any,
    *,
    method: str = "aij",
    expert_weights: Any = None,
    weighting: str = "eigen",
    ri_table: str = "saaty",
    cr_limit: float = CR_THRESHOLD,
    inconsistent: str = "flag",
) -> GroupAHPResult:
    """Combine several experts' pairwise-comparison matrices into group weights.

    Parameters
    ----------
    matrices : list or dict of DataFrames / square arrays
        One reciprocal matrix per expert, with the same elements in the same
        order; a dict names the experts.
    method : {"aij", "aip"}, default "aij"
        ``"aij"``: weights of the element-wise weighted geometric mean matrix
        ``g_ij = prod_k a_ij(k)^{lambda_k}``. ``"aip"``: weighted geometric mean
        of the experts' weight vectors, ``w_i = prod_k w_i(k)^{lambda_k}``,
        normalised to sum 1.
    expert_weights : list, dict or Series, optional
        ``lambda_k``, the importance of each expert (normalised to sum 1);
        equal by default.
    weighting : {"eigen", "sum", "root"}, default "eigen"
        How each matrix's weights are computed (see :func:`logilab.ahp`). With
        ``"root"`` AIJ and AIP give the same weights (Barzilai & Golany 1994).
    ri_table : str
        Random-index table, as in :func:`logilab.ahp`.
    cr_limit : float, default 0.10
        Experts with ``CR >= cr_limit`` are inconsistent.
    inconsistent : {"flag", "exclude", "raise"}, default "flag"
        ``"flag"`` keeps inconsistent experts, marks them in ``experts`` and
        warns; ``"exclude"`` leaves them out (their weight goes to the others,
        in proportion) and warns; ``"raise"`` stops with an error naming them.

    Returns
    -------
    GroupAHPResult

    References
    ----------
    Aczél, J., & Saaty, T. L. (1983). Procedures for synthesizing ratio
    judgements. *Journal of Mathematical Psychology*, 27(1), 93-102.
    Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and
    priorities with the analytic hierarchy process. *European Journal of
    Operational Research*, 108(1), 165-169.
    Barzilai, J., & Golany, B. (1994). AHP rank reversal, normalization and
    aggregation rules. *INFOR*, 32(2), 57-64.
    Schmidt, R. C. (1997). Managing Delphi surveys using nonparametric
    statistical techniques. *Decision Sciences*, 28(3), 763-774.

    Examples
    --------
    >>> from logilab.ahp import reciprocal_matrix
    >>> labels = ["on_time", "accuracy", "cost"]
    >>> panel = {"ops": reciprocal_matrix([2, 4, 2], labels=labels),
    ...          "sales": reciprocal_matrix([3, 5, 2], labels=labels),
    ...          "finance": reciprocal_matrix([1, 1/2, 1/2], labels=labels)}
    >>> result = group_ahp(panel)
    >>> result.group_matrix.loc["on_time", "accuracy"].round(4)    # (2 * 3 * 1) ** (1/3)
    np.float64(1.8171)
    >>> result.weights.round(3).tolist(), result.agreement
    ([0.496, 0.279, 0.226], 'weak agreement')
    """
    checked = _matrices(matrices)
    check_choice(method, "method", ["aij", "aip"])
    check_choice(inconsistent, "inconsistent", ["flag", "exclude", "raise"])
    limit = check_number(cr_limit, "cr_limit", low=0, low_inclusive=False)
    names = list(checked)
    labels = list(next(iter(checked.values())).index)
    lam = check_weights([1 / len(names)] * len(names) if expert_weights is None else expert_weights, names, "expert_weights")
    results = {name: ahp(m, method=weighting, ri_table=ri_table) for name, m in checked.items()}
    cr = pd.Series({name: r.cr for name, r in results.items()})
    bad = [name for name in names if cr[name] >= limit]
    if bad and inconsistent == "raise":
        raise LogilabInputError(
            f"matrices: expected every expert's CR below {limit:g}, found {', '.join(f'{n!r} (CR = {cr[n]:.3f})' for n in bad)}. "
            "Ask those experts to revise their judgments, or pass inconsistent='flag' or 'exclude'."
        )
    used = pd.Series({name: not (inconsistent == "exclude" and name in bad) for name in names})
    if not used.any():
        raise LogilabInputError(
            f"matrices: expected at least one expert with CR below {limit:g}, found none. Revise the judgments, or pass inconsistent='flag'."
        )
    if bad:
        what = "left out" if inconsistent == "exclude" else "kept (inconsistent='flag')"
        warnings.warn(
            f"group_ahp: experts with CR >= {limit:g}: {', '.join(f'{n!r} ({cr[n]:.3f})' for n in bad)}; {what}.",
            UserWarning,
            stacklevel=2,
        )
    weights_used = lam.where(used, 0.0)
    weights_used = weights_used / weights_used.sum()
    active = [name for name in names if used[name]]
    logs = np.stack([np.log(checked[name].to_numpy()) for name in active])
    g = np.exp(np.tensordot(weights_used[active].to_numpy(), logs, axes=1))
    rows, cols = np.triu_indices(len(labels), k=1)
    g[cols, rows] = 1 / g[rows, cols]  # exactly reciprocal, not only up to rounding
    np.fill_diagonal(g, 1.0)
    group_matrix = pd.DataFrame(g, index=labels, columns=labels)
    with warnings.catch_warnings():
        # the group's judgments are geometric means, not scale values: no rounding to report
        warnings.simplefilter("ignore", RoundedJudgementWarning)
        group = ahp(group_matrix, method=weighting, ri_table=ri_table)
        group_gci = geometric_consistency_index(group_matrix)
    individual = pd.DataFrame({name: results[name].weights.to_numpy() for name in names}, index=pd.Index(labels))
    if method == "aij":
        weights = group.weights.copy()
    else:
        logw = np.log(individual[active].to_numpy()) @ weights_used[active].to_numpy()
        raw = np.exp(logw)
        weights = pd.Series(raw / raw.sum(), index=labels)
    weights.name = "weight"
    table = individual.copy()
    table["weight"] = weights.to_numpy()
    table["rank"] = table["weight"].rank(ascending=False, method="min").astype(int)
    table.index.name = "element"
    w = kendall_w(individual[active].T.to_numpy()) if len(active) >= 2 else float("nan")
    n = len(labels)
    experts = pd.DataFrame(
        {
            "expert_weight": weights_used.to_numpy(),
            "cr": cr.to_numpy(),
            "gci": [geometric_consistency_index(checked[name]) for name in names],
            "consistent": (cr < limit).to_numpy(),
            "used": used.to_numpy(),
        },
        index=pd.Index(names, name="expert"),
    )
    experts["gci_limit"] = _gci_limit(n) if n >= 3 else float("nan")
    return GroupAHPResult(
        table=table,
        experts=experts,
        group_matrix=group_matrix,
        group=group,
        weights=weights,
        method=method,
        kendall_w=w,
        agreement=_w_reading(w),
        group_cr=float(group.cr),
        group_gci=group_gci,
    )
