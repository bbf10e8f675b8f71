"""Analytic hierarchy process (层次分析法, AHP): weights from pairwise comparisons.

A decision maker compares elements two at a time on Saaty's 1-9 scale;
``a_ij`` says how much more important element ``i`` is than ``j`` and the
matrix is reciprocal (``a_ji = 1 / a_ij``). The weights are the principal
eigenvector of the matrix (特征向量法) or one of the two hand methods taught
in Chinese textbooks, the sum-product method (和积法) and the root method
(方根法). The consistency check compares the consistency index
``CI = (lambda_max - n) / (n - 1)`` with the random index ``RI`` of random
matrices of the same size: ``CR = CI / RI`` below 0.10 is acceptable.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, LogilabTypeError, _default_labels, _message, check_choice

__all__ = [
    "RoundedJudgementWarning",
    "check_pairwise_matrix",
    "SAATY_SCALE",
    "RANDOM_INDEX",
    "AHPResult",
    "HierarchyResult",
    "saaty_label",
    "reciprocal_matrix",
    "ahp",
    "ahp_hierarchy",
    "inconsistency_table",
]

# 1/9, 1/8, ..., 1/2, 1, 2, ..., 9
SAATY_SCALE: tuple[float, ...] = tuple([1 / k for k in range(9, 1, -1)] + list(range(1, 10)))

# Random consistency index RI by matrix size n.
RANDOM_INDEX: dict[str, dict[int, float]] = {
    # Saaty (1980), The Analytic Hierarchy Process (McGraw-Hill); Saaty (1990), EJOR 48, 9-26.
    "saaty": {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49},
    # The table most Chinese textbooks print (1000 random matrices per size), commonly credited to
    # 许树柏 (1988)《实用决策方法——层次分析法原理》; up to n = 15.
    "chinese": {
        1: 0.0,
        2: 0.0,
        3: 0.52,
        4: 0.89,
        5: 1.12,
        6: 1.26,
        7: 1.36,
        8: 1.41,
        9: 1.46,
        10: 1.49,
        11: 1.52,
        12: 1.54,
        13: 1.56,
        14: 1.58,
        15: 1.59,
    },  # fmt: skip
    # Alonso & Lamata (2006), Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 445-459
    # (100,000 random matrices per size).
    "alonso_lamata": {
        1: 0.0,
        2: 0.0,
        3: 0.5245,
        4: 0.8815,
        5: 1.1086,
        6: 1.2479,
        7: 1.3417,
        8: 1.4056,
        9: 1.4499,
        10: 1.4854,
        11: 1.5141,
        12: 1.5365,
        13: 1.5551,
        14: 1.5713,
        15: 1.5838,
    },  # fmt: skip
}
METHODS = ("eigen", "sum", "root")
CR_THRESHOLD = 0.10


# --- reading judgements: Saaty's scale, text fractions, rounded reciprocals ----------------


def parse_scale_value(value: Any, name: str, where: str) -> float:
    """One judgement on Saaty's scale as a float: a number, or text such as ``"3"``, ``"1/3"`` or ``"0.33"``.

    Examples
    --------
    >>> parse_scale_value("1/3", "matrix", "a['C2', 'C1']"), parse_scale_value(" 5 ", "matrix", "a['C1', 'C2']")
    (0.3333333333333333, 5.0)
    >>> parse_scale_value("three", "matrix", "a['C1', 'C2']")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: matrix: expected a number or a fraction such as 3 or 1/3 in a['C1', 'C2'], found 'three'. Type the judgement as a number (3) or a fraction (1/3).
    """
    if isinstance(value, str):
        text = "".join(value.split()).replace("/", "/")
        try:
            return float(Fraction(text))
        except (ValueError, ZeroDivisionError):
            raise LogilabInputError(
                _message(
                    name,
                    f"a number or a fraction such as 3 or 1/3 in {where}",
                    repr(value),
                    "Type the judgement as a number (3) or a fraction (1/3).",
                )
            ) from None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.number)):
        raise LogilabTypeError(
            _message(
                name,
                f"a number or a fraction such as 3 or 1/3 in {where}",
                f"{type(value).__name__} {value!r}",
                "Type the judgement as a number.",
            )
        )
    return float(value)


def _table_of_judgements(values: Any, name: str, labels: list[Any] | None) -> np.ndarray:
    """A 2-D float array from numbers or text such as "1/3"; each bad cell is named."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        pass
    rows = values.to_numpy(dtype=object) if isinstance(values, pd.DataFrame) else values
    try:
        rows = [list(row) for row in rows]
    except TypeError:
        raise LogilabTypeError(
            _message(name, "a square table of numbers", type(values).__name__, "Pass a DataFrame or a list of rows.")
        ) from None
    if labels is None:
        labels = _default_labels("C", len(rows))
    return np.array(
        [
            [parse_scale_value(v, name, f"a[{labels[i]!r}, {labels[j] if j < len(labels) else j!r}]") for j, v in enumerate(row)]
            for i, row in enumerate(rows)
        ],
        dtype=float,
    )


