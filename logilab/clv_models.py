"""Probabilistic customer value (概率型客户价值模型): BG/NBD, Gamma-Gamma and predicted CLV.

The deterministic CLV of :mod:`logilab.value` assumes one retention rate for
everyone. The "buy till you die" models instead let each customer buy at an own
rate while alive and drop out unseen after any purchase:

* BG/NBD (Fader, Hardie & Lee 2005) for the number of purchases: while alive a
  customer buys as a Poisson process with rate ``lambda ~ Gamma(r, alpha)``;
  after each purchase it drops out with probability ``p ~ Beta(a, b)``.
* Gamma-Gamma (Fader & Hardie 2013) for the value of a purchase: the mean spend
  of a customer varies as ``nu ~ Gamma(q, gamma)``, single purchases around it as
  ``Gamma(p, nu)``.

Both need only a per-customer summary, :func:`rfm_summary`: the number of
repeat purchases ``x`` (``frequency``), the time of the last purchase since the
first ``t_x`` (``recency``), the age ``T`` and the mean value of the repeat
purchases, all in one explicit time unit that every later result carries.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._parsing import parse_date
from ._results import Result
from ._validation import (
    LogilabInputError,
    check_choice,
    check_dataframe,
    check_date_columns,
    check_no_missing,
    check_number,
    check_numeric_columns,
    format_rows,
    require_columns,
)
from .value import _check_discount_rate as check_discount_rate

__all__ = [
    "TIME_UNITS",
    "RFMSummary",
    "BGNBDResult",
    "GammaGammaResult",
    "PredictedCLV",
    "HoldoutComparison",
    "rfm_summary",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "predicted_clv",
    "holdout_comparison",
]

# length of one time unit in days (a month is a twelfth of the Julian year)
TIME_UNITS: dict[str, float] = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "quarter": 365.25 / 4, "year": 365.25}
# the units a purchase summary may be kept in (a quarter or a year is too coarse for purchase timing)
SUMMARY_UNITS = ("day", "week", "month")
_ALIASES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def _time_unit(value: Any, name: str = "time_unit", choices: tuple[str, ...] = SUMMARY_UNITS) -> str:
    unit = _ALIASES.get(value, value) if isinstance(value, str) else value
    if unit not in choices:
        raise LogilabInputError(
            f"{name}: expected one of {list(choices)} (or {[k for k, v in _ALIASES.items() if v in choices]}), found {value!r}. "
            "Say in which unit times are counted, e.g. time_unit='week'."
        )
    return unit


# --- the per-customer summary -------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class RFMSummary(Result):
    """Repeat purchases, recency and age per customer, in one time unit.

    Attributes
    ----------
    table : DataFrame
        One row per customer: ``frequency`` (x, repeat purchases), ``recency``
        (t_x, first to last purchase), ``T`` (first purchase to the end of the
        calibration period), ``monetary_value`` (mean net value of the repeat
        purchases, 0 when x = 0) and, with a holdout period,
        ``frequency_holdout``, ``monetary_holdout`` (net value bought in the
        holdout) and ``duration_holdout``.
    time_unit : str
        ``"day"``, ``"week"`` or ``"month"``.
    calibration_end, observation_end : Timestamp
    excluded : DataFrame
        Customers left out because refunds bring their net amount to zero or
        below (as in :func:`logilab.rfm_table`).
    """

    table: pd.DataFrame
    time_unit: str
    calibration_end: pd.Timestamp
    observation_end: pd.Timestamp
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)

    def summary(self) -> dict[str, Any]:
        t = self.table
        return {
            "customers": len(t),
            "repeat_customers": int((t["frequency"] > 0).sum()),
            "mean_frequency": float(t["frequency"].mean()),
            "mean_T": float(t["T"].mean()),
            "time_unit": self.time_unit,
            "calibration_end": self.calibration_end,
            "observation_end": self.observation_end,
            "excluded": len(self.excluded),
        }


def rfm_summary(
    lines: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "order_date",
    amount: str = "revenue",
    order: str | None = None,
    calibration_end: Any = None,
    observation_end: Any = None,
    time_unit: str = "week",
) -> RFMSummary:
    """The per-customer summary the probabilistic models need: x, t_x, T and the mean repeat value.

    How these definitions differ from :func:`logilab.rfm_table`
    ------------------------------------------------------------
    ``rfm_table`` is the marketing RFM of segmentation: *frequency* counts all
    orders, *recency* is the time since the last order and *monetary* the total
    (or mean) over all orders. Here, as in Fader, Hardie & Lee (2005):

    * ``frequency`` x counts the **repeat** purchases only (the first purchase
      starts the customer's clock), so a one-time buyer has x = 0;
    * ``recency`` t_x is the time from the **first to the last** purchase (not
      from the last purchase to today), 0 when x = 0;
    * ``T`` is the time from the first purchase to the end of the calibration
      period (the customer's age);
    * ``monetary_value`` is the mean value of the **repeat** purchases, leaving
      out the first, as the Gamma-Gamma model expects.

    Purchases on the same day count as one (``order`` is then only checked for
    missing IDs). Refunds follow ``rfm_table``: a line with a negative amount
    is netted against the customer's purchases and is not a purchase; each
    purchase day's value is scaled by the customer's net / gross ratio, and a
    customer whose refunds bring the net amount to zero or below is left out
    and listed in ``excluded``.

    Parameters
    ----------
    lines : DataFrame
        Order lines.
    customer, date, amount : str
        Column names (roles).
    order : str, optional
        Order-ID column, checked for missing values.
    calibration_end : date, optional
        End of the calibration period; lines after it form the holdout period
        and give ``frequency_holdout`` (purchase days), ``monetary_holdout`` and
        ``duration_holdout`` per customer. Customers whose first purchase is
        after it are not in the table.
    observation_end : date, optional
        End of the observation (holdout) period; default the last date in
        ``lines``. Without ``calibration_end`` it is also the calibration end.
    time_unit : {"day", "week", "month"}, default "week"
        The unit of ``recency``, ``T`` and of every later rate (``"D"``,
        ``"W"``, ``"M"`` are accepted too). A week is 7 days, a month 365.25/12
        days.

    Returns
    -------
    RFMSummary

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). "Counting your customers"
    the easy way: An alternative to the Pareto/NBD model. *Marketing Science*,
    24(2), 275-284.

    Examples
    --------
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["A", "A", "A", "A", "B", "C", "C"],
    ...     "order_date": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-01-15", "2026-01-29",
    ...                                   "2026-01-08", "2026-01-01", "2026-01-22"]),
    ...     "revenue": [50.0, 10.0, 40.0, 80.0, 30.0, 100.0, -100.0]})
    >>> s = rfm_summary(lines, time_unit="week", observation_end="2026-02-05")
    >>> s.table
                 frequency  recency    T  monetary_value
    customer_id
    A                    2      4.0  5.0            60.0
    B                    0      0.0  4.0             0.0
    >>> list(s.excluded.index)
    ['C']
    """
    check_dataframe(lines, "lines")
    unit = _time_unit(time_unit)
    roles = {"customer": customer, "date": date, "amount": amount}
    if order is not None:
        roles["order"] = order
    require_columns(lines, roles, "lines")
    check_no_missing(lines, [customer] + ([order] if order is not None else []), "lines")
    dates = check_date_columns(lines, [date], "lines")[date].dt.normalize()
    check_numeric_columns(lines, [amount], "lines")
    amounts = pd.to_numeric(lines[amount]).astype(float).to_numpy()
    if not np.isfinite(amounts).all():
        raise LogilabInputError(
            f"lines: expected finite amounts in column {amount!r}, found infinite values in "
            f"{format_rows(lines.index[~np.isfinite(amounts)])}. Correct those cells."
        )
    last_date = dates.max()
    obs_end = last_date if observation_end is None else parse_date(observation_end, "observation_end").normalize()
    cal_end = obs_end if calibration_end is None else parse_date(calibration_end, "calibration_end").normalize()
    if obs_end < last_date:
        raise LogilabInputError(
            f"observation_end: expected a date on or after the last date {last_date:%Y-%m-%d}, found {obs_end:%Y-%m-%d}. "
            "Pass a later date, or keep only the lines up to it."
        )
    if cal_end > obs_end:
        raise LogilabInputError(
            f"calibration_end: expected a date on or before observation_end {obs_end:%Y-%m-%d}, found {cal_end:%Y-%m-%d}. "
            "The holdout period follows the calibration period."
        )
    # integer codes for customers and day numbers keep the grouping fast on a million lines
    codes, labels = pd.factorize(lines[customer], sort=True)
    n = len(labels)
    day = dates.to_numpy().astype("datetime64[D]").astype("int64")
    cal_day = np.datetime64(cal_end, "D").astype("int64")
    obs_day = np.datetime64(obs_end, "D").astype("int64")
    in_cal = day <= cal_day
    if not in_cal.any():
        raise LogilabInputError(
            f"calibration_end: expected purchases on or before it, found none before {cal_end:%Y-%m-%d}. Pass a later date."
        )
    c, d, v = codes[in_cal], day[in_cal], amounts[in_cal]
    refund = v < 0
    seen = np.bincount(c, minlength=n) > 0
    net = np.bincount(c, weights=v, minlength=n)
    has_refund = np.bincount(c[refund], minlength=n) > 0
    # one purchase per customer and day: unique (customer, day) pairs, values summed
    span = int(d.max() - d.min()) + 1
    pairs, position = np.unique(c[~refund].astype("int64") * span + (d[~refund] - d.min()), return_inverse=True)
    day_value = np.bincount(position, weights=v[~refund], minlength=len(pairs))
    pair_customer, pair_day = pairs // span, pairs % span + d.min()
    count = np.bincount(pair_customer, minlength=n)
    gross = np.bincount(pair_customer, weights=day_value, minlength=n)
    # pairs are sorted by customer, then day: the first and last pair of each customer are its first and last purchase
    starts = np.flatnonzero(np.r_[True, np.diff(pair_customer) > 0])
    ends = np.r_[starts[1:] - 1, len(pairs) - 1]
    first, last, first_value = np.zeros(n, "int64"), np.zeros(n, "int64"), np.zeros(n)
    first[pair_customer[starts]] = pair_day[starts]
    last[pair_customer[starts]] = pair_day[ends]
    first_value[pair_customer[starts]] = day_value[starts]
    # a customer is left out when refunds bring the net amount to zero or below, as in rfm_table
    kept = (count > 0) & ~(has_refund & (net <= 0))
    out = np.flatnonzero(seen & ~kept)
    excluded = pd.DataFrame(
        {"purchases": gross[out], "refunds": (net - gross)[out], "net": net[out]},
        index=pd.Index(labels.take(out), name=customer),
    )
    ratio = np.divide(net, gross, out=np.ones(n), where=gross > 0)
    sel = np.flatnonzero(kept)
    scale = TIME_UNITS[unit]
    frequency = (count[sel] - 1).astype("int64")
    repeat_value = (gross[sel] - first_value[sel]) * ratio[sel]
    table = pd.DataFrame(
        {
            "frequency": frequency,
            "recency": (last[sel] - first[sel]) / scale,
            "T": (cal_day - first[sel]) / scale,
            "monetary_value": np.divide(repeat_value, frequency, out=np.zeros(len(sel)), where=frequency > 0),
        },
        index=pd.Index(labels.take(sel), name=customer),
    )
    if calibration_end is not None:
        hold = (day > cal_day) & (day <= obs_day) & kept[codes]
        bought = hold & (amounts >= 0)
        width = int(day.max() - day.min()) + 1
        hold_pairs = np.unique(codes[bought].astype("int64") * width + (day[bought] - day.min()))
        hold_count = np.bincount(hold_pairs // width, minlength=n)
        table["frequency_holdout"] = hold_count[sel].astype("int64")
        table["monetary_holdout"] = np.bincount(codes[hold], weights=amounts[hold], minlength=n)[sel]
        table["duration_holdout"] = (obs_end - cal_end).days / scale
    return RFMSummary(table=table, time_unit=unit, calibration_end=cal_end, observation_end=obs_end, excluded=excluded)


def _summary_arrays(summary: Any, time_unit: Any, name: str = "summary") -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Index, str]:
    """x, t_x, T as arrays (checked) and the time unit of a summary."""
    if isinstance(summary, RFMSummary):
        unit = summary.time_unit
        if time_unit is not None and _time_unit(time_unit) != unit:
            raise LogilabInputError(
                f"time_unit: expected the summary's unit {unit!r}, found {time_unit!r} (the model's or the argument's). "
                f"Use one unit throughout: rebuild the summary with rfm_summary(..., time_unit={time_unit!r}), or fit the model on this summary."
            )
        table = summary.table
    else:
        table = check_dataframe(summary, name)
        if time_unit is None:
            raise LogilabInputError(
                "time_unit: expected the unit of recency and T ('day', 'week' or 'month') for a plain DataFrame, found None. "
                "Pass time_unit='week' (for example), or use rfm_summary(...), which carries it."
            )
        unit = _time_unit(time_unit)
        renames = {"x": "frequency", "t_x": "recency"}
        table = table.rename(columns={k: v for k, v in renames.items() if k in table.columns and v not in table.columns})
    require_columns(table, ["frequency", "recency", "T"], name)
    check_numeric_columns(table, ["frequency", "recency", "T"], name)
    x = table["frequency"].to_numpy(dtype=float)
    t_x = table["recency"].to_numpy(dtype=float)
    T = table["T"].to_numpy(dtype=float)
    checks = [
        (~np.isfinite(T) | (T < 0), "T", "ages T >= 0", "T is the time from the first purchase to the end of the period."),
        (~np.isfinite(x) | (x < 0) | (x != np.round(x)), "frequency", "whole numbers >= 0", "frequency counts repeat purchases."),
        (
            ~np.isfinite(t_x) | (t_x < 0) | (t_x > T + 1e-9),
            "recency",
            "0 <= recency <= T",
            "recency is the time from first to last purchase.",
        ),
        (
            (x > 0) & (t_x <= 0),
            "recency",
            "recency > 0 when frequency > 0",
            "a repeat purchase comes after the first one: check the two columns.",
        ),
        ((x == 0) & (t_x > 0), "recency", "recency = 0 when frequency = 0", "without repeat purchases the last purchase is the first."),
    ]
    for bad, column, expected, fix in checks:
        if bad.any():
            raise LogilabInputError(
                f"{name}: expected {expected} in column {column!r}, found other values in {format_rows(table.index[bad])}. {fix}"
            )
    return x, t_x, T, table.index, unit


def _hessian_se(fun: Any, params: np.ndarray) -> np.ndarray:
    """Standard errors from the inverse of a central-difference Hessian of the negative log-likelihood."""
    k = len(params)
    h = 1e-4 * np.maximum(np.abs(params), 1e-2)
    hess = np.empty((k, k))
    with np.errstate(all="ignore"):
        _fill_hessian(fun, params, h, hess)
    try:
        cov = np.linalg.inv(hess)
        return np.sqrt(np.where(np.diag(cov) > 0, np.diag(cov), np.nan))
    except np.linalg.LinAlgError:
        return np.full(k, np.nan)


def _fill_hessian(fun: Any, params: np.ndarray, h: np.ndarray, hess: np.ndarray) -> None:
    k = len(params)
    for i in range(k):
        for j in range(i, k):
            e_i, e_j = np.eye(k)[i] * h[i], np.eye(k)[j] * h[j]
            value = (fun(params + e_i + e_j) - fun(params + e_i - e_j) - fun(params - e_i + e_j) + fun(params - e_i - e_j)) / (
                4 * h[i] * h[j]
            )
            hess[i, j] = hess[j, i] = value


def _compress(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique rows and their counts: customers with the same (x, t_x, T) share one likelihood term."""
    stacked = np.column_stack(columns)
    unique, counts = np.unique(stacked, axis=0, return_counts=True)
    return unique, counts.astype(float)


