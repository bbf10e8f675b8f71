"""Customer value: delivered value, customer lifetime value (CLV) and the customer value matrix.

Two sides of one relationship, as the course puts them:

* the value the **customer** receives, 客户价值 / 顾客让渡价值 (customer delivered
  value) = 客户总价值 (total customer value: product, service, personnel and
  image value) - 客户总成本 (total customer cost: money, time, energy and
  psychic cost), see :func:`delivered_value`;
* the value the customer brings to the **company** over the relationship,
  客户终身价值 (customer lifetime value, CLV), see :func:`clv`,
  :func:`clv_schedule` and, estimated from an order history,
  :func:`customer_clv`;

and the 客户价值矩阵 (customer value matrix) that sorts customers by current
and potential value, see :func:`value_matrix`.

Time units
----------
CLV mixes three per-period quantities: the margin per period, the retention
rate per period and the discount rate per period. They must share one time
unit (all yearly, or all quarterly, ...). :func:`convert_rate` turns a yearly
rate into a quarterly or monthly one and back; :func:`customer_clv` estimates
margin and retention per ``period`` and converts the annual discount rate to
that period itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Real
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
    check_date_columns,
    check_no_missing,
    check_number,
    check_numeric_columns,
    require_columns,
)
from .i18n import label
from .periods import PERIODS

__all__ = [
    "VALUE_COMPONENTS",
    "COST_COMPONENTS",
    "EXAMPLE_VALUES",
    "EXAMPLE_COSTS",
    "PERIODS_PER_YEAR",
    "QUADRANTS",
    "DeliveredValue",
    "delivered_value",
    "margin_multiple",
    "clv",
    "clv_schedule",
    "convert_rate",
    "CustomerCLV",
    "customer_clv",
    "ValueMatrix",
    "value_matrix",
]

# The course's four components of total customer value and of total customer cost.
VALUE_COMPONENTS = ("product", "service", "personnel", "image")
COST_COMPONENTS = ("money", "time", "energy", "psychic")

# A worked example: three 3PL providers as one shipper sees them, in 万元 per year
# (each benefit and each sacrifice expressed as what it is worth to the shipper).
EXAMPLE_VALUES = pd.DataFrame(
    {"product": [60, 55, 48], "service": [25, 30, 18], "personnel": [10, 15, 6], "image": [10, 8, 8]},
    index=pd.Index(["A", "B", "C"], name="provider"),
)
EXAMPLE_COSTS = pd.DataFrame(
    {"money": [55, 60, 38], "time": [10, 6, 7], "energy": [5, 4, 4], "psychic": [5, 3, 3]},
    index=pd.Index(["A", "B", "C"], name="provider"),
)

PERIODS_PER_YEAR = {"year": 1, "quarter": 4, "month": 12, "week": 52, "day": 365}
_PANDAS_PERIOD = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D"}

# Quadrants of the value matrix: code -> (high current value?, high potential value?).
# Their names (zh, en) and suggested strategy live in logilab.i18n under "quadrant_<code>"
# and "strategy_<code>".
QUADRANTS = {"keep": (True, True), "grow": (False, True), "maintain": (True, False), "reduce": (False, False)}

_TOTALS = ("total_value", "total_cost", "delivered_value", "value_ratio", "rank")


# --- delivered value ----------------------------------------------------------------


def _components_frame(components: Any, name: str) -> tuple[pd.DataFrame, bool]:
    """One row per provider, one column per component; also whether the input was one provider."""
    if isinstance(components, pd.DataFrame):
        frame, single = components.copy(), False
    elif isinstance(components, (pd.Series, Mapping)):
        frame, single = pd.DataFrame([dict(components)]), True
    else:
        raise LogilabTypeError(
            f"{name}: expected a mapping or Series {{component: amount}} for one provider, or a DataFrame with one row per "
            f"provider, found {type(components).__name__}. Pass e.g. {{'product': 60, 'service': 25}}."
        )
    if frame.shape[1] == 0 or len(frame) == 0:
        raise LogilabInputError(
            f"{name}: expected at least one component and one provider, found an empty table. Give every component an amount."
        )
    frame.columns = [str(c) for c in frame.columns]
    check_numeric_columns(frame, frame.columns, name, low=0)
    return frame.apply(pd.to_numeric).astype(float), single


@dataclass(frozen=True, repr=False)
class DeliveredValue(Result):
    """Delivered value of one or several providers, with the components it was summed from.

    Attributes
    ----------
    table : Series or DataFrame
        For one provider a Series, for several one row per provider: the
        components, ``total_value``, ``total_cost``, ``delivered_value`` and
        ``value_ratio`` (several providers also ``rank``).
    value_components : list of str
        The columns summed into ``total_value``.
    cost_components : list of str
        The columns summed into ``total_cost``.

    Examples
    --------
    >>> result = delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS)
    >>> result
    DeliveredValue(providers=3, chosen='B', delivered_value=35, value_ratio=1.479; table 3 rows)
    >>> result.value_components, result.cost_components
    (['product', 'service', 'personnel', 'image'], ['money', 'time', 'energy', 'psychic'])
    """

    table: pd.Series | pd.DataFrame
    value_components: list[str] = field(default_factory=list)
    cost_components: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Providers, the provider ranked first, its delivered value and value ratio (for one provider: its totals)."""
        if isinstance(self.table, pd.Series):
            return {key: float(self.table[key]) for key in ("total_value", "total_cost", "delivered_value", "value_ratio")}
        first = self.table.sort_values("rank", kind="stable").iloc[0]
        return {
            "providers": len(self.table),
            "chosen": first.name,
            "delivered_value": float(first["delivered_value"]),
            "value_ratio": float(first["value_ratio"]),
        }

    def _rows(self) -> str:
        return "" if isinstance(self.table, pd.Series) else super()._rows()


