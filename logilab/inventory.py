"""Fill rate and safety stock under normal demand, and the optimal service level.

Two questions of the course's service-level chapter are answered here.

**How do order quantity, safety stock and shortage hang together?** In a
continuous-review system that orders ``Q`` units whenever the inventory
position falls to the reorder point, demand during the replenishment lead time
is taken as normal with standard deviation ``sigma``. With safety stock
``k * sigma`` (``k`` is the safety factor):

* cycle service level (CSL, 周期服务水平) ``= Phi(k)``: the probability that a
  replenishment cycle has no stockout; ``1 - Phi(k)`` is the stockout frequency
  per cycle (缺货频率);
* expected shortage per cycle (ESC, 每周期期望缺货量) ``= sigma * G(k)``, where
  ``G(k) = phi(k) - k * (1 - Phi(k))`` is the unit normal loss function;
* fill rate (供应比率, the share of demand met from stock) ``= 1 - sigma * G(k) / Q``:
  a cycle delivers ``Q`` units of demand, of which ``sigma * G(k)`` are short.

So at the same safety stock a larger order quantity raises the fill rate (there
are fewer cycles, hence fewer exposures to a stockout per unit demanded). This
is the textbook formula of Silver, Pyke & Peterson (*Inventory Management and
Production Planning and Scheduling*, 3rd ed., 1998; 4th ed. with Thomas, 2017)
and of Chopra & Meindl (*Supply Chain Management*, chapter "Managing uncertainty
in a supply chain: safety inventory"). It neglects the term ``G(k + Q / sigma)``
of the exact backorder expression, so it slightly understates the fill rate when
``Q`` is not large compared with ``sigma``.

**Which service level pays best?** Logistics cost rises ever more steeply as
service approaches 100 %, while the revenue that better service brings shows
diminishing returns. :func:`optimal_service_level` finds the level that
maximises profit = revenue - cost, where marginal revenue equals marginal cost,
and returns the marginal-analysis table students can read line by line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, LogilabTypeError, check_number, check_probability

_SQRT_2PI = math.sqrt(2 * math.pi)
_SQRT_2 = math.sqrt(2)

__all__ = [
    "normal_loss",
    "expected_shortage",
    "fill_rate",
    "safety_factor",
    "cycle_service_level",
    "stockout_probability",
    "safety_factor_for_csl",
    "safety_stock",
    "service_table",
    "service_cost",
    "service_revenue",
    "ServiceLevelOptimum",
    "optimal_service_level",
]


def _normal_pdf(k: np.ndarray) -> np.ndarray:
    """Standard normal density phi(k)."""
    return np.exp(-0.5 * k * k) / np.sqrt(2 * np.pi)


def _as_output(value: np.ndarray, *inputs: Any) -> Any:
    """A float when every input was a scalar, else the array."""
    return float(np.asarray(value).item()) if all(np.ndim(x) == 0 for x in inputs) else value


def _finite(value: Any, name: str) -> Any:
    return check_number(value, name, allow_array=True)


def normal_loss(k: Any) -> Any:
    """Unit normal loss function ``G(k) = phi(k) - k * (1 - Phi(k))`` (单位正态损失函数).

    ``G(k)`` is the expected amount by which a standard normal variable exceeds
    ``k``: ``E[max(Z - k, 0)]``. It falls from ``-k`` (for very negative ``k``)
    towards 0 and is never negative.

    Parameters
    ----------
    k : float or array-like
        Safety factor(s).

    Returns
    -------
    float or ndarray

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and Production
       Planning and Scheduling* (3rd ed.). New York: Wiley (the unit normal loss function G(k); Appendix B, Table B.1 for G(k)).

    Examples
    --------
    >>> round(normal_loss(0.0), 4), round(normal_loss(1.0), 5), round(normal_loss(2.0), 6)
    (0.3989, 0.08332, 0.008491)
    >>> normal_loss([0.0, 1.0]).round(4)
    array([0.3989, 0.0833])
    """
    k_arr = _finite(k, "k")
    from scipy import special  # loaded on first use: keeps `import logilab` fast

    loss = _normal_pdf(k_arr) - k_arr * special.ndtr(-k_arr)
    return _as_output(np.maximum(loss, 0.0), k)


def expected_shortage(k: Any, sigma: Any) -> Any:
    """Expected units short per replenishment cycle, ``ESC = sigma * G(k)`` (每周期期望缺货量).

    Parameters
    ----------
    k : float or array-like
        Safety factor: safety stock = ``k * sigma``.
    sigma : float or array-like, > 0
        Standard deviation of demand during the replenishment lead time, in units.

    Returns
    -------
    float or ndarray
        Expected units short per cycle, ``sigma * G(k)``.

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and Production
       Planning and Scheduling* (3rd ed.). New York: Wiley (expected shortage per replenishment cycle; Appendix B, Table B.1 for G(k)).
    .. [2] Chopra, S., & Meindl, P. *Supply Chain Management: Strategy, Planning, and Operation*.
       Pearson (chapter "Managing Uncertainty in a Supply Chain: Safety Inventory", the worked examples).

    Examples
    --------
    Chopra & Meindl's worked example (lead-time demand sd 707.1, safety stock 1,000 units):

    >>> sigma = 500 * 2 ** 0.5
    >>> round(expected_shortage(1000 / sigma, sigma), 2)
    25.13
    """
    sigma_arr = check_number(sigma, "sigma", low=0, low_inclusive=False, allow_array=True)
    return _as_output(sigma_arr * np.asarray(normal_loss(k)), k, sigma)


def fill_rate(order_qty: Any, sigma: Any, k: Any) -> Any:
    """Fill rate (unit fill rate, 供应比率) ``= 1 - sigma * G(k) / Q``, at least 0.

    The share of demand met from stock when each replenishment cycle brings
    ``Q`` units and ``sigma * G(k)`` of the cycle's demand is expected to be short.
    Where the formula would give a negative number (expected shortage larger
    than the order quantity) the result is 0: nothing is left to fill.

    Parameters
    ----------
    order_qty : float or array-like, > 0
        Order (replenishment) quantity ``Q``.
    sigma : float or array-like, > 0
        Standard deviation of lead-time demand.
    k : float or array-like
        Safety factor.

    Returns
    -------
    float or ndarray
        The fill rate, in [0, 1].

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and Production
       Planning and Scheduling* (3rd ed.). New York: Wiley (the fill rate P2 under normal lead-time demand; Appendix B, Table B.1 for G(k)).
    .. [2] Chopra, S., & Meindl, P. *Supply Chain Management: Strategy, Planning, and Operation*.
       Pearson (chapter "Managing Uncertainty in a Supply Chain: Safety Inventory", the worked examples).

    Examples
    --------
    Chopra & Meindl: Q = 10,000, sigma_L = 707.1, safety stock 1,000 -> fill rate 0.9975.

    >>> sigma = 500 * 2 ** 0.5
    >>> round(fill_rate(10_000, sigma, 1000 / sigma), 4)
    0.9975

    A larger order quantity raises the fill rate at the same safety factor:

    >>> fill_rate([100, 200, 400], 50, 0.5).round(4)
    array([0.9011, 0.9506, 0.9753])
    """
    q = check_number(order_qty, "order_qty", low=0, low_inclusive=False, allow_array=True)
    shortage = np.asarray(expected_shortage(k, sigma))
    return _as_output(np.clip(1.0 - shortage / q, 0.0, 1.0), order_qty, sigma, k)


def _loss_scalar(k: float) -> float:
    """G(k) for one float, with the math module (fast inside the root finder)."""
    return math.exp(-0.5 * k * k) / _SQRT_2PI - k * 0.5 * math.erfc(k / _SQRT_2)


def _solve_loss(target_loss: float) -> float:
    """The k with G(k) = target_loss (G falls strictly from +inf to 0, so there is exactly one)."""
    low = -target_loss - 1.0  # G(k) > -k there, hence > target_loss
    high = 1.0
    while _loss_scalar(high) > target_loss:
        high *= 2.0
    from scipy import optimize  # loaded on first use: keeps `import logilab` fast

    return optimize.brentq(lambda k: _loss_scalar(k) - target_loss, low, high, xtol=1e-14, rtol=1e-15, maxiter=200)


def safety_factor(target_fill_rate: Any, order_qty: Any, sigma: Any) -> Any:
    """The safety factor ``k`` that gives a target fill rate: solves ``G(k) = (1 - target) * Q / sigma``.

    Parameters
    ----------
    target_fill_rate : float or array-like, in (0, 1)
    order_qty : float or array-like, > 0
    sigma : float or array-like, > 0

    Returns
    -------
    float or ndarray
        ``k``; the safety stock is ``k * sigma``. ``k`` is negative when the
        target is low enough that less than the mean lead-time demand suffices.

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and Production
       Planning and Scheduling* (3rd ed.). New York: Wiley (choosing k for a target fill rate P2; Appendix B, Table B.1 for G(k)).
    .. [2] Chopra, S., & Meindl, P. *Supply Chain Management: Strategy, Planning, and Operation*.
       Pearson (chapter "Managing Uncertainty in a Supply Chain: Safety Inventory", the worked examples).

    Examples
    --------
    Chopra & Meindl: Q = 10,000, sigma_L = 707.1, target fill rate 0.975 -> safety stock 67 units.

    >>> sigma = 500 * 2 ** 0.5
    >>> k = safety_factor(0.975, 10_000, sigma)
    >>> round(k, 4), round(safety_stock(k, sigma))
    (0.0943, 67)
    >>> safety_factor(1.0, 10_000, sigma)
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: target_fill_rate: expected a number > 0 and < 1, found 1.0. Use a value > 0 and < 1.
    """
    target = check_probability(target_fill_rate, "target_fill_rate", allow_array=True)
    q = check_number(order_qty, "order_qty", low=0, low_inclusive=False, allow_array=True)
    s = check_number(sigma, "sigma", low=0, low_inclusive=False, allow_array=True)
    target_loss = np.broadcast_to(
        (1.0 - np.asarray(target)) * np.asarray(q) / np.asarray(s), np.broadcast_shapes(*(np.shape(x) for x in (target, q, s)))
    )
    k = np.vectorize(_solve_loss, otypes=[float])(target_loss)
    return _as_output(k, target_fill_rate, order_qty, sigma)


def cycle_service_level(k: Any) -> Any:
    """Cycle service level ``CSL = Phi(k)`` (周期服务水平): the probability a cycle has no stockout.

    Parameters
    ----------
    k : float or array-like
        Safety factor.

    Returns
    -------
    float or ndarray
        ``Phi(k)``, in (0, 1).

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and Production
       Planning and Scheduling* (3rd ed.). New York: Wiley (the cycle service level P1; Appendix B, Table B.1 for G(k)).
    .. [2] Chopra, S., & Meindl, P. *Supply Chain Management: Strategy, Planning, and Operation*.
       Pearson (chapter "Managing Uncertainty in a Supply Chain: Safety Inventory", the worked examples).

    Examples
    --------
    Chopra & Meindl: reorder point 6,000, mean lead-time demand 5,000, sigma_L 707.1 -> CSL 0.92.

    >>> round(cycle_service_level(1000 / (500 * 2 ** 0.5)), 2)
    0.92
    >>> cycle_service_level([0.0, 1.645]).round(3)
    array([0.5 , 0.95])
    """
    k_arr = _finite(k, "k")
    from scipy import special

    return _as_output(special.ndtr(k_arr), k)


def stockout_probability(k: Any) -> Any:
    """Stockout frequency per replenishment cycle (缺货频率) ``= 1 - Phi(k)``.

    Parameters
    ----------
    k : float or array-like
        Safety factor.

    Returns
    -------
    float or ndarray
        ``1 - Phi(k)``, the probability that a cycle runs short.

    Examples
    --------
    >>> round(stockout_probability(1.0), 4)
    0.1587
    """
    k_arr = _finite(k, "k")
    from scipy import special

    return _as_output(special.ndtr(-k_arr), k)


def safety_factor_for_csl(csl: Any) -> Any:
    """The safety factor for a target cycle service level: ``k = Phi^-1(CSL)``.

    Parameters
    ----------
    csl : float or array-like, in (0, 1)
        Target cycle service level.

    Returns
    -------
    float or ndarray
        ``k`` with ``Phi(k) = CSL``.

    Examples
    --------
    >>> round(safety_factor_for_csl(0.95), 3)
    1.645
    """
    p = check_probability(csl, "csl", allow_array=True)
    from scipy import special

    return _as_output(special.ndtri(p), csl)


def safety_stock(k: Any, sigma: Any) -> Any:
    """Safety stock (安全库存) ``= k * sigma`` in units.

    Parameters
    ----------
    k : float or array-like
        Safety factor.
    sigma : float or array-like, > 0
        Standard deviation of lead-time demand, in units.

    Returns
    -------
    float or ndarray
        Safety stock in units.

    Examples
    --------
    >>> safety_stock(1.5, 40.0)
    60.0
    """
    k_arr = _finite(k, "k")
    s = check_number(sigma, "sigma", low=0, low_inclusive=False, allow_array=True)
    return _as_output(k_arr * s, k, sigma)


def service_table(order_qty: Any, sigma: Any, k: Any) -> pd.DataFrame:
    """Every service measure for each combination given, with the intermediate ``G(k)``.

    Inputs are broadcast against each other, so one can vary ``k`` for a fixed
    ``Q`` and ``sigma`` (or ``Q`` for a fixed ``k``).

    Parameters
    ----------
    order_qty : float or array-like, > 0
        Order quantity ``Q``.
    sigma : float or array-like, > 0
        Standard deviation of lead-time demand.
    k : float or array-like
        Safety factor.

    Returns
    -------
    DataFrame
        Columns ``order_qty, sigma, k, safety_stock, cycle_service_level,
        stockout_probability, normal_loss, expected_shortage, fill_rate``.

    Examples
    --------
    >>> print(service_table(500, 100, [0.0, 1.0]).round(4).to_string())
       order_qty  sigma    k  safety_stock  cycle_service_level  stockout_probability  normal_loss  expected_shortage  fill_rate
    0      500.0  100.0  0.0           0.0               0.5000                0.5000       0.3989            39.8942     0.9202
    1      500.0  100.0  1.0         100.0               0.8413                0.1587       0.0833             8.3315     0.9833
    """
    q, s, kk = np.broadcast_arrays(
        np.atleast_1d(check_number(order_qty, "order_qty", low=0, low_inclusive=False, allow_array=True)),
        np.atleast_1d(check_number(sigma, "sigma", low=0, low_inclusive=False, allow_array=True)),
        np.atleast_1d(_finite(k, "k")),
    )
    from scipy import special

    loss = np.asarray(normal_loss(kk))
    return pd.DataFrame(
        {
            "order_qty": q.astype(float),
            "sigma": s.astype(float),
            "k": kk.astype(float),
            "safety_stock": kk * s,
            "cycle_service_level": special.ndtr(kk),
            "stockout_probability": special.ndtr(-kk),
            "normal_loss": loss,
            "expected_shortage": s * loss,
            "fill_rate": np.clip(1.0 - s * loss / q, 0.0, 1.0),
        }
    )


# --- service-level economics --------------------------------------------------------

DEFAULT_REVENUE = {"max_revenue": 1000.0, "growth": 4.0}
DEFAULT_COST = {"fixed_cost": 300.0, "cost_scale": 1.0, "steepness": 1.0}


def _levels(levels: Any, name: str = "levels") -> np.ndarray:
    values = np.atleast_1d(check_number(levels, name, low=0, high=1, high_inclusive=False, allow_array=True))
    return values


def service_revenue(levels: Any, *, max_revenue: float = 1000.0, growth: float = 4.0) -> Any:
    """Revenue as a function of service level, with diminishing returns.

    ``R(s) = max_revenue * (1 - exp(-growth * s)) / (1 - exp(-growth))``: zero at
    no service, ``max_revenue`` at 100 %, and each extra point of service brings
    less revenue than the one before (``R'(s)`` falls). ``growth`` sets how fast
    customers' response saturates.

    Parameters
    ----------
    levels : float or array-like, in [0, 1]
        Service levels.
    max_revenue : float, default 1000
        Revenue at 100 % service.
    growth : float, default 4
        How fast revenue saturates (> 0).

    Returns
    -------
    float or ndarray
        Revenue at each level.

    Examples
    --------
    >>> service_revenue([0.0, 0.5, 0.9], max_revenue=1000, growth=4).round(1)
    array([  0. , 880.8, 990.8])
    """
    s = _levels(levels)
    r_max = check_number(max_revenue, "max_revenue", low=0, low_inclusive=False)
    g = check_number(growth, "growth", low=0, low_inclusive=False)
    revenue = r_max * -np.expm1(-g * s) / -np.expm1(-g)
    return _as_output(revenue, levels)


def _marginal_revenue(s: np.ndarray, max_revenue: float, growth: float) -> np.ndarray:
    return max_revenue * growth * np.exp(-growth * s) / -np.expm1(-growth)


def service_cost(levels: Any, *, fixed_cost: float = 300.0, cost_scale: float = 1.0, steepness: float = 1.0) -> Any:
    """Logistics cost as a function of service level, rising steeply towards 100 %.

    ``C(s) = fixed_cost + cost_scale * (s / (1 - s)) ** steepness``: the cost of
    holding more safety stock, faster transport and spare capacity grows without
    bound as service approaches 100 % (halving the remaining failures costs more
    each time). ``steepness`` > 1 makes the last points dearer still.

    Parameters
    ----------
    levels : float or array-like, in [0, 1)
        Service levels.
    fixed_cost : float, default 300
        Cost at no service.
    cost_scale : float, default 1
        Scale of the part of the cost that grows with service.
    steepness : float, default 1
        Exponent of ``s / (1 - s)``.

    Returns
    -------
    float or ndarray
        Logistics cost at each level.

    Examples
    --------
    >>> service_cost([0.5, 0.9, 0.99], fixed_cost=300, cost_scale=1).round(1)
    array([301., 309., 399.])
    """
    s = _levels(levels)
    fixed = check_number(fixed_cost, "fixed_cost", low=0)
    scale = check_number(cost_scale, "cost_scale", low=0, low_inclusive=False)
    power = check_number(steepness, "steepness", low=0, low_inclusive=False)
    return _as_output(fixed + scale * (s / (1 - s)) ** power, levels)


def _marginal_cost(s: np.ndarray, cost_scale: float, steepness: float) -> np.ndarray:
    odds = s / (1 - s)
    at_zero = cost_scale if steepness == 1 else (np.inf if steepness < 1 else 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(s > 0, cost_scale * steepness * odds ** (steepness - 1) / (1 - s) ** 2, at_zero)


@dataclass(frozen=True, repr=False)
class ServiceLevelOptimum(Result):
    """The profit-maximising service level and how it was found.

    Attributes
    ----------
    level : float
        The optimal service level.
    revenue, cost, profit : float
        Revenue, cost and profit at that level.
    table : DataFrame
        The marginal-analysis table: ``level, revenue, cost, profit,
        marginal_revenue, marginal_cost, marginal_profit`` (marginal values
        per 1 percentage point of service), one row per level examined.
    curves : DataFrame
        ``level, revenue, cost, profit`` on a fine grid, for plotting.
    method : str
        ``"parametric"`` (optimum solved from ``R'(s) = C'(s)``) or
        ``"data"`` (best of the levels given).

    Examples
    --------
    >>> optimal_service_level()
    ServiceLevelOptimum(level=0.9044, revenue=991.3, cost=309.5, profit=681.8, method='parametric'; table 20 rows)
    """

    level: float
    revenue: float
    cost: float
    profit: float
    table: pd.DataFrame
    curves: pd.DataFrame
    method: str

    def summary(self) -> dict[str, Any]:
        """The key numbers: the optimal level, revenue, cost and profit there, and the method."""
        return {"level": self.level, "revenue": self.revenue, "cost": self.cost, "profit": self.profit, "method": self.method}


def _as_curve(values: Any, name: str, n_levels: int) -> np.ndarray:
    if isinstance(values, (str, bytes)) or np.ndim(values) != 1:
        raise LogilabTypeError(
            f"{name}: expected one value per service level (a list or array), found {type(values).__name__}. Pass e.g. {name}=[...]."
        )
    arr = check_number(list(values), name, allow_array=True)
    if len(arr) != n_levels:
        raise LogilabInputError(
            f"{name}: expected {n_levels} values (one per level in levels), found {len(arr)}. Give one value per service level."
        )
    return arr


def optimal_service_level(
    *,
    levels: Any = None,
    revenue: Any = None,
    cost: Any = None,
    max_revenue: float = DEFAULT_REVENUE["max_revenue"],
    growth: float = DEFAULT_REVENUE["growth"],
    fixed_cost: float = DEFAULT_COST["fixed_cost"],
    cost_scale: float = DEFAULT_COST["cost_scale"],
    steepness: float = DEFAULT_COST["steepness"],
) -> ServiceLevelOptimum:
    """The service level that maximises profit = revenue - logistics cost (最优服务水平).

    Marginal analysis: raising service pays as long as the extra revenue of one
    more point of service exceeds its extra cost; the optimum is where marginal
    revenue equals marginal cost (``R'(s) = C'(s)``). Because ``R'`` falls and
    ``C'`` rises, there is at most one such level.

    Parameters
    ----------
    levels : array-like of service levels in [0, 1), optional
        The levels of the marginal-analysis table. Default 0.80, 0.81, ..., 0.99.
    revenue, cost : array-like, optional
        Observed or estimated revenue / cost at each of ``levels`` ("curves given
        as data"). A curve not given is computed from its parameters
        (:func:`service_revenue`, :func:`service_cost`). When either is data, the
        optimum is the best of ``levels``; otherwise it is solved exactly.
    max_revenue, growth : float
        Parameters of the revenue curve.
    fixed_cost, cost_scale, steepness : float
        Parameters of the cost curve.

    Returns
    -------
    ServiceLevelOptimum

    Examples
    --------
    >>> result = optimal_service_level()
    >>> round(result.level, 4), round(result.profit, 1)
    (0.9044, 681.8)
    >>> print(result.table.loc[9:11, ["level", "profit", "marginal_revenue", "marginal_cost"]].round(2).to_string())
        level  profit  marginal_revenue  marginal_cost
    9    0.89  681.60              1.16           0.83
    10   0.90  681.82              1.11           1.00
    11   0.91  681.80              1.07           1.23

    Curves given as data (e.g. estimated from a customer survey and cost accounts):

    >>> data = optimal_service_level(levels=[0.90, 0.95, 0.98], revenue=[800, 860, 880], cost=[500, 540, 580])
    >>> data.level, data.profit, data.method
    (0.95, 320.0, 'data')
    """
    params_r = {"max_revenue": max_revenue, "growth": growth}
    params_c = {"fixed_cost": fixed_cost, "cost_scale": cost_scale, "steepness": steepness}
    if levels is None:
        if revenue is not None or cost is not None:
            raise LogilabInputError(
                "levels: expected the service levels the revenue / cost data belong to, found None. Pass levels=[...] with one level per value."
            )
        levels = np.round(np.arange(0.80, 0.995, 0.01), 2)
    s = _levels(levels)
    if np.any(np.diff(s) <= 0):
        raise LogilabInputError(
            "levels: expected service levels in increasing order without repeats, found " + repr(list(s)) + ". Sort them first."
        )
    data_mode = revenue is not None or cost is not None
    r = _as_curve(revenue, "revenue", len(s)) if revenue is not None else np.asarray(service_revenue(s, **params_r))
    c = _as_curve(cost, "cost", len(s)) if cost is not None else np.asarray(service_cost(s, **params_c))
    profit = r - c
    table = pd.DataFrame({"level": s, "revenue": r, "cost": c, "profit": profit})
    if data_mode:
        # per percentage point, from the previous level to this one
        step = np.diff(s, prepend=np.nan) * 100
        table["marginal_revenue"] = np.diff(r, prepend=np.nan) / step
        table["marginal_cost"] = np.diff(c, prepend=np.nan) / step
        best = int(np.argmax(profit))
        level, curves, method = float(s[best]), table[["level", "revenue", "cost", "profit"]].copy(), "data"
    else:
        table["marginal_revenue"] = _marginal_revenue(s, float(max_revenue), float(growth)) / 100
        table["marginal_cost"] = _marginal_cost(s, float(cost_scale), float(steepness)) / 100
        level = _solve_optimum(params_r, params_c)
        grid = np.unique(np.concatenate([np.linspace(0.0, 0.995, 400), [level]]))
        curves = pd.DataFrame({"level": grid, "revenue": service_revenue(grid, **params_r), "cost": service_cost(grid, **params_c)})
        curves["profit"] = curves["revenue"] - curves["cost"]
        method = "parametric"
    table["marginal_profit"] = table["marginal_revenue"] - table["marginal_cost"]
    if data_mode:
        rev, cst = float(r[best]), float(c[best])
    else:
        rev, cst = float(service_revenue(level, **params_r)), float(service_cost(level, **params_c))
    return ServiceLevelOptimum(level=level, revenue=rev, cost=cst, profit=rev - cst, table=table, curves=curves, method=method)


def _solve_optimum(params_r: dict[str, float], params_c: dict[str, float]) -> float:
    def gap(x: float) -> float:
        return float(
            _marginal_revenue(np.asarray(x), params_r["max_revenue"], params_r["growth"])
            - _marginal_cost(np.asarray(x), params_c["cost_scale"], params_c["steepness"])
        )

    upper = 1 - 1e-12
    if gap(0.0) <= 0:  # service does not pay even at the start
        return 0.0
    from scipy import optimize

    return float(optimize.brentq(gap, 0.0, upper, xtol=1e-12))
