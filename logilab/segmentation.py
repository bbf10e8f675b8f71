"""Customer segmentation: RFM, the eight RFM customer classes, ABC (Pareto) and k-means.

The course serves customers at different levels: basic service (基本服务) for
the many, refined service (精细服务) for those worth more attention and
value-added service (增值服务) for the few who carry the business. This module
finds those levels in order data, four ways:

* :func:`rfm_table` reduces order lines to one row per customer: recency,
  frequency and monetary value (最近一次消费 / 消费频率 / 消费金额);
* :func:`rfm_scores` turns each into a 1..5 score with quantile cut points;
* :func:`rfm_segments` compares R, F and M with their mean (or median) and
  names the eight classes used in Chinese practice (重要价值客户 ... 一般挽留客户),
  each with a suggested service strategy;
* :func:`abc_classify` ranks customers by value and cuts the Pareto curve at
  80 % and 95 % of the cumulative value;
* :func:`kmeans_segments` clusters the (scaled) RFM features, choosing k by
  silhouette, and names each cluster from its profile.

:func:`segment_customers` runs all of them in one call and returns the
per-customer table together with every intermediate step.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._parsing import _day_number, _day_stamp, parse_date
from ._results import Result, table_of
from ._validation import (
    MAX_ROWS_SHOWN,
    LogilabInputError,
    LogilabTypeError,
    check_choice,
    check_dataframe,
    check_date_columns,
    check_no_missing,
    check_number,
    check_numeric_columns,
    format_rows,
    require_columns,
)
from .engines import customers_on
from .i18n import bilingual_pair

__all__ = [
    "RFM_COLUMNS",
    "RFM_SEGMENTS",
    "SERVICE_LEVELS",
    "RFMTable",
    "RFMScores",
    "RFMSegments",
    "KMeansResult",
    "ABCResult",
    "Segmentation",
    "rfm_table",
    "rfm_scores",
    "rfm_segments",
    "abc_classify",
    "abc_summary",
    "kmeans_segments",
    "segment_customers",
]

RFM_COLUMNS = ("recency", "frequency", "monetary")

# service level code: (中文, English); the names live in logilab.i18n ("service_level_<code>")
SERVICE_LEVELS = {code: bilingual_pair(f"service_level_{code}") for code in ("basic", "refined", "value_added")}

# The eight classes: high R means a recent customer (recency below the threshold). Their names and service
# strategies live in logilab.i18n ("segment_<code>", "segment_strategy_<code>").
_SEGMENT_ROWS = [
    # code, R high, F high, M high, service level
    ("important_value", True, True, True, "value_added"),
    ("important_development", True, False, True, "refined"),
    ("important_retention", False, True, True, "refined"),
    ("important_winback", False, False, True, "refined"),
    ("general_value", True, True, False, "refined"),
    ("general_development", True, False, False, "basic"),
    ("general_retention", False, True, False, "basic"),
    ("general_winback", False, False, False, "basic"),
]
RFM_SEGMENTS = pd.DataFrame(
    [
        (code, r, f, m, *bilingual_pair(f"segment_{code}"), service, *bilingual_pair(f"segment_strategy_{code}"))
        for code, r, f, m, service in _SEGMENT_ROWS
    ],
    columns=["segment", "r_high", "f_high", "m_high", "zh", "en", "service", "strategy_zh", "strategy_en"],
).set_index("segment")
RFM_SEGMENTS["service_zh"] = RFM_SEGMENTS["service"].map(lambda s: SERVICE_LEVELS[s][0])
RFM_SEGMENTS["service_en"] = RFM_SEGMENTS["service"].map(lambda s: SERVICE_LEVELS[s][1])


def _labels_at(labels: Sequence[str], rows: np.ndarray, index: pd.Index) -> pd.Series:
    """``labels[rows]`` as a column of pandas' text dtype, for many rows and a few labels.

    When pandas keeps text in Arrow, the labels are taken in Arrow: 10 ms for 500,000 rows, where turning
    500,000 Python strings into Arrow takes 45 ms.
    """
    values = np.asarray(labels, dtype=object)
    if getattr(pd.Series(dtype="str").dtype, "storage", None) == "pyarrow":
        import pyarrow as pa

        return pd.Series(pd.array(pa.array(values, pa.string()).take(pa.array(rows)), dtype="str"), index=index)
    return pd.Series(values[rows], index=index, dtype="str")


def _as_of_timestamp(as_of: Any) -> pd.Timestamp:
    return parse_date(as_of, "as_of")


# below this many lines a percentile says nothing about which dates are "the rest"
_FAR_DATE_MIN_LINES = 10


def _lower_quantile(days: np.ndarray, q: float) -> int:
    """numpy's ``"lower"`` quantile of whole ``days``: the value at position floor(q * (n - 1)) of the sorted days.

    Counted per day (a count from day 0, 1970-01-01, or from the earliest
    day before it, and a running sum) when that spans little more days than
    there are values, else found by a partial sort.
    """
    position = int(np.floor(q * (len(days) - 1)))
    low = min(int(days.min()), 0)
    span = int(days.max()) - low + 1
    if span <= 4 * len(days) + 100_000:
        running = np.cumsum(np.bincount(days - low if low else days, minlength=span))
        return low + int(np.searchsorted(running, position, side="right"))
    return int(np.partition(days, position)[position])


def _check_date_range(days: np.ndarray, index: pd.Index, column: str, *, today: Any, allow_future: bool) -> None:
    """Refuse dates after today, or more than a year after the 99th percentile of the rest (a typing slip moves every recency).

    ``days`` are the dates as day numbers (from 1970-01-01), ``index`` their row
    labels and ``column`` their column, for the message.
    """
    if allow_future or len(days) == 0:
        return
    day = pd.Timestamp.today().normalize() if today is None else parse_date(today, "today")
    future = days > _day_number(day)
    fix = "Correct those cells, or accept them with allow_future=True."
    if future.any():
        example = _day_stamp(days[future][0])
        raise LogilabInputError(
            f"lines: expected dates up to today ({day:%Y-%m-%d}), found later dates such as {example:%Y-%m-%d} in "
            f"{format_rows(index[future])}. {fix}",
            reason="future_dates",
            column=column,
            today=f"{day:%Y-%m-%d}",
            value=f"{example:%Y-%m-%d}",
            rows=list(index[future])[:MAX_ROWS_SHOWN],
            count=int(future.sum()),
        )
    if len(days) < _FAR_DATE_MIN_LINES:
        return
    # "lower": with few dates one slip is not its own reference
    typical = _lower_quantile(days, 0.99)
    far = days > typical + 365
    if far.any():
        example = _day_stamp(days[far][0])
        raise LogilabInputError(
            f"lines: expected dates close to the rest (99% are on or before {_day_stamp(typical):%Y-%m-%d}), found dates more "
            f"than a year later such as {example:%Y-%m-%d} in {format_rows(index[far])}. {fix}",
            reason="far_dates",
            column=column,
            typical=f"{_day_stamp(typical):%Y-%m-%d}",
            value=f"{example:%Y-%m-%d}",
            rows=list(index[far])[:MAX_ROWS_SHOWN],
            count=int(far.sum()),
        )


def _sorted_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of ``values`` numbered in sorted order, and the sorted distinct values.

    The same as ``pd.factorize(values, sort=True)``, faster: Arrow-backed text
    takes pandas' own sorted factorize (Arrow hashes and sorts it natively);
    other values are hashed in their own order and only the distinct values
    are sorted (Python text as fixed-width strings, which numpy sorts several
    times faster than Python objects). Other kinds of values take pandas'
    own sorted factorize.
    """
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return pd.factorize(values, sort=True)
    codes, uniques = pd.factorize(values)
    kind = pd.api.types.infer_dtype(uniques, skipna=False)
    if kind == "string":
        texts = np.asarray(uniques, dtype=object)
        sorter = np.argsort(texts.astype(str), kind="stable")
        ordered = texts[sorter]
        if not (ordered[1:] > ordered[:-1]).all():  # fixed-width strings drop trailing NUL characters
            return pd.factorize(values, sort=True)
    elif kind in ("integer", "floating") and uniques.dtype.kind in "iuf":
        sorter = np.argsort(np.asarray(uniques), kind="stable")
    else:
        return pd.factorize(values, sort=True)
    rank = np.empty(len(sorter), dtype=np.intp)
    rank[sorter] = np.arange(len(sorter))
    return rank[codes], uniques[sorter]


# up to this many pairs pandas' hash table of the keys stays in the processor's cache and beats a sort of
# them (1M keys: 45 against 60 ms); on more, its misses make it twice as slow (10M: 1.5 against 0.7 s)
_HASHED_PAIRS_UP_TO = 1_500_000