def delivered_value(values: Any, costs: Any, *, rank_by: str = "difference") -> DeliveredValue:
    """Total customer value, total customer cost and the customer's delivered value.

    客户价值 (delivered value) = 客户总价值 TV - 客户总成本 TC, where TV sums the
    value components (product, service, personnel, image value) and TC the cost
    components (money, time, energy, psychic cost). The value ratio TV / TC is
    reported beside it: above 1 the customer gets more than it gives up.

    Parameters
    ----------
    values, costs : mapping, Series or DataFrame
        For one provider, a mapping ``{component: amount}``; for several, a
        DataFrame with one row per provider (the index names the providers) and
        one column per component, the same providers in both. Any component
        names may be used (the course's four are :data:`VALUE_COMPONENTS` and
        :data:`COST_COMPONENTS`); all amounts in one unit (e.g. 万元 per year)
        and >= 0.
    rank_by : {"difference", "ratio"}, default "difference"
        Rank providers by delivered value TV - TC (the course's definition:
        the customer chooses the largest difference) or by the value ratio
        TV / TC (the ratio form some texts use).

    Returns
    -------
    DeliveredValue
        ``table``, a Series (one provider) or a DataFrame (one row per
        provider): the components, then ``total_value``, ``total_cost``,
        ``delivered_value`` and ``value_ratio``; a DataFrame also has ``rank``
        (1 = the provider the customer would choose; ties share a rank).
        ``value_components`` and ``cost_components`` name the columns summed.

    References
    ----------
    .. [1] Kotler, P., & Keller, K. L. (2016). *Marketing Management* (15th ed.). Harlow:
       Pearson (customer perceived value: total customer benefit - total customer cost;
       earlier editions call it customer delivered value, 顾客让渡价值).

    Examples
    --------
    >>> delivered_value({"product": 60, "service": 25, "personnel": 10, "image": 10},
    ...                 {"money": 55, "time": 10, "energy": 5, "psychic": 5}).table[-4:]
    total_value        105.0
    total_cost          75.0
    delivered_value     30.0
    value_ratio          1.4
    dtype: float64
    >>> table = delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS).table
    >>> table[["total_value", "total_cost", "delivered_value", "value_ratio", "rank"]].round(3)
              total_value  total_cost  delivered_value  value_ratio  rank
    provider
    A               105.0        75.0             30.0        1.400     2
    B               108.0        73.0             35.0        1.479     1
    C                80.0        52.0             28.0        1.538     3
    >>> delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS, rank_by="ratio").table["rank"].tolist()
    [3, 2, 1]
    """
    check_choice(rank_by, "rank_by", ["difference", "ratio"])
    value_frame, single_value = _components_frame(values, "values")
    cost_frame, single_cost = _components_frame(costs, "costs")
    if single_value != single_cost:
        raise LogilabTypeError(
            "values, costs: expected both for one provider (mappings) or both for several (DataFrames), "
            "found one of each. Pass two DataFrames with the same providers as index, or two mappings."
        )
    clash = sorted(set(value_frame.columns) & set(cost_frame.columns)) or sorted(
        (set(value_frame.columns) | set(cost_frame.columns)) & set(_TOTALS)
    )
    if clash:
        raise LogilabInputError(
            f"values, costs: expected distinct component names, found {clash} used twice or as a result name. "
            "Rename those components (e.g. 'service' for a value and 'money' for a cost)."
        )
    if not single_value:
        missing = [p for p in value_frame.index if p not in cost_frame.index]
        extra = [p for p in cost_frame.index if p not in value_frame.index]
        if missing or extra or value_frame.index.has_duplicates:
            raise LogilabInputError(
                f"costs: expected one row for each provider of values {list(value_frame.index)}, found "
                f"no costs for {missing} and costs for unknown {extra}. Use the same provider labels as the index of both tables."
            )
        cost_frame = cost_frame.loc[value_frame.index]
    table = pd.concat([value_frame, cost_frame], axis=1)
    table["total_value"] = value_frame.sum(axis=1)
    table["total_cost"] = cost_frame.sum(axis=1)
    no_cost = table["total_cost"] <= 0
    if no_cost.any():
        rows = list(table.index[no_cost])
        raise LogilabInputError(
            f"costs: expected a total cost > 0 (the value ratio TV / TC divides by it), found 0 for provider(s) {rows}. "
            "Every offer costs the customer something: enter at least its money cost."
        )
    table["delivered_value"] = table["total_value"] - table["total_cost"]
    table["value_ratio"] = table["total_value"] / table["total_cost"]
    # which columns are values and which are costs, for figures drawing the two stacks
    components = {"value_components": list(value_frame.columns), "cost_components": list(cost_frame.columns)}
    if single_value:
        return DeliveredValue(table=table.iloc[0].rename(None), **components)
    key = "delivered_value" if rank_by == "difference" else "value_ratio"
    table["rank"] = table[key].rank(ascending=False, method="min").astype(int)
    return DeliveredValue(table=table, **components)


