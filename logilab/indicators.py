"""Evaluation indicator systems (评价指标体系) and the normalisation of indicator values.

An indicator system is a hierarchy goal -> criteria -> indicators; every
indicator has a direction (benefit: larger is better, 正向指标; cost: smaller
is better, 负向指标) and a unit. :func:`normalize` brings indicators measured
in different units onto one comparable scale, turning cost indicators around
so that after normalisation larger is always better.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import (
    LogilabInputError,
    check_benefit,
    check_choice,
    check_dataframe,
    check_decision_matrix,
    check_no_missing,
    require_columns,
)

__all__ = [
    "IndicatorSystem",
    "indicator_system",
    "normalize",
    "indicator_means",
    "target_attainment",
    "NORMALIZATIONS",
]

NORMALIZATIONS = ("minmax", "vector", "sum")


@dataclass(frozen=True, repr=False)
class IndicatorSystem(Result):
    """A goal, its criteria and the indicators under each criterion.

    Attributes
    ----------
    goal : str
        The overall aim of the evaluation.
    table : DataFrame
        One row per indicator: ``criterion``, ``indicator``, ``direction``
        (``"benefit"`` / ``"cost"``), ``unit`` and ``label`` (a readable name).

    Examples
    --------
    >>> indicator_system({"及时性": {"on_time_rate": "benefit", "response_hours": "cost"}}, goal="服务质量")
    IndicatorSystem(goal='服务质量', criteria=1, indicators=2, benefit=1, cost=1; table 2 rows)
    """

    goal: str
    table: pd.DataFrame

    @property
    def criteria(self) -> list[str]:
        """The criteria in the order they were given."""
        return list(dict.fromkeys(self.table["criterion"]))

    @property
    def indicators(self) -> list[str]:
        """All indicators, criterion by criterion."""
        return self.table["indicator"].tolist()

    @property
    def benefit(self) -> dict[str, bool]:
        """``{indicator: True}`` for benefit indicators, ``False`` for cost indicators."""
        return dict(zip(self.table["indicator"], self.table["direction"].eq("benefit")))

    def groups(self) -> dict[str, list[str]]:
        """``{criterion: [indicators]}``."""
        return {c: part["indicator"].tolist() for c, part in self.table.groupby("criterion", sort=False)}

    def summary(self) -> dict[str, Any]:
        """The key numbers: the goal, criteria, indicators, benefit and cost indicators."""
        direction = self.table["direction"]
        return {
            "goal": self.goal,
            "criteria": len(self.criteria),
            "indicators": len(self.table),
            "benefit": int(direction.eq("benefit").sum()),
            "cost": int(direction.eq("cost").sum()),
        }


def indicator_system(spec: Mapping[str, Any] | pd.DataFrame, *, goal: str = "") -> IndicatorSystem:
    """Build an indicator system from a nested dict or from a table.

    Parameters
    ----------
    spec : dict or DataFrame
        Either ``{criterion: {indicator: {"direction": "benefit"|"cost", "unit": ..., "label": ...}}}``
        (``unit`` and ``label`` optional; a bare string value is taken as the
        direction), or a table with columns ``criterion``, ``indicator``,
        ``direction`` and optionally ``unit`` and ``label``.
    goal : str
        The goal at the top of the hierarchy.

    Returns
    -------
    IndicatorSystem
        ``goal`` and ``table`` (one row per indicator: criterion, indicator,
        direction, unit, label).

    Examples
    --------
    >>> system = indicator_system({"及时性": {"on_time_rate": "benefit", "cycle_days": {"direction": "cost", "unit": "days"}},
    ...                            "完整性": {"fill_rate": "benefit"}}, goal="服务质量")
    >>> system.criteria, system.indicators
    (['及时性', '完整性'], ['on_time_rate', 'cycle_days', 'fill_rate'])
    >>> system.benefit["cycle_days"]
    False
    """
    if isinstance(spec, pd.DataFrame):
        check_dataframe(spec, "spec")
        require_columns(spec, ["criterion", "indicator", "direction"], "spec")
        table = spec.copy()
    elif isinstance(spec, Mapping):
        rows = []
        for criterion, indicators in spec.items():
            if not isinstance(indicators, Mapping) or not indicators:
                raise LogilabInputError(
                    f"spec: expected a dict of indicators under criterion {criterion!r}, found {indicators!r}. "
                    "Write {criterion: {indicator: 'benefit' or 'cost'}}."
                )
            for indicator, info in indicators.items():
                info = {"direction": info} if isinstance(info, str) else dict(info)
                rows.append({"criterion": criterion, "indicator": indicator, **info})
        table = pd.DataFrame(rows)
    else:
        raise LogilabInputError(
            f"spec: expected a dict or a DataFrame, found {type(spec).__name__}. Pass {{criterion: {{indicator: direction}}}}."
        )
    for column, default in (("unit", ""), ("label", None)):
        if column not in table:
            table[column] = default
    table["label"] = table["label"].fillna(table["indicator"])
    directions = check_benefit(table["direction"].tolist(), table["indicator"].tolist(), "direction")
    table["direction"] = np.where(directions, "benefit", "cost")
    duplicated = table["indicator"][table["indicator"].duplicated()].tolist()
    if duplicated:
        raise LogilabInputError(f"spec: expected each indicator once, found {duplicated} more than once. Give indicators unique names.")
    table = table[["criterion", "indicator", "direction", "unit", "label"]].reset_index(drop=True)
    return IndicatorSystem(goal=goal, table=table)


def normalize(X: Any, *, benefit: Any = None, method: str = "minmax") -> pd.DataFrame:
    """Normalise indicator values column by column so that larger is better.

    Parameters
    ----------
    X : DataFrame or 2-D array
        Alternatives in rows, indicators in columns.
    benefit : None, str, list or dict
        Direction of each indicator (see :func:`logilab._validation.check_benefit`);
        ``None`` treats all as benefit indicators.
    method : {"minmax", "vector", "sum"}
        ``"minmax"`` (极差标准化, the Chinese textbook default): benefit
        ``(x - min) / (max - min)``, cost ``(max - x) / (max - min)``; the best
        value becomes 1, the worst 0. ``"vector"``: ``x / sqrt(sum x^2)`` (the
        TOPSIS normalisation). ``"sum"``: ``x / sum x``. Vector and sum
        normalisation keep proportions, so they do not turn cost indicators
        around; for them ``benefit`` only matters to the method that follows
        (TOPSIS picks the minimum of a cost column as its ideal value).

    Returns
    -------
    DataFrame
        Same shape and labels as ``X``. A min-max column whose values are all
        equal carries no information and becomes 1 everywhere (every
        alternative is as good as the best).

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
       Applications*. Berlin: Springer (vector normalisation, and linear scale transformations
       such as min-max).

    Examples
    --------
    >>> X = pd.DataFrame({"on_time": [0.90, 0.95, 1.00], "cost": [10.0, 8.0, 12.0]})
    >>> normalize(X, benefit={"on_time": "benefit", "cost": "cost"})
       on_time  cost
    0      0.0   0.5
    1      0.5   1.0
    2      1.0   0.0
    >>> normalize(X, method="sum").round(3)["cost"].tolist()
    [0.333, 0.267, 0.4]
    """
    table = check_decision_matrix(X)
    is_benefit = check_benefit(benefit, table.columns)
    check_choice(method, "method", NORMALIZATIONS)
    values = table.to_numpy()
    if method == "minmax":
        low, high = values.min(axis=0), values.max(axis=0)
        span = high - low
        safe = np.where(span > 0, span, 1.0)
        scaled = np.where(is_benefit, (values - low) / safe, (high - values) / safe)
        scaled[:, span == 0] = 1.0
    else:
        if (values < 0).any():
            raise LogilabInputError(
                f"X: expected values >= 0 for {method} normalisation, found negative values. Use method='minmax' or shift the column."
            )
        divisor = np.sqrt((values**2).sum(axis=0)) if method == "vector" else values.sum(axis=0)
        if (divisor == 0).any():
            zero = table.columns[divisor == 0].tolist()
            raise LogilabInputError(f"X: expected each column to hold a non-zero value, found only zeros in {zero}. Drop those indicators.")
        scaled = values / divisor
    return pd.DataFrame(scaled, index=table.index, columns=table.columns)


def indicator_means(data: pd.DataFrame, indicators: list[str], *, by: str = "warehouse") -> pd.DataFrame:
    """The mean of each indicator per entity (warehouse, provider, ...): the decision matrix of an evaluation.

    Parameters
    ----------
    data : DataFrame
        One row per entity and period.
    indicators : list of str
        The indicator columns.
    by : str, default "warehouse"
        The entity column.

    Returns
    -------
    DataFrame
        One row per entity (index ``by``), one column per indicator: the means.

    Examples
    --------
    >>> kpi = pd.DataFrame({"warehouse": ["A", "A", "B"], "otif": [0.8, 0.9, 0.7]})
    >>> indicator_means(kpi, ["otif"])
               otif
    warehouse
    A          0.85
    B          0.70
    """
    check_dataframe(data, "data")
    require_columns(data, [by, *indicators], "data")
    check_no_missing(data, [by], "data", used_in="by")
    return data.groupby(by, sort=True)[list(indicators)].mean()


def target_attainment(data: pd.DataFrame, targets: Mapping[str, float], *, benefit: Any = None, by: str = "warehouse") -> pd.DataFrame:
    """Share of periods in which each entity met each indicator's target.

    A benefit indicator meets its target when ``value >= target``, a cost
    indicator when ``value <= target``.

    Parameters
    ----------
    data : DataFrame
        One row per entity and period.
    targets : dict
        ``{indicator: target}``.
    benefit : None, str, list or dict
        Direction of each indicator (in the order of ``targets``).
    by : str
        The entity column.

    Returns
    -------
    DataFrame
        One row per entity (index ``by``), one column per indicator: the share
        of its rows that met the target, in [0, 1].

    Examples
    --------
    >>> kpi = pd.DataFrame({"warehouse": ["A", "A", "B", "B"], "otif": [0.9, 0.8, 0.95, 0.9], "late_days": [1, 3, 2, 2]})
    >>> target_attainment(kpi, {"otif": 0.88, "late_days": 2}, benefit=["benefit", "cost"])
               otif  late_days
    warehouse
    A           0.5        0.5
    B           1.0        1.0
    """
    check_dataframe(data, "data")
    indicators = list(targets)
    require_columns(data, [by, *indicators], "data")
    check_no_missing(data, [by], "data", used_in="by")
    is_benefit = check_benefit(benefit, indicators)
    met = pd.DataFrame(
        {c: (data[c] >= t) if up else (data[c] <= t) for (c, t), up in zip(targets.items(), is_benefit)},
        index=data.index,
    )
    met[by] = data[by]
    return met.groupby(by, sort=True)[indicators].mean()