def _distinct_pairs(codes: np.ndarray, visit_codes: np.ndarray, visits: int, n: int) -> np.ndarray:
    """Per customer code (0..n-1), the number of distinct visit codes (0..visits-1) paired with it.

    One integer key per pair. Up to 1.5 million pairs the distinct keys come
    from pandas' hash table; on more, from a sort of the keys, where a key that
    differs from its predecessor starts a new distinct pair.
    """
    keys = codes.astype(np.int64) * max(visits, 1) + visit_codes
    if len(keys) <= _HASHED_PAIRS_UP_TO:
        return np.bincount(pd.unique(keys) // max(visits, 1), minlength=n)
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return np.bincount(keys[first] // max(visits, 1), minlength=n)


def _checked_days(lines: pd.DataFrame, date: str) -> tuple[np.ndarray, str]:
    """The checked dates of column ``date`` as day numbers (from 1970-01-01), and the resolution of the dates.

    A column of datetimes without missing values is used as it is; any other
    goes through :func:`logilab._validation.check_date_columns` (which parses
    text and raises on missing or unreadable dates).
    """
    values = lines[date].to_numpy()
    if values.dtype.kind != "M" or np.isnat(values).any():
        values = check_date_columns(lines, [date], "lines")[date].to_numpy()
    return values.astype("datetime64[D]").view("int64"), np.datetime_data(values.dtype)[0]


def _checked_amounts(lines: pd.DataFrame, amount: str, refunds: str) -> np.ndarray:
    """The amounts of column ``amount`` as floats, checked to be numbers (not below zero with ``refunds="refuse"``) and finite."""
    values = lines[amount].to_numpy()
    plain = values.dtype.kind in "iuf" and not np.isnan(values).any() and not (refunds == "refuse" and (values < 0).any())
    if not plain:  # text, missing or negative amounts: the general check names them
        check_numeric_columns(lines, [amount], "lines", low=0 if refunds == "refuse" else None)
        values = pd.to_numeric(lines[amount]).to_numpy()
    amounts = values.astype(float)
    infinite = np.isinf(amounts)
    if infinite.any():
        raise LogilabInputError(
            f"lines: expected finite amounts in column {amount!r}, found infinite values in {format_rows(lines.index[infinite])}. "
            "Correct those cells."
        )
    return amounts


@dataclass(frozen=True)
class _Customers:
    rfm: pd.DataFrame
    excluded: pd.DataFrame
    as_of: pd.Timestamp


def _customers(
    lines: pd.DataFrame,
    *,
    customer: str,
    date: str,
    amount: str,
    order: str | None,
    as_of: Any,
    monetary: str,
    refunds: str,
    allow_future: bool,
    today: Any,
) -> _Customers:
    check_dataframe(lines, "lines")
    check_choice(monetary, "monetary", ["sum", "mean"])
    check_choice(refunds, "refunds", ["net", "drop", "refuse"])
    roles = {"customer": customer, "date": date, "amount": amount}
    if order is not None:
        roles["order"] = order
    require_columns(lines, roles, "lines")
    check_no_missing(lines, [customer] + ([order] if order is not None else []), "lines")
    # dates as whole days (int64) once: every comparison, the last purchase and recency work on them
    days, unit = _checked_days(lines, date)
    amounts = _checked_amounts(lines, amount, refunds)
    _check_date_range(days, lines.index, str(date), today=today, allow_future=allow_future)
    refund = amounts < 0
    any_refund = bool(refund.any())
    if refunds == "drop" and any_refund:
        warnings.warn(f"rfm_table: dropped {int(refund.sum()):,} refund line(s) with negative amounts.", UserWarning, stacklevel=3)
        keep = ~refund
        lines, days, amounts, refund, any_refund = lines[keep], days[keep], amounts[keep], refund[keep], False
    if len(lines) == 0:
        raise LogilabInputError(
            "lines: expected at least one purchase, found none after removing refunds. Check the amount column.", reason="no_purchases"
        )

    last_day = int(days.max())
    last_date = _day_stamp(last_day).as_unit(unit)
    stamp = last_date + pd.Timedelta(days=1) if as_of is None else _as_of_timestamp(as_of)
    if stamp < last_date:
        late = lines.index[days > _day_number(stamp)]
        raise LogilabInputError(
            f"as_of: expected a date on or after the last order date {last_date:%Y-%m-%d}, found {stamp:%Y-%m-%d} "
            f"with later orders in {format_rows(late)}. Pass a later as_of, or keep only the orders up to that date."
        )

    # integer codes for customers (and orders or days) make the grouping fast on a million lines
    codes, customers = _sorted_codes(lines[customer])
    n = len(customers)
    net = np.bincount(codes, weights=amounts, minlength=n)
    # refund lines are no purchases: without any, every line counts (no copies of the columns without them)
    purchase = ~refund if any_refund else slice(None)
    gross = np.bincount(codes[purchase], weights=amounts[purchase], minlength=n) if any_refund else net
    last = np.full(n, np.iinfo("int64").min)
    np.maximum.at(last, codes[purchase], days[purchase])
    if order is None:
        first_day = int(days.min())
        visit_codes, visits = days[purchase] - first_day, last_day - first_day + 1
    else:
        # factorised as stored (pandas' Arrow strings hash several times faster than Python objects)
        order_codes, labels = pd.factorize(lines[order])
        visit_codes, visits = order_codes[purchase], len(labels)
    frequency = _distinct_pairs(codes[purchase], visit_codes, visits, n)
    # a customer is left out when refunds bring the net amount to zero or below (zero-value purchases alone stay)
    if any_refund:
        kept = (frequency > 0) & ~((np.bincount(codes[refund], minlength=n) > 0) & (net <= 0))
    else:
        kept = frequency > 0
    recency = (_day_number(stamp) - last[kept]).astype("int64")
    table = pd.DataFrame(
        {
            "recency": recency,
            "frequency": frequency[kept].astype("int64"),
            "monetary": net[kept] if monetary == "sum" else net[kept] / frequency[kept],
        },
        index=pd.Index(customers[kept], name=customer),
    )
    excluded = pd.DataFrame(
        {"purchases": gross[~kept], "refunds": (net - gross)[~kept], "net": net[~kept]},
        index=pd.Index(customers[~kept], name=customer),
    )
    return _Customers(rfm=table, excluded=excluded, as_of=stamp)


@dataclass(frozen=True, repr=False)
class RFMTable(Result):
    """Recency, frequency and monetary value per customer, with the analysis date they were measured at.

    Attributes
    ----------
    table : DataFrame
        Indexed by customer: ``recency`` (whole days from the last purchase to
        ``as_of``), ``frequency`` and ``monetary``.
    as_of : Timestamp
        The analysis date recency counts to.
    excluded : DataFrame
        Customers left out because refunds bring their net amount to zero or
        below: ``purchases``, ``refunds`` and ``net`` per customer (empty when none).

    Examples
    --------
    >>> rfm = RFMTable(
    ...     table=pd.DataFrame({"recency": [1, 51], "frequency": [2, 1], "monetary": [180.0, 400.0]}, index=["A", "B"]),
    ...     as_of=pd.Timestamp("2025-12-22"),
    ... )
    >>> rfm
    RFMTable(customers=2, as_of=2025-12-22, excluded=0, mean_recency=26, mean_frequency=1.5, total_monetary=580; table 2 rows)
    """

    table: pd.DataFrame
    as_of: pd.Timestamp
    excluded: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["purchases", "refunds", "net"]))

    def summary(self) -> dict[str, Any]:
        """Customers, the analysis date, customers left out, mean recency and frequency, total monetary."""
        return {
            "customers": len(self.table),
            "as_of": self.as_of,
            "excluded": len(self.excluded),
            "mean_recency": float(self.table["recency"].mean()),
            "mean_frequency": float(self.table["frequency"].mean()),
            "total_monetary": float(self.table["monetary"].sum()),
        }