# --- customer lifetime value ----------------------------------------------------------


def _multiple(retention: Any, discount_rate: Any, periods: int | None, upfront: bool) -> Any:
    """CLV per unit of margin: sum over t of r^t / (1 + i)^t (t from 1, or from 0 when up front)."""
    q = np.asarray(retention, dtype=float) / (1.0 + np.asarray(discount_rate, dtype=float))
    if periods is None:
        tail = q / (1.0 - q)
    else:
        # finite geometric sum q + q^2 + ... + q^T, written so that q = 0 needs no special case
        tail = np.where(np.isclose(q, 1.0), float(periods), q * (1.0 - q**periods) / np.where(np.isclose(q, 1.0), 1.0, 1.0 - q))
    return tail + 1.0 if upfront else tail


def _check_clv_inputs(retention: Any, discount_rate: Any, periods: Any) -> tuple[float, float, int | None]:
    retention = _check_retention(retention, "retention")
    discount_rate = _check_discount_rate(discount_rate, "discount_rate")
    periods = None if periods is None else _check_periods(periods, "periods")
    if periods is None and retention >= 1.0 + discount_rate:
        raise LogilabInputError(
            f"retention: expected retention < 1 + discount_rate for the infinite-horizon CLV, found retention {retention:g} "
            f"and discount_rate {discount_rate:g}: the sum of m r^t / (1 + i)^t diverges (grows without bound). "
            "Pass a finite horizon periods=T, or a discount rate above retention - 1."
        )
    return retention, discount_rate, periods


def margin_multiple(retention: float, discount_rate: float, *, upfront: bool = False) -> float:
    """How many per-period margins one customer is worth: r / (1 + i - r).

    Gupta & Lehmann ("Customers as Assets", Journal of Interactive Marketing
    17(1), 2003) call this the margin multiple: with constant margin m,
    retention r and discount rate i per period, CLV = m * r / (1 + i - r).
    With ``upfront=True`` a margin is also earned at time 0, and the multiple
    is (1 + i) / (1 + i - r).

    Parameters
    ----------
    retention : float
        Retention rate r per period, in [0, 1).
    discount_rate : float
        Discount rate i per period, > -1, in the same time unit as ``retention``.
    upfront : bool, default False
        Count a margin at time 0 as well (adds 1 to the multiple).

    Returns
    -------
    float
        CLV per unit of margin per period: ``clv(m, r, i) == m * margin_multiple(r, i)``.

    References
    ----------
    .. [1] Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive
       Marketing*, 17(1), 9-24.

    Examples
    --------
    >>> round(margin_multiple(0.8, 0.12), 4)
    2.5
    >>> round(margin_multiple(0.8, 0.12, upfront=True), 4)
    3.5
    """
    retention, discount_rate, _ = _check_clv_inputs(retention, discount_rate, None)
    return float(_multiple(retention, discount_rate, None, upfront))


def clv(margin: float, retention: float, discount_rate: float, *, periods: int | None = None, upfront: bool = False) -> float:
    """Customer lifetime value of one customer with constant margin, retention and discount rate.

    CLV = sum over t = 1 .. T of m r^t / (1 + i)^t. Following Gupta & Lehmann
    (2003), the first margin arrives at the end of period 1, after the customer
    has been retained once; with ``periods=None`` the horizon is infinite and
    the sum is m r / (1 + i - r). With ``upfront=True`` the customer also pays
    a margin m at time 0 (a new customer's first purchase), which adds m.

    Parameters
    ----------
    margin : float
        Margin per period m (revenue minus the cost to serve), e.g. 元 per year.
        It may be negative: an unprofitable customer has a negative CLV.
    retention : float
        Retention rate r per period, in [0, 1): the probability that a customer
        of this period is still a customer in the next.
    discount_rate : float
        Discount rate i per period, > -1 (a yearly cost of capital of 10 % is
        about 2.41 % per quarter, see :func:`convert_rate`).
    periods : int, optional
        Horizon T in periods; ``None`` (default) for the infinite horizon.
    upfront : bool, default False
        Add a margin at time 0.

    All three rates refer to the same period: a yearly margin goes with a
    yearly retention and a yearly discount rate.

    Raises
    ------
    LogilabInputError
        If retention is outside [0, 1), the discount rate <= -1, the horizon not
        a positive whole number, or the infinite sum diverges (r >= 1 + i,
        possible with a negative discount rate).

    Returns
    -------
    float
        The customer lifetime value, in the unit of ``margin``.

    References
    ----------
    .. [1] Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive
       Marketing*, 17(1), 9-24.
    .. [2] Berger, P. D., & Nasr, N. I. (1998). Customer lifetime value: Marketing models and
       applications. *Journal of Interactive Marketing*, 12(1), 17-30.

    Examples
    --------
    Gupta & Lehmann's margin multiple: m = 100 per year, r = 0.8, i = 0.12:

    >>> round(clv(100, 0.8, 0.12), 6)
    250.0
    >>> round(clv(100, 0.8, 0.12, periods=3), 2)  # 71.43 + 51.02 + 36.44, see clv_schedule
    158.89
    >>> round(clv(100, 0.8, 0.12, upfront=True), 6)
    350.0
    """
    margin = check_number(margin, "margin")
    retention, discount_rate, periods = _check_clv_inputs(retention, discount_rate, periods)
    return float(margin * _multiple(retention, discount_rate, periods, upfront))