class RoundedJudgementWarning(UserWarning):
    """A judgement typed as a rounded decimal (0.33) was read as the exact fraction (1/3)."""


ROUNDING_TOLERANCE = 0.005 + 1e-9  # a reciprocal typed with two decimals is at most this far from the exact value


def snap_rounded_reciprocal(value: float) -> float:
    """``1/k`` (k = 2 ... 9) when ``value`` is that fraction typed with two decimals (0.33, 0.14, 0.11), else ``value``.

    Examples
    --------
    >>> snap_rounded_reciprocal(0.33) == 1 / 3, snap_rounded_reciprocal(0.14) == 1 / 7, snap_rounded_reciprocal(0.3)
    (True, True, 0.3)
    """
    if 0 < value < 1:
        k = round(1 / value)
        if 2 <= k <= 9 and 1 / k != value and abs(value - 1 / k) <= ROUNDING_TOLERANCE:
            return 1 / k
    return value


def check_pairwise_matrix(matrix: Any, name: str = "matrix", *, rtol: float = 0.01) -> pd.DataFrame:
    """A positive reciprocal pairwise-comparison matrix (``a_ji = 1 / a_ij``) as a float DataFrame.

    Judgements may be numbers or text fractions (``"1/3"``). A reciprocal typed
    as a rounded decimal (0.33 for 1/3, 0.14 for 1/7: within 0.005 of the
    exact reciprocal) is read as the exact fraction, with a
    :class:`RoundedJudgementWarning` saying so. Otherwise a pair counts as
    reciprocal when ``a_ij * a_ji`` is within ``rtol`` of 1. The error names
    the first pair that is not.

    Examples
    --------
    >>> check_pairwise_matrix([[1, 3], [1/3, 1]]).shape
    (2, 2)
    >>> check_pairwise_matrix([["1", "3"], ["1/3", "1"]]).iloc[1, 0].round(4)
    np.float64(0.3333)
    >>> check_pairwise_matrix([[1, 3], [3, 1]])
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: matrix: expected a reciprocal matrix (a[j, i] = 1 / a[i, j]), found a['C1', 'C2'] = 3 but a['C2', 'C1'] = 3 (product 9, not 1). Set a['C2', 'C1'] = 1/3, or build the matrix from its upper triangle with ll.reciprocal_matrix(...).
    """
    if isinstance(matrix, pd.DataFrame):
        if list(matrix.index) != list(matrix.columns):
            raise LogilabInputError(
                _message(
                    name,
                    "the same labels on rows and columns",
                    f"rows {list(matrix.index)}, columns {list(matrix.columns)}",
                    "Order the rows like the columns.",
                )
            )
        labels = list(matrix.columns)
        array = _table_of_judgements(matrix, name, labels)
    else:
        array = _table_of_judgements(matrix, name, None)
        labels = _default_labels("C", array.shape[0]) if array.ndim == 2 else []
    if array.ndim != 2 or array.shape[0] != array.shape[1] or array.size == 0:
        raise LogilabInputError(
            _message(name, "a square n x n matrix", f"shape {array.shape}", "Give one row and one column per element compared.")
        )
    if not np.isfinite(array).all() or (array <= 0).any():
        i, j = np.argwhere(~np.isfinite(array) | (array <= 0))[0]
        raise LogilabInputError(
            _message(
                name,
                "positive numbers (Saaty's scale 1/9 ... 9)",
                f"a[{labels[i]!r}, {labels[j]!r}] = {array[i, j]:g}",
                "Use 1 for equal importance, 3, 5, 7, 9 (or 1/3, 1/5, ...) otherwise.",
            )
        )
    array = array.copy()
    rounded = []
    n = len(array)
    for i in range(n):
        for j in range(n):
            small, large = array[i, j], array[j, i]
            if i != j and small < 1 <= large and small * large != 1 and abs(small - 1 / large) <= ROUNDING_TOLERANCE:
                array[i, j] = 1 / large
                rounded.append(f"a[{labels[i]!r}, {labels[j]!r}] = {small:g} as 1/{large:g}")
    if rounded:
        warnings.warn(
            f"{name}: read {', '.join(rounded)} (the exact reciprocal); type fractions such as 1/3 to say so directly.",
            RoundedJudgementWarning,
            stacklevel=3,
        )
    product = array * array.T
    bad = np.argwhere(np.triu(np.abs(product - 1) > rtol, k=0))
    if len(bad):
        i, j = bad[0]
        if i == j:
            raise LogilabInputError(
                _message(
                    name,
                    "1 on the diagonal (an element compared with itself)",
                    f"a[{labels[i]!r}, {labels[i]!r}] = {array[i, i]:g}",
                    "Set the diagonal to 1.",
                )
            )
        raise LogilabInputError(
            _message(
                name,
                "a reciprocal matrix (a[j, i] = 1 / a[i, j])",
                f"a[{labels[i]!r}, {labels[j]!r}] = {array[i, j]:g} but a[{labels[j]!r}, {labels[i]!r}] = {array[j, i]:g} (product {product[i, j]:.3g}, not 1)",
                f"Set a[{labels[j]!r}, {labels[i]!r}] = 1/{array[i, j]:g}, or build the matrix from its upper triangle with ll.reciprocal_matrix(...).",
            )
        )
    return pd.DataFrame(array, index=labels, columns=labels)


