"""Periods as the workbook writes them, and filtering tables by them.

Grouped results label their periods as text: a month as ``"2025-03"``, a
quarter as ``"2025Q1"``, a year as ``"2025"`` (see ``by="month"`` in
:func:`logilab.service_kpis`). Students type months in many ways
(``"2025-3"``, ``"2025/03"``, ``"2025年3月"``, a date or a Timestamp), and a
plain comparison with any of these silently finds no rows.
:func:`period_label` turns every common spelling into the workbook's label and
:func:`select_rows` filters a table with it, raising an error that lists the
values present when a value matches nothing, instead of returning an empty
table.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from ._validation import LogilabInputError, LogilabTypeError, check_dataframe

__all__ = ["PERIODS", "PERIOD_COLUMNS", "period_label", "period_labels", "select_rows"]

# the one period vocabulary of the workbook, shortest first
PERIODS = ("day", "week", "month", "quarter", "year")
PERIOD_COLUMNS = PERIODS
_DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_WEEK = re.compile(r"^(\d{4})\s*[-/ ]?\s*(?:[Ww]|第)\s*(\d{1,2})\s*周?$")


def period_labels(dates: pd.Series, period: str) -> pd.Series:
    """The period of each date as the workbook labels it: ``2025-03-01``, ``2025-W09``, ``2025-03``, ``2025Q1``, ``2025``.

    Weeks are ISO weeks (Monday to Sunday; the week belongs to the year of its Thursday).

    Parameters
    ----------
    dates : Series of datetime64
    period : {"day", "week", "month", "quarter", "year"}

    Returns
    -------
    Series of str
        One label per date (missing dates stay missing).

    Examples
    --------
    >>> dates = pd.Series(pd.to_datetime(["2024-12-30", "2025-03-01"]))
    >>> [period_labels(dates, p).tolist() for p in PERIODS]
    [['2024-12-30', '2025-03-01'], ['2025-W01', '2025-W09'], ['2024-12', '2025-03'], ['2024Q4', '2025Q1'], ['2024', '2025']]
    """
    if period not in PERIODS:
        raise LogilabInputError(f"period: expected one of {list(PERIODS)}, found {period!r}. Pick one of them.")
    if period == "week":
        iso = dates.dt.isocalendar()
        labels = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
        return labels.astype(object).where(dates.notna())
    if period == "quarter":
        return dates.dt.to_period("Q").astype(str).where(dates.notna())
    return dates.dt.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[period])


_MONTH = re.compile(r"^(\d{4})\s*(?:[-/.年]|\s)\s*(\d{1,2})\s*月?(?:[-/.]\d{1,2}日?)?$")
_QUARTER = re.compile(r"^(\d{4})\s*(?:年)?\s*[-/ ]?\s*(?:[Qq]|第)\s*([1-4])\s*(?:季度|季)?$")
_YEAR = re.compile(r"^(\d{4})\s*年?$")


def period_label(value: Any, period: str = "month") -> str:
    """The workbook's label of a period: ``"2025-03"`` (month), ``"2025Q1"`` (quarter) or ``"2025"`` (year).

    Parameters
    ----------
    value : str, int, date, Timestamp or Period
        A period in any common spelling: ``"2025-3"``, ``"2025-03"``,
        ``"2025/3"``, ``"2025年3月"``, ``"2025-03-15"``, ``pd.Timestamp("2025-03-01")``,
        ``pd.Period("2025-03")``; for quarters ``"2025Q1"``, ``"2025 Q1"``,
        ``"2025年第1季度"`` or a date inside the quarter; for years ``2025`` or ``"2025年"``.
    period : {"day", "week", "month", "quarter", "year"}, default "month"
        The kind of period ``value`` names.

    Returns
    -------
    str
        ``"YYYY-MM-DD"``, ``"YYYY-Www"``, ``"YYYY-MM"``, ``"YYYYQn"`` or ``"YYYY"``.

    Examples
    --------
    >>> [period_label(v) for v in ["2025-3", "2025/03", "2025年3月", pd.Timestamp("2025-03-31")]]
    ['2025-03', '2025-03', '2025-03', '2025-03']
    >>> period_label("2025年第1季度", "quarter"), period_label("2025-02-14", "quarter"), period_label(2025, "year")
    ('2025Q1', '2025Q1', '2025')
    >>> period_label("March 2025")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: month: expected a month such as '2025-03', '2025-3', '2025年3月' or a date, found 'March 2025'. Write the year first, then the month.
    """
    if period not in PERIODS:
        raise LogilabInputError(f"period: expected one of {list(PERIODS)}, found {period!r}. Pick one of them.")
    examples = {
        "day": "a day such as '2025-03-01', '2025/3/1', '2025年3月1日' or a date",
        "week": "an ISO week such as '2025-W09', '2025W9', '2025年第9周' or a date",
        "month": "a month such as '2025-03', '2025-3', '2025年3月' or a date",
        "quarter": "a quarter such as '2025Q1', '2025 Q1', '2025年第1季度' or a date",
        "year": "a year such as 2025, '2025' or '2025年'",
    }[period]
    fix = {
        "day": "Write the year first, then the month and the day.",
        "week": "Write the year, then W and the week's number.",
        "month": "Write the year first, then the month.",
        "quarter": "Write the year, then Q and the quarter's number.",
        "year": "Write the four-digit year.",
    }[period]
    if isinstance(value, pd.Period):
        value = value.start_time
    if isinstance(value, (pd.Timestamp, dt.date)):
        stamp = pd.Timestamp(value)
        iso = stamp.isocalendar()
        return {
            "day": f"{stamp:%Y-%m-%d}",
            "week": f"{iso[0]:04d}-W{iso[1]:02d}",
            "month": f"{stamp.year:04d}-{stamp.month:02d}",
            "quarter": f"{stamp.year:04d}Q{stamp.quarter}",
            "year": f"{stamp.year:04d}",
        }[period]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise LogilabTypeError(f"{period}: expected {examples}, found {type(value).__name__} {value!r}. {fix}")
    text = str(value).strip()
    if period in ("day", "week") and (match := _DAY.match(text)):
        try:
            day = pd.Timestamp(year=int(match.group(1)), month=int(match.group(2)), day=int(match.group(3)))
        except ValueError:  # no such day (2025-02-30): the error below
            day = None
        if day is not None:
            return period_label(day, period)
    if period == "week" and (match := _WEEK.match(text)) and 1 <= int(match.group(2)) <= 53:
        return f"{match.group(1)}-W{int(match.group(2)):02d}"
    if period == "year" and (match := _YEAR.match(text)):
        return match.group(1)
    if period == "quarter" and (match := _QUARTER.match(text)):
        return f"{match.group(1)}Q{match.group(2)}"
    if period in ("month", "quarter", "year") and (match := _MONTH.match(text)):  # a month names no day or week
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            if period == "month":
                return f"{year:04d}-{month:02d}"
            return f"{year:04d}Q{(month - 1) // 3 + 1}" if period == "quarter" else f"{year:04d}"
    if period == "year" and (match := re.match(r"^(\d{4})\b", text)):
        return match.group(1)
    raise LogilabInputError(f"{period}: expected {examples}, found {value!r}. {fix}", reason=f"bad_{period}", value=text)


def select_rows(table: pd.DataFrame, **conditions: Any) -> pd.DataFrame:
    """The rows of ``table`` that meet every condition ``column=value`` (or ``column=[values]``).

    The columns ``day``, ``week``, ``month``, ``quarter`` and ``year`` accept every spelling
    :func:`period_label` reads. A value that occurs nowhere in its column is an
    error listing the values present (a typo must not look like "no orders");
    values that each occur but never together give an empty table, which is a
    real answer (that customer placed no order that month). The table is not
    changed; a new DataFrame is returned.

    Parameters
    ----------
    table : DataFrame
        Any table, e.g. ``service_kpis(lines, by=["customer_id", "month"])``.
    **conditions
        ``column=value`` or ``column=[values]``; each column must be in ``table``.

    Returns
    -------
    DataFrame
        A new frame with the rows that meet every condition.

    Examples
    --------
    >>> kpis = pd.DataFrame({"customer_id": ["C1", "C1", "C2"], "month": ["2025-02", "2025-03", "2025-03"], "otif": [1.0, 0.5, 0.75]})
    >>> select_rows(kpis, customer_id="C1", month="2025-3")
      customer_id    month  otif
    1          C1  2025-03   0.5
    >>> select_rows(kpis, month=pd.Timestamp("2025-03-01"))["otif"].tolist()
    [0.5, 0.75]
    >>> select_rows(kpis, month="2025-4")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: month: expected a value that occurs in the table, found '2025-4' (read as '2025-04'), which matches no row. The column holds 2 values: '2025-02', '2025-03'. Check the value, or filter on another column.
    """
    check_dataframe(table, "table")
    mask = pd.Series(True, index=table.index)
    for column, wanted in conditions.items():
        if column not in table.columns:
            raise LogilabInputError(
                f"{column}: expected a column of the table, found no such column among {list(table.columns)}. Filter on one of them."
            )
        values = list(wanted) if isinstance(wanted, (list, tuple, set, pd.Series, pd.Index)) else [wanted]
        present = table[column]
        labels = []
        for value in values:
            label = period_label(value, column) if column in PERIOD_COLUMNS else value
            if not present.eq(label).any() and not present.astype(str).eq(str(label)).any():
                held = pd.unique(present.astype(str))
                shown = ", ".join(repr(v) for v in sorted(held)[:5]) + (f", ... {sorted(held)[-1]!r}" if len(held) > 5 else "")
                read = f" (read as {label!r})" if label != value else ""
                raise LogilabInputError(
                    f"{column}: expected a value that occurs in the table, found {value!r}{read}, which matches no row. "
                    f"The column holds {len(held)} values: {shown}. Check the value, or filter on another column."
                )
            labels.append(label)
        mask &= present.isin(labels) | present.astype(str).isin([str(v) for v in labels])
    return table.loc[mask].copy()