def rfm_table(
    lines: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "order_date",
    amount: str = "revenue",
    order: str | None = None,
    as_of: Any = None,
    monetary: str = "sum",
    refunds: str = "net",
    allow_future: bool = False,
    today: Any = None,
    engine: str | None = None,
) -> RFMTable:
    """Recency, frequency and monetary value of every customer.

    Parameters
    ----------
    lines : DataFrame
        One row per order line (or per order): customer, date and amount. Any
        frame narwhals supports works too (Polars, DuckDB relation, PyArrow,
        Dask): the group-by then runs on that engine (see :mod:`logilab.engines`).
    customer, date, amount : str
        The columns holding the customer id, the order date and the amount
        (e.g. ``customer="客户编号"``).
    order : str, optional
        The order id column. With it, frequency counts distinct orders; without
        it, frequency counts purchase days (a customer's lines on one day are
        one visit).
    as_of : date-like, optional
        The analysis date (``"2026-01-01"`` or ``"2026年1月1日"``). Default: the
        day after the last date in the data, so the most recent customer has recency 1.
    monetary : {"sum", "mean"}, default "sum"
        Net amount per customer, or the net amount per purchase (per order
        when ``order`` is given, else per purchase day).
    refunds : {"net", "drop", "refuse"}, default "net"
        Lines with a negative amount are refunds or returns. ``net`` subtracts
        them from the customer's purchases; a refund line is not a purchase,
        so it adds to neither frequency nor recency. ``drop`` ignores them
        (with a warning) and ``refuse`` makes them an error. Customers whose
        refunds bring the net amount to zero or below are left out of the
        table (with a warning naming how many); :func:`segment_customers`
        lists them. A customer whose purchases are worth zero and who has no
        refund stays in.
    allow_future : bool, default False
        Dates after today, or (with 10 lines or more) more than a year after
        the 99th percentile of the dates, are an error: a mistyped year would
        move the analysis date and every recency with it. Pass True to accept them.
    today : date-like, optional
        The day the future check compares with (default: the computer's date).
    engine : {None, "pandas", "duckdb"}, optional
        Where the per-customer group-by runs: ``None`` on the frame's own
        engine, ``"duckdb"`` hands a pandas frame to DuckDB (no copy), ``"pandas"``
        collects other frames into pandas first. The results are the same.

    Returns
    -------
    RFMTable
        ``table`` indexed by customer (sorted), columns ``recency`` (whole days
        from the customer's last purchase to ``as_of``), ``frequency`` and
        ``monetary``; the analysis date ``as_of``; the customers left out in
        ``excluded``. :func:`rfm_scores`, :func:`rfm_segments`,
        :func:`kmeans_segments` and the figures take the result or its ``table``.

    Notes
    -----
    The definitions are those of marketing practice (Hughes 1994), not those of
    the ``lifetimes`` package's BG/NBD models: there, ``frequency`` counts
    *repeat* purchase periods (the first purchase is not counted),
    ``recency`` is the customer's age at the last purchase (first to last
    purchase) and ``T`` the age at the end of the period. Here ``recency`` is the
    time *since* the last order (smaller is better) and ``frequency`` counts
    every order, the first included.

    References
    ----------
    Hughes, A. M. (1994). *Strategic Database Marketing*. Chicago: Probus, ch. 9 (recency, frequency, monetary).

    Examples
    --------
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["A", "A", "A", "B", "B"],
    ...     "order_id": ["o1", "o1", "o2", "o3", "o4"],
    ...     "order_date": ["2025-12-01", "2025-12-01", "2025-12-21", "2025-11-01", "2025-12-10"],
    ...     "revenue": [100.0, 50.0, 30.0, 500.0, -100.0],
    ... })
    >>> rfm = rfm_table(lines, order="order_id")
    >>> rfm.as_of
    Timestamp('2025-12-22 00:00:00')
    >>> rfm.table
                 recency  frequency  monetary
    customer_id
    A                  1          2     180.0
    B                 51          1     400.0
    >>> rfm_table(lines, as_of="2026-01-01", monetary="mean").table["monetary"].tolist()
    [90.0, 400.0]
    """
    found = customers_on(lines, engine)(
        lines,
        customer=customer,
        date=date,
        amount=amount,
        order=order,
        as_of=as_of,
        monetary=monetary,
        refunds=refunds,
        allow_future=allow_future,
        today=today,
    )
    if len(found.excluded):
        warnings.warn(
            f"rfm_table: left out {len(found.excluded):,} customer(s) whose net amount is zero or below "
            f"(refunds cancel their purchases), e.g. {list(found.excluded.index[:3])}.",
            UserWarning,
            stacklevel=2,
        )
    return RFMTable(table=found.rfm, as_of=found.as_of, excluded=found.excluded)


def _check_rfm(rfm: Any, name: str, columns: Sequence[str] = RFM_COLUMNS) -> pd.DataFrame:
    rfm = table_of(rfm)
    check_dataframe(rfm, name)
    require_columns(rfm, list(columns), name)
    check_numeric_columns(rfm, list(columns), name)
    return rfm


@dataclass(frozen=True, repr=False)
class RFMScores(Result):
    """R, F and M scores and the cut points that produced them.

    Attributes
    ----------
    table : DataFrame
        Columns ``R``, ``F``, ``M`` (integers 1..bins, higher is better; a
        short recency gives a high R) and ``rfm_code`` such as ``"545"``.
    cut_points : dict
        ``{column: tuple of cut points}``; a value equal to a cut point gets
        the lower score.
    bins : int
        The number of scores asked for.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [5, 40, 200, 400], "frequency": [12, 3, 1, 1], "monetary": [900.0, 300.0, 80.0, 20.0]},
    ...                    index=pd.Index(["A", "B", "C", "D"], name="customer_id"))
    >>> scores = rfm_scores(rfm, bins=2)
    >>> scores
    RFMScores(customers=4, bins=2, levels_R=2, levels_F=2, levels_M=2, most_common_code='222'; table 4 rows)
    >>> scores.table["rfm_code"].tolist(), scores.cut_points["monetary"]
    (['222', '222', '111', '111'], (190.0,))
    """

    table: pd.DataFrame
    cut_points: dict[str, tuple[float, ...]]
    bins: int

    def summary(self) -> dict[str, Any]:
        """Customers, score levels asked for and reached, and the most common R/F/M code."""
        codes = self.table["rfm_code"].value_counts()
        return {
            "customers": len(self.table),
            "bins": self.bins,
            "levels_R": int(self.table["R"].nunique()),
            "levels_F": int(self.table["F"].nunique()),
            "levels_M": int(self.table["M"].nunique()),
            "most_common_code": codes.index[0] if len(codes) else None,
        }


def _check_cuts(cuts: Any, column: str) -> np.ndarray:
    values = np.asarray(check_number(list(cuts), f"cuts[{column!r}]", allow_array=True), dtype=float).ravel()
    if values.size == 0 or np.any(np.diff(values) <= 0):
        raise LogilabInputError(
            f"cuts[{column!r}]: expected at least one cut point in increasing order, found {list(values)}. "
            "List the cut points from low to high, e.g. [30, 90, 180, 365]."
        )
    return values


def rfm_scores(rfm: RFMTable | pd.DataFrame, *, bins: int = 5, cuts: Mapping[str, Sequence[float]] | None = None) -> RFMScores:
    """Score recency, frequency and monetary from 1 to ``bins`` by quantiles (recency reversed).

    The cut points are the quantiles at 1/bins, 2/bins, ... of each column,
    with duplicates dropped. A value equal to a cut point takes the lower
    score, so equal values always get equal scores. When a column has few
    distinct values (e.g. many customers with one order) there are fewer cut
    points and fewer distinct scores than ``bins``: the scores say honestly
    that the data cannot tell those customers apart. This differs from the
    rank-based ``pd.qcut(x.rank(method="first"), 5)`` of many tutorials, which
    gives equal-sized groups by splitting ties arbitrarily.

    Parameters
    ----------
    rfm : RFMTable or DataFrame
        Output of :func:`rfm_table`, or a frame with the columns ``recency``,
        ``frequency`` and ``monetary`` (e.g. built by hand).
    bins : int, default 5
        Number of score levels (2..10).
    cuts : dict, optional
        Your own cut points per column, e.g. ``{"recency": [30, 90, 180, 365]}``;
        such a column gets ``len(cuts) + 1`` levels.

    Returns
    -------
    RFMScores
        ``table`` of scores and codes per customer and the ``cut_points`` used.

    References
    ----------
    .. [1] Hughes, A. M. (1994). *Strategic Database Marketing*. Chicago: Probus (RFM
       analysis: recency, frequency and monetary quintiles).
    .. [2] Bult, J. R., & Wansbeek, T. (1995). Optimal selection for direct mail.
       *Marketing Science*, 14(4), 378-394.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [5, 40, 200, 400], "frequency": [12, 3, 1, 1], "monetary": [900.0, 300.0, 80.0, 20.0]},
    ...                    index=pd.Index(["A", "B", "C", "D"], name="customer_id"))
    >>> result = rfm_scores(rfm, bins=2)
    >>> result.cut_points
    {'recency': (120.0,), 'frequency': (2.0,), 'monetary': (190.0,)}
    >>> result.table
                 R  F  M rfm_code
    customer_id
    A            2  2  2      222
    B            2  2  2      222
    C            1  1  1      111
    D            1  1  1      111
    >>> rfm_scores(rfm, cuts={"recency": [30, 90, 180]}).table["R"].tolist()
    [4, 3, 1, 1]
    """
    rfm = _check_rfm(rfm, "rfm")
    bins = int(check_number(bins, "bins", low=2, high=10))
    cuts = dict(cuts or {})
    for column in cuts:
        check_choice(column, "cuts key", list(RFM_COLUMNS))
    quantiles = np.arange(1, bins) / bins
    scores: dict[str, np.ndarray] = {}
    cut_points: dict[str, tuple[float, ...]] = {}
    for column, score_name in zip(RFM_COLUMNS, "RFM"):
        values = rfm[column].to_numpy(dtype=float)
        edges = _check_cuts(cuts[column], column) if column in cuts else np.unique(np.quantile(values, quantiles))
        cut_points[column] = tuple(float(c) for c in edges)
        if column == "recency":  # fewer days since the last order is better
            score = 1 + len(edges) - np.searchsorted(edges, values, side="right")
        else:
            score = 1 + np.searchsorted(edges, values, side="left")
        scores[score_name] = score.astype("int64")
    table = pd.DataFrame(scores, index=rfm.index)
    table["rfm_code"] = table["R"].astype(str) + table["F"].astype(str) + table["M"].astype(str)
    return RFMScores(table=table, cut_points=cut_points, bins=bins)