def saaty_label(value: float) -> str:
    """The scale value as it is written: ``3`` or ``1/3``.

    Parameters
    ----------
    value : float
        A judgement on Saaty's 1-9 scale or its reciprocal.

    Returns
    -------
    str
        The nearest fraction with a denominator of at most 9.

    Examples
    --------
    >>> saaty_label(3.0), saaty_label(1 / 5), saaty_label(0.5)
    ('3', '1/5', '1/2')
    """
    fraction = Fraction(value).limit_denominator(9)
    return str(fraction.numerator) if fraction.denominator == 1 else f"{fraction.numerator}/{fraction.denominator}"


def reciprocal_matrix(upper: Mapping[tuple[Any, Any], float] | Sequence[float], labels: Sequence[Any] | None = None) -> pd.DataFrame:
    """Build a reciprocal pairwise-comparison matrix from its upper triangle.

    Parameters
    ----------
    upper : dict or sequence
        Either ``{(a, b): value}`` ("a is ``value`` times as important as
        b"), or the upper triangle row by row: ``a_12, a_13, ..., a_1n,
        a_23, ...`` (``n (n - 1) / 2`` numbers). Pairs left out of a dict
        count as equally important (1).
    labels : sequence, optional
        The elements compared; by default the labels met in the dict, or
        ``C1, C2, ...``.

    Judgements may be typed as text fractions (``"1/3"``); a reciprocal typed
    with two decimals (0.33, 0.14, ...) is read as the exact fraction, with a
    ``RoundedJudgementWarning`` saying so.

    Returns
    -------
    DataFrame
        The n x n reciprocal matrix (``a_ii = 1``, ``a_ji = 1 / a_ij``), labelled
        by element in rows and columns.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. New York: McGraw-Hill (the 1-9 scale and reciprocal matrices).

    Examples
    --------
    >>> reciprocal_matrix([3, 5, 2], labels=["price", "speed", "safety"]).round(3)
            price  speed  safety
    price   1.000    3.0     5.0
    speed   0.333    1.0     2.0
    safety  0.200    0.5     1.0
    >>> reciprocal_matrix({("speed", "price"): 1 / 3}, labels=["price", "speed"]).loc["price", "speed"]
    np.float64(3.0)
    >>> reciprocal_matrix({("speed", "price"): "1/3"}).loc["price", "speed"]
    np.float64(3.0)
    """
    rounded: list[str] = []

    def judgement(value: Any, where: str) -> float:
        number = parse_scale_value(value, "upper", where)
        exact = snap_rounded_reciprocal(number)
        if exact != number:
            rounded.append(f"{where} = {number:g} as {saaty_label(exact)}")
        return exact

    if isinstance(upper, Mapping):
        if labels is None:
            labels = list(dict.fromkeys(label for pair in upper for label in pair))
        labels = list(labels)
        matrix = np.ones((len(labels), len(labels)))
        for pair, value in upper.items():
            if len(pair) != 2 or pair[0] not in labels or pair[1] not in labels:
                raise LogilabInputError(f"upper: expected pairs of labels from {labels}, found {pair!r}. Use (label_a, label_b) as keys.")
            i, j = labels.index(pair[0]), labels.index(pair[1])
            number = judgement(value, repr(tuple(pair)))
            if number <= 0:
                raise LogilabInputError(
                    f"upper: expected positive judgements (Saaty's scale 1/9 ... 9), found {pair!r}: {value!r}. Use 1 for equal importance, 3, 5, 7, 9 or 1/3, 1/5, ..."
                )
            matrix[i, j], matrix[j, i] = number, 1 / number
    else:
        values = [judgement(v, f"value {position + 1}") for position, v in enumerate(upper)]
        n = int(round((1 + np.sqrt(1 + 8 * len(values))) / 2))
        if n * (n - 1) // 2 != len(values) or n < 2:
            raise LogilabInputError(
                f"upper: expected n (n - 1) / 2 values (1, 3, 6, 10, ...) for an n x n matrix, found {len(values)}. "
                "List a_12, a_13, ..., a_1n, a_23, ... row by row."
            )
        labels = [f"C{i + 1}" for i in range(n)] if labels is None else list(labels)
        if len(labels) != n:
            raise LogilabInputError(
                f"labels: expected {n} labels for {len(values)} upper-triangle values, found {len(labels)}. Give one label per element."
            )
        matrix = np.ones((n, n))
        rows, cols = np.triu_indices(n, k=1)
        matrix[rows, cols] = values
        if min(values) <= 0:
            raise LogilabInputError(
                f"upper: expected positive judgements (Saaty's scale 1/9 ... 9), found {min(values):g}. Use 1 for equal importance, 3, 5, 7, 9 or 1/3, 1/5, ..."
            )
        matrix[cols, rows] = 1 / np.asarray(values)
    if rounded:
        import warnings

        warnings.warn(
            f"upper: read {', '.join(rounded)} (the exact fraction); type fractions such as 1/3 to say so directly.",
            RoundedJudgementWarning,
            stacklevel=2,
        )
    return check_pairwise_matrix(pd.DataFrame(matrix, index=labels, columns=labels), "upper")