def clv_schedule(margin: float, retention: float, discount_rate: float, *, periods: int, upfront: bool = False) -> pd.DataFrame:
    """Period-by-period steps of the CLV sum, so the number can be traced.

    Parameters
    ----------
    margin : float
        Margin per period m (may be negative).
    retention : float
        Retention rate r per period, in [0, 1).
    discount_rate : float
        Discount rate i per period, > -1.
    periods : int
        Horizon T in periods (a positive whole number; the schedule needs an end).
    upfront : bool, default False
        Start at t = 0 with a margin earned at once.

    Returns
    -------
    DataFrame
        One row per period ``t`` (0 first when ``upfront``): ``survival`` r^t
        (the share of customers still active), ``discount_factor`` 1 / (1 + i)^t,
        ``expected_margin`` m r^t, ``discounted_margin`` m r^t / (1 + i)^t and
        ``cumulative_clv``, whose last value equals ``clv(..., periods=T)``.

    References
    ----------
    .. [1] Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive
       Marketing*, 17(1), 9-24.

    Examples
    --------
    >>> print(clv_schedule(100, 0.8, 0.12, periods=3).round(4).to_string())
       t  survival  discount_factor  expected_margin  discounted_margin  cumulative_clv
    0  1     0.800           0.8929             80.0            71.4286         71.4286
    1  2     0.640           0.7972             64.0            51.0204        122.4490
    2  3     0.512           0.7118             51.2            36.4431        158.8921
    """
    margin = check_number(margin, "margin")
    retention, discount_rate, periods = _check_clv_inputs(retention, discount_rate, _check_periods(periods, "periods"))
    t = np.arange(0 if upfront else 1, periods + 1)
    survival = retention**t
    discount_factor = (1.0 + discount_rate) ** -t.astype(float)
    discounted = margin * survival * discount_factor
    return pd.DataFrame(
        {
            "t": t,
            "survival": survival,
            "discount_factor": discount_factor,
            "expected_margin": margin * survival,
            "discounted_margin": discounted,
            "cumulative_clv": np.cumsum(discounted),
        }
    )


def convert_rate(rate: float, *, kind: str, from_period: str = "year", to_period: str) -> float:
    """Express a discount or retention rate per another period length.

    A discount rate compounds: (1 + i_year) = (1 + i_quarter)^4. A retention
    rate is a survival probability: r_year = r_quarter^4.

    Parameters
    ----------
    rate : float
        The rate per ``from_period``.
    kind : {"discount", "retention"}
        ``"discount"`` compounds, ``"retention"`` multiplies survival probabilities.
    from_period : {"day", "week", "month", "quarter", "year"}, default "year"
        The period ``rate`` refers to.
    to_period : {"day", "week", "month", "quarter", "year"}
        The period to express it per (a year has 1, 4, 12, 52 or 365 of them,
        see :data:`PERIODS_PER_YEAR`).

    Returns
    -------
    float
        The same rate per ``to_period``.

    Examples
    --------
    >>> round(convert_rate(0.10, kind="discount", to_period="quarter"), 5)
    0.02411
    >>> round(convert_rate(0.9, kind="retention", from_period="month", to_period="year"), 4)
    0.2824
    """
    check_choice(kind, "kind", ["discount", "retention"])
    check_choice(from_period, "from_period", list(PERIODS_PER_YEAR))
    check_choice(to_period, "to_period", list(PERIODS_PER_YEAR))
    power = PERIODS_PER_YEAR[from_period] / PERIODS_PER_YEAR[to_period]
    if kind == "discount":
        return float((1.0 + _check_discount_rate(rate, "rate")) ** power - 1.0)
    return float(check_number(rate, "rate", low=0, high=1) ** power)