@dataclass(frozen=True, repr=False)
class RFMSegments(Result):
    """The eight RFM classes of each customer and the thresholds used.

    The classes are a course convention (high or low R, F and M against the
    mean); :func:`rfm_segments` states where each part of it comes from.

    Attributes
    ----------
    table : DataFrame
        Per customer: ``r_high``, ``f_high``, ``m_high`` (True when better than
        the threshold), ``segment`` (code), ``segment_zh``, ``segment_en``, ``service``.
    thresholds : dict
        ``{column: threshold}`` for the three columns compared.
    by_segment : DataFrame
        Per class, in the fixed order of :data:`RFM_SEGMENTS`: customers,
        customer_share, monetary (total), monetary_share, the mean recency,
        frequency and monetary, and the service level with its strategy.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [5, 40, 200, 400], "frequency": [12, 3, 1, 1], "monetary": [900.0, 300.0, 80.0, 20.0]},
    ...                    index=pd.Index(["A", "B", "C", "D"], name="customer_id"))
    >>> segments = rfm_segments(rfm)
    >>> segments.thresholds
    {'recency': 161.25, 'frequency': 4.25, 'monetary': 325.0}
    >>> segments.table["segment_zh"].tolist()
    ['重要价值客户', '一般发展客户', '一般挽留客户', '一般挽留客户']
    >>> segments.by_segment.loc[["important_value", "general_winback"], ["customers", "customer_share", "monetary"]]
                     customers  customer_share  monetary
    segment
    important_value          1            0.25     900.0
    general_winback          2            0.50     100.0
    """

    table: pd.DataFrame
    thresholds: dict[str, float]
    by_segment: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        """Customers, the thresholds and the number of customers in each class."""
        return {
            "customers": len(self.table),
            **{f"threshold_{column}": value for column, value in self.thresholds.items()},
            **{code: int(n) for code, n in self.by_segment["customers"].items()},
        }


def rfm_segments(rfm: RFMTable | pd.DataFrame, *, threshold: str | Mapping[str, float] = "mean") -> RFMSegments:
    """The eight RFM customer classes: each of R, F and M is high or low against its mean.

    A customer is *high R* when the recency is below the threshold (ordered
    recently), *high F* / *high M* when frequency / monetary are above it;
    a value equal to the threshold counts as low. The 2 x 2 x 2 combinations
    give the classes used in Chinese practice:

    ===  ===  ===  ==========================================
    R    F    M    class (service)
    ===  ===  ===  ==========================================
    hi   hi   hi   重要价值客户 important value (value-added)
    hi   lo   hi   重要发展客户 important development (refined)
    lo   hi   hi   重要保持客户 important retention (refined)
    lo   lo   hi   重要挽留客户 important win-back (refined)
    hi   hi   lo   一般价值客户 general value (refined)
    hi   lo   lo   一般发展客户 general development (basic)
    lo   hi   lo   一般保持客户 general retention (basic)
    lo   lo   lo   一般挽留客户 general win-back (basic)
    ===  ===  ===  ==========================================

    Parameters
    ----------
    rfm : RFMTable or DataFrame
        Either the output of :func:`rfm_table` or its ``table`` (raw values,
        compared as described; a frame built by hand will do) or ``rfm_scores(...).table`` (columns ``R``, ``F``, ``M``,
        where higher is better for all three, as many textbooks do it).
    threshold : {"mean", "median"} or dict, default "mean"
        What "high" is measured against; the mean is the usual choice. The
        median splits each column in halves and resists a few huge customers.
        A dict gives fixed thresholds, e.g. ``{"recency": 90, "frequency": 4, "monetary": 10000}``.

    Returns
    -------
    RFMSegments
        ``table`` per customer, ``thresholds`` and ``by_segment`` per class.

    Notes
    -----
    The eight classes and their names are a **course convention**, the one of
    Chinese customer-relationship-management practice and 《客户关系管理》
    textbooks: each of R, F and M is compared with its mean (here optionally the
    median or fixed values) and the 2 x 2 x 2 combinations are named 重要价值 / 重要发展 / 重要保持 / 重要挽留 /
    一般价值 / 一般发展 / 一般保持 / 一般挽留客户. No single published source
    defines them, and none is cited for them here. What the sources do give:

    * the three variables, recency, frequency and monetary value, and the idea
      of ranking customers on each: Hughes (1994) [1]_; Bult and Wansbeek
      (1995) [2]_ test RFM selection against a model; Fader, Hardie and Lee
      (2005) [3]_ show that R and F together (not each alone) carry a
      customer's future value, which is why the classes combine all three;
    * the service levels the classes are served at, basic, refined and
      value-added service (基本服务, 精细服务, 增值服务): the course text [4]_
      (精细服务和增值服务 raise customer satisfaction). The strategy attached to
      each class is the workbook's suggestion, written for a 3PL provider.

    High/low against the mean is the convention this course uses; the median
    (``threshold="median"``) and the quintile scores of :func:`rfm_scores`
    (Hughes's own ranking) are the alternatives.

    References
    ----------
    .. [1] Hughes, A. M. (1994). *Strategic Database Marketing*. Chicago: Probus (RFM
       analysis: recency, frequency and monetary quintiles).
    .. [2] Bult, J. R., & Wansbeek, T. (1995). Optimal selection for direct mail.
       *Marketing Science*, 14(4), 378-394.
    .. [3] Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). RFM and CLV: Using
       iso-value curves for customer base analysis. *Journal of Marketing Research*,
       42(4), 415-430.
    .. [4] 《物流客户服务》 course text (``course-notes.zh.txt`` of the course), review
       questions, item 10: 通过精细服务和增值服务，可以提高客户满意度 (refined and
       value-added service raise customer satisfaction).

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [10, 10, 300, 300], "frequency": [9, 1, 9, 1], "monetary": [900.0, 100.0, 900.0, 100.0]},
    ...                    index=pd.Index(["A", "B", "C", "D"], name="customer_id"))
    >>> result = rfm_segments(rfm)
    >>> result.thresholds
    {'recency': 155.0, 'frequency': 5.0, 'monetary': 500.0}
    >>> result.table["segment"].tolist()
    ['important_value', 'general_development', 'important_retention', 'general_winback']
    >>> int(result.by_segment.loc["important_value", "customers"]), float(result.by_segment.loc["important_value", "monetary_share"])
    (1, 0.45)
    """
    rfm = table_of(rfm)
    check_dataframe(rfm, "rfm")
    uses_scores = not set(RFM_COLUMNS) <= set(rfm.columns) and {"R", "F", "M"} <= set(rfm.columns)
    columns = ("R", "F", "M") if uses_scores else RFM_COLUMNS
    _check_rfm(rfm, "rfm", columns)
    if isinstance(threshold, Mapping):
        missing = [c for c in columns if c not in threshold]
        if missing:
            raise LogilabInputError(
                f"threshold: expected a value for each of {list(columns)}, found none for {missing}. Add them, or use 'mean' or 'median'."
            )
        thresholds = {c: float(check_number(threshold[c], f"threshold[{c!r}]")) for c in columns}
    else:
        check_choice(threshold, "threshold", ["mean", "median"])
        thresholds = {c: float(getattr(rfm[c].astype(float), threshold)()) for c in columns}
    first, second, third = (rfm[c].to_numpy(dtype=float) for c in columns)
    r_high = first > thresholds[columns[0]] if uses_scores else first < thresholds[columns[0]]
    f_high = second > thresholds[columns[1]]
    m_high = third > thresholds[columns[2]]
    # the class of each customer as a row of RFM_SEGMENTS, found through the three flags read as a 3-bit number
    row_of_flags = np.empty(8, dtype=np.intp)
    row_of_flags[(RFM_SEGMENTS["r_high"] * 4 + RFM_SEGMENTS["f_high"] * 2 + RFM_SEGMENTS["m_high"]).to_numpy(dtype=np.intp)] = np.arange(8)
    rows = row_of_flags[r_high * 4 + f_high * 2 + m_high]
    table = pd.DataFrame({"r_high": r_high, "f_high": f_high, "m_high": m_high}, index=rfm.index)
    for name, labels in (
        ("segment", RFM_SEGMENTS.index),
        ("segment_zh", RFM_SEGMENTS["zh"]),
        ("segment_en", RFM_SEGMENTS["en"]),
        ("service", RFM_SEGMENTS["service"]),
    ):
        table[name] = _labels_at(labels, rows, rfm.index)
    return RFMSegments(table=table, thresholds=thresholds, by_segment=_segment_summary(rfm, table, columns, rows))