@dataclass(frozen=True, repr=False)
class AHPResult(Result):
    """Weights and consistency check of one pairwise-comparison matrix.

    Attributes
    ----------
    matrix : DataFrame
        The comparison matrix ``A``.
    weights : Series
        The priority weights (sum 1).
    lambda_max, ci, ri, cr : float
        Largest eigenvalue (estimate), consistency index, random index and
        consistency ratio (0 for n <= 2).
    consistent : bool
        ``cr < 0.10``.
    method : str
        ``"eigen"``, ``"sum"`` or ``"root"``.
    normalized_matrix : DataFrame
        ``A`` with each column divided by its sum (the first step of 和积法).
    table : DataFrame
        Per element: the method's intermediate column(s), ``weight``,
        ``Aw`` (row of ``A`` times the weights) and ``Aw/w``, whose mean is
        ``lambda_max``.
    iterations : DataFrame or None
        For ``"eigen"``: the power iteration ``w <- A w / sum(A w)`` from equal
        weights, one row per step, until it settles.

    Examples
    --------
    >>> result = ahp(reciprocal_matrix([2, 4, 2], labels=["time", "cost", "care"]), method="sum")
    >>> result
    AHPResult(n=3, lambda_max=3, ci=0, ri=0.58, cr=0, consistent=True; table 3 rows)
    >>> result.table.round(4)
          row_sum  weight      Aw  Aw/w
    time   1.7143  0.5714  1.7143   3.0
    cost   0.8571  0.2857  0.8571   3.0
    care   0.4286  0.1429  0.4286   3.0
    """

    matrix: pd.DataFrame
    weights: pd.Series
    lambda_max: float
    ci: float
    ri: float
    cr: float
    consistent: bool
    method: str
    normalized_matrix: pd.DataFrame
    table: pd.DataFrame
    iterations: pd.DataFrame | None = None

    def summary(self) -> dict[str, Any]:
        """The key numbers: n, lambda_max, CI, RI, CR and the verdict."""
        return {
            "n": len(self.weights),
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "ri": self.ri,
            "cr": self.cr,
            "consistent": self.consistent,
        }


