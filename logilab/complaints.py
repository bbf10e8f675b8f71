"""Complaint handling: complaint rates, the Pareto of causes, response times and service recovery.

Complaint handling (客户投诉处理) is a post-transaction service element. The
course measures it by how often customers complain, why, how fast the company
answers (the complaint-response time of the reliability indicators, and the
sunset rule: answer the same day) and what recovery costs and brings back.

Every function takes plain DataFrames: the sample tables (``ll.load_sample``)
or the result of a SQL query on ``ll.connect()``; column names are arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, check_dataframe, check_date_columns, check_number, require_columns

__all__ = [
    "complaint_rates",
    "complaint_pareto",
    "ResponseTimes",
    "response_times",
    "wilson_interval",
    "recovery_comparison",
]

PERIODS = {"month": "M", "quarter": "Q", "year": "Y"}


def _period_labels(dates: pd.Series, period: str) -> pd.Series:
    if period == "month":
        return dates.dt.strftime("%Y-%m")
    if period == "quarter":
        return dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)
    return dates.dt.year.astype(str)


def _keys(by: Any) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def complaint_rates(
    orders: pd.DataFrame,
    complaints: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = ("warehouse", "month"),
    per: int = 1000,
    order: str = "order_id",
    date: str = "order_date",
) -> pd.DataFrame:
    """Complaints per ``per`` orders, overall or per group (warehouse, month, ...).

    A complaint is counted in the group of the order it is about (its warehouse
    and the month the order was placed), so numerator and denominator cover the
    same orders: rate = complaints / orders × ``per``.

    Parameters
    ----------
    orders : DataFrame
        One row per order (the sample ``orders``), with ``order`` and ``date`` columns and the ``by`` columns.
    complaints : DataFrame
        One row per complaint, with the ``order`` column.
    by : str, list of str or None, default ("warehouse", "month")
        Columns of ``orders``, or ``"month"``, ``"quarter"``, ``"year"`` (of ``date``).
    per : int, default 1000
        Rate per this many orders.
    order, date : str
        Column names of the order id and the order date.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``orders``, ``complaints`` and ``rate`` (per ``per`` orders).

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["A", "B", "C", "D"], "warehouse": ["X", "X", "Y", "Y"],
    ...                        "order_date": pd.to_datetime(["2025-01-05"] * 4)})
    >>> complaints = pd.DataFrame({"order_id": ["A", "C", "C"]})
    >>> complaint_rates(orders, complaints, by="warehouse")
      warehouse  orders  complaints   rate
    0         X       2           1  500.0
    1         Y       2           2 1000.0
    """
    check_dataframe(orders, "orders")
    check_dataframe(complaints, "complaints", allow_empty=True)
    keys = _keys(by)
    derived = [k for k in keys if k in PERIODS and k not in orders.columns]
    require_columns(orders, {"order": order, "date": date} if derived else {"order": order}, "orders")
    require_columns(orders, [k for k in keys if k not in derived], "orders")
    require_columns(complaints, {"order": order}, "complaints")
    per = check_number(per, "per", low=1)
    unknown = ~complaints[order].isin(orders[order])
    if unknown.any():
        raise LogilabInputError(
            f"complaints: expected every complaint to name an order in orders, found {int(unknown.sum())} that do not, "
            f"such as {complaints.loc[unknown, order].iloc[0]!r}. Pass the orders table the complaints come from."
        )
    table = orders[[order, *[k for k in keys if k not in derived]]].copy()
    if derived:
        dates = check_date_columns(orders, [date], "orders")[date]
        for key in derived:
            table[key] = _period_labels(dates, key)
    table["complaints"] = table[order].map(complaints[order].value_counts()).fillna(0).astype(int)
    if keys:
        grouped = table.groupby(keys, sort=True, dropna=False).agg(orders=(order, "size"), complaints=("complaints", "sum")).reset_index()
    else:
        grouped = pd.DataFrame({"orders": [len(table)], "complaints": [int(table["complaints"].sum())]})
    grouped["rate"] = grouped["complaints"] / grouped["orders"] * per
    return grouped


def complaint_pareto(
    complaints: pd.DataFrame,
    *,
    by: str = "cause",
    value: str | None = None,
    vital_share: float = 0.8,
) -> pd.DataFrame:
    """Pareto table of complaints: causes by count (or by a value such as compensation), largest first.

    The "vital few" are the causes that, taken from the largest down, reach
    ``vital_share`` of the total; the cause that crosses the line is included.

    Parameters
    ----------
    complaints : DataFrame
        One row per complaint.
    by : str, default "cause"
        The column to group by.
    value : str, optional
        Sum this column (e.g. ``"compensation"``) instead of counting complaints.
    vital_share : float, default 0.8
        The cumulative share that marks the vital few.

    Returns
    -------
    DataFrame
        ``by``, ``count`` (complaints), ``value`` (count or the sum of ``value``),
        ``share``, ``cumulative_share``, ``vital_few`` (bool); sorted by ``value``
        descending, ties by name.

    References
    ----------
    .. [1] Juran, J. M. (1951). *Quality Control Handbook*. New York: McGraw-Hill (the Pareto
       principle, "vital few, trivial many").

    Examples
    --------
    >>> c = pd.DataFrame({"cause": ["延误"] * 5 + ["破损"] * 3 + ["错发"] * 2})
    >>> complaint_pareto(c)[["cause", "count", "share", "cumulative_share", "vital_few"]]
      cause  count  share  cumulative_share  vital_few
    0    延误      5    0.5               0.5       True
    1    破损      3    0.3               0.8       True
    2    错发      2    0.2               1.0      False
    """
    check_dataframe(complaints, "complaints", allow_empty=True)
    require_columns(complaints, {"by": by} if value is None else {"by": by, "value": value}, "complaints")
    vital_share = check_number(vital_share, "vital_share", low=0, high=1)
    grouped = complaints.groupby(by, sort=False, dropna=False)
    table = grouped.size().rename("count").to_frame()
    if value is None:
        table["value"] = table["count"].astype(float)
    else:
        values = pd.to_numeric(complaints[value], errors="coerce")
        if values.isna().any() or (values < 0).any():
            raise LogilabInputError(
                f"complaints: expected column {value!r} to hold non-negative numbers, found missing, text or negative values. "
                "Fill or correct those cells, or leave value=None to count complaints."
            )
        table["value"] = values.groupby(complaints[by], sort=False, dropna=False).sum().astype(float)
    table = table.reset_index().sort_values(["value", by], ascending=[False, True], kind="stable").reset_index(drop=True)
    total = table["value"].sum()
    table["share"] = table["value"] / total if total > 0 else 0.0
    table["cumulative_share"] = table["share"].cumsum()
    before = table["cumulative_share"].shift(fill_value=0.0)
    table["vital_few"] = before < vital_share - 1e-12
    return table


@dataclass(frozen=True, repr=False)
class ResponseTimes(Result):
    """Response and resolution times of complaints against the sunset rule and a target.

    Attributes
    ----------
    table : DataFrame
        One row per complaint: ``response_hours``, ``resolution_hours`` (NaN while
        open), ``same_day`` (first response on the day of receipt) and ``within_target``.
    target_hours : float
    by_group : DataFrame or None
        The key numbers per group when ``by`` was given.

    Examples
    --------
    >>> complaints = pd.DataFrame({"received_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-06 18:30"]),
    ...                            "first_response_at": pd.to_datetime(["2025-01-06 11:00", "2025-01-07 09:00"]),
    ...                            "resolved_at": pd.to_datetime(["2025-01-06 20:00", None])})
    >>> response_times(complaints)
    ResponseTimes(complaints=2, median_response_hours=8.25, same_day_share=0.5, within_target_share=0.5, median_resolution_hours=11, open=1, target_hours=4; table 2 rows)
    """

    table: pd.DataFrame
    target_hours: float
    by_group: pd.DataFrame | None = None

    def summary(self) -> dict[str, float]:
        """Complaints, median response hours, same-day share, share within target, median resolution hours, open complaints, the target."""
        return {**_summarise(self.table), "target_hours": self.target_hours}


def _summarise(table: pd.DataFrame) -> dict[str, float]:
    resolved = table["resolution_hours"].dropna()
    return {
        "complaints": int(len(table)),
        "median_response_hours": float(table["response_hours"].median()) if len(table) else float("nan"),
        "same_day_share": float(table["same_day"].mean()) if len(table) else float("nan"),
        "within_target_share": float(table["within_target"].mean()) if len(table) else float("nan"),
        "median_resolution_hours": float(resolved.median()) if len(resolved) else float("nan"),
        "open": int(table["resolution_hours"].isna().sum()),
    }


def response_times(
    complaints: pd.DataFrame,
    *,
    target_hours: float = 4.0,
    by: str | Sequence[str] | None = None,
    received: str = "received_at",
    first_response: str = "first_response_at",
    resolved: str = "resolved_at",
) -> ResponseTimes:
    """Hours to first response and to resolution; the sunset-rule share and the share within a target.

    The sunset rule (日落原则) asks for a first response before the end of the
    day a complaint arrives; here: the first response has the same calendar date
    as the receipt. A complaint is *within target* when its first response took
    at most ``target_hours``. Open complaints (no resolution time) count for the
    response measures and are left out of the resolution median.

    Parameters
    ----------
    complaints : DataFrame
        One row per complaint with the three timestamp columns.
    target_hours : float, default 4.0
        The response-time target.
    by : str or list of str, optional
        Group columns for the ``by_group`` table (e.g. ``"warehouse"``).
    received, first_response, resolved : str
        Column names of the timestamps.

    Returns
    -------
    ResponseTimes

    Examples
    --------
    >>> c = pd.DataFrame({
    ...     "received_at": pd.to_datetime(["2025-03-03 09:00", "2025-03-03 17:30", "2025-03-04 10:00"]),
    ...     "first_response_at": pd.to_datetime(["2025-03-03 10:30", "2025-03-04 08:45", "2025-03-04 16:00"]),
    ...     "resolved_at": pd.to_datetime(["2025-03-04 09:00", "2025-03-05 17:30", None])})
    >>> result = response_times(c, target_hours=4)
    >>> result.table[["response_hours", "same_day", "within_target"]]
       response_hours  same_day  within_target
    0            1.50      True           True
    1           15.25     False          False
    2            6.00      True          False
    >>> result.summary()["same_day_share"], result.summary()["median_resolution_hours"]
    (0.6666666666666666, 36.0)
    """
    check_dataframe(complaints, "complaints", allow_empty=True)
    require_columns(complaints, {"received": received, "first_response": first_response, "resolved": resolved}, "complaints")
    target_hours = check_number(target_hours, "target_hours", low=0)
    keys = _keys(by)
    require_columns(complaints, keys, "complaints")
    dates = check_date_columns(complaints, [received, first_response], "complaints")
    done = check_date_columns(complaints, [resolved], "complaints", allow_nat=True)[resolved]
    start, first = dates[received], dates[first_response]
    early = first < start
    if early.any():
        raise LogilabInputError(
            f"complaints: expected {first_response!r} not before {received!r}, found {int(early.sum())} complaints answered before they arrived "
            f"(rows {list(complaints.index[early][:5])}). Correct those timestamps."
        )
    table = complaints[keys].copy() if keys else pd.DataFrame(index=complaints.index)
    table["response_hours"] = (first - start).dt.total_seconds() / 3600
    table["resolution_hours"] = (done - start).dt.total_seconds() / 3600
    table["same_day"] = first.dt.normalize() == start.dt.normalize()
    table["within_target"] = table["response_hours"] <= target_hours + 1e-9
    by_group = None
    if keys:
        rows = []
        for key, group in table.groupby(keys, sort=True, dropna=False):
            labels = key if isinstance(key, tuple) else (key,)
            rows.append({**dict(zip(keys, labels)), **_summarise(group)})
        by_group = pd.DataFrame(rows)
    return ResponseTimes(table, float(target_hours), by_group)


def wilson_interval(successes: Any, trials: Any, *, confidence: float = 0.95) -> tuple[Any, Any]:
    """Wilson score interval for a proportion (better than the normal interval for small n or rates near 0 or 1).

    Parameters
    ----------
    successes, trials : int or array-like
        Number of successes (e.g. complaints resolved at the first contact) and of trials.
    confidence : float, default 0.95
        The confidence level, in (0, 1).

    Returns
    -------
    (low, high) : tuple of float or ndarray
        The bounds of the interval, in [0, 1].

    References
    ----------
    .. [1] Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
       *Journal of the American Statistical Association*, 22(158), 209-212.
    .. [2] Agresti, A., & Coull, B. A. (1998). Approximate is better than "exact" for interval estimation
       of binomial proportions. *The American Statistician*, 52(2), 119-126.

    Examples
    --------
    >>> low, high = wilson_interval(8, 10)
    >>> round(float(low), 4), round(float(high), 4)
    (0.4902, 0.9433)
    """
    confidence = check_number(confidence, "confidence", low=0, high=1)
    k, n = np.asarray(successes, dtype=float), np.asarray(trials, dtype=float)
    if np.any(n <= 0) or np.any(k < 0) or np.any(k > n):
        raise LogilabInputError("trials: expected trials > 0 and 0 <= successes <= trials, found values outside. Check the counts.")
    from scipy import stats  # loaded on first use: keeps `import logilab` fast

    z = stats.norm.ppf(0.5 + confidence / 2)
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


def recovery_comparison(
    orders: pd.DataFrame,
    complaints: pd.DataFrame,
    *,
    fast_hours: float = 24.0,
    window_days: int = 90,
    confidence: float = 0.95,
    order: str = "order_id",
    customer: str = "customer_id",
    date: str = "order_date",
    delivered: str = "delivered_date",
    received: str = "received_at",
    resolved: str = "resolved_at",
) -> pd.DataFrame:
    """Reorder rate after a complaint resolved fast, resolved slowly, and after an order without complaint.

    For every order the follow-up starts at the complaint's receipt (orders with
    a complaint) or at delivery (orders without); the customer *reorders* if it
    places another order within ``window_days``. Follow-ups that would end after
    the last order date in ``orders`` are left out (we cannot see them end), as
    are complaints still open. *Fast* means resolved within ``fast_hours`` of receipt.

    This is an observational comparison: customers whose complaints were solved
    fast may differ in other ways (size, contract, warehouse), so a gap in the
    rates is consistent with the service recovery paradox but does not prove
    that fast recovery causes reorders.

    Parameters
    ----------
    orders, complaints : DataFrame
        The sample ``orders`` and ``complaints`` (or the same columns from your data).
    fast_hours : float, default 24
        A complaint resolved within this many hours of receipt counts as fast.
    window_days : int, default 90
        How long after the start of the follow-up a new order counts as a reorder.
    confidence : float, default 0.95
        For the Wilson interval of each rate.
    order, customer, date, delivered : str
        Columns of ``orders``: order id, customer id, order date and delivery date.
    received, resolved : str
        Columns of ``complaints``: when the complaint was received and resolved.

    Returns
    -------
    DataFrame
        One row per group (``no_complaint``, ``fast``, ``slow``): ``orders``,
        ``reordered``, ``rate``, ``ci_low``, ``ci_high``.

    References
    ----------
    McCollough, M. A., & Bharadwaj, S. G. (1992). The recovery paradox. In *AMA Educators' Proceedings*.
    de Matos, C. A., Henrique, J. L., & Rossi, C. A. V. (2007). Service recovery paradox: a meta-analysis.
    *Journal of Service Research*, 10(1), 60-77.

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": list("ABCDEF"), "customer_id": ["x", "x", "y", "z", "z", "w"],
    ...     "order_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-01-01", "2025-01-01", "2025-03-15", "2025-09-01"]),
    ...     "delivered_date": pd.to_datetime(["2025-01-03", "2025-02-03", "2025-01-03", "2025-01-03", "2025-03-17", "2025-09-03"])})
    >>> complaints = pd.DataFrame({"order_id": ["A", "C"], "received_at": pd.to_datetime(["2025-01-04", "2025-01-04"]),
    ...     "resolved_at": pd.to_datetime(["2025-01-04 12:00", "2025-01-08 00:00"])})
    >>> recovery_comparison(orders, complaints, window_days=90)[["group", "orders", "reordered", "rate"]]
              group  orders  reordered  rate
    0  no_complaint       3          1  0.333333
    1          fast       1          1  1.000000
    2          slow       1          0  0.000000
    """
    check_dataframe(orders, "orders")
    check_dataframe(complaints, "complaints", allow_empty=True)
    require_columns(orders, {"order": order, "customer": customer, "date": date, "delivered": delivered}, "orders")
    require_columns(complaints, {"order": order, "received": received, "resolved": resolved}, "complaints")
    fast_hours = check_number(fast_hours, "fast_hours", low=0)
    window_days = int(check_number(window_days, "window_days", low=1))
    order_dates = check_date_columns(orders, [date, delivered], "orders")
    c_dates = check_date_columns(complaints, [received], "complaints")[received]
    c_done = check_date_columns(complaints, [resolved], "complaints", allow_nat=True)[resolved]
    if complaints[order].duplicated().any():
        raise LogilabInputError(
            "complaints: expected at most one complaint per order, found orders with several. Keep the first complaint of each order."
        )
    frame = pd.DataFrame({"order": orders[order].to_numpy(), "customer": orders[customer].to_numpy(), "date": order_dates[date].to_numpy()})
    frame["start"] = order_dates[delivered].to_numpy()
    info = pd.DataFrame({"received": c_dates.to_numpy(), "resolved": c_done.to_numpy()}, index=complaints[order].to_numpy())
    has = frame["order"].isin(info.index)
    frame.loc[has, "start"] = frame.loc[has, "order"].map(info["received"]).to_numpy()
    hours = (frame["order"].map(info["resolved"]) - frame["order"].map(info["received"])).dt.total_seconds() / 3600
    frame["group"] = np.where(~has, "no_complaint", np.where(hours <= fast_hours, "fast", np.where(hours.notna(), "slow", "open")))
    window = pd.Timedelta(days=window_days)
    frame = frame[(frame["group"] != "open") & (frame["start"] + window <= frame["date"].max())]
    # next order of the same customer after the start of the follow-up
    dates_by_customer = {c: np.sort(g.to_numpy()) for c, g in pd.Series(order_dates[date].to_numpy()).groupby(orders[customer].to_numpy())}
    reordered = []
    for cust, start in zip(frame["customer"], frame["start"]):
        later = dates_by_customer[cust]
        i = np.searchsorted(later, np.datetime64(start), side="right")
        reordered.append(bool(i < len(later) and later[i] <= np.datetime64(start + window)))
    frame = frame.assign(reordered=reordered)
    rows = []
    for group in ("no_complaint", "fast", "slow"):
        part = frame[frame["group"] == group]
        n, k = len(part), int(part["reordered"].sum())
        low, high = wilson_interval(k, n, confidence=confidence) if n else (np.nan, np.nan)
        rows.append(
            {"group": group, "orders": n, "reordered": k, "rate": k / n if n else np.nan, "ci_low": float(low), "ci_high": float(high)}
        )
    return pd.DataFrame(rows)
