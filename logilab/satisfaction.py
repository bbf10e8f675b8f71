"""Customer satisfaction: the five-gap model, SERVQUAL gaps, reliability, IPA and a satisfaction index.

The course explains satisfaction as the distance between what customers
expect and what they perceive. The service-quality gap model of Parasuraman,
Zeithaml & Berry (1985) names five gaps; gap 5, perceived minus expected
service, is the one a survey measures, and SERVQUAL (Parasuraman, Zeithaml &
Berry 1988) measures it item by item on five dimensions.

* :func:`gap_model` - the five gaps, their causes and remedies, and gap 5 as the
  result of gaps 1-4;
* :func:`servqual` - expectation, perception and gap (P - E) per item and per
  dimension, unweighted and importance-weighted overall scores, per respondent
  and per segment;
* :func:`cronbach_alpha`, :func:`item_analysis`, :func:`reliability` - internal
  consistency of the scales (check them before reading any gap);
* :func:`ipa` - importance-performance analysis quadrants (Martilla & James 1977);
* :func:`satisfaction_index` - a weighted 0-100 index from item scores.

Kano analysis lives in :mod:`logilab.kano`.

Survey layout: one row per respondent, one column per item and question
(``rel1_e`` expectation, ``rel1_p`` perception, ``rel1_i`` importance); the
suffixes can be changed with ``suffixes=``. Missing answers follow an explicit
policy: ``missing="raise"`` (the default) stops and names the rows,
``missing="listwise"`` drops those respondents and the result reports how many.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import (
    LogilabInputError,
    LogilabTypeError,
    _message,
    check_choice,
    check_dataframe,
    check_number,
    check_numeric_columns,
    format_rows,
    require_columns,
    rows_with_missing,
)
from .i18n import get_language

__all__ = [
    "SERVQUAL_DIMENSIONS",
    "LSQ_DIMENSIONS",
    "DIMENSION_SETS",
    "GAP_MODEL_GAPS",
    "IPA_QUADRANTS",
    "MissingReport",
    "GapModel",
    "ServqualResult",
    "ItemAnalysis",
    "IPAResult",
    "SatisfactionIndex",
    "gap_model",
    "servqual",
    "cronbach_alpha",
    "item_analysis",
    "reliability",
    "ipa",
    "satisfaction_index",
]

# The 22 SERVQUAL items (Parasuraman, Zeithaml & Berry 1988) as numbered in the sample survey.
SERVQUAL_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "tangibles": ("tan1", "tan2", "tan3", "tan4"),
    "reliability": ("rel1", "rel2", "rel3", "rel4", "rel5"),
    "responsiveness": ("res1", "res2", "res3", "res4"),
    "assurance": ("ass1", "ass2", "ass3", "ass4"),
    "empathy": ("emp1", "emp2", "emp3", "emp4", "emp5"),
}
# Logistics service quality (after Mentzer, Flint & Hult 2001), two items each in the sample survey.
LSQ_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "timeliness": ("tim1", "tim2"),
    "order_accuracy": ("acc1", "acc2"),
    "order_condition": ("con1", "con2"),
    "information_quality": ("inf1", "inf2"),
    "discrepancy_handling": ("dis1", "dis2"),
}
DIMENSION_SETS: dict[str, dict[str, tuple[str, ...]]] = {"servqual": SERVQUAL_DIMENSIONS, "logistics": LSQ_DIMENSIONS}

SUFFIXES = ("_e", "_p", "_i")
LIKERT_7 = (1, 7)

# The five gaps of Parasuraman, Zeithaml & Berry (1985), with causes and remedies
# (after Zeithaml, Parasuraman & Berry 1990, "Delivering Quality Service").
GAP_MODEL_GAPS = pd.DataFrame(
    [
        {
            "key": "knowledge",
            "name_zh": "认知差距",
            "name_en": "knowledge gap",
            "between_zh": "客户期望 与 管理层对客户期望的认知",
            "between_en": "customer expectations vs management's perception of them",
            "causes_zh": "缺少市场调研和客户访谈；一线员工的意见传不到管理层；管理层级太多",
            "causes_en": "little customer research; front-line knowledge does not reach managers; too many management layers",
            "remedies_zh": "定期做客户满意度调查和投诉分析；管理者走访客户；缩短一线到管理层的沟通链",
            "remedies_en": "regular satisfaction surveys and complaint analysis; managers visit customers; shorter reporting lines",
        },
        {
            "key": "standards",
            "name_zh": "标准差距",
            "name_en": "standards gap",
            "between_zh": "管理层的认知 与 服务质量标准",
            "between_en": "management's perception vs service quality specifications",
            "causes_zh": "没有把客户期望写成可衡量的标准；管理层对服务质量投入不足；认为期望无法满足",
            "causes_en": "expectations not turned into measurable standards; weak management commitment; expectations seen as infeasible",
            "remedies_zh": "按客户期望制定量化服务标准（如准时率、响应时限）；设定目标并跟踪 KPI",
            "remedies_en": "customer-defined, measurable standards (on-time rate, response time); targets tracked as KPIs",
        },
        {
            "key": "delivery",
            "name_zh": "交付差距",
            "name_en": "delivery gap",
            "between_zh": "服务质量标准 与 实际提供的服务",
            "between_en": "service specifications vs service actually delivered",
            "causes_zh": "员工培训和授权不足；设备、库存或运力不够；岗位职责冲突；考核与标准脱节",
            "causes_en": "too little training and empowerment; short of equipment, stock or capacity; role conflict; pay not tied to standards",
            "remedies_zh": "培训与授权；补足库存和运力；按服务标准考核与激励；流程标准化",
            "remedies_en": "training and empowerment; enough stock and capacity; incentives tied to the standards; standard processes",
        },
        {
            "key": "communication",
            "name_zh": "沟通差距",
            "name_en": "communication gap",
            "between_zh": "实际提供的服务 与 对客户的宣传和承诺",
            "between_en": "service delivered vs external communications to customers",
            "causes_zh": "销售过度承诺；销售与运营部门沟通不畅；宣传与实际做法不一致",
            "causes_en": "over-promising in sales; poor communication between sales and operations; advertising differs from practice",
            "remedies_zh": "只承诺做得到的服务；销售与运营共同制定承诺；提前告知延误等变化",
            "remedies_en": "promise only what operations can deliver; sales and operations agree promises; announce delays in advance",
        },
        {
            "key": "service_quality",
            "name_zh": "服务质量差距",
            "name_en": "service quality gap",
            "between_zh": "客户期望的服务 与 客户感知的服务",
            "between_en": "expected service vs perceived service",
            "causes_zh": "差距 1-4 的综合结果",
            "causes_en": "the combined result of gaps 1-4",
            "remedies_zh": "逐一缩小差距 1-4；用 SERVQUAL 问卷定期测量",
            "remedies_en": "close gaps 1-4 one by one; measure regularly with the SERVQUAL questionnaire",
        },
    ],
    index=pd.Index([1, 2, 3, 4, 5], name="gap"),
)

# Importance-performance quadrants (Martilla & James 1977): key -> (中文, English)
IPA_QUADRANTS: dict[str, tuple[str, str]] = {
    "concentrate_here": ("重点改进区", "concentrate here"),
    "keep_up": ("继续保持区", "keep up the good work"),
    "low_priority": ("低优先区", "low priority"),
    "possible_overkill": ("过度投入区", "possible overkill"),
}


# --- missing answers -----------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class MissingReport(Result):
    """What the missing-value policy did: rows kept, rows dropped, missing answers per column.

    Attributes
    ----------
    policy : str
        ``"raise"`` or ``"listwise"``.
    rows_total, rows_used : int
        Rows given and rows kept.
    answers_missing : int
        Missing answers in the columns used.
    by_column : dict
        ``{column: missing answers}`` for the columns with any.
    table : Series
        ``by_column`` as a Series named ``missing`` (empty when nothing was missing).
    rows_dropped : int
        ``rows_total - rows_used``.

    Examples
    --------
    >>> survey = pd.DataFrame({"a1_e": [7, 6, None], "a1_p": [5, 6, 4], "b1_e": [5, 5, 6], "b1_p": [6, 6, 5]})
    >>> report = servqual(survey, dimensions={"A": ["a1"], "B": ["b1"]}, suffixes=("_e", "_p", None), missing="listwise").missing
    >>> report
    MissingReport(policy='listwise', rows_total=3, rows_used=2, rows_dropped=1, answers_missing=1; table 1 rows)
    >>> print(report)
    1 of 3 rows dropped (missing='listwise'): 1 missing answer(s) in ['a1_e']
    """

    policy: str
    rows_total: int
    rows_used: int
    answers_missing: int
    by_column: dict[str, int] = field(default_factory=dict)

    @property
    def rows_dropped(self) -> int:
        """Rows left out by the policy."""
        return self.rows_total - self.rows_used

    @property
    def table(self) -> pd.Series:
        """Missing answers per column, one row per column with any."""
        return pd.Series(self.by_column, dtype="int64", name="missing").rename_axis("column")

    def summary(self) -> dict[str, Any]:
        """The key numbers: the policy, rows given, used and dropped, missing answers."""
        return {
            "policy": self.policy,
            "rows_total": self.rows_total,
            "rows_used": self.rows_used,
            "rows_dropped": self.rows_dropped,
            "answers_missing": self.answers_missing,
        }

    def __str__(self) -> str:
        if not self.answers_missing:
            return f"no missing answers; all {self.rows_total} rows used"
        return (
            f"{self.rows_dropped} of {self.rows_total} rows dropped (missing={self.policy!r}): "
            f"{self.answers_missing} missing answer(s) in {sorted(self.by_column)}"
        )


def _apply_missing_policy(df: pd.DataFrame, columns: list[str], name: str, missing: str) -> tuple[pd.DataFrame, MissingReport]:
    """Drop rows with a missing answer (or raise, by policy); report what was done."""
    dropped = rows_with_missing(df, columns, name, missing=missing)
    counts = df[columns].isna().sum()
    report = MissingReport(
        policy=missing,
        rows_total=len(df),
        rows_used=int((~dropped).sum()),
        answers_missing=int(counts.sum()),
        by_column={str(c): int(n) for c, n in counts.items() if n},
    )
    kept = df.loc[~dropped, columns]
    if len(kept) < 2:
        raise LogilabInputError(
            f"{name}: expected at least 2 complete rows, found {len(kept)} after dropping rows with missing answers. "
            "Check the file: most answers are empty."
        )
    return kept, report


def _resolve_dimensions(dimensions: Any) -> dict[str, list[str]]:
    if isinstance(dimensions, str):
        check_choice(dimensions, "dimensions", list(DIMENSION_SETS))
        return {d: list(items) for d, items in DIMENSION_SETS[dimensions].items()}
    return check_item_mapping(dimensions, "dimensions")


def _check_suffixes(suffixes: Any) -> tuple[str, str, str | None]:
    if isinstance(suffixes, str) or not hasattr(suffixes, "__len__") or len(suffixes) != 3:
        raise LogilabTypeError(
            f"suffixes: expected three column suffixes (expectation, perception, importance), found {suffixes!r}. "
            "Pass e.g. suffixes=('_e', '_p', '_i'), or ('_期望', '_感知', None) without importance questions."
        )
    e, p, i = suffixes
    return str(e), str(p), None if i is None else str(i)


def _item_columns(survey: pd.DataFrame, mapping: dict[str, list[str]], suffix: str, role: str) -> dict[str, str]:
    """``{item: column}`` for one question type; a missing column is an error naming the item."""
    columns = {item: f"{item}{suffix}" for items in mapping.values() for item in items}
    require_columns(survey, {f"{item} ({role})": col for item, col in columns.items()}, "survey")
    return columns


# --- gap model ----------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class GapModel(Result):
    """The five-gap model in numbers: the chain of service levels and the five gaps.

    Attributes
    ----------
    levels : Series
        expected service (after communications), management's perception of
        it, service standards, service delivered, what was communicated and
        perceived service, in scale points.
    table : DataFrame
        One row per gap (1-5): key, name, what it lies between, size, causes and remedies.
    service_quality_gap : float
        Gap 5 = perceived - expected service (negative: customers get less than they expect).

    Examples
    --------
    >>> gap_model(knowledge=0.5, standards=0.25, lang="en")
    GapModel(service_quality_gap=-0.75, largest_provider_gap=1, largest_provider_gap_size=0.5; table 5 rows)
    """

    levels: pd.Series
    table: pd.DataFrame
    service_quality_gap: float

    def summary(self) -> dict[str, Any]:
        """The key numbers: the service quality gap (gap 5) and the largest of the provider gaps 1-4."""
        provider = self.table.loc[self.table.index != 5, "size"].abs()
        worst = provider.idxmax()
        return {
            "service_quality_gap": self.service_quality_gap,
            "largest_provider_gap": int(worst),
            "largest_provider_gap_size": float(self.table.loc[worst, "size"]),
        }


def gap_model(
    *,
    expected: float = 6.0,
    knowledge: float = 0.0,
    standards: float = 0.0,
    delivery: float = 0.0,
    communication: float = 0.0,
    lang: str | None = None,
) -> GapModel:
    """The five-gap model of service quality, with gap 5 as the result of gaps 1-4.

    Gaps 1-4 are given as shortfalls in scale points (0 = no gap). They pass
    along the chain: management sees the customers' expectation less
    ``knowledge``; the standards written down fall ``standards`` short of
    that; the service delivered falls ``delivery`` short of the standards;
    communications promise ``communication`` more than is delivered, and the
    promise raises what customers expect by the same amount. Customers
    perceive what is delivered, so

    ``gap 5 = perceived - expected = -(gap 1 + gap 2 + gap 3 + gap 4)``.

    Parasuraman, Zeithaml & Berry (1985) state only that gap 5 is a function
    of gaps 1-4; the one-to-one sum used here is a teaching simplification.

    Parameters
    ----------
    expected : float, default 6.0
        What customers expect before any promise (word of mouth, needs, past experience).
    knowledge, standards, delivery, communication : float, default 0
        Gaps 1-4, each >= 0.
    lang : {"zh", "en"}, optional
        Language of the names, causes and remedies in ``gaps``.

    Returns
    -------
    GapModel
        ``levels`` (the chain of service levels), ``table`` (one row per gap
        with its size, causes and remedies) and ``service_quality_gap``.

    References
    ----------
    .. [1] Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1985). A conceptual model of service
       quality and its implications for future research. *Journal of Marketing*, 49(4), 41-50.

    Examples
    --------
    >>> model = gap_model(expected=6.0, knowledge=0.3, standards=0.2, delivery=0.5, communication=0.2, lang="en")
    >>> round(model.service_quality_gap, 2)
    -1.2
    >>> model.levels.round(2).tolist()
    [6.2, 5.7, 5.5, 5.0, 5.2, 5.0]
    >>> model.table.loc[3, "name"], float(model.table.loc[3, "size"])
    ('delivery gap', 0.5)
    """
    lang = check_choice(lang or get_language(), "lang", ("zh", "en"))
    base = check_number(expected, "expected")
    sizes = {
        key: check_number(value, key, low=0)
        for key, value in zip(GAP_MODEL_GAPS["key"][:4], (knowledge, standards, delivery, communication))
    }
    management = base - sizes["knowledge"]
    standards_level = management - sizes["standards"]
    delivered = standards_level - sizes["delivery"]
    communicated = delivered + sizes["communication"]
    expected_service = base + sizes["communication"]
    perceived = delivered
    gap5 = perceived - expected_service
    levels = pd.Series(
        {
            "expected_service": expected_service,
            "management_perception": management,
            "service_standards": standards_level,
            "service_delivered": delivered,
            "communicated_service": communicated,
            "perceived_service": perceived,
        },
        name="level",
    )
    gaps = pd.DataFrame(
        {
            "key": GAP_MODEL_GAPS["key"],
            "name": GAP_MODEL_GAPS[f"name_{lang}"],
            "between": GAP_MODEL_GAPS[f"between_{lang}"],
            "size": [*sizes.values(), gap5],
            "causes": GAP_MODEL_GAPS[f"causes_{lang}"],
            "remedies": GAP_MODEL_GAPS[f"remedies_{lang}"],
        }
    )
    return GapModel(levels=levels, table=gaps, service_quality_gap=float(gap5))


# --- SERVQUAL -----------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class ServqualResult(Result):
    """SERVQUAL scores at every level, with the steps that lead to them.

    Attributes
    ----------
    table : DataFrame
        Per item: dimension, mean expectation, perception, gap (P - E) and,
        if asked, importance.
    dimensions : DataFrame
        Per dimension: ``expectation``, ``perception``, ``gap`` (means of the
        item means), ``importance``, ``n_items`` and the normalised ``weight``.
    weights : Series
        Dimension weights, summing to 1.
    weights_source : str
        ``"given"``, ``"importance"`` (mean importance ratings) or ``"equal"``.
    unweighted_score : float
        Mean of the dimension gaps.
    weighted_score : float
        Sum of weight x dimension gap.
    respondents : DataFrame
        Per respondent: the gap of each dimension, ``unweighted`` and
        ``weighted`` scores (and the segment column, if given).
    segments : DataFrame or None
        Mean respondent scores per segment, with ``n`` respondents.
    missing : MissingReport
        Rows dropped by the missing-value policy.

    Examples
    --------
    >>> survey = pd.DataFrame({"a1_e": [7, 6], "a1_p": [5, 6], "b1_e": [5, 5], "b1_p": [6, 6]})
    >>> servqual(survey, dimensions={"A": ["a1"], "B": ["b1"]}, suffixes=("_e", "_p", None))
    ServqualResult(respondents=2, items=2, unweighted_score=0, weighted_score=0, weights_source='equal', worst_dimension='A'; table 2 rows)
    """

    table: pd.DataFrame
    dimensions: pd.DataFrame
    weights: pd.Series
    weights_source: str
    unweighted_score: float
    weighted_score: float
    respondents: pd.DataFrame
    segments: pd.DataFrame | None
    missing: MissingReport

    def summary(self) -> dict[str, Any]:
        """The key numbers: respondents, items, both scores, the weights' source and the dimension with the widest gap."""
        return {
            "respondents": len(self.respondents),
            "items": len(self.table),
            "unweighted_score": self.unweighted_score,
            "weighted_score": self.weighted_score,
            "weights_source": self.weights_source,
            "worst_dimension": self.dimensions["gap"].idxmin(),
        }

    def reweight(self, weights: Mapping[str, float]) -> ServqualResult:
        """The same result with other dimension weights (any unit, normalised to sum to 1).

        Examples
        --------
        >>> survey = pd.DataFrame({"a1_e": [7, 6], "a1_p": [5, 6], "b1_e": [5, 5], "b1_p": [6, 6]})
        >>> result = servqual(survey, dimensions={"A": ["a1"], "B": ["b1"]}, suffixes=("_e", "_p", None))
        >>> result.reweight({"A": 3, "B": 1}).weighted_score
        -0.5
        """
        w = check_weight_mapping(weights, list(self.dimensions.index), "weights").rename("weight").rename_axis("dimension")
        dims = list(w.index)
        respondents = self.respondents.assign(weighted=self.respondents[dims] @ w)
        segments = None
        if self.segments is not None:
            segments = self.segments.assign(weighted=self.segments[dims] @ w)
        return replace(
            self,
            dimensions=self.dimensions.assign(weight=w),
            weights=w,
            weights_source="given",
            weighted_score=float((self.dimensions["gap"] * w).sum()),
            respondents=respondents,
            segments=segments,
        )