def _power_iteration(matrix: np.ndarray, *, tol: float = 1e-12, max_steps: int = 1000) -> tuple[np.ndarray, pd.DataFrame]:
    n = len(matrix)
    weights = np.full(n, 1 / n)
    history = [weights]
    for _ in range(max_steps):
        product = matrix @ weights
        new = product / product.sum()
        history.append(new)
        if np.abs(new - weights).max() < tol:
            weights = new
            break
        weights = new
    return weights, pd.DataFrame(history).rename_axis("step")


def ahp(matrix: Any, *, method: str = "eigen", ri_table: str = "saaty") -> AHPResult:
    """Weights, lambda_max, CI, RI and CR of a pairwise-comparison matrix.

    Parameters
    ----------
    matrix : DataFrame or square array
        Positive reciprocal matrix on Saaty's scale (``a_ij`` = importance of
        ``i`` over ``j``). Build one from its upper triangle with
        :func:`reciprocal_matrix`.
    method : {"eigen", "sum", "root"}
        ``"eigen"`` (特征向量法, Saaty): the principal right eigenvector,
        found by power iteration (shown in ``iterations``) and
        ``lambda_max`` its eigenvalue. ``"sum"`` (和积法): divide each column
        by its sum, average each row. ``"root"`` (方根法): geometric mean of
        each row, normalised. For the two hand methods ``lambda_max`` is
        estimated as the mean of ``(A w)_i / w_i``, as the textbooks do.
    ri_table : {"saaty", "chinese", "alonso_lamata"}
        The random-index table: ``"saaty"`` (default; Saaty 1980, n = 1..10:
        0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49), ``"chinese"``
        (the table common in Chinese textbooks, credited to 许树柏 1988, n <= 15:
        0.52, 0.89, 1.12, 1.26, ...) or ``"alonso_lamata"`` (Alonso & Lamata
        2006, n <= 15). Tables disagree because they come from different
        simulations; say which one you use.

    Returns
    -------
    AHPResult
        CR is defined as 0 for n <= 2 (such matrices are always consistent).

    References
    ----------
    .. [1] Saaty, T. L. (1977). A scaling method for priorities in hierarchical structures.
       *Journal of Mathematical Psychology*, 15(3), 234-281.
    .. [2] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. New York: McGraw-Hill
       (the consistency index and the random index).
    .. [3] Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
       *European Journal of Operational Research*, 48(1), 9-26 (the house example).

    Examples
    --------
    The criteria of Saaty's (1990) house example:

    >>> A = reciprocal_matrix([5, 3, 7, 6, 6, 1/3, 1/4, 1/3, 5, 3, 3, 1/5, 1/7, 6, 3, 4, 6, 1/5,
    ...                        1/3, 1/4, 1/7, 1/8, 1/2, 1/5, 1/6, 1/5, 1/6, 1/2])
    >>> result = ahp(A)
    >>> result.weights.round(3).tolist()
    [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    >>> round(result.lambda_max, 3), round(result.ci, 3), round(result.cr, 3), result.consistent
    (9.669, 0.238, 0.169, False)
    """
    table = check_pairwise_matrix(matrix)
    check_choice(method, "method", METHODS)
    check_choice(ri_table, "ri_table", list(RANDOM_INDEX))
    values = table.to_numpy()
    n = len(values)
    ri_values = RANDOM_INDEX[ri_table]
    if n not in ri_values:
        raise LogilabInputError(
            f"matrix: expected at most {max(ri_values)} elements for ri_table={ri_table!r}, found {n}. "
            "Use ri_table='chinese' or 'alonso_lamata' (up to 15), or split the elements into groups."
        )
    labels = list(table.index)
    normalized = values / values.sum(axis=0)
    steps: dict[str, np.ndarray] = {}
    iterations = None
    if method == "eigen":
        weights, iterations = _power_iteration(values)
        iterations.columns = labels
    elif method == "sum":
        steps["row_sum"] = normalized.sum(axis=1)
        weights = steps["row_sum"] / steps["row_sum"].sum()
    else:
        steps["geometric_mean"] = np.prod(values, axis=1) ** (1 / n)
        weights = steps["geometric_mean"] / steps["geometric_mean"].sum()
    product = values @ weights
    ratio = product / weights
    lambda_max = float(ratio.mean())
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    ri = ri_values[n]
    cr = ci / ri if n > 2 else 0.0
    steps_table = pd.DataFrame({**steps, "weight": weights, "Aw": product, "Aw/w": ratio}, index=labels)
    return AHPResult(
        matrix=table,
        weights=pd.Series(weights, index=labels, name="weight"),
        lambda_max=lambda_max,
        ci=float(ci),
        ri=float(ri),
        cr=float(cr),
        consistent=bool(cr < CR_THRESHOLD),
        method=method,
        normalized_matrix=pd.DataFrame(normalized, index=labels, columns=labels),
        table=steps_table,
        iterations=iterations,
    )