@dataclass(frozen=True, repr=False)
class CustomerCLV(Result):
    """CLV per customer estimated from an order history, with the steps that led to it.

    Attributes
    ----------
    table : DataFrame
        One row per customer (index: customer id): ``first_period``,
        ``periods_observed`` (from the first order's period to the last period
        of the history), ``active_periods``, ``total_margin``,
        ``margin_per_period``, ``transitions`` (periods after which the customer
        could be retained: active periods before the last one), ``retained``
        (of those, how many were followed by an active period), ``retention``
        (the rate used for this customer), ``margin_multiple`` and ``clv``.
    retention_by_period : DataFrame
        Per period t: ``active_before`` (customers active in t - 1),
        ``retained`` (of those, active again in t) and ``retention``.
    retention : float
        The pooled retention rate: all retained / all active_before.
    discount_rate : float
        The discount rate per period used.
    period : str
        The time unit of margin, retention and discount rate.
    horizon : int or None
        Number of future periods (None: infinite).

    Examples
    --------
    >>> lines = pd.DataFrame({"customer_id": ["C1", "C2", "C1", "C1"],
    ...                       "order_date": ["2025-01-10", "2025-01-20", "2025-04-02", "2025-07-15"],
    ...                       "revenue": [500.0, 200.0, 300.0, 400.0], "cost": [300.0, 150.0, 200.0, 250.0]})
    >>> result = customer_clv(lines, annual_discount_rate=0.0)
    >>> result.period, result.retention, result.horizon
    ('quarter', 0.6666666666666666, None)
    >>> result.retention_by_period
        period  active_before  retained  retention
    0  2025Q2              2         1        0.5
    1  2025Q3              1         1        1.0
    """

    table: pd.DataFrame
    retention_by_period: pd.DataFrame
    retention: float
    discount_rate: float
    period: str
    horizon: int | None

    def summary(self) -> dict[str, Any]:
        """Customers, the pooled retention and discount rate per period, and the total and mean CLV."""
        return {
            "customers": len(self.table),
            "period": self.period,
            "retention": self.retention,
            "discount_rate": self.discount_rate,
            "horizon": self.horizon,
            "total_clv": float(self.table["clv"].sum()),
            "mean_clv": float(self.table["clv"].mean()),
        }