def _segment_summary(rfm: pd.DataFrame, table: pd.DataFrame, columns: Sequence[str], rows: np.ndarray) -> pd.DataFrame:
    """Customers, value and means per class; ``rows`` is each customer's class as a row number of RFM_SEGMENTS."""
    numbers = pd.DataFrame({c: rfm[c].to_numpy(dtype=float) for c in columns})
    grouped = numbers.groupby(rows)  # grouped by the row numbers: hashing 8 integers, not the class names of every customer
    summary = pd.DataFrame(index=RFM_SEGMENTS.index)
    summary["customers"] = np.bincount(rows, minlength=len(summary)).astype("int64")
    summary["customer_share"] = summary["customers"] / len(table)
    sums = grouped[columns[2]].sum().reindex(range(len(summary)), fill_value=0.0)
    summary[columns[2]] = sums.to_numpy()
    total = numbers[columns[2]].sum()
    summary[f"{columns[2]}_share"] = summary[columns[2]] / total if total > 0 else 0.0
    means = grouped.mean().reindex(range(len(summary)))
    for column in columns:
        summary[f"mean_{column}"] = means[column].to_numpy()
    summary = summary.join(RFM_SEGMENTS[["zh", "en", "service", "service_zh", "service_en", "strategy_zh", "strategy_en"]])
    return summary


@dataclass(frozen=True, repr=False)
class ABCResult(Result):
    """An ABC (Pareto) classification and the cut-offs that made it.

    Attributes
    ----------
    table : DataFrame
        Sorted by value: ``value``, ``share``, ``cumulative_share``,
        ``rank_share`` (share of items up to this one) and ``abc_class``.
    cutoffs : (float, float)
        Cumulative shares closing class A and class B.

    Examples
    --------
    >>> abc = abc_classify(pd.Series({"a": 10.0, "b": 50.0, "c": 30.0, "d": 6.0, "e": 4.0}))
    >>> abc
    ABCResult(items=5, cutoff_a=0.8, cutoff_b=0.95, items_A=2, items_B=2, items_C=1, value_share_A=0.8, value_share_B=0.16, …; table 5 rows)
    >>> abc.by_class["items"].tolist()
    [2, 2, 1]
    """

    table: pd.DataFrame
    cutoffs: tuple[float, float]

    @property
    def by_class(self) -> pd.DataFrame:
        """Per class A, B, C: items, share of items, value and share of value (:func:`abc_summary`)."""
        return abc_summary(self.table)

    def summary(self) -> dict[str, Any]:
        """Items, the cut-offs, and the items and share of value of each class."""
        by_class = self.by_class
        return {
            "items": len(self.table),
            "cutoff_a": self.cutoffs[0],
            "cutoff_b": self.cutoffs[1],
            **{f"items_{c}": int(by_class.loc[c, "items"]) for c in by_class.index},
            **{f"value_share_{c}": float(by_class.loc[c, "value_share"]) for c in by_class.index},
        }


def abc_classify(values: pd.Series | Sequence[float], *, cutoffs: tuple[float, float] = (0.8, 0.95)) -> ABCResult:
    """ABC (Pareto) classification: rank by value, accumulate shares, cut at the cut-offs.

    Customers are sorted by value (largest first; values within a billionth
    of the largest value count as equal and keep their original order). A customer is class A while the cumulative share *before*
    it is below the first cut-off, so the customer who crosses 80 % is still
    A; likewise for B with the second cut-off; the rest are C. This way the A
    class is never empty, even when one customer alone holds more than 80 %.

    Parameters
    ----------
    values : Series or sequence of numbers
        Non-negative values, e.g. ``rfm["monetary"]``; the index names the items.
    cutoffs : (float, float), default (0.8, 0.95)
        Cumulative shares closing class A and class B.

    Returns
    -------
    ABCResult
        ``table`` sorted by value: ``value``, ``share``, ``cumulative_share``,
        ``rank_share`` (share of items up to this one) and ``abc_class``; the
        ``cutoffs`` used; ``by_class`` and ``summary()`` per class.

    References
    ----------
    .. [1] Juran, J. M. (1951). *Quality Control Handbook*. New York: McGraw-Hill (the
       Pareto principle: the vital few and the trivial many).

    Examples
    --------
    >>> abc = abc_classify(pd.Series({"a": 10.0, "b": 50.0, "c": 30.0, "d": 6.0, "e": 4.0}))
    >>> abc.cutoffs
    (0.8, 0.95)
    >>> abc.table
       value  share  cumulative_share  rank_share abc_class
    b   50.0   0.50              0.50         0.2         A
    c   30.0   0.30              0.80         0.4         A
    a   10.0   0.10              0.90         0.6         B
    d    6.0   0.06              0.96         0.8         B
    e    4.0   0.04              1.00         1.0         C
    """
    if isinstance(values, pd.DataFrame) or np.ndim(values) != 1:
        raise LogilabTypeError(f"values: expected a Series or a list of numbers, found {type(values).__name__}. Pass e.g. rfm['monetary'].")
    series = values if isinstance(values, pd.Series) else pd.Series(list(values))
    frame = series.to_frame("value")
    check_dataframe(frame, "values")
    check_numeric_columns(frame, ["value"], "values", low=0)
    if len(cutoffs) != 2:
        raise LogilabInputError(f"cutoffs: expected two shares (A, B) such as (0.8, 0.95), found {cutoffs!r}. Pass two numbers.")
    a_cut = check_number(cutoffs[0], "cutoffs[0]", low=0, high=1, low_inclusive=False)
    b_cut = check_number(cutoffs[1], "cutoffs[1]", low=a_cut, high=1)
    numbers = pd.to_numeric(series).astype(float)
    total = numbers.sum()
    if total <= 0:
        raise LogilabInputError("values: expected a positive total, found all values 0. Shares of a zero total are undefined.")
    # Values within a billionth of the largest value tie (and keep their order): sums computed in
    # another order, as a multi-threaded engine does, differ in the last bits and must not reorder customers.
    key = (numbers / numbers.abs().max()).round(9).to_numpy()
    ordered = numbers.iloc[np.argsort(-key, kind="stable")]
    share = ordered / total
    cumulative = share.cumsum()
    before = (cumulative - share).to_numpy()  # NumPy on a Series looks up __array_struct__ among its 500,000 labels
    classes = _labels_at(["A", "B", "C"], np.where(before < a_cut - 1e-12, 0, np.where(before < b_cut - 1e-12, 1, 2)), ordered.index)
    table = pd.DataFrame(
        {
            "value": ordered,
            "share": share,
            "cumulative_share": cumulative.clip(upper=1.0),
            "rank_share": np.arange(1, len(ordered) + 1) / len(ordered),
            "abc_class": classes,
        },
        index=ordered.index,
    )
    return ABCResult(table=table, cutoffs=(float(a_cut), float(b_cut)))


def abc_summary(abc: ABCResult | pd.DataFrame) -> pd.DataFrame:
    """Per class A, B, C: items, share of items, value and share of value.

    Parameters
    ----------
    abc : ABCResult or DataFrame
        The output of :func:`abc_classify`, or a frame with at least the
        columns ``value`` and ``abc_class``.

    Returns
    -------
    DataFrame
        Indexed by ``abc_class`` (A, B, C, a class with no item included as 0):
        ``items``, ``item_share``, ``value`` (sum) and ``value_share``.

    References
    ----------
    .. [1] Juran, J. M. (1951). *Quality Control Handbook*. New York: McGraw-Hill (the
       Pareto principle: the vital few and the trivial many).

    Examples
    --------
    >>> abc = abc_classify(pd.Series({"a": 10.0, "b": 50.0, "c": 30.0, "d": 6.0, "e": 4.0}))
    >>> abc_summary(abc)
               items  item_share  value  value_share
    abc_class
    A              2         0.4   80.0         0.80
    B              2         0.4   16.0         0.16
    C              1         0.2    4.0         0.04
    """
    abc = table_of(abc)
    check_dataframe(abc, "abc")
    require_columns(abc, ["value", "abc_class"], "abc")
    grouped = abc.groupby("abc_class")["value"]
    summary = pd.DataFrame({"items": grouped.size(), "value": grouped.sum()}).reindex(["A", "B", "C"], fill_value=0)
    summary.index.name = "abc_class"
    summary.insert(1, "item_share", summary["items"] / summary["items"].sum())
    summary["value_share"] = summary["value"] / summary["value"].sum()
    summary["items"] = summary["items"].astype("int64")
    return summary