def inconsistency_table(result: AHPResult) -> pd.DataFrame:
    """Each judgement beside the ratio the weights imply, most inconsistent first.

    For every pair ``i < j`` the ratio ``e_ij = a_ij * w_j / w_i`` is 1 when
    the judgement agrees with the weights (Saaty 2003, "Decision-making with
    the AHP: why is the principal eigenvector necessary", EJOR 145). The
    ``deviation`` ``max(e_ij, 1 / e_ij)`` ranks the pairs; the first row is
    the judgement to reconsider, and ``implied`` is the scale value closest
    to ``w_i / w_j``.

    Parameters
    ----------
    result : AHPResult
        The outcome of :func:`ahp`.

    Returns
    -------
    DataFrame
        One row per pair ``i < j``: ``first``, ``second``, ``judgement`` (as
        typed), ``weight_ratio`` (``w_i / w_j``), ``implied`` (the scale value
        closest to it) and ``deviation``, largest deviation first.

    References
    ----------
    .. [1] Saaty, T. L. (2003). Decision-making with the AHP: why is the principal eigenvector
       necessary. *European Journal of Operational Research*, 145(1), 85-91.

    Examples
    --------
    >>> A = reciprocal_matrix([2, 8, 2], labels=["a", "b", "c"])   # a>b, b>c but a >> c
    >>> inconsistency_table(ahp(A)).iloc[0][["first", "second", "judgement", "implied"]].tolist()
    ['a', 'c', '8', '6']
    """
    matrix, weights = result.matrix.to_numpy(), result.weights.to_numpy()
    labels = list(result.matrix.index)
    rows = []
    for i, j in zip(*np.triu_indices(len(labels), k=1)):
        ratio = matrix[i, j] * weights[j] / weights[i]
        implied = min(SAATY_SCALE, key=lambda s: abs(np.log(s) - np.log(weights[i] / weights[j])))
        rows.append(
            {
                "first": labels[i],
                "second": labels[j],
                "judgement": saaty_label(matrix[i, j]),
                "weight_ratio": weights[i] / weights[j],
                "implied": saaty_label(implied),
                "deviation": max(ratio, 1 / ratio),
            }
        )
    return pd.DataFrame(rows).sort_values("deviation", ascending=False, kind="stable").reset_index(drop=True)