def customer_clv(
    lines: pd.DataFrame,
    *,
    period: str = "quarter",
    horizon: int | None = None,
    annual_discount_rate: float = 0.10,
    retention: str | float = "pooled",
    smoothing: float = 2.0,
    customer: str = "customer_id",
    date: str = "order_date",
    margin: str | None = None,
    amount: str = "revenue",
    cost: str = "cost",
    engine: str | None = None,
) -> CustomerCLV:
    """Estimate margin per period and retention from an order history, then CLV per customer.

    How the inputs of :func:`clv` are estimated
    --------------------------------------------
    The history is cut into calendar periods (``period``: day, week, month,
    quarter or year) from the first to the last date in ``lines``; a customer is
    *active* in a period when it has at least one row (order or order line)
    there.

    * **Margin per period** m: the customer's total margin (``margin`` column,
      or ``amount - cost``) divided by the number of periods from the period of
      its first order to the last period of the history, empty periods
      included. A customer who stopped ordering thus has a falling m.
    * **Retention** r: of the customers active in period t - 1, the share that
      is active again in period t, pooled over every pair of consecutive
      periods (``retention="pooled"``, the default: one rate for everyone, as in
      Gupta & Lehmann). ``retention="customer"`` gives each customer its own
      rate, (retained + s * pooled) / (transitions + s) with ``s = smoothing``,
      i.e. its own repeat share pulled towards the pooled rate, so that a
      customer with few periods is not given a rate of 0 or 1. A number sets r
      for everyone.
    * **Discount rate** i per period: ``annual_discount_rate`` converted to the
      period, (1 + i_year)^(1 / k) - 1 with k periods per year.

    CLV = m r / (1 + i - r) (infinite horizon) or the sum over ``horizon``
    periods, all in the time unit ``period``: margin per quarter, quarterly
    retention, quarterly discount rate when ``period="quarter"``.

    Activity-based retention depends on the period length: a customer who orders
    every two months looks lost in half of the months but is retained in every
    quarter. Choose a period at least as long as the usual gap between orders
    (quarter, the default, suits the sample company's contract customers), and
    cut a partial last period off the lines first.

    Parameters
    ----------
    lines : DataFrame or another frame
        Orders or order lines with a customer, a date and either a margin column
        or amount and cost columns (e.g. ``load_sample("order_lines")``).
    period : {"day", "week", "month", "quarter", "year"}, default "quarter"
        The time unit of margin, retention, discount rate and horizon.
    horizon : int, optional
        Future periods counted; None (default) for the infinite horizon.
    annual_discount_rate : float, default 0.10
        Yearly cost of capital; converted to ``period``.
    retention : "pooled", "customer" or float, default "pooled"
        One pooled rate for everyone, a smoothed rate per customer, or a
        given rate per period in [0, 1) for everyone.
    smoothing : float, default 2.0
        Pseudo-transitions at the pooled rate for ``retention="customer"`` (> 0,
        so that no customer gets a retention of exactly 0 or 1 from a short history).
    customer, date, margin, amount, cost : str
        Column names in ``lines`` (``amount`` is the revenue of the row). Amount and cost must be >= 0; a margin
        column may be negative. Defaults: ``"customer_id"``, ``"order_date"``, ``None`` (then
        ``amount - cost`` is the margin), ``"revenue"``, ``"cost"``.
    engine : {None, "pandas", "duckdb"}, optional
        Where the lines are summed per customer and day: ``None`` on the frame's
        own engine (a Polars, DuckDB, PyArrow or Dask frame works too, see
        :mod:`logilab.engines`), ``"duckdb"`` hands a pandas frame to DuckDB.
        The estimate then goes on in pandas; the results are the same.

    Returns
    -------
    CustomerCLV
        ``table`` holds the estimates and the CLV per customer,
        ``retention_by_period`` the pooled retention step by step; ``summary()``
        gives the totals.

    References
    ----------
    .. [1] Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive
       Marketing*, 17(1), 9-24.

    Examples
    --------
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["C1", "C1", "C2", "C1", "C3"],
    ...     "order_date": ["2025-01-10", "2025-04-02", "2025-01-20", "2025-07-15", "2025-07-01"],
    ...     "revenue": [500.0, 300.0, 200.0, 400.0, 100.0],
    ...     "cost": [300.0, 200.0, 150.0, 250.0, 60.0],
    ... })
    >>> result = customer_clv(lines, annual_discount_rate=0.0)
    >>> round(result.retention, 4)  # Q1 -> Q2: C1 of C1, C2; Q2 -> Q3: C1 of C1
    0.6667
    >>> result.table[["periods_observed", "margin_per_period", "clv"]].round(2)
                 periods_observed  margin_per_period     clv
    customer_id
    C1                          3             150.00  300.00
    C2                          3              16.67   33.33
    C3                          1              40.00   80.00
    """
    if engine is not None or not isinstance(lines, pd.DataFrame):  # the engine sums per customer and day; pandas goes on
        from .engines import customer_days

        numbers, low = ({"margin": margin}, None) if margin is not None else ({"amount": amount, "cost": cost}, 0)
        lines = customer_days(lines, engine=engine, customer=customer, date=date, numbers=numbers, low=low)
    check_dataframe(lines, "lines")
    check_choice(period, "period", list(PERIODS))
    horizon = None if horizon is None else _check_periods(horizon, "horizon")
    annual_discount_rate = _check_discount_rate(annual_discount_rate, "annual_discount_rate")
    smoothing = check_number(smoothing, "smoothing", low=0, low_inclusive=False)
    if isinstance(retention, str):
        check_choice(retention, "retention", ["pooled", "customer"])
    else:
        retention = _check_retention(retention, "retention")
    columns = {"customer": customer, "date": date, **({"margin": margin} if margin is not None else {"amount": amount, "cost": cost})}
    require_columns(lines, columns, "lines")
    check_no_missing(lines, [customer], "lines")
    dates = check_date_columns(lines, [date], "lines")[date]
    if margin is not None:
        check_numeric_columns(lines, [margin], "lines")
        margins = pd.to_numeric(lines[margin]).to_numpy(dtype=float)
    else:
        check_numeric_columns(lines, [amount, cost], "lines", low=0)
        margins = (pd.to_numeric(lines[amount]) - pd.to_numeric(lines[cost])).to_numpy(dtype=float)

    # customers x periods grids of activity and margin
    ordinals = pd.PeriodIndex(dates.dt.to_period(_PANDAS_PERIOD[period])).asi8
    column = ordinals - ordinals.min()
    n_periods = int(column.max()) + 1
    if n_periods < 2:
        raise LogilabInputError(
            f"lines: expected orders in at least two {period}s (retention compares consecutive periods), found one. "
            "Use a longer history or a shorter period."
        )
    row, ids = pd.factorize(lines[customer], sort=True)
    active = np.zeros((len(ids), n_periods), dtype=bool)
    active[row, column] = True
    total_margin = np.bincount(row, weights=margins, minlength=len(ids))

    before, after = active[:, :-1], active[:, 1:]
    active_before = before.sum(axis=0)
    retained_per_period = (before & after).sum(axis=0)
    pooled = float(retained_per_period.sum() / active_before.sum())
    first = active.argmax(axis=1)
    periods_observed = n_periods - first
    transitions = before.sum(axis=1)
    retained = (before & after).sum(axis=1)
    if isinstance(retention, str) and pooled >= 1.0:
        raise LogilabInputError(
            "lines: expected some customers to be lost between periods, found every active customer active again in the next "
            f"{period}, so retention cannot be estimated below 1. Use a longer history or pass retention=<rate>."
        )
    if retention == "pooled":
        rates = np.full(len(ids), pooled)
    elif retention == "customer":
        rates = (retained + smoothing * pooled) / np.maximum(transitions + smoothing, 1e-12)
        rates = np.where(transitions + smoothing > 0, rates, pooled)
    else:
        rates = np.full(len(ids), float(retention))
    discount_rate = convert_rate(annual_discount_rate, kind="discount", to_period=period)
    if horizon is None and (rates >= 1.0 + discount_rate).any():
        _check_clv_inputs(float(rates.max()), discount_rate, None)  # raises: the infinite sum diverges
    multiple = _multiple(rates, discount_rate, horizon, False)
    margin_per_period = total_margin / periods_observed

    labels = pd.period_range(start=pd.Period(ordinal=int(ordinals.min()), freq=_PANDAS_PERIOD[period]), periods=n_periods)
    customers = pd.DataFrame(
        {
            "first_period": labels[first].astype(str),
            "periods_observed": periods_observed,
            "active_periods": active.sum(axis=1),
            "total_margin": total_margin,
            "margin_per_period": margin_per_period,
            "transitions": transitions,
            "retained": retained,
            "retention": rates,
            "margin_multiple": multiple,
            "clv": margin_per_period * multiple,
        },
        index=pd.Index(ids, name=customer),
    )
    by_period = pd.DataFrame(
        {
            "period": labels[1:].astype(str),
            "active_before": active_before,
            "retained": retained_per_period,
            "retention": retained_per_period / np.maximum(active_before, 1),
        }
    )
    return CustomerCLV(customers, by_period, pooled, discount_rate, period, horizon)