SCALINGS = ("log-standard", "standard", "minmax", "none")

# words naming a cluster's level on each RFM feature, from very low to very high: (zh words, en words),
# from logilab.i18n ("level_<feature>_<0..4>"; "level_<0..4>" for other features)
_LEVEL_WORDS = {
    feature: tuple(zip(*(bilingual_pair(f"level_{feature}_{level}") for level in range(5))))
    for feature in ("recency", "frequency", "monetary")
}
# level boundaries in standard deviations of the scaled feature from its mean
_LEVEL_Z = (-1.5, -0.5, 0.5, 1.5)


@dataclass(frozen=True, repr=False)
class KMeansResult(Result):
    """A k-means segmentation with every step exposed.

    Attributes
    ----------
    k : int
        The number of clusters used (chosen by silhouette unless given).
    labels : Series
        Cluster number per customer (0 = the largest cluster).
    selection : DataFrame
        Per k tried: ``inertia`` (within-cluster sum of squares) and ``silhouette``,
        both on the ``selection_sample`` customers the models were fitted on.
    table : DataFrame
        Per cluster: ``size``, ``share``, the mean of every feature in its own
        units, and a readable ``name_zh`` / ``name_en``.
    scaled : DataFrame
        The features after scaling, as k-means saw them.
    centers : DataFrame
        Cluster centres in the scaled space.
    scale : str
        The scaling used.
    random_state : int
    silhouette_sample : int
        How many customers (a seeded random sample when fewer than all) each
        silhouette of ``selection`` was computed on.
    selection_sample : int
        How many customers the models of the k-selection were fitted on: all
        of them up to ``minibatch_above``, a seeded sample above it.
    algorithm : str
        ``"KMeans"`` (Lloyd, every customer, ``n_init`` starts per k) or, above
        ``minibatch_above`` customers, ``"MiniBatchKMeans"`` (k-selection on the
        sample, the final model refined on every customer).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> blobs = pd.DataFrame(np.vstack([rng.normal(0, 0.1, (20, 2)), rng.normal(3, 0.1, (10, 2))]), columns=["x", "y"])
    >>> result = kmeans_segments(blobs, scale="standard", k=2)
    >>> result
    KMeansResult(k=2, silhouette=0.9647, customers=30, largest_cluster_share=0.6667, scale='standard'; table 2 rows)
    >>> result.table[["size", "share", "name_en"]].round(2)
             size  share         name_en
    cluster
    0          20   0.67    low x, low y
    1          10   0.33  high x, high y
    >>> result.labels.value_counts().sort_index().tolist()
    [20, 10]
    """

    k: int
    labels: pd.Series
    selection: pd.DataFrame
    table: pd.DataFrame
    scaled: pd.DataFrame
    centers: pd.DataFrame
    scale: str
    random_state: int
    silhouette_sample: int = 0
    selection_sample: int = 0
    algorithm: str = "KMeans"

    def summary(self) -> dict[str, Any]:
        """k, how it was reached (its silhouette), the customers and the size of the largest cluster."""
        return {
            "k": self.k,
            "silhouette": float(self.selection["silhouette"].get(self.k, float("nan"))),
            "customers": int(self.table["size"].sum()),
            "largest_cluster_share": float(self.table["share"].max()),
            "scale": self.scale,
        }


def _scale(features: pd.DataFrame, scale: str) -> pd.DataFrame:
    values = features.astype(float)
    if scale == "log-standard":
        negative = [c for c in values.columns if (values[c] < 0).any()]
        if negative:
            raise LogilabInputError(
                f"scale: expected features >= 0 for the log scaling, found negative values in {negative}. Use scale='standard'."
            )
        values = np.log1p(values)
    if scale in ("log-standard", "standard"):
        spread = values.std(ddof=0).replace(0, 1.0)
        return (values - values.mean()) / spread
    if scale == "minmax":
        span = (values.max() - values.min()).replace(0, 1.0)
        return (values - values.min()) / span
    return values


def _cluster_names(centers: pd.DataFrame, scaled: pd.DataFrame, means: pd.DataFrame, overall: pd.Series) -> tuple[list[str], list[str]]:
    """Name clusters by where their centres lie against the average, feature by feature (five levels).

    The level comes from the scaled centre; a word above or below the middle
    is used only when the cluster's mean in the original units agrees (a
    cluster called 高额 spends more than the average customer), otherwise the
    middle word is used.
    """
    spread = scaled.std(ddof=0).replace(0, 1.0)
    z = (centers - scaled.mean()) / spread
    names_zh, names_en = [], []
    for cluster, row in z.iterrows():
        zh, en = [], []
        for column, value in row.items():
            level = int(np.searchsorted(_LEVEL_Z, value))
            mean, average = float(means.loc[cluster, column]), float(overall[column])
            if (level > 2 and not mean > average) or (level < 2 and not mean < average):
                level = 2
            words_zh, words_en = _LEVEL_WORDS.get(
                str(column),
                tuple(zip(*(tuple(w.format(feature=column) for w in bilingual_pair(f"level_{level}")) for level in range(5)))),
            )
            zh.append(words_zh[level])
            en.append(words_en[level])
        names_zh.append("·".join(zh))
        names_en.append(", ".join(en))
    for names in (names_zh, names_en):
        for name in sorted(set(names)):
            positions = [i for i, n in enumerate(names) if n == name]
            if len(positions) > 1:
                for number, i in enumerate(positions, start=1):
                    names[i] = f"{name} ({number})"
    return names_zh, names_en


# above kmeans_segments(minibatch_above=...) customers: the k-selection sample and the mini-batch size
_SELECTION_SAMPLE = 50_000
_MINIBATCH_SIZE = 4096


def _distinct_rows(matrix: np.ndarray, *, at_least: int) -> int:
    """The number of distinct rows of ``matrix``, or a number >= ``at_least`` found in its first rows.

    The callers only need to know whether there are enough distinct customers
    for k clusters: the first 10,000 rows usually tell, and the full count
    (a hash of every row) is needed only when they do not.
    """
    head = len(pd.DataFrame(matrix[:10_000]).drop_duplicates())
    if head >= at_least or len(matrix) <= 10_000:
        return head
    return len(pd.DataFrame(matrix).drop_duplicates())