# --- BG/NBD ---------------------------------------------------------------------------------


def _bgnbd_loglik(params: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Per-customer log-likelihood of BG/NBD, Fader, Hardie & Lee (2005), eq. (6)."""
    r, alpha, a, b = params
    from scipy import special  # loaded on first use: keeps `import logilab` fast

    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    a4 = np.full_like(a3, -np.inf)
    a4[repeat] = np.log(a) - np.log(b + x[repeat] - 1) - (r + x[repeat]) * np.log(alpha + t_x[repeat])
    return a1 + a2 + np.logaddexp(a3, a4)


@dataclass(frozen=True, repr=False)
class BGNBDResult(Result):
    """A fitted BG/NBD model (Fader, Hardie & Lee 2005).

    Attributes
    ----------
    table : DataFrame
        One row per parameter (``r``, ``alpha``, ``a``, ``b``): ``estimate``
        and ``se`` (standard error from the inverse Hessian).
    r, alpha, a, b : float
        ``lambda ~ Gamma(r, alpha)`` (purchase rate per ``time_unit``),
        ``p ~ Beta(a, b)`` (dropout probability after a purchase).
    log_likelihood : float
    customers : int
    time_unit : str
        The unit of every time argument of the methods.
    converged : bool
        Whether the optimiser reported convergence.
    """

    table: pd.DataFrame
    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    customers: int
    time_unit: str
    converged: bool = True

    def summary(self) -> dict[str, Any]:
        return {
            "r": self.r,
            "alpha": self.alpha,
            "a": self.a,
            "b": self.b,
            "log_likelihood": self.log_likelihood,
            "customers": self.customers,
            "time_unit": self.time_unit,
            "converged": self.converged,
        }

    def _t(self, t: Any) -> np.ndarray:
        return check_number(t, "t", low=0, allow_array=True)

    def expected_purchases_new(self, t: Any) -> Any:
        """Expected purchases of a new customer in its first ``t`` time units, E[X(t)] (FHL 2005, eq. 9).

        Examples
        --------
        >>> m = BGNBDResult(pd.DataFrame(), 0.243, 4.414, 0.793, 2.426, 0.0, 0, "week")
        >>> round(float(m.expected_purchases_new(39)), 3)
        1.197
        """
        t = self._t(t)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        from scipy import special

        hyp = special.hyp2f1(r, b, a + b - 1, t / (alpha + t))
        return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp)

    def p_alive(self, summary: Any) -> pd.Series:
        """P(alive | x, t_x, T) per customer (FHL 2005, eq. 10's denominator; Fader, Hardie & Lee 2008 note).

        A customer with no repeat purchase is alive with probability 1: in
        BG/NBD a customer can only drop out right after a purchase, and the
        first purchase is the start of the clock.
        """
        x, t_x, T, index, _ = _summary_arrays(summary, self.time_unit)
        return pd.Series(1 / (1 + self._odds(x, t_x, T)), index=index, name="p_alive")

    def _odds(self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        odds = np.zeros_like(x, dtype=float)
        repeat = x > 0
        odds[repeat] = a / (b + x[repeat] - 1) * ((alpha + T[repeat]) / (alpha + t_x[repeat])) ** (r + x[repeat])
        return odds

    def expected_purchases(self, t: float, summary: Any) -> pd.Series:
        """Expected purchases in the next ``t`` time units per customer, E[Y(t) | x, t_x, T] (FHL 2005, eq. 10)."""
        t = float(self._t(t))
        x, t_x, T, index, _ = _summary_arrays(summary, self.time_unit)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        from scipy import special

        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
        numerator = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
        return pd.Series(numerator / (1 + self._odds(x, t_x, T)), index=index, name="expected_purchases")


def fit_bgnbd(summary: Any, *, time_unit: str | None = None) -> BGNBDResult:
    """Fit the BG/NBD model by maximum likelihood.

    Parameters
    ----------
    summary : RFMSummary or DataFrame
        From :func:`rfm_summary`, or a table with ``frequency`` (or ``x``),
        ``recency`` (or ``t_x``) and ``T``.
    time_unit : {"day", "week", "month"}, optional
        Needed for a plain DataFrame (the unit of recency and T); an
        ``RFMSummary`` carries its own.

    Returns
    -------
    BGNBDResult
        Parameters with standard errors, the log-likelihood, and the methods
        ``expected_purchases(t, summary)``, ``p_alive(summary)`` and
        ``expected_purchases_new(t)``.

    Notes
    -----
    The log-likelihood (FHL 2005, eq. 6) is summed over the distinct
    ``(x, t_x, T)`` rows, each weighted by its count, and maximised over the
    logarithms of the parameters (L-BFGS-B, then Nelder-Mead to polish).
    ``alpha`` is a time scale: a fit in days has ``alpha`` 7 times that of
    the same data in weeks, and the same predictions.

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). "Counting your customers"
    the easy way: An alternative to the Pareto/NBD model. *Marketing Science*,
    24(2), 275-284.

    Examples
    --------
    >>> data = pd.DataFrame({"x": [0, 1, 2, 0, 4, 1], "t_x": [0, 3.0, 5.0, 0, 9.0, 1.0], "T": [10, 8.0, 6.0, 9.0, 10.0, 7.0]})
    >>> model = fit_bgnbd(data, time_unit="week")
    >>> model.customers, model.time_unit, list(model.table.columns)
    (6, 'week', ['estimate', 'se'])

    With the CDNOW estimates of the paper, customer 1 of its data (2 repeat
    purchases, the last in week 30.43 of 38.86):

    >>> cdnow = BGNBDResult(pd.DataFrame(), 0.243, 4.414, 0.793, 2.426, -9582.4, 2357, "week")
    >>> one = pd.DataFrame({"x": [2, 0], "t_x": [30.43, 0.0], "T": [38.86, 38.86]})
    >>> cdnow.p_alive(one).round(3).tolist(), cdnow.expected_purchases(39, one).round(3).tolist()
    ([0.727, 1.0], [1.226, 0.195])
    """
    x, t_x, T, _, unit = _summary_arrays(summary, time_unit)
    if len(x) < 2 or not (x > 0).any():
        raise LogilabInputError(
            f"summary: expected several customers, some with repeat purchases, found {len(x)} customer(s) and "
            f"{int((x > 0).sum())} with repeat purchases. The model learns the purchase and dropout rates from repeat buyers."
        )
    rows, counts = _compress(x, t_x, T)
    ux, ut, uT = rows[:, 0], rows[:, 1], rows[:, 2]

    def negll(log_params: np.ndarray) -> float:
        with np.errstate(all="ignore"):
            value = -(counts * _bgnbd_loglik(np.exp(log_params), ux, ut, uT)).sum()
        return float(value) if np.isfinite(value) else 1e300

    scale = max(float(np.mean(T)), 1e-9)
    start = np.log([1.0, scale, 1.0, 1.0])
    from scipy import optimize

    first = optimize.minimize(negll, start, method="L-BFGS-B")
    best = optimize.minimize(negll, first.x, method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 4000})
    params = np.exp(best.x)
    se = _hessian_se(lambda p: negll(np.log(np.maximum(p, 1e-300))), params)
    names = ["r", "alpha", "a", "b"]
    table = pd.DataFrame({"estimate": params, "se": se}, index=pd.Index(names, name="parameter"))
    return BGNBDResult(
        table=table,
        r=float(params[0]),
        alpha=float(params[1]),
        a=float(params[2]),
        b=float(params[3]),
        log_likelihood=float(-best.fun),
        customers=len(x),
        time_unit=unit,
        converged=bool(best.success),
    )


# --- Gamma-Gamma ----------------------------------------------------------------------------


def _gg_loglik(params: np.ndarray, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Per-customer log-likelihood of the mean spend m over x purchases (Fader & Hardie 2013, eq. 1)."""
    p, q, gamma = params
    px = p * x
    from scipy import special

    return (
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
        + q * np.log(gamma)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * np.log(gamma + m * x)
    )


@dataclass(frozen=True, repr=False)
class GammaGammaResult(Result):
    """A fitted Gamma-Gamma spend model (Fader & Hardie 2013).

    Attributes
    ----------
    table : DataFrame
        ``estimate`` and ``se`` of ``p``, ``q``, ``gamma``.
    p, q, gamma : float
    log_likelihood : float
    customers : int
        Repeat customers used in the fit.
    frequency_spend_correlation : float
        Pearson correlation between the number of repeat purchases and the mean
        spend; the model assumes the two are independent, so a value far from
        0 (say beyond +-0.3) is a warning sign.
    converged : bool
        Whether the optimiser reported convergence.
    """

    table: pd.DataFrame
    p: float
    q: float
    gamma: float
    log_likelihood: float
    customers: int
    frequency_spend_correlation: float
    converged: bool = True

    def summary(self) -> dict[str, Any]:
        return {
            "p": self.p,
            "q": self.q,
            "gamma": self.gamma,
            "log_likelihood": self.log_likelihood,
            "customers": self.customers,
            "frequency_spend_correlation": self.frequency_spend_correlation,
            "population_mean_spend": self.population_mean_spend,
            "converged": self.converged,
        }

    @property
    def population_mean_spend(self) -> float:
        """E[Z] = p gamma / (q - 1), the mean spend of a customer with no history (nan for q <= 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("nan")

    def expected_spend(self, summary: Any) -> pd.Series:
        """E[Z | x, m_x] = (gamma + m_x x) p / (p x + q - 1) per customer; the population mean for x = 0."""
        table = summary.table if isinstance(summary, RFMSummary) else check_dataframe(summary, "summary")
        table = table.rename(columns={"x": "frequency", "zbar": "monetary_value"})
        require_columns(table, ["frequency", "monetary_value"], "summary")
        x = table["frequency"].to_numpy(dtype=float)
        m = table["monetary_value"].to_numpy(dtype=float)
        value = (self.gamma + m * x) * self.p / (self.p * x + self.q - 1)
        return pd.Series(value, index=table.index, name="expected_spend")


def fit_gamma_gamma(summary: Any, *, nonpositive: str = "raise") -> GammaGammaResult:
    """Fit the Gamma-Gamma model of mean spend on the repeat customers.

    Parameters
    ----------
    summary : RFMSummary or DataFrame
        ``frequency`` (or ``x``) and ``monetary_value`` (or ``zbar``), the mean
        value of the repeat purchases. Customers with frequency 0 are left out
        of the fit (they have no repeat purchase to average).
    nonpositive : {"raise", "drop"}, default "raise"
        Repeat customers whose mean repeat value is 0 or below (free
        replacement orders, refunds) do not fit a model of positive spend:
        ``"raise"`` names them, ``"drop"`` leaves them out of the fit with a
        warning that counts them (their expected spend is still predicted).

    Returns
    -------
    GammaGammaResult

    References
    ----------
    Fader, P. S., & Hardie, B. G. S. (2013). The Gamma-Gamma model of monetary
    value. Note, http://brucehardie.com/notes/025/.
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). RFM and CLV: Using
    iso-value curves for customer base analysis. *Journal of Marketing
    Research*, 42(4), 415-430.

    Examples
    --------
    >>> data = pd.DataFrame({"frequency": [1, 2, 3, 1, 4, 2, 0], "monetary_value": [20.0, 35.0, 28.0, 60.0, 25.0, 18.0, 0.0]})
    >>> model = fit_gamma_gamma(data)
    >>> model.customers
    6
    """
    table = summary.table if isinstance(summary, RFMSummary) else check_dataframe(summary, "summary")
    table = table.rename(columns={"x": "frequency", "zbar": "monetary_value"})
    require_columns(table, ["frequency", "monetary_value"], "summary")
    check_numeric_columns(table, ["frequency", "monetary_value"], "summary")
    repeat = table[table["frequency"] > 0]
    x = repeat["frequency"].to_numpy(dtype=float)
    m = repeat["monetary_value"].to_numpy(dtype=float)
    check_choice(nonpositive, "nonpositive", ["raise", "drop"])
    bad = ~np.isfinite(m) | (m <= 0)
    if bad.any() and nonpositive == "raise":
        raise LogilabInputError(
            f"summary: expected a mean spend > 0 in 'monetary_value' for every repeat customer, found other values in "
            f"{format_rows(repeat.index[bad])}. The Gamma-Gamma model is for positive spend; pass nonpositive='drop' to leave those "
            "customers out of the fit."
        )
    if bad.any():
        warnings.warn(
            f"fit_gamma_gamma: left {int(bad.sum()):,} repeat customer(s) with a mean spend <= 0 out of the fit, e.g. {list(repeat.index[bad][:3])}.",
            UserWarning,
            stacklevel=2,
        )
        x, m = x[~bad], m[~bad]
    if len(x) < 3:
        raise LogilabInputError(f"summary: expected at least 3 repeat customers (frequency > 0), found {len(x)}. Use a longer history.")

    def negll(log_params: np.ndarray) -> float:
        with np.errstate(all="ignore"):
            value = -_gg_loglik(np.exp(log_params), x, m).sum()
        return float(value) if np.isfinite(value) else 1e300

    start = np.log([1.0, 1.0, float(np.mean(m))])
    from scipy import optimize

    first = optimize.minimize(negll, start, method="L-BFGS-B")
    best = optimize.minimize(negll, first.x, method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 4000})
    params = np.exp(best.x)
    se = _hessian_se(lambda p: negll(np.log(np.maximum(p, 1e-300))), params)
    corr = float(np.corrcoef(x, m)[0, 1]) if len(np.unique(x)) > 1 and len(np.unique(m)) > 1 else float("nan")
    return GammaGammaResult(
        table=pd.DataFrame({"estimate": params, "se": se}, index=pd.Index(["p", "q", "gamma"], name="parameter")),
        p=float(params[0]),
        q=float(params[1]),
        gamma=float(params[2]),
        log_likelihood=float(-best.fun),
        customers=len(x),
        frequency_spend_correlation=corr,
        converged=bool(best.success),
    )


# --- predicted CLV --------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class PredictedCLV(Result):
    """Discounted expected value per customer from BG/NBD and Gamma-Gamma.

    Attributes
    ----------
    table : DataFrame
        Per customer: ``p_alive``, ``expected_purchases`` (over the horizon),
        ``expected_spend`` and ``clv``.
    periods : DataFrame
        Expected purchases per customer in each period of the horizon (columns
        1 .. horizon), before discounting.
    horizon : int
    time_unit : str
        The unit of ``horizon`` and ``discount_rate``.
    discount_rate : float
        Per ``time_unit``.
    """

    table: pd.DataFrame
    periods: pd.DataFrame
    horizon: int
    time_unit: str
    discount_rate: float

    def summary(self) -> dict[str, Any]:
        return {
            "customers": len(self.table),
            "total_clv": float(self.table["clv"].sum()),
            "mean_clv": float(self.table["clv"].mean()),
            "horizon": self.horizon,
            "time_unit": self.time_unit,
            "discount_rate": self.discount_rate,
        }


def predicted_clv(
    bgnbd: BGNBDResult,
    gamma_gamma: GammaGammaResult,
    summary: Any,
    *,
    horizon: int,
    discount_rate: float,
    time_unit: str,
) -> PredictedCLV:
    """Customer lifetime value = sum over periods of expected purchases x expected spend, discounted.

    ``CLV_i = sum_{k=1}^{H} (E[Y(k)] - E[Y(k - 1)]) * E[Z_i] / (1 + d)^k``:
    the expected purchases in period k (BG/NBD, conditional on the customer's
    history), the expected spend per purchase (Gamma-Gamma) and the discount
    rate d per period, with the value of a period discounted from its end.

    Parameters
    ----------
    bgnbd : BGNBDResult
    gamma_gamma : GammaGammaResult
    summary : RFMSummary or DataFrame
        The customers to value; a DataFrame must be in the model's time unit
        (it is read with ``bgnbd.time_unit``).
    horizon : int
        Number of periods of ``time_unit``, e.g. 12 months.
    discount_rate : float
        Per period of ``time_unit`` (0.01 a month is about 12.7 % a year;
        convert with :func:`logilab.convert_rate`).
    time_unit : {"day", "week", "month", "quarter", "year"}
        The unit of ``horizon`` and ``discount_rate``; required, so that a
        yearly rate is never applied to weeks by accident. It may differ from
        the model's unit: periods are converted (a month is 365.25 / 12 days).

    Returns
    -------
    PredictedCLV

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). RFM and CLV: Using
    iso-value curves for customer base analysis. *Journal of Marketing
    Research*, 42(4), 415-430.

    Examples
    --------
    >>> bg = BGNBDResult(pd.DataFrame(), 0.243, 4.414, 0.793, 2.426, 0.0, 0, "week")
    >>> gg = GammaGammaResult(pd.DataFrame(), 6.25, 3.74, 15.44, 0.0, 0, 0.0)
    >>> one = pd.DataFrame({"frequency": [2], "recency": [30.43], "T": [38.86], "monetary_value": [22.35]}, index=["1"])
    >>> round(predicted_clv(bg, gg, one, horizon=12, discount_rate=0.01, time_unit="month").table.loc["1", "clv"], 2)
    np.float64(36.31)
    """
    if not isinstance(bgnbd, BGNBDResult):
        raise LogilabInputError(f"bgnbd: expected the result of fit_bgnbd(...), found {type(bgnbd).__name__}. Fit the model first.")
    if not isinstance(gamma_gamma, GammaGammaResult):
        raise LogilabInputError(
            f"gamma_gamma: expected the result of fit_gamma_gamma(...), found {type(gamma_gamma).__name__}. Fit the model first."
        )
    unit = _time_unit(time_unit, "time_unit", tuple(TIME_UNITS))
    if not (isinstance(horizon, (int, np.integer)) and not isinstance(horizon, bool) and horizon >= 1):
        raise LogilabInputError(
            f"horizon: expected a whole number of {unit}s >= 1, found {horizon!r}. Pass e.g. horizon=12, time_unit='month'."
        )
    rate = check_discount_rate(discount_rate)
    if rate > 0.5 and unit in ("day", "week", "month"):
        raise LogilabInputError(
            f"discount_rate: expected a rate per {unit} (a small fraction, e.g. 0.01), found {discount_rate!r}. "
            f"Convert a yearly rate first: ll.convert_rate({discount_rate}, kind='discount', from_period='year', to_period='{unit}')."
        )
    x, t_x, T, index, _ = _summary_arrays(summary, bgnbd.time_unit)
    step = TIME_UNITS[unit] / TIME_UNITS[bgnbd.time_unit]
    cumulative = np.column_stack(
        [np.zeros(len(x))] + [bgnbd.expected_purchases(k * step, summary).to_numpy() for k in range(1, horizon + 1)]
    )
    per_period = np.diff(cumulative, axis=1)
    table = summary.table if isinstance(summary, RFMSummary) else summary
    spend = gamma_gamma.expected_spend(table).to_numpy()
    discount = (1 + rate) ** -np.arange(1, horizon + 1)
    clv = (per_period * discount).sum(axis=1) * spend
    result = pd.DataFrame(
        {
            "p_alive": bgnbd.p_alive(summary).to_numpy(),
            "expected_purchases": cumulative[:, -1],
            "expected_spend": spend,
            "clv": clv,
        },
        index=index,
    )
    periods = pd.DataFrame(per_period, index=index, columns=pd.RangeIndex(1, horizon + 1, name=unit))
    return PredictedCLV(table=result, periods=periods, horizon=int(horizon), time_unit=unit, discount_rate=rate)


# --- checking a fit on the holdout period ---------------------------------------------------


@dataclass(frozen=True, repr=False)
class HoldoutComparison(Result):
    """Actual and predicted holdout purchases by calibration frequency (FHL 2005, Figure 4).

    Attributes
    ----------
    table : DataFrame
        One row per number of repeat purchases in the calibration period (the
        last row collects ``max_frequency`` and more): ``customers``,
        ``actual`` and ``predicted`` mean purchases per customer in the holdout
        period.
    duration : float
        Length of the holdout period, in ``time_unit``.
    time_unit : str
    """

    table: pd.DataFrame
    duration: float
    time_unit: str

    def summary(self) -> dict[str, Any]:
        actual = float((self.table["actual"] * self.table["customers"]).sum())
        predicted = float((self.table["predicted"] * self.table["customers"]).sum())
        return {
            "customers": int(self.table["customers"].sum()),
            "actual_purchases": actual,
            "predicted_purchases": predicted,
            "ratio": predicted / actual if actual > 0 else float("nan"),
            "duration": self.duration,
            "time_unit": self.time_unit,
        }


def holdout_comparison(bgnbd: BGNBDResult, summary: RFMSummary, *, max_frequency: int = 7) -> HoldoutComparison:
    """Compare the purchases a BG/NBD fit predicts for the holdout period with those that happened.

    Customers are grouped by their repeat purchases in the calibration period
    (0, 1, ..., ``max_frequency`` and more); for each group the mean of
    ``E[Y(t) | x, t_x, T]`` over its customers (t = the holdout length) is set
    beside the mean number of holdout purchases. A good fit follows the
    actual means, including for the many customers with x = 0.

    Parameters
    ----------
    bgnbd : BGNBDResult
        Fitted on the calibration period of ``summary``.
    summary : RFMSummary
        From :func:`rfm_summary` with ``calibration_end`` (so it has the
        holdout columns).
    max_frequency : int, default 7
        The last group collects this many repeat purchases and more.

    Returns
    -------
    HoldoutComparison

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). "Counting your customers"
    the easy way: An alternative to the Pareto/NBD model. *Marketing Science*,
    24(2), 275-284 (Figure 4, conditional expectations).

    Examples
    --------
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["A", "A", "A", "B", "B", "C"],
    ...     "order_date": pd.to_datetime(["2026-01-01", "2026-01-15", "2026-03-05", "2026-01-08", "2026-02-19", "2026-01-22"]),
    ...     "revenue": [10.0, 20.0, 30.0, 15.0, 25.0, 5.0]})
    >>> s = rfm_summary(lines, calibration_end="2026-02-05", observation_end="2026-03-05", time_unit="week")
    >>> m = BGNBDResult(None, 0.243, 4.414, 0.793, 2.426, 0.0, 0, "week")
    >>> holdout_comparison(m, s, max_frequency=1).table.round(3)
               customers  actual  predicted
    frequency
    0                  2     0.5      0.124
    1                  1     1.0      0.319
    """
    if not isinstance(summary, RFMSummary) or "frequency_holdout" not in summary.table.columns:
        raise LogilabInputError(
            "summary: expected the result of rfm_summary(..., calibration_end=...) with holdout columns, "
            f"found {type(summary).__name__}{'' if not isinstance(summary, RFMSummary) else ' without a holdout period'}. "
            "Pass calibration_end to rfm_summary."
        )
    if not isinstance(bgnbd, BGNBDResult):
        raise LogilabInputError(f"bgnbd: expected the result of fit_bgnbd(...), found {type(bgnbd).__name__}. Fit the model first.")
    if not (isinstance(max_frequency, (int, np.integer)) and max_frequency >= 1):
        raise LogilabInputError(f"max_frequency: expected a whole number >= 1, found {max_frequency!r}. Use e.g. 7.")
    table = summary.table
    duration = float(table["duration_holdout"].iloc[0])
    predicted = bgnbd.expected_purchases(duration, summary)
    group = table["frequency"].clip(upper=int(max_frequency)).rename("frequency")
    result = pd.DataFrame(
        {
            "customers": group.groupby(group).size(),
            "actual": table["frequency_holdout"].groupby(group).mean(),
            "predicted": predicted.groupby(group).mean(),
        }
    )
    return HoldoutComparison(table=result, duration=duration, time_unit=summary.time_unit)