# --- customer value matrix --------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class ValueMatrix(Result):
    """Customers sorted into the four quadrants of the customer value matrix.

    Attributes
    ----------
    table : DataFrame
        Per customer: ``current_value``, ``potential_value``, ``quadrant``
        (code), ``quadrant_zh`` and ``quadrant_en``.
    current_cut, potential_cut : float
        The cut points; a value at or above its cut counts as high.
    by_quadrant : DataFrame
        Per quadrant (keep, grow, maintain, reduce): names, suggested strategy,
        ``customers``, ``share`` of customers, summed ``current_value`` and its
        ``current_share``, summed ``potential_value``.

    Examples
    --------
    >>> current = pd.Series({"C1": 900.0, "C2": 100.0, "C3": 800.0, "C4": 50.0})
    >>> potential = pd.Series({"C1": 60.0, "C2": 90.0, "C3": 10.0, "C4": 20.0})
    >>> matrix = value_matrix(current, potential)
    >>> matrix.by_quadrant[["customers", "share", "current_value", "current_share"]]
              customers  share  current_value  current_share
    quadrant
    keep              1   0.25          900.0       0.486486
    grow              1   0.25          100.0       0.054054
    maintain          1   0.25          800.0       0.432432
    reduce            1   0.25           50.0       0.027027
    """

    table: pd.DataFrame
    current_cut: float
    potential_cut: float
    by_quadrant: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        """Customers, the two cut points and the number of customers in each quadrant."""
        return {
            "customers": len(self.table),
            "current_cut": self.current_cut,
            "potential_cut": self.potential_cut,
            **{code: int(n) for code, n in self.by_quadrant["customers"].items()},
        }


def _as_series(values: Any, name: str) -> pd.Series:
    if isinstance(values, pd.Series):
        series = values
    elif isinstance(values, (list, tuple, np.ndarray, pd.Index)):
        series = pd.Series(np.asarray(values))
    else:
        raise LogilabTypeError(
            f"{name}: expected a Series (one value per customer), found {type(values).__name__}. Pass e.g. table['clv']."
        )
    frame = series.to_frame(name=name)
    check_numeric_columns(frame, [name], name)
    return pd.to_numeric(series).astype(float)


def _cut(values: pd.Series, split: Any, position: int) -> float:
    if split == "median":
        return float(values.median())
    if split == "mean":
        return float(values.mean())
    return check_number(split[position], f"split[{position}]")