def kmeans_segments(
    features: pd.DataFrame | RFMTable,
    *,
    k: int | None = None,
    k_range: Iterable[int] = range(2, 9),
    scale: str = "log-standard",
    random_state: int = 0,
    n_init: int = 10,
    silhouette_sample: int = 2000,
    minibatch_above: int | None = 100_000,
) -> KMeansResult:
    """Cluster customers with k-means on scaled features; choose k by silhouette.

    Parameters
    ----------
    features : DataFrame or RFMTable
        Numeric features per customer, e.g. ``rfm_table(...)`` (its ``table``) or
        a frame built by hand (all columns are used).
    k : int, optional
        The number of clusters. Default: the k of ``k_range`` with the highest
        silhouette (the elbow of the inertia column is shown for comparison).
    k_range : iterable of int, default range(2, 9)
        The k tried for the selection table.
    scale : {"log-standard", "standard", "minmax", "none"}, default "log-standard"
        ``log-standard`` takes log(1 + x) and then z-scores: RFM values are
        strongly skewed (a few customers order hundreds of times), and without
        the log k-means would mostly separate those few. ``standard`` z-scores
        only; ``minmax`` maps each feature to [0, 1]; ``none`` uses raw values.
    random_state : int, default 0
        Seeds the k-means starts and the silhouette sample: equal seeds give
        equal labels.
    n_init : int, default 10
        Independent k-means++ starts per k; the best is kept.
    silhouette_sample : int, default 2000
        Silhouette is computed on a seeded sample of this many customers (it
        costs n squared); all customers are used when there are fewer. The
        size used is kept as ``result.silhouette_sample``.
    minibatch_above : int or None, default 100000
        With more customers than this, k is chosen on a seeded sample of
        50,000 customers fitted with ``MiniBatchKMeans`` (3 starts per k), and
        the chosen k is then fitted on every customer with k-means started
        from the sample's centres: choosing k among 2..8 for a million
        customers takes seconds instead of minutes. ``None`` always fits every
        k on every customer. With ``k`` given, exactly one model is fitted
        (k-means on every customer, ``n_init`` starts) whatever the size.

    Returns
    -------
    KMeansResult
        ``labels`` per customer, ``table`` per cluster (size, share, feature
        means, names) and ``selection`` per k tried.

    References
    ----------
    .. [1] MacQueen, J. (1967). Some methods for classification and analysis of multivariate
       observations. In *Proceedings of the Fifth Berkeley Symposium on Mathematical Statistics
       and Probability*, Vol. 1 (pp. 281-297). Berkeley: University of California Press.
    .. [2] Arthur, D., & Vassilvitskii, S. (2007). k-means++: The advantages of careful seeding.
       In *Proceedings of the 18th Annual ACM-SIAM Symposium on Discrete Algorithms* (pp. 1027-1035).
    .. [3] Rousseeuw, P. J. (1987). Silhouettes: A graphical aid to the interpretation and
       validation of cluster analysis. *Journal of Computational and Applied Mathematics*, 20, 53-65.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> blobs = pd.DataFrame(np.vstack([rng.normal(0, 0.1, (20, 2)), rng.normal(3, 0.1, (10, 2))]), columns=["x", "y"])
    >>> result = kmeans_segments(blobs, scale="standard", k_range=range(2, 5))
    >>> result.k, result.table["size"].tolist()
    (2, [20, 10])
    >>> result.selection["silhouette"].round(2).tolist()
    [0.96, 0.54, 0.53]
    """
    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.metrics import silhouette_score
    from threadpoolctl import threadpool_limits

    features = table_of(features)
    check_dataframe(features, "features")
    columns = [str(c) for c in features.columns]
    check_numeric_columns(features, features.columns, "features")
    check_choice(scale, "scale", SCALINGS)
    random_state = int(check_number(random_state, "random_state", low=0))
    ks = sorted({int(check_number(v, "k_range", low=2)) for v in k_range})
    if k is not None:
        k = int(check_number(k, "k", low=1))
    if minibatch_above is not None:
        minibatch_above = int(check_number(minibatch_above, "minibatch_above", low=1))
    silhouette_sample = int(check_number(silhouette_sample, "silhouette_sample", low=2))
    n = len(features)
    usable = [v for v in ks if v < n]
    if k is None and not usable:
        raise LogilabInputError(f"k_range: expected some k below the number of customers ({n}), found {ks}. Use fewer clusters.")
    if k is not None and k > n:
        raise LogilabInputError(f"k: expected at most the number of customers ({n}), found {k}. Use fewer clusters.")
    scaled = _scale(features, scale)
    matrix = scaled.to_numpy()

    def fit(n_clusters: int, rows: np.ndarray, **options: Any) -> Any:
        # k-means on a few features is fastest single-threaded: OpenMP start-up costs more than it saves
        with threadpool_limits(limits=1, user_api="openmp"):
            if options.pop("minibatch", False):
                return MiniBatchKMeans(n_clusters=n_clusters, random_state=random_state, **options).fit(rows)
            return KMeans(n_clusters=n_clusters, random_state=random_state, **options).fit(rows)

    distinct = _distinct_rows(matrix, at_least=max([k or 0, *usable, 1]))
    if k is not None and k > distinct:
        raise LogilabInputError(
            f"k: expected at most as many clusters as distinct customers ({distinct:,}), found {k}. Use fewer clusters."
        )
    # with k given only that model is fitted; otherwise every k of k_range that the data can hold
    tried = [k] if k is not None else [v for v in usable if v <= distinct]
    if not tried:
        raise LogilabInputError(
            f"k_range: expected some k up to the number of distinct customers ({distinct:,}), found {ks}. Use fewer clusters."
        )
    large = k is None and minibatch_above is not None and n > minibatch_above
    rows_fitted = matrix
    if large:
        # above the threshold k is chosen on a seeded sample (MiniBatchKMeans), then refined on every customer
        picked = np.sort(np.random.default_rng(random_state).choice(n, size=min(_SELECTION_SAMPLE, n), replace=False))
        rows_fitted = matrix[picked]
    options: dict[str, Any] = {"minibatch": True, "n_init": 3, "batch_size": _MINIBATCH_SIZE} if large else {"n_init": n_init}
    fitted = len(rows_fitted)
    rows, models = [], {}
    sample = min(silhouette_sample, fitted)
    for n_clusters in tried:
        model = fit(n_clusters, rows_fitted, **options)
        models[n_clusters] = model
        silhouette = np.nan
        if 2 <= n_clusters < fitted and len(np.unique(model.labels_)) > 1:
            silhouette = (
                silhouette_score(rows_fitted, model.labels_, sample_size=sample, random_state=random_state)
                if sample < fitted
                else silhouette_score(rows_fitted, model.labels_)
            )
        rows.append({"k": n_clusters, "inertia": float(model.inertia_), "silhouette": float(silhouette)})
    selection = pd.DataFrame(rows, columns=["k", "inertia", "silhouette"]).set_index("k")
    chosen = int(selection["silhouette"].idxmax()) if k is None else k
    model = models[chosen]
    if large:
        model = fit(chosen, matrix, init=model.cluster_centers_, n_init=1)

    # number clusters by size (largest first), ties by centre, so labels do not depend on k-means' internal order
    raw = model.labels_
    sizes = np.bincount(raw, minlength=chosen)
    order = sorted(range(chosen), key=lambda c: (-sizes[c], tuple(model.cluster_centers_[c])))
    relabel = np.empty(chosen, dtype=int)
    relabel[order] = np.arange(chosen)
    labels = pd.Series(relabel[raw], index=features.index, name="cluster")
    centers = pd.DataFrame(model.cluster_centers_[order], columns=columns, index=pd.RangeIndex(chosen, name="cluster"))

    values = features.astype(float).set_axis(columns, axis=1)
    profile = values.groupby(labels.to_numpy()).mean()
    profile.index.name = "cluster"
    profile.insert(0, "size", np.bincount(labels, minlength=chosen))
    profile.insert(1, "share", profile["size"] / n)
    scaled = scaled.set_axis(columns, axis=1)
    profile["name_zh"], profile["name_en"] = _cluster_names(centers, scaled, profile[columns], values.mean())
    return KMeansResult(
        k=chosen,
        labels=labels,
        selection=selection,
        table=profile,
        scaled=scaled,
        centers=centers,
        scale=scale,
        random_state=random_state,
        silhouette_sample=sample,
        selection_sample=fitted,
        algorithm="MiniBatchKMeans" if large else "KMeans",
    )


@dataclass(frozen=True, repr=False)
class Segmentation(Result):
    """Everything :func:`segment_customers` computed, step by step.

    Attributes
    ----------
    table : DataFrame
        One row per customer: recency, frequency, monetary, R, F, M, rfm_code,
        segment (code), segment_zh, segment_en, service, abc_class,
        cumulative_share and, with clustering, cluster, cluster_zh, cluster_en.
    rfm : RFMTable
        The R/F/M values (``rfm.table``) and the analysis date (``rfm.as_of``).
    scores : RFMScores
    segments : RFMSegments
    abc : ABCResult
        The ABC classes of monetary value and the cut-offs used.
    kmeans : KMeansResult or None
    parameters : dict
        The columns and options used, for the record (the report prints them).
    excluded : DataFrame
        Customers left out because refunds bring their net amount to zero or
        below: ``purchases``, ``refunds`` and ``net`` per customer.
    cleaning : CleaningReport or None
        What the file reader changed, when the lines came from :func:`logilab.read_orders`.

    Examples
    --------
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["A", "A", "B", "C", "C", "C", "D"],
    ...     "order_date": ["2025-12-30", "2025-12-01", "2025-06-01", "2025-12-20", "2025-11-02", "2025-10-02", "2025-02-01"],
    ...     "revenue": [500.0, 700.0, 900.0, 50.0, 60.0, 40.0, 30.0],
    ... })
    >>> result = segment_customers(lines, clusters=False)
    >>> result.parameters["as_of"], result.kmeans, len(result.excluded)
    ('2025-12-31', None, 0)
    >>> result.table["segment"].value_counts().sort_index().to_dict()
    {'general_value': 1, 'general_winback': 1, 'important_value': 1, 'important_winback': 1}
    """

    table: pd.DataFrame
    rfm: RFMTable
    scores: RFMScores
    segments: RFMSegments
    abc: ABCResult
    kmeans: KMeansResult | None
    parameters: dict[str, Any] = field(default_factory=dict)
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)
    cleaning: Any = None

    def summary(self) -> dict[str, Any]:
        """Customers, the as-of date, customers left out, k and the size of each RFM class."""
        counts = self.table["segment"].value_counts()
        return {
            "customers": len(self.table),
            "as_of": self.parameters.get("as_of"),
            "excluded": len(self.excluded),
            "k": self.kmeans.k if self.kmeans is not None else None,
            **{code: int(counts.get(code, 0)) for code in RFM_SEGMENTS.index},
        }


