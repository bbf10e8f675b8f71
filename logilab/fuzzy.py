"""Fuzzy comprehensive evaluation (模糊综合评价, FCE).

Each factor (indicator) is judged on a set of grades (评语集, e.g. 优 / 良 /
中 / 差); row ``i`` of the membership matrix ``R`` says which share of the
judgements put factor ``i`` into each grade. The weight vector ``A`` and ``R``
are composed into the evaluation vector ``B = A o R``; the grade with the
largest membership is the verdict (最大隶属度原则), and grade values turn ``B``
into a score.

Four composition operators are taught (``b_j`` for grade ``j``):

============  ================================  ===============================
operator      b_j                               character
============  ================================  ===============================
M(min,max)    max_i min(a_i, r_ij)              main factor decides (主因素决定型)
M(*,max)      max_i a_i r_ij                    main factor stands out (主因素突出型)
M(min,+)      min(1, sum_i min(a_i, r_ij))      bounded sum of capped memberships
M(*,+)        sum_i a_i r_ij  (bounded by 1)    weighted average (加权平均型), uses all factors
============  ================================  ===============================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import (
    MAX_ROWS_SHOWN,
    LogilabInputError,
    _message,
    check_benefit,
    check_choice,
    check_dataframe,
    check_decision_matrix,
    check_weights,
    format_rows,
    require_columns,
)

__all__ = [
    "OPERATORS",
    "DEFAULT_GRADES",
    "FCEResult",
    "TwoLevelFCEResult",
    "fuzzy_evaluate",
    "fuzzy_evaluate_two_level",
    "membership_from_counts",
    "grade_counts",
]

OPERATORS = ("M(min,max)", "M(*,max)", "M(min,+)", "M(*,+)")
# textbooks write the operators with symbols: ∧ (min), ∨ (max), · or . (product), ⊕ (bounded sum)
_SYMBOLS = {"∧": "min", "∨": "max", "·": "*", "•": "*", ".": "*", "×": "*", "⊕": "+", "，": ",", "（": "(", "）": ")"}
DEFAULT_GRADES = ("优", "良", "中", "差")


def _operator(name: str) -> str:
    canonical = str(name).replace(" ", "")
    for symbol, word in _SYMBOLS.items():
        canonical = canonical.replace(symbol, word)
    if canonical not in OPERATORS:
        check_choice(name, "operator", OPERATORS)
    return canonical


@dataclass(frozen=True, repr=False)
class FCEResult(Result):
    """The outcome of ``B = A o R``.

    Attributes
    ----------
    weights : Series
        ``A``, one weight per factor.
    membership : DataFrame
        ``R``, factors x grades.
    composition : DataFrame
        The terms combined for each grade: ``min(a_i, r_ij)`` or ``a_i r_ij``
        (factors x grades), before the max or the sum over factors.
    table : DataFrame
        One row per grade: ``b`` (``B`` before normalisation) and
        ``b_normalized`` (``B / sum(B)``).
    grade : str
        The grade with the largest membership. When several grades share the
        largest value (within ``TIE_TOLERANCE``, so that rounding noise such
        as 0.8 vs 0.8000000000000002 does not decide), the first of them in
        the order of the grades (the better grade when grades run from best
        to worst); ``tied_grades`` then lists them all.
    score : float
        ``sum_j b'_j v_j`` with the grade values ``v``; NaN when none were given.
    operator : str
        The composition operator, in the canonical spelling (e.g. ``"M(*,+)"``).
    tied_grades : tuple of str
        The grades sharing the largest membership (one grade when there is no tie).
    vector, normalized_vector : Series
        ``B`` and ``B / sum(B)``: the columns ``b`` and ``b_normalized`` of ``table``.

    Examples
    --------
    >>> R = pd.DataFrame([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]], index=["on_time", "damage"], columns=["优", "良", "差"])
    >>> result = fuzzy_evaluate([0.4, 0.6], R, grade_values=[90, 75, 50])
    >>> result
    FCEResult(grade='优', membership=0.44, score=77.1, operator='M(*,+)', tie=False; table 3 rows)
    >>> result.table
          b  b_normalized
    优  0.44          0.44
    良  0.38          0.38
    差  0.18          0.18
    """

    weights: pd.Series
    membership: pd.DataFrame
    composition: pd.DataFrame
    table: pd.DataFrame
    grade: str
    score: float
    operator: str
    tied_grades: tuple[str, ...] = ()

    @property
    def vector(self) -> pd.Series:
        """``B`` before normalisation (the column ``b`` of ``table``)."""
        return self.table["b"]

    @property
    def normalized_vector(self) -> pd.Series:
        """``B / sum(B)`` (the column ``b_normalized`` of ``table``)."""
        return self.table["b_normalized"]

    @property
    def tie(self) -> bool:
        """Whether several grades share the largest membership (see ``grade``)."""
        return len(self.tied_grades) > 1

    def summary(self) -> dict[str, Any]:
        """The key numbers: the grade, its normalised membership, the score, the operator and whether grades tie."""
        return {
            "grade": self.grade,
            "membership": float(self.table["b_normalized"].max()),
            "score": self.score,
            "operator": self.operator,
            "tie": self.tie,
        }


TIE_TOLERANCE = 1e-9


def fuzzy_evaluate(
    weights: Any,
    membership: Any,
    *,
    operator: str = "M(*,+)",
    grades: Sequence[str] | None = None,
    grade_values: Any = None,
) -> FCEResult:
    """Fuzzy comprehensive evaluation ``B = A o R`` with one of the four operators.

    Parameters
    ----------
    weights : list, dict or Series
        ``A``, one weight per factor (row of ``membership``), summing to 1
        (other sums are rescaled with a warning).
    membership : DataFrame or 2-D array
        ``R``: factors in rows, grades in columns, rows summing to 1.
    operator : {"M(*,+)", "M(min,max)", "M(*,max)", "M(min,+)"}
        The composition (see the module docstring); also accepted:
        the textbook symbols, e.g. ``"M(∧,∨)"``, ``"M(·,∨)"``, ``"M(∧,⊕)"``,
        ``"M(·,⊕)"``, ``"M(·,+)"`` or ``"M(.,+)"``.
    grades : sequence of str, optional
        Grade names for an array ``membership`` (a DataFrame's columns are used
        otherwise).
    grade_values : list or dict, optional
        A value per grade (e.g. 95, 85, 75, 60 on a 100-point scale) for the score.

    Returns
    -------
    FCEResult
        ``table`` holds ``B`` and ``B / sum(B)`` per grade; ``grade``, ``score``
        and the composition terms are kept as well.

    References
    ----------
    .. [1] Zadeh, L. A. (1965). Fuzzy sets. *Information and Control*, 8(3), 338-353.
    .. [2] 汪培庄 (1983).《模糊集合论及其应用》. 上海：上海科学技术出版社 (fuzzy comprehensive evaluation).

    Examples
    --------
    >>> R = pd.DataFrame([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]], index=["on_time", "damage"], columns=["优", "良", "差"])
    >>> result = fuzzy_evaluate([0.4, 0.6], R, grade_values=[90, 75, 50])
    >>> result.vector.round(2).tolist(), result.grade, round(result.score, 1)
    ([0.44, 0.38, 0.18], '优', 77.1)
    >>> fuzzy_evaluate([0.4, 0.6], R, operator="M(min,max)").vector.tolist()
    [0.6, 0.4, 0.3]

    Grades that tie are reported, and the first of them is taken; rounding
    noise (here 0.6 against 0.6000000000000001) does not break the tie:

    >>> R = [[0.0, 0.0, 1.0], [0.6, 0.2, 0.2], [0.3, 0.7, 0.0]]
    >>> tied = fuzzy_evaluate([0.3, 0.3, 0.4], R, grades=["优", "良", "中"], operator="M(∧,+)")
    >>> tied.vector.tolist()
    [0.6, 0.6000000000000001, 0.5]
    >>> tied.grade, tied.tied_grades, tied.tie
    ('优', ('优', '良'), True)
    """
    operator = _operator(operator)
    table = check_membership(membership)
    if grades is not None:
        grades = list(grades)
        if len(grades) != table.shape[1]:
            raise LogilabInputError(
                f"grades: expected {table.shape[1]} grade names (one per column of membership), found {len(grades)}. Name every grade once."
            )
        table.columns = grades
    if not isinstance(membership, pd.DataFrame):  # an unlabelled array takes the factor names of labelled weights
        if isinstance(weights, (pd.Series, Mapping)) and len(weights) == len(table):
            table.index = list(weights.keys())
    a = check_weights(weights, list(table.index), "weights")
    A, R = a.to_numpy()[:, None], table.to_numpy()
    terms = np.minimum(A, R) if operator.startswith("M(min") else A * R
    b = terms.max(axis=0) if operator.endswith("max)") else np.minimum(1.0, terms.sum(axis=0))
    vector = pd.Series(b, index=table.columns, name="b")
    top = float(vector.max())
    tied = tuple(str(g) for g, v in vector.items() if top - v <= TIE_TOLERANCE * max(1.0, abs(top)))
    normalized = vector / vector.sum() if vector.sum() > 0 else vector
    score = float("nan")
    if grade_values is not None:
        values = _grade_values(grade_values, list(table.columns))
        score = float((normalized * values).sum())
    return FCEResult(
        weights=a,
        membership=table,
        composition=pd.DataFrame(terms, index=table.index, columns=table.columns),
        table=pd.DataFrame({"b": vector, "b_normalized": normalized.rename("b_normalized")}),
        grade=tied[0],
        score=score,
        operator=operator,
        tied_grades=tied,
    )


def _grade_values(values: Any, labels: list[Any]) -> pd.Series:
    """Grade values as a Series over ``labels`` (a list in order, or a dict by grade)."""
    if isinstance(values, (Mapping, pd.Series)):
        missing = [g for g in labels if g not in values]
        if missing:
            raise LogilabInputError(
                f"grade_values: expected a value for every grade {labels}, found none for {missing}. Give one value per grade."
            )
        return pd.Series([float(values[g]) for g in labels], index=labels)
    values = list(values)
    if len(values) != len(labels):
        raise LogilabInputError(
            f"grade_values: expected {len(labels)} values (one per grade {labels}), found {len(values)}. Give one value per grade."
        )
    return pd.Series([float(v) for v in values], index=labels)


@dataclass(frozen=True, repr=False)
class TwoLevelFCEResult(Result):
    """Two-level FCE: indicators -> criteria (first level) -> goal (second level).

    Attributes
    ----------
    criteria : dict
        ``{criterion: FCEResult}`` of the first level.
    table : DataFrame
        The second-level membership matrix: one row per criterion, its
        normalised first-level vector.
    overall : FCEResult
        The evaluation of the goal.

    Examples
    --------
    >>> R = pd.DataFrame([[0.5, 0.5], [0.1, 0.9], [0.8, 0.2]], index=["x", "y", "z"], columns=["好", "差"])
    >>> fuzzy_evaluate_two_level(R, groups={"A": ["x", "y"], "B": ["z"]},
    ...                          indicator_weights={"x": 0.5, "y": 0.5, "z": 1.0}, criterion_weights=[0.5, 0.5])
    TwoLevelFCEResult(criteria=2, grade='好', membership=0.55, score=nan; table 2 rows)
    """

    criteria: dict[str, FCEResult]
    table: pd.DataFrame
    overall: FCEResult

    def summary(self) -> dict[str, Any]:
        """The key numbers: criteria, the overall grade, its normalised membership and the overall score."""
        return {
            "criteria": len(self.criteria),
            "grade": self.overall.grade,
            "membership": float(self.overall.normalized_vector.max()),
            "score": self.overall.score,
        }


def fuzzy_evaluate_two_level(
    membership: pd.DataFrame,
    *,
    groups: Mapping[str, Sequence[str]],
    indicator_weights: Any,
    criterion_weights: Any,
    operator: str = "M(*,+)",
    grade_values: Any = None,
) -> TwoLevelFCEResult:
    """Evaluate each criterion from its indicators, then the goal from the criteria.

    Parameters
    ----------
    membership : DataFrame
        Indicators x grades.
    groups : dict
        ``{criterion: [indicators]}`` (e.g. ``IndicatorSystem.groups()``).
    indicator_weights : dict or Series
        Weights of the indicators; within each criterion they are divided by
        their sum, so local and global weights both work.
    criterion_weights : list, dict or Series
        Weights of the criteria.
    operator, grade_values
        As in :func:`fuzzy_evaluate`, used on both levels.

    Returns
    -------
    TwoLevelFCEResult
        ``criteria`` holds the first-level results, ``table`` the second-level
        membership matrix and ``overall`` the evaluation of the goal.

    References
    ----------
    .. [1] Zadeh, L. A. (1965). Fuzzy sets. *Information and Control*, 8(3), 338-353.
    .. [2] 汪培庄 (1983).《模糊集合论及其应用》. 上海：上海科学技术出版社 (fuzzy comprehensive evaluation).

    Examples
    --------
    >>> R = pd.DataFrame([[0.5, 0.5], [0.1, 0.9], [0.8, 0.2]], index=["x", "y", "z"], columns=["好", "差"])
    >>> result = fuzzy_evaluate_two_level(R, groups={"A": ["x", "y"], "B": ["z"]},
    ...                                   indicator_weights={"x": 0.5, "y": 0.5, "z": 1.0}, criterion_weights=[0.5, 0.5])
    >>> result.table.round(2).values.tolist(), result.overall.vector.round(3).tolist()
    ([[0.3, 0.7], [0.8, 0.2]], [0.55, 0.45])
    """
    check_dataframe(membership, "membership")
    all_weights = pd.Series(dict(indicator_weights.items()) if isinstance(indicator_weights, (Mapping, pd.Series)) else {})
    if all_weights.empty:
        raise LogilabInputError(
            "indicator_weights: expected a dict or Series {indicator: weight}, found none. Name each indicator's weight."
        )
    first: dict[str, FCEResult] = {}
    for criterion, indicators in groups.items():
        missing = [i for i in indicators if i not in membership.index]
        if missing:
            raise LogilabInputError(
                f"membership: expected a row for every indicator of {criterion!r}, found none for {missing}. Add their membership rows."
            )
        absent = [i for i in indicators if i not in all_weights.index]
        if absent:
            raise LogilabInputError(f"indicator_weights: expected a weight for {absent} (criterion {criterion!r}), found none. Add them.")
        local = all_weights[list(indicators)].astype(float)
        if local.sum() <= 0:
            raise LogilabInputError(
                f"indicator_weights: expected a positive weight in criterion {criterion!r}, found all zero. Give one a weight."
            )
        first[criterion] = fuzzy_evaluate(
            local / local.sum(), membership.loc[list(indicators)], operator=operator, grade_values=grade_values
        )
    second = pd.DataFrame({c: r.normalized_vector for c, r in first.items()}).T
    overall = fuzzy_evaluate(criterion_weights, second, operator=operator, grade_values=grade_values)
    return TwoLevelFCEResult(criteria=first, table=second, overall=overall)


def membership_from_counts(counts: Any, *, grades: Sequence[str] | None = None) -> pd.DataFrame:
    """Turn counts of judgements per grade into a membership matrix (each row divided by its total).

    Parameters
    ----------
    counts : DataFrame or 2-D array
        Factors in rows, grades in columns, non-negative counts; every row needs
        at least one judgement.
    grades : sequence of str, optional
        Grade names for an array (a DataFrame's columns are used otherwise).

    Returns
    -------
    DataFrame
        The membership matrix ``R``: each row divided by its total, so rows sum to 1.

    Examples
    --------
    >>> counts = pd.DataFrame({"优": [12, 3], "良": [6, 9], "差": [2, 8]}, index=["准时", "完好"])
    >>> membership_from_counts(counts)
           优     良    差
    准时  0.60  0.30  0.1
    完好  0.15  0.45  0.4
    """
    table = check_decision_matrix(counts, "counts")
    if grades is not None:
        if len(grades) != table.shape[1]:
            raise LogilabInputError(
                f"grades: expected {table.shape[1]} names (one per column of counts), found {len(grades)}. Name every grade."
            )
        table.columns = list(grades)
    if (table.to_numpy() < 0).any():
        raise LogilabInputError("counts: expected counts >= 0, found negative values. Counts are numbers of judgements per grade.")
    totals = table.sum(axis=1)
    if (totals == 0).any():
        raise LogilabInputError(
            f"counts: expected at least one judgement per row, found none in rows {totals.index[totals == 0].tolist()}. Drop those factors."
        )
    return table.div(totals, axis=0)


def grade_counts(
    data: pd.DataFrame,
    *,
    indicators: Sequence[str],
    by: str = "warehouse",
    benefit: Any = None,
    cuts: Mapping[str, Sequence[float]] | None = None,
    grades: Sequence[str] = DEFAULT_GRADES,
) -> pd.DataFrame:
    """Count how often each entity's observations (e.g. months) fall into each grade, per indicator.

    Parameters
    ----------
    data : DataFrame
        One row per observation, with the column ``by`` and the indicators.
    indicators : list of str
    by : str
        The entity column (warehouse, provider, ...).
    benefit : None, str, list or dict
        Direction of each indicator: for a cost indicator low values earn the best grade.
    cuts : dict, optional
        ``{indicator: [c_1 < c_2 < ...]}``: ``len(grades) - 1`` boundaries
        between grades on the indicator's scale. By default the pooled
        quantiles of all observations (quartiles for four grades), so each
        grade is earned by a quarter of all observations.
    grades : sequence of str
        Best grade first.

    Returns
    -------
    DataFrame
        Index ``(by, indicator)``, one column per grade, counts; pass one
        entity's rows to :func:`membership_from_counts`.

    Examples
    --------
    >>> df = pd.DataFrame({"warehouse": ["A"] * 3 + ["B"] * 3, "late": [1, 2, 2, 5, 6, 9]})
    >>> grade_counts(df, indicators=["late"], benefit="cost", cuts={"late": [3, 7]}, grades=["好", "中", "差"])
                        好  中  差
    warehouse indicator
    A         late       3  0  0
    B         late       0  2  1
    """
    check_dataframe(data, "data")
    indicators = list(indicators)
    require_columns(data, [by, *indicators], "data")
    is_benefit = dict(zip(indicators, check_benefit(benefit, indicators)))
    grades = list(grades)
    m = len(grades)
    frames = []
    for indicator in indicators:
        values = pd.to_numeric(data[indicator], errors="coerce")
        if cuts is not None and indicator in cuts:
            edges = np.sort(np.asarray(cuts[indicator], dtype=float))
            if len(edges) != m - 1:
                raise LogilabInputError(
                    f"cuts: expected {m - 1} boundaries for {m} grades on {indicator!r}, found {len(edges)}. Give one boundary between neighbouring grades."
                )
        else:
            edges = np.quantile(values.dropna(), np.arange(1, m) / m)
        position = np.searchsorted(edges, values.to_numpy(), side="right")  # 0 = lowest values
        index = (m - 1 - position) if is_benefit[indicator] else position
        labels = pd.Categorical(np.asarray(grades, dtype=object)[index], categories=grades)
        counts = pd.crosstab(data[by], labels, dropna=False).reindex(columns=grades, fill_value=0)
        counts.index = pd.MultiIndex.from_product([counts.index, [indicator]], names=[by, "indicator"])
        frames.append(counts)
    result = pd.concat(frames).sort_index(level=0, sort_remaining=False)
    result.columns = pd.Index(grades)
    return result


# --- input checks of this topic ---------------------------------------------------------


def check_membership(membership: Any, name: str = "membership", *, atol: float = 1e-3) -> pd.DataFrame:
    """A membership matrix: one row per factor, one column per grade, values in [0, 1], rows summing to 1.

    Examples
    --------
    >>> check_membership([[0.5, 0.5], [0.2, 0.8]]).shape
    (2, 2)
    >>> check_membership([[0.5, 0.4], [0.2, 0.8]])
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: membership: expected every row to sum to 1 (each factor's memberships over all grades), found row sums [0.9] in rows ['A1']. Divide each row by its sum, or build the matrix from survey counts with ll.membership_from_counts(counts).
    """
    table = check_decision_matrix(membership, name)
    if (table.to_numpy() < 0).any() or (table.to_numpy() > 1).any():
        rows = [r for r, row in table.iterrows() if ((row < 0) | (row > 1)).any()]
        raise LogilabInputError(
            _message(
                name,
                "memberships between 0 and 1",
                f"values outside [0, 1] in {format_rows(rows)}",
                "Memberships are shares: divide counts by the row total.",
            )
        )
    sums = table.sum(axis=1)
    off = sums[(sums - 1).abs() > atol]
    if len(off):
        raise LogilabInputError(
            _message(
                name,
                "every row to sum to 1 (each factor's memberships over all grades)",
                f"row sums {[round(float(s), 4) for s in off[:MAX_ROWS_SHOWN]]} in {format_rows(off.index)}",
                "Divide each row by its sum, or build the matrix from survey counts with ll.membership_from_counts(counts).",
            )
        )
    return table