@dataclass(frozen=True, repr=False)
class HierarchyResult(Result):
    """Global weights of a two-level hierarchy (criteria -> elements).

    Attributes
    ----------
    table : DataFrame
        One row per (criterion, element): ``criterion_weight``,
        ``local_weight`` and ``global_weight`` = their product.
    weights : Series
        Global weight of each element, summed over criteria (for
        alternatives compared under every criterion this is their overall
        priority; for indicators under one criterion each it is their global
        weight).
    level_cr : float
        Consistency ratio of the lower level, ``sum_j w_j CI_j / sum_j w_j RI_j``.
    overall_cr : float
        ``CR(criteria) + level_cr``, the cumulative ratio of Chinese textbooks
        (e.g. 姜启源《数学模型》); acceptable below 0.10.

    Examples
    --------
    >>> crit = ahp(reciprocal_matrix([3], labels=["time", "cost"]))
    >>> under = {"time": ahp(reciprocal_matrix([2], labels=["on_time", "cycle"])),
    ...          "cost": ahp(pd.DataFrame([[1.0]], index=["price"], columns=["price"]))}
    >>> ahp_hierarchy(crit, under)
    HierarchyResult(elements=3, top='on_time', top_weight=0.5, level_cr=0, overall_cr=0, consistent=True; table 3 rows)
    """

    table: pd.DataFrame
    weights: pd.Series
    level_cr: float
    overall_cr: float

    @property
    def consistent(self) -> bool:
        """``overall_cr < 0.10``."""
        return bool(self.overall_cr < CR_THRESHOLD)

    def summary(self) -> dict[str, Any]:
        """The key numbers: elements, the top element and its weight, level CR, overall CR and the verdict."""
        return {
            "elements": len(self.weights),
            "top": self.weights.idxmax(),
            "top_weight": float(self.weights.max()),
            "level_cr": self.level_cr,
            "overall_cr": self.overall_cr,
            "consistent": self.consistent,
        }


def ahp_hierarchy(criteria: AHPResult, children: Mapping[Any, AHPResult]) -> HierarchyResult:
    """Compose criterion weights and the local weights under each criterion into global weights.

    Parameters
    ----------
    criteria : AHPResult
        The comparison of the criteria against the goal.
    children : dict
        ``{criterion: AHPResult}`` comparing the elements under each criterion.
        A criterion with a single indicator needs no comparison: pass
        ``ahp([[1]])`` with its label, or any 1 x 1 result.

    Returns
    -------
    HierarchyResult
        Global weights per element, the level CR and the overall CR.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. New York: McGraw-Hill
       (hierarchic composition and the consistency of a hierarchy, ch. 4).
    .. [2] 姜启源 (2011).《数学模型》（第四版）. 北京：高等教育出版社 (the overall CR).

    Examples
    --------
    >>> crit = ahp(reciprocal_matrix([3], labels=["time", "cost"]))
    >>> under = {"time": ahp(reciprocal_matrix([2], labels=["on_time", "cycle"])),
    ...          "cost": ahp(pd.DataFrame([[1.0]], index=["price"], columns=["price"]))}
    >>> ahp_hierarchy(crit, under).weights.round(4).tolist()
    [0.5, 0.25, 0.25]
    """
    missing = [c for c in criteria.weights.index if c not in children]
    extra = [c for c in children if c not in criteria.weights.index]
    if missing or extra:
        raise LogilabInputError(
            f"children: expected one comparison per criterion {list(criteria.weights.index)}, found missing {missing}, unknown {extra}. "
            "Give {criterion: ahp(...)} for every criterion."
        )
    rows = []
    for criterion, w in criteria.weights.items():
        for element, local in children[criterion].weights.items():
            rows.append(
                {"criterion": criterion, "element": element, "criterion_weight": w, "local_weight": local, "global_weight": w * local}
            )
    table = pd.DataFrame(rows)
    weights = table.groupby("element", sort=False)["global_weight"].sum().rename("weight")
    ci = sum(w * children[c].ci for c, w in criteria.weights.items())
    ri = sum(w * children[c].ri for c, w in criteria.weights.items())
    level_cr = ci / ri if ri > 0 else 0.0
    return HierarchyResult(table=table, weights=weights, level_cr=float(level_cr), overall_cr=float(criteria.cr + level_cr))