def value_matrix(current_value: Any, potential_value: Any, *, split: str | tuple[float, float] = "median") -> ValueMatrix:
    """Sort customers by current and potential value into four quadrants.

    * current value: what the customer is worth if it keeps its present
      behaviour, e.g. its CLV from :func:`customer_clv`;
    * potential value: what more it could bring, e.g. its total logistics
      spend (``potential_spend`` in the sample customers), of which the
      company has only a share so far.

    ======== ============= ========== ==================
    current   potential     quadrant   名称
    ======== ============= ========== ==================
    high      high          keep       核心客户
    low       high          grow       潜力客户
    high      low           maintain   维持型客户
    low       low           reduce     精简服务客户
    ======== ============= ========== ==================

    Parameters
    ----------
    current_value, potential_value : Series
        One value per customer, with the same labels (order may differ).
    split : "median", "mean" or (current_cut, potential_cut), default "median"
        Where high begins; a value equal to the cut counts as high. The median
        puts half of the customers on each side of each axis; the mean is
        pulled up by a few large customers, so fewer customers count as high.

    Returns
    -------
    ValueMatrix
        ``table`` (quadrant per customer), the two cut points and ``summary``
        (customers, shares and values per quadrant).

    Examples
    --------
    >>> current = pd.Series({"C1": 900.0, "C2": 100.0, "C3": 800.0, "C4": 50.0})
    >>> potential = pd.Series({"C1": 60.0, "C2": 90.0, "C3": 10.0, "C4": 20.0})
    >>> matrix = value_matrix(current, potential)
    >>> matrix.current_cut, matrix.potential_cut
    (450.0, 40.0)
    >>> matrix.table[["quadrant", "quadrant_zh"]]
       quadrant quadrant_zh
    C1     keep        核心客户
    C2     grow        潜力客户
    C3 maintain       维持型客户
    C4   reduce      精简服务客户
    """
    current = _as_series(current_value, "current_value")
    potential = _as_series(potential_value, "potential_value")
    if current.index.has_duplicates:
        raise LogilabInputError(
            f"current_value: expected one value per customer, found repeated labels {list(current.index[current.index.duplicated()][:5])}. "
            "Aggregate per customer first."
        )
    missing = current.index.difference(potential.index)
    extra = potential.index.difference(current.index)
    if len(missing) or len(extra):
        raise LogilabInputError(
            f"potential_value: expected the same customers as current_value, found {len(missing)} without a potential value "
            f"(e.g. {list(missing[:5])}) and {len(extra)} without a current value (e.g. {list(extra[:5])}). "
            "Select the same customers in both, e.g. potential.reindex(current.index)."
        )
    potential = potential.loc[current.index]
    if not isinstance(split, str):
        if not isinstance(split, (tuple, list)) or len(split) != 2:
            raise LogilabInputError(
                f"split: expected 'median', 'mean' or a pair (current_cut, potential_cut), found {split!r}. Pass e.g. split=(1000, 50)."
            )
    else:
        check_choice(split, "split", ["median", "mean"])
    current_cut, potential_cut = _cut(current, split, 0), _cut(potential, split, 1)
    high_current = (current >= current_cut).to_numpy()
    high_potential = (potential >= potential_cut).to_numpy()
    codes = np.select(
        [high_current & high_potential, ~high_current & high_potential, high_current & ~high_potential],
        ["keep", "grow", "maintain"],
        default="reduce",
    )
    table = pd.DataFrame({"current_value": current, "potential_value": potential, "quadrant": codes}, index=current.index)
    table["quadrant_zh"] = table["quadrant"].map({q: label(f"quadrant_{q}", "zh") for q in QUADRANTS})
    table["quadrant_en"] = table["quadrant"].map({q: label(f"quadrant_{q}", "en") for q in QUADRANTS})
    grouped = table.groupby("quadrant")
    summary = pd.DataFrame(
        {
            "quadrant_zh": [label(f"quadrant_{q}", "zh") for q in QUADRANTS],
            "quadrant_en": [label(f"quadrant_{q}", "en") for q in QUADRANTS],
            "strategy_zh": [label(f"strategy_{q}", "zh") for q in QUADRANTS],
            "strategy_en": [label(f"strategy_{q}", "en") for q in QUADRANTS],
            "customers": grouped.size().reindex(list(QUADRANTS), fill_value=0).to_numpy(),
            "current_value": grouped["current_value"].sum().reindex(list(QUADRANTS), fill_value=0.0).to_numpy(),
            "potential_value": grouped["potential_value"].sum().reindex(list(QUADRANTS), fill_value=0.0).to_numpy(),
        },
        index=pd.Index(list(QUADRANTS), name="quadrant"),
    )
    summary.insert(5, "share", summary["customers"] / len(table))
    total_current = float(current.sum())
    summary.insert(7, "current_share", summary["current_value"] / total_current if total_current else np.nan)
    return ValueMatrix(table, current_cut, potential_cut, summary)


# --- input checks of this topic ---------------------------------------------------------


def _check_retention(value: Any, name: str = "retention") -> float:
    """Check a retention rate per period: a number in [0, 1), given as a fraction.

    A retention of 1 (no customer ever lost) is excluded: with it the lifetime
    never ends and an infinite-horizon CLV has no meaning.

    Examples
    --------
    >>> _check_retention(0.8)
    0.8
    >>> _check_retention(80)
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: retention: expected a rate >= 0 and < 1 (a fraction per period), found 80. Give rates as fractions: 0.8, not 80.
    >>> _check_retention(1.0)
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: retention: expected a rate >= 0 and < 1 (a fraction per period), found 1.0. A retention of 1 means no customer is ever lost; use a value below 1, e.g. 0.95.
    """
    number = check_number(value, name)
    if 0 <= number < 1:
        return number
    if 1 < number <= 100:
        fix = "Give rates as fractions: 0.8, not 80."
    elif number == 1:
        fix = "A retention of 1 means no customer is ever lost; use a value below 1, e.g. 0.95."
    else:
        fix = "Use a value >= 0 and < 1."
    raise LogilabInputError(_message(name, "a rate >= 0 and < 1 (a fraction per period)", repr(value), fix))


def _check_discount_rate(value: Any, name: str = "discount_rate") -> float:
    """Check a discount rate per period: a number > -1 (a fraction, 0.12 for 12 %).

    Examples
    --------
    >>> _check_discount_rate(0.12)
    0.12
    >>> _check_discount_rate(-1)
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: discount_rate: expected a number > -1, found -1. Use a value > -1 (as a fraction: 0.12 for 12 %).
    """
    number = check_number(value, name)
    if number > -1:
        return number
    raise LogilabInputError(_message(name, "a number > -1", repr(value), "Use a value > -1 (as a fraction: 0.12 for 12 %)."))


def _check_periods(value: Any, name: str = "periods") -> int:
    """Check a number of periods: a whole number >= 1.

    Examples
    --------
    >>> _check_periods(10)
    10
    >>> _check_periods(2.5)
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: periods: expected a whole number >= 1, found 2.5. Pass a whole number of periods such as 10.
    """
    fix = "Pass a whole number of periods such as 10."
    if isinstance(value, bool) or not isinstance(value, (Real, np.number)):
        raise LogilabTypeError(_message(name, "a whole number >= 1", f"{type(value).__name__} {value!r}", fix))
    if not (float(value).is_integer() and value >= 1):
        raise LogilabInputError(_message(name, "a whole number >= 1", repr(value), fix))
    return int(value)