def _likert_frame(survey: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Numeric answers renamed to their item names."""
    frame = survey[list(columns.values())].apply(pd.to_numeric).astype(float)
    return frame.set_axis(list(columns), axis=1)


def servqual(
    survey: pd.DataFrame,
    *,
    dimensions: str | Mapping[str, Any] = "servqual",
    weights: str | Mapping[str, float] | None = None,
    segment: str | None = None,
    suffixes: tuple[str, str, str | None] = SUFFIXES,
    scale: tuple[float, float] = LIKERT_7,
    missing: str = "raise",
) -> ServqualResult:
    """SERVQUAL gap scores: expectation, perception and gap (P - E) per item, dimension and respondent.

    Follows the scoring of Zeithaml, Parasuraman & Berry (1990): a
    respondent's dimension score is the mean gap of the dimension's items;
    the unweighted overall score is the mean of the five dimension scores;
    the weighted score weights each dimension by its importance (the
    questionnaire's 100-point allocation, or here by default the mean
    importance ratings), normalised to sum to 1.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent, columns ``<item><suffix>``.
    dimensions : {"servqual", "logistics"} or mapping, default "servqual"
        The five SERVQUAL dimensions, the five logistics service quality
        dimensions, or any ``{dimension: [item, ...]}``.
    weights : mapping, "importance", "equal" or None
        Dimension weights in any unit (points out of 100 work as given).
        None uses the importance ratings when the survey has them, else equal weights.
    segment : str, optional
        A column (e.g. ``"region"``); ``segments`` then gives scores per group.
    suffixes : (str, str, str or None), default ("_e", "_p", "_i")
        Column suffixes of expectation, perception and importance (None: no importance questions).
    scale : (low, high), default (1, 7)
        The answer scale; answers outside it are an error.
    missing : {"raise", "listwise"}, default "raise"
        ``"listwise"`` drops respondents with any missing answer among the
        columns used and reports how many in ``result.missing``.

    Returns
    -------
    ServqualResult
        ``table`` (per item), ``dimensions``, ``respondents``, ``segments``,
        both overall scores and the ``missing`` report.

    References
    ----------
    .. [1] Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1988). SERVQUAL: a multiple-item scale
       for measuring consumer perceptions of service quality. *Journal of Retailing*, 64(1), 12-40.
    .. [2] Zeithaml, V. A., Parasuraman, A., & Berry, L. L. (1990). *Delivering Quality Service:
       Balancing Customer Perceptions and Expectations*. New York: Free Press.

    Examples
    --------
    >>> survey = pd.DataFrame({"a1_e": [7, 6], "a1_p": [5, 6], "a2_e": [6, 6], "a2_p": [6, 4], "b1_e": [5, 5], "b1_p": [6, 6]})
    >>> result = servqual(survey, dimensions={"A": ["a1", "a2"], "B": ["b1"]}, suffixes=("_e", "_p", None))
    >>> result.dimensions[["expectation", "perception", "gap"]]
               expectation  perception  gap
    dimension
    A                 6.25        5.25 -1.0
    B                 5.00        6.00  1.0
    >>> result.unweighted_score, result.weighted_score
    (0.0, 0.0)
    >>> round(servqual(survey, dimensions={"A": ["a1", "a2"], "B": ["b1"]}, suffixes=("_e", "_p", None), weights={"A": 75, "B": 25}).weighted_score, 2)
    -0.5
    """
    survey = check_dataframe(survey, "survey")
    mapping = _resolve_dimensions(dimensions)
    e_sfx, p_sfx, i_sfx = _check_suffixes(suffixes)
    e_cols = _item_columns(survey, mapping, e_sfx, "expectation")
    p_cols = _item_columns(survey, mapping, p_sfx, "perception")
    if isinstance(weights, str):
        check_choice(weights, "weights", ["importance", "equal"])
    i_cols: dict[str, str] = {}
    # importance questions are used when the survey has any (then all must be there), or when asked for
    if i_sfx is not None and (weights == "importance" or any(f"{item}{i_sfx}" in survey.columns for item in e_cols)):
        i_cols = _item_columns(survey, mapping, i_sfx, "importance")
    if weights == "importance" and not i_cols:
        raise LogilabInputError(
            "weights: expected importance columns for weights='importance', found suffixes without one. Pass suffixes with an importance suffix, or give the weights."
        )
    answer_cols = [*e_cols.values(), *p_cols.values(), *i_cols.values()]
    check_likert_columns(survey, answer_cols, "survey", scale=scale)
    used = answer_cols
    if segment is not None:
        require_columns(survey, {"segment": segment}, "survey")
        used = [*answer_cols, segment]
    kept, report = _apply_missing_policy(survey, used, "survey", missing)

    expectation = _likert_frame(kept, e_cols)
    perception = _likert_frame(kept, p_cols)
    gaps = perception - expectation
    items = pd.DataFrame(
        {
            "dimension": [d for d, its in mapping.items() for _ in its],
            "expectation": expectation.mean(),
            "perception": perception.mean(),
            "gap": gaps.mean(),
        }
    )
    items.index.name = "item"
    if i_cols:
        items["importance"] = _likert_frame(kept, i_cols).mean()

    by_dimension = items.groupby("dimension", sort=False)
    table = by_dimension[[c for c in ("expectation", "perception", "importance") if c in items]].mean()
    table["gap"] = table["perception"] - table["expectation"]
    table["n_items"] = by_dimension.size()
    table = table.reindex(list(mapping))
    table.index.name = "dimension"

    if isinstance(weights, Mapping):
        weight_series, source = check_weight_mapping(weights, list(mapping), "weights"), "given"
    elif weights in (None, "importance") and i_cols:
        weight_series, source = table["importance"] / table["importance"].sum(), "importance"
    else:
        weight_series, source = pd.Series(1.0 / len(mapping), index=list(mapping)), "equal"
    weight_series = weight_series.rename("weight").rename_axis("dimension")
    table["weight"] = weight_series
    table = table[[c for c in ("expectation", "perception", "gap", "importance", "n_items", "weight") if c in table]]

    respondents = pd.DataFrame({d: gaps[its].mean(axis=1) for d, its in mapping.items()})
    respondents["unweighted"] = respondents[list(mapping)].mean(axis=1)
    respondents["weighted"] = respondents[list(mapping)] @ weight_series
    segments = None
    if segment is not None:
        respondents[segment] = kept[segment]
        grouped = respondents.groupby(segment, sort=True)
        segments = grouped[[*mapping, "unweighted", "weighted"]].mean()
        segments["n"] = grouped.size()
    return ServqualResult(
        table=items,
        dimensions=table,
        weights=weight_series,
        weights_source=source,
        unweighted_score=float(table["gap"].mean()),
        weighted_score=float((table["gap"] * weight_series).sum()),
        respondents=respondents,
        segments=segments,
        missing=report,
    )


# --- reliability --------------------------------------------------------------------------


def _item_matrix(items: Any, name: str, missing: str) -> tuple[pd.DataFrame, MissingReport]:
    """Items as a numeric DataFrame (respondents x items), checked, with the missing policy applied."""
    if isinstance(items, np.ndarray) and items.ndim == 2:
        items = pd.DataFrame(items, columns=[f"item{i + 1}" for i in range(items.shape[1])])
    df = check_dataframe(items, name)
    columns = list(df.columns)
    if len(columns) < 2:
        raise LogilabInputError(
            f"{name}: expected at least 2 items (columns), found {len(columns)} {columns}. "
            "Cronbach's alpha measures how well several items agree; pass all items of the scale."
        )
    check_numeric_columns(df, columns, name, allow_nan=True)
    kept, report = _apply_missing_policy(df, columns, name, missing)
    matrix = kept.apply(pd.to_numeric).astype(float)
    variances = matrix.var(ddof=1)
    constant = [str(c) for c in variances.index[variances <= 0]]
    if constant:
        raise LogilabInputError(
            f"{name}: expected items whose answers vary, found zero variance (every respondent gave the same answer) in {constant}. "
            "Such an item carries no information about consistency: leave it out of the scale."
        )
    return matrix, report


def _alpha(matrix: pd.DataFrame) -> float:
    k = matrix.shape[1]
    total_variance = matrix.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - matrix.var(ddof=1).sum() / total_variance))


def cronbach_alpha(items: pd.DataFrame | np.ndarray, *, missing: str = "raise") -> float:
    """Cronbach's alpha of a scale: ``k / (k - 1) * (1 - sum of item variances / variance of the total)``.

    Variances are sample variances (ddof = 1), as in SPSS, R ``psych::alpha``
    and pingouin. Values of 0.7 or more are usually read as acceptable
    internal consistency, 0.8 or more as good.

    Parameters
    ----------
    items : DataFrame or 2-D array
        One row per respondent, one column per item (at least 2 items).
    missing : {"raise", "listwise"}, default "raise"
        ``"listwise"`` drops respondents with a missing answer
        (:func:`item_analysis` reports how many).

    Returns
    -------
    float
        Cronbach's alpha (at most 1; negative when items run against each other).

    References
    ----------
    .. [1] Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
       *Psychometrika*, 16(3), 297-334.

    Examples
    --------
    >>> answers = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [2, 2, 3, 5, 5], "q3": [1, 3, 3, 4, 4]})
    >>> round(cronbach_alpha(answers), 4)
    0.9538
    """
    matrix, _ = _item_matrix(items, "items", missing)
    return _alpha(matrix)


@dataclass(frozen=True, repr=False)
class ItemAnalysis(Result):
    """Reliability of a scale with what each item contributes.

    Attributes
    ----------
    alpha : float
        Cronbach's alpha of all items.
    table : DataFrame
        Per item: ``mean``, ``std``, ``item_total_r`` (corrected item-total
        correlation: the item against the sum of the *other* items) and
        ``alpha_if_deleted`` (NaN for a two-item scale, where one item is left).
    n_respondents : int
        Rows used.
    missing : MissingReport

    Examples
    --------
    >>> items = pd.DataFrame({"q1": [4, 5, 3, 4], "q2": [4, 5, 2, 4], "q3": [5, 5, 3, 3]})
    >>> item_analysis(items)
    ItemAnalysis(alpha=0.8972, items=3, respondents=4, weakest_item='q3', weakest_item_total_r=0.7001; table 3 rows)
    """

    alpha: float
    table: pd.DataFrame
    n_respondents: int
    missing: MissingReport

    def summary(self) -> dict[str, Any]:
        """The key numbers: alpha, items, respondents and the item with the lowest corrected item-total correlation."""
        return {
            "alpha": self.alpha,
            "items": len(self.table),
            "respondents": self.n_respondents,
            "weakest_item": self.table["item_total_r"].idxmin(),
            "weakest_item_total_r": float(self.table["item_total_r"].min()),
        }


def item_analysis(items: pd.DataFrame | np.ndarray, *, missing: str = "raise") -> ItemAnalysis:
    """Cronbach's alpha with alpha-if-item-deleted and corrected item-total correlations.

    An item whose corrected item-total correlation is low (below about 0.3),
    or whose removal raises alpha, measures something else than the rest of
    the scale.

    Parameters
    ----------
    items : DataFrame or 2-D array
        One row per respondent, one column per item (at least 2 items).
    missing : {"raise", "listwise"}, default "raise"
        ``"listwise"`` drops respondents with a missing answer; ``missing`` reports how many.

    Returns
    -------
    ItemAnalysis
        ``alpha``, ``table`` (per item: ``mean``, ``std``, ``item_total_r``,
        ``alpha_if_deleted``), ``n_respondents`` and the ``missing`` report.

    References
    ----------
    .. [1] Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
       *Psychometrika*, 16(3), 297-334.

    Examples
    --------
    >>> answers = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [2, 2, 3, 5, 5], "q3": [5, 1, 4, 2, 3]})
    >>> result = item_analysis(answers)
    >>> round(result.alpha, 3)
    0.323
    >>> result.table[["item_total_r", "alpha_if_deleted"]].round(3)
        item_total_r  alpha_if_deleted
    q1         0.487            -0.526
    q2         0.617            -0.857
    q3        -0.259             0.968

    ``q3`` runs against the other two items: without it alpha rises to 0.968.
    """
    matrix, report = _item_matrix(items, "items", missing)
    total = matrix.sum(axis=1)
    rows = {}
    for column in matrix.columns:
        rest = matrix.drop(columns=column)
        rows[column] = {
            "mean": matrix[column].mean(),
            "std": matrix[column].std(ddof=1),
            "item_total_r": float(np.corrcoef(matrix[column], total - matrix[column])[0, 1]),
            "alpha_if_deleted": _alpha(rest) if rest.shape[1] >= 2 else np.nan,
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    return ItemAnalysis(alpha=_alpha(matrix), table=table, n_respondents=len(matrix), missing=report)


def reliability(
    survey: pd.DataFrame,
    *,
    dimensions: str | Mapping[str, Any] = "servqual",
    suffixes: tuple[str, str, str | None] = SUFFIXES,
    scale: tuple[float, float] = LIKERT_7,
    missing: str = "raise",
) -> pd.DataFrame:
    """Cronbach's alpha of every dimension, for the expectation and the perception items.

    The same rows are used for every dimension (the missing-value policy is
    applied to all columns at once); ``rows_used`` says how many.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent, columns ``<item><suffix>`` as for :func:`servqual`.
    dimensions : {"servqual", "logistics"} or mapping, default "servqual"
        The dimensions and their items, as for :func:`servqual`.
    suffixes : (str, str, str or None), default ("_e", "_p", "_i")
        Column suffixes of expectation, perception and importance.
    scale : (low, high), default (1, 7)
        The answer scale; answers outside it are an error.
    missing : {"raise", "listwise"}, default "raise"
        ``"listwise"`` drops respondents with any missing answer among the columns used.

    Returns
    -------
    DataFrame
        Per dimension: ``n_items``, the alpha of the ``expectation`` and of the
        ``perception`` items, and ``rows_used``.

    References
    ----------
    .. [1] Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
       *Psychometrika*, 16(3), 297-334.
    .. [2] Parasuraman, A., Zeithaml, V. A., & Berry, L. L. (1988). SERVQUAL: a multiple-item scale
       for measuring consumer perceptions of service quality. *Journal of Retailing*, 64(1), 12-40.

    Examples
    --------
    >>> survey = pd.DataFrame({"a1_e": [7, 6, 5], "a1_p": [5, 6, 3], "a2_e": [6, 6, 4], "a2_p": [6, 5, 3]})
    >>> reliability(survey, dimensions={"A": ["a1", "a2"]}, suffixes=("_e", "_p", None)).round(3)
               n_items  expectation  perception  rows_used
    dimension
    A                2        0.923        0.88          3
    """
    survey = check_dataframe(survey, "survey")
    mapping = _resolve_dimensions(dimensions)
    e_sfx, p_sfx, _ = _check_suffixes(suffixes)
    e_cols = _item_columns(survey, mapping, e_sfx, "expectation")
    p_cols = _item_columns(survey, mapping, p_sfx, "perception")
    columns = [*e_cols.values(), *p_cols.values()]
    check_likert_columns(survey, columns, "survey", scale=scale)
    kept, report = _apply_missing_policy(survey, columns, "survey", missing)
    rows = []
    for dimension, its in mapping.items():
        row: dict[str, Any] = {"dimension": dimension, "n_items": len(its)}
        for role, cols in (("expectation", e_cols), ("perception", p_cols)):
            row[role] = cronbach_alpha(kept[[cols[i] for i in its]]) if len(its) >= 2 else np.nan
        row["rows_used"] = report.rows_used
        rows.append(row)
    return pd.DataFrame(rows).set_index("dimension")


# --- importance-performance analysis ----------------------------------------------------


@dataclass(frozen=True, repr=False)
class IPAResult(Result):
    """Importance-performance analysis: the quadrant of every attribute and the crosshair.

    Attributes
    ----------
    table : DataFrame
        Per attribute: ``importance``, ``performance``, ``quadrant`` (key of
        :data:`IPA_QUADRANTS`), ``quadrant_zh`` and ``quadrant_en``.
    importance_center, performance_center : float
        Where the crosshair lies.
    center : str
        ``"mean"``, ``"median"`` or ``"given"``.

    Examples
    --------
    >>> ipa({"speed": 6.0, "price": 4.0}, {"speed": 4.0, "price": 6.0})
    IPAResult(attributes=2, importance_center=5, performance_center=5, concentrate_here=1, keep_up=0, low_priority=0, possible_overkill=1; table 2 rows)
    """

    table: pd.DataFrame
    importance_center: float
    performance_center: float
    center: str

    def summary(self) -> dict[str, Any]:
        """The key numbers: attributes, the crosshair and the number of attributes in each quadrant."""
        counts = self.table["quadrant"].value_counts()
        return {
            "attributes": len(self.table),
            "importance_center": self.importance_center,
            "performance_center": self.performance_center,
            **{quadrant: int(counts.get(quadrant, 0)) for quadrant in IPA_QUADRANTS},
        }


def _as_series(values: Any, name: str) -> pd.Series:
    if isinstance(values, Mapping):
        values = pd.Series(values, dtype=float)
    if not isinstance(values, pd.Series):
        raise LogilabTypeError(
            f"{name}: expected a pandas Series or dict with one value per attribute, found {type(values).__name__}. Pass e.g. result.table['importance']."
        )
    if values.empty:
        raise LogilabInputError(f"{name}: expected at least one attribute, found an empty Series. Pass the mean score of each attribute.")
    check_numeric_columns(values.to_frame("value"), ["value"], name)
    return pd.to_numeric(values).astype(float)


def ipa(importance: pd.Series | Mapping[str, float], performance: pd.Series | Mapping[str, float], *, center: Any = "mean") -> IPAResult:
    """Importance-performance analysis (Martilla & James 1977): a quadrant per attribute.

    The crosshair splits attributes at the mean (default) or median importance
    and performance, or at given values ``center=(importance, performance)``
    (for instance the scale midpoint 4 on a 7-point scale). A value exactly on
    the crosshair counts as high.

    ====================  ==================  ===================
    quadrant              importance          performance
    ====================  ==================  ===================
    concentrate here      high                low
    keep up the good work high                high
    low priority          low                 low
    possible overkill     low                 high
    ====================  ==================  ===================

    Parameters
    ----------
    importance : Series or mapping
        Importance of each attribute (e.g. ``servqual(...).table["importance"]``).
    performance : Series or mapping
        Performance of each attribute, for the same attributes.
    center : {"mean", "median"} or (float, float), default "mean"
        Where the crosshair lies: the mean or the median of each axis, or given
        ``(importance, performance)`` values.

    Returns
    -------
    IPAResult
        ``table`` (per attribute: importance, performance and quadrant) and the crosshair.

    References
    ----------
    .. [1] Martilla, J. A., & James, J. C. (1977). Importance-performance analysis. *Journal of
       Marketing*, 41(1), 77-79.

    Examples
    --------
    >>> importance = pd.Series({"on time": 6.5, "accuracy": 6.0, "packaging": 4.0, "website": 4.5})
    >>> performance = pd.Series({"on time": 4.8, "accuracy": 6.1, "packaging": 4.9, "website": 6.2})
    >>> result = ipa(importance, performance)
    >>> result.table["quadrant_en"].tolist()
    ['concentrate here', 'keep up the good work', 'low priority', 'possible overkill']
    >>> result.importance_center, result.performance_center
    (5.25, 5.5)
    """
    imp = _as_series(importance, "importance")
    perf = _as_series(performance, "performance")
    if set(imp.index) != set(perf.index):
        raise LogilabInputError(
            f"performance: expected the same attributes as importance, found {sorted(map(str, set(imp.index) ^ set(perf.index)))[:5]} in only one of them. "
            "Pass two Series with the same index."
        )
    perf = perf.reindex(imp.index)
    if isinstance(center, str):
        check_choice(center, "center", ["mean", "median"])
        imp_c = float(getattr(imp, center)())
        perf_c = float(getattr(perf, center)())
        how = center
    else:
        try:
            imp_c, perf_c = (check_number(v, "center") for v in center)
        except TypeError:
            raise LogilabTypeError(
                f"center: expected 'mean', 'median' or (importance, performance), found {center!r}. Pass e.g. center=(4, 4)."
            ) from None
        how = "given"
    high_imp = imp >= imp_c
    high_perf = perf >= perf_c
    quadrant = np.select(
        [high_imp & ~high_perf, high_imp & high_perf, ~high_imp & ~high_perf],
        ["concentrate_here", "keep_up", "low_priority"],
        default="possible_overkill",
    )
    table = pd.DataFrame({"importance": imp, "performance": perf, "quadrant": quadrant}, index=imp.index)
    table["quadrant_zh"] = table["quadrant"].map(lambda q: IPA_QUADRANTS[q][0])
    table["quadrant_en"] = table["quadrant"].map(lambda q: IPA_QUADRANTS[q][1])
    return IPAResult(table=table, importance_center=imp_c, performance_center=perf_c, center=how)


# --- satisfaction index -------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class SatisfactionIndex(Result):
    """A 0-100 satisfaction index and how each item contributes.

    Attributes
    ----------
    index : float
        ``sum(weight * (mean - low) / (high - low)) * 100``.
    table : DataFrame
        Per item: ``mean``, ``score`` (mean rescaled to 0-100), ``weight``, ``contribution``.
    respondents : Series
        The index of every respondent.
    missing : MissingReport

    Examples
    --------
    >>> satisfaction_index(pd.DataFrame({"speed": [7, 5], "accuracy": [4, 4]}))
    SatisfactionIndex(index=66.67, respondents=2, items=2, lowest_item='accuracy', lowest_score=50; table 2 rows)
    """

    index: float
    table: pd.DataFrame
    respondents: pd.Series
    missing: MissingReport

    def summary(self) -> dict[str, Any]:
        """The key numbers: the index, respondents, items and the item with the lowest score."""
        return {
            "index": self.index,
            "respondents": len(self.respondents),
            "items": len(self.table),
            "lowest_item": self.table["score"].idxmin(),
            "lowest_score": float(self.table["score"].min()),
        }


def satisfaction_index(
    scores: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    scale: tuple[float, float] = LIKERT_7,
    missing: str = "raise",
) -> SatisfactionIndex:
    """A weighted 0-100 satisfaction index from item scores (the rescaling used by ACSI-type indices).

    Each item's mean is rescaled from the answer scale to 0-100,
    ``(mean - low) / (high - low) * 100``, and the rescaled scores are
    averaged with the weights (normalised to sum to 1; equal by default).

    Parameters
    ----------
    scores : DataFrame
        One row per respondent, one column per item (e.g. the perception columns).
    weights : mapping {column: weight}, optional
        Any unit; points out of 100 work as given.
    scale : (low, high), default (1, 7)
    missing : {"raise", "listwise"}, default "raise"

    Returns
    -------
    SatisfactionIndex
        ``index`` (0-100), ``table`` (per item: ``mean``, ``score``, ``weight``,
        ``contribution``), the index of every respondent and the ``missing`` report.

    References
    ----------
    .. [1] Fornell, C., Johnson, M. D., Anderson, E. W., Cha, J., & Bryant, B. E. (1996). The American
       Customer Satisfaction Index: nature, purpose, and findings. *Journal of Marketing*, 60(4), 7-18.

    Examples
    --------
    >>> scores = pd.DataFrame({"speed": [7, 5], "accuracy": [4, 4]})
    >>> round(satisfaction_index(scores).index, 2)
    66.67
    >>> satisfaction_index(scores, weights={"speed": 3, "accuracy": 1}).table.round(2)
              mean  score  weight  contribution
    speed      6.0  83.33    0.75          62.5
    accuracy   4.0  50.00    0.25          12.5
    """
    scores = check_dataframe(scores, "scores")
    columns = list(scores.columns)
    check_likert_columns(scores, columns, "scores", scale=scale)
    low, high = check_scale(scale)
    kept, report = _apply_missing_policy(scores, columns, "scores", missing)
    matrix = kept.apply(pd.to_numeric).astype(float)
    weight_series = check_weight_mapping(weights, columns, "weights") if weights is not None else pd.Series(1 / len(columns), index=columns)
    rescaled = (matrix - low) / (high - low) * 100
    items = pd.DataFrame({"mean": matrix.mean(), "score": rescaled.mean(), "weight": weight_series})
    items["contribution"] = items["score"] * items["weight"]
    respondents = (rescaled @ weight_series).rename("index")
    return SatisfactionIndex(index=float(items["contribution"].sum()), table=items, respondents=respondents, missing=report)


# --- input checks of this topic ---------------------------------------------------------


def check_scale(scale: Any, name: str = "scale") -> tuple[float, float]:
    """Check an answer scale given as ``(lowest, highest)``, e.g. ``(1, 7)`` for a 7-point Likert scale.

    Examples
    --------
    >>> check_scale((1, 7))
    (1.0, 7.0)
    >>> check_scale((5, 1))
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: scale: expected (lowest, highest) with lowest < highest, found (5, 1). Pass e.g. scale=(1, 7) for a 7-point scale.
    """
    fix = "Pass e.g. scale=(1, 7) for a 7-point scale."
    try:
        low, high = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise LogilabInputError(_message(name, "(lowest, highest) with lowest < highest", repr(scale), fix)) from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise LogilabInputError(_message(name, "(lowest, highest) with lowest < highest", repr(scale), fix))
    return low, high


def check_likert_columns(df: pd.DataFrame, columns: Iterable[str], name: str, *, scale: tuple[float, float]) -> None:
    """Check that survey answers are numbers on the answer scale (missing answers are allowed here).

    Examples
    --------
    >>> answers = pd.DataFrame({"rel1_p": [5, 9, 6]})
    >>> check_likert_columns(answers, ["rel1_p"], "survey", scale=(1, 7))
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: survey: expected column 'rel1_p' to hold answers from 1 to 7, found values outside the scale such as 9 in rows [1]. Correct those cells, or pass scale=(lowest, highest) if the questionnaire uses another scale.
    """
    low, high = check_scale(scale)
    columns = list(columns)
    check_numeric_columns(df, columns, name, allow_nan=True)
    for column in columns:
        numeric = pd.to_numeric(df[column], errors="coerce")
        outside = (numeric < low) | (numeric > high)
        if outside.any():
            example = numeric[outside].iloc[0]
            example = int(example) if float(example).is_integer() else float(example)
            raise LogilabInputError(
                _message(
                    name,
                    f"column {column!r} to hold answers from {low:g} to {high:g}",
                    f"values outside the scale such as {example!r} in {format_rows(df.index[outside])}",
                    "Correct those cells, or pass scale=(lowest, highest) if the questionnaire uses another scale.",
                )
            )


def check_item_mapping(mapping: Any, name: str) -> dict[str, list[str]]:
    """Check a ``{group: [item, ...]}`` mapping: every group has items, no item is used twice.

    Examples
    --------
    >>> check_item_mapping({"reliability": ["rel1", "rel2"]}, "dimensions")
    {'reliability': ['rel1', 'rel2']}
    >>> check_item_mapping({"a": ["x1"], "b": ["x1", "x2"]}, "dimensions")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: dimensions: expected every item in one group only, found 'x1' in 'a' and 'b'. Remove the item from one of the groups.
    """
    if not isinstance(mapping, Mapping) or not mapping:
        raise LogilabTypeError(
            _message(
                name,
                "a non-empty mapping {group: [items]}",
                f"{type(mapping).__name__} {mapping!r}",
                "Pass e.g. {'reliability': ['rel1', 'rel2']}.",
            )
        )
    checked: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for group, items in mapping.items():
        items = [items] if isinstance(items, str) else list(items) if isinstance(items, Iterable) else None
        if not items:
            raise LogilabInputError(
                _message(name, f"at least one item for {group!r}", repr(mapping[group]), "List the item names of that group.")
            )
        for item in items:
            if item in owner:
                raise LogilabInputError(
                    _message(
                        name,
                        "every item in one group only",
                        f"{item!r} in {owner[item]!r} and {group!r}",
                        "Remove the item from one of the groups.",
                    )
                )
            owner[item] = group
        checked[group] = [str(i) for i in items]
    return checked


def check_weight_mapping(weights: Any, keys: Sequence[str], name: str) -> pd.Series:
    """Check weights given per key (points out of 100, fractions, ...) and normalise them to sum to 1.

    Examples
    --------
    >>> check_weight_mapping({"a": 30, "b": 70}, ["a", "b"], "weights").tolist()
    [0.3, 0.7]
    >>> check_weight_mapping({"a": 30}, ["a", "b"], "weights")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: weights: expected a weight for every one of ['a', 'b'], found no weight for ['b']. Give every key a weight (0 is allowed).
    """
    if not isinstance(weights, Mapping):
        raise LogilabTypeError(
            _message(name, "a mapping {key: weight}", f"{type(weights).__name__} {weights!r}", "Pass e.g. {'reliability': 30, ...}.")
        )
    keys = list(keys)
    missing = [k for k in keys if k not in weights]
    extra = [k for k in weights if k not in keys]
    if missing or extra:
        found = f"no weight for {missing}" if missing else f"unknown keys {extra}"
        raise LogilabInputError(_message(name, f"a weight for every one of {keys}", found, "Give every key a weight (0 is allowed)."))
    values = pd.Series({k: check_number(weights[k], f"{name}[{k!r}]", low=0) for k in keys}, dtype=float)
    if values.sum() <= 0:
        raise LogilabInputError(_message(name, "weights with a positive sum", "all weights 0", "Give at least one key a positive weight."))
    return values / values.sum()