def _check_variety(rfm: pd.DataFrame, k: int | None, clusters: bool) -> None:
    """Errors in the analyst's terms for data that cannot be segmented."""
    n = len(rfm)
    if n == 0:
        raise LogilabInputError(
            "lines: expected customers with purchases, found none (every customer's refunds cancel the purchases). "
            "Check the amount column and the refund lines.",
            reason="no_purchases",
        )
    if n == 1:
        raise LogilabInputError(
            f"lines: expected at least 2 customers to compare, found 1 ({rfm.index[0]!r}). Segmentation ranks customers "
            "against each other: use a file with more customers.",
            reason="one_customer",
            customer=str(rfm.index[0]),
        )
    if all((values == values[0]).all() for values in (rfm[c].to_numpy() for c in rfm.columns)):
        raise LogilabInputError(
            f"lines: expected customers that differ in recency, frequency or monetary value, found all {n:,} customers with "
            f"the same values ({rfm.iloc[0].to_dict()}). Check that the date and amount columns are the right ones.",
            reason="identical_customers",
            customers=n,
        )
    if not clusters or k is None:
        return
    distinct = len(rfm.drop_duplicates())  # counted only when a k is given (0.05 s for 500,000 customers)
    if k > distinct:
        raise LogilabInputError(
            f"k: expected at most as many clusters as customers with distinct R/F/M values ({distinct:,}), found k = {k}. "
            f"Use k={min(distinct, 8)} or less, or turn clustering off with clusters=False.",
            reason="k_too_large",
            k=int(k),
            distinct=int(distinct),
        )


def segment_customers(
    lines: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "order_date",
    amount: str = "revenue",
    order: str | None = None,
    as_of: Any = None,
    monetary: str = "sum",
    bins: int = 5,
    threshold: str = "mean",
    cutoffs: tuple[float, float] = (0.8, 0.95),
    clusters: bool = True,
    k: int | None = None,
    k_range: Iterable[int] = range(2, 9),
    scale: str = "log-standard",
    random_state: int = 0,
    refunds: str = "net",
    allow_future: bool = False,
    today: Any = None,
    cleaning: Any = None,
    progress: Callable[[str], None] | None = None,
    engine: str | None = None,
) -> Segmentation:
    """From raw order lines to one table: RFM, scores, eight classes, ABC class and cluster.

    Runs :func:`rfm_table`, :func:`rfm_scores`, :func:`rfm_segments`,
    :func:`abc_classify` (on monetary) and, unless ``clusters=False``,
    :func:`kmeans_segments` (on recency, frequency, monetary); the keyword
    arguments are theirs. Customers whose refunds bring their net amount to
    zero or below are left out and listed in ``result.excluded``. Data that
    cannot be segmented (one customer, all customers alike, fewer distinct
    customers than ``k``) is an error. ``progress``, if given, is called with
    the name of each step before it starts (the command line prints these).

    Parameters
    ----------
    lines : DataFrame
        Order lines: customer, date and amount (and optionally order) columns;
        a pandas DataFrame or any frame narwhals supports, as in :func:`rfm_table`.
    customer, date, amount : str, default "customer_id", "order_date", "revenue"
        The columns of customer id, order date and amount, as in :func:`rfm_table`.
    order : str, optional
        The order id column (frequency then counts orders, not purchase days).
    as_of : date-like, optional
        The analysis date; default the day after the last date.
    monetary : {"sum", "mean"}, default "sum"
        As in :func:`rfm_table`.
    refunds : {"net", "drop", "refuse"}, default "net"
        How negative amounts are treated, as in :func:`rfm_table`.
    allow_future : bool, default False
        Accept dates after ``today``, as in :func:`rfm_table`.
    today : date-like, optional
        The day the future check compares with (default: the computer's date).
    bins : int, default 5
        Score levels, as in :func:`rfm_scores`.
    threshold : {"mean", "median"}, default "mean"
        As in :func:`rfm_segments`.
    cutoffs : (float, float), default (0.8, 0.95)
        Cumulative shares of monetary value closing classes A and B, as in
        :func:`abc_classify`.
    clusters : bool, default True
        Run k-means.
    k : int, optional
        The number of clusters; default chosen by silhouette over ``k_range``.
    k_range : iterable of int, default range(2, 9)
        The k tried when ``k`` is not given.
    scale : {"log-standard", "standard", "minmax", "none"}, default "log-standard"
        The scaling of recency, frequency and monetary before k-means.
    random_state : int, default 0
        Seed of the k-means starts and the silhouette sample.
    cleaning : CleaningReport, optional
        The file reader's report, kept with the result for the HTML report.
    progress : callable, optional
        Called with the name of each step (``"rfm"``, ``"scores"``,
        ``"segments"``, ``"abc"``, ...) before it starts.
    engine : {None, "pandas", "duckdb"}, optional
        Where the per-customer group-by runs, as in :func:`rfm_table`.

    Returns
    -------
    Segmentation
        ``table`` holds one row per customer with every result; the
        intermediate steps are kept as attributes.

    References
    ----------
    .. [1] Hughes, A. M. (1994). *Strategic Database Marketing*. Chicago: Probus (RFM
       analysis: recency, frequency and monetary quintiles).
    .. [2] Juran, J. M. (1951). *Quality Control Handbook*. New York: McGraw-Hill (the
       Pareto principle: the vital few and the trivial many).
    .. [3] MacQueen, J. (1967). Some methods for classification and analysis of multivariate
       observations. In *Proceedings of the Fifth Berkeley Symposium on Mathematical Statistics
       and Probability*, Vol. 1 (pp. 281-297). Berkeley: University of California Press.
    .. [4] Arthur, D., & Vassilvitskii, S. (2007). k-means++: The advantages of careful seeding.
       In *Proceedings of the 18th Annual ACM-SIAM Symposium on Discrete Algorithms* (pp. 1027-1035).
    .. [5] Rousseeuw, P. J. (1987). Silhouettes: A graphical aid to the interpretation and
       validation of cluster analysis. *Journal of Computational and Applied Mathematics*, 20, 53-65.

    Examples
    --------
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["A", "A", "B", "C", "C", "C", "D"],
    ...     "order_date": ["2025-12-30", "2025-12-01", "2025-06-01", "2025-12-20", "2025-11-02", "2025-10-02", "2025-02-01"],
    ...     "revenue": [500.0, 700.0, 900.0, 50.0, 60.0, 40.0, 30.0],
    ... })
    >>> result = segment_customers(lines, clusters=False)
    >>> result.table[["recency", "frequency", "monetary", "segment_zh", "abc_class"]]
                 recency  frequency  monetary segment_zh abc_class
    customer_id
    A                  1          2    1200.0     重要价值客户         A
    B                213          1     900.0     重要挽留客户         A
    C                 11          3     150.0     一般价值客户         B
    D                333          1      30.0     一般挽留客户         C
    """
    report = progress or (lambda _step: None)
    report("rfm")
    found = customers_on(lines, engine)(
        lines,
        customer=customer,
        date=date,
        amount=amount,
        order=order,
        as_of=as_of,
        monetary=monetary,
        refunds=refunds,
        allow_future=allow_future,
        today=today,
    )
    rfm = found.rfm
    if isinstance(rfm.index.dtype, pd.StringDtype) and rfm.index.dtype.storage == "pyarrow":
        # the steps below join and align on the customers a dozen times, and pandas hashes Arrow strings by
        # making Python objects of them each time: made once here (0.35 s of 2.4 s for 500,000 customers)
        rfm = rfm.set_axis(pd.Index(rfm.index.to_numpy(dtype=object), dtype=object, name=rfm.index.name))
    if k is not None:
        k = int(check_number(k, "k", low=1))
    _check_variety(rfm, k, clusters)
    report("scores")
    scores = rfm_scores(rfm, bins=bins)
    report("segments")
    segments = rfm_segments(rfm, threshold=threshold)
    report("abc")
    abc = abc_classify(rfm["monetary"], cutoffs=cutoffs)
    table = rfm.join(scores.table).join(segments.table[["segment", "segment_zh", "segment_en", "service"]])
    table = table.join(abc.table[["cumulative_share", "abc_class"]])
    kmeans = None
    if clusters:
        report("kmeans")
        kmeans = kmeans_segments(rfm[list(RFM_COLUMNS)], k=k, k_range=k_range, scale=scale, random_state=random_state)
        table["cluster"] = kmeans.labels
        table["cluster_zh"] = table["cluster"].map(kmeans.table["name_zh"])
        table["cluster_en"] = table["cluster"].map(kmeans.table["name_en"])
    parameters = {
        "customer": customer,
        "date": date,
        "amount": amount,
        "order": order,
        "as_of": f"{found.as_of:%Y-%m-%d}",
        "as_of_given": as_of is not None,
        "monetary": monetary,
        "refunds": refunds,
        "bins": bins,
        "threshold": threshold,
        "cutoffs": tuple(cutoffs),
        "clusters": clusters,
        "k": kmeans.k if kmeans is not None else None,
        "k_chosen_by": None if kmeans is None else ("given" if k is not None else "silhouette"),
        "scale": scale,
        "random_state": random_state,
    }
    return Segmentation(
        table=table,
        rfm=RFMTable(table=rfm, as_of=found.as_of, excluded=found.excluded),
        scores=scores,
        segments=segments,
        abc=abc,
        kmeans=kmeans,
        parameters=parameters,
        excluded=found.excluded,
        cleaning=cleaning,
    )
