"""Small summaries of a table used across notebooks: counts per period and per category."""

from __future__ import annotations

import pandas as pd

from ._validation import check_choice, check_dataframe, check_date_columns, require_columns
from .periods import PERIODS

__all__ = ["count_by_period"]

# period name -> pandas period alias (weeks run Monday to Sunday, as ISO weeks do)
_ALIASES = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


def count_by_period(lines: pd.DataFrame, *, date: str = "order_date", period: str = "month", by: str | None = None) -> pd.DataFrame:
    """Count rows per calendar period (and per group), periods with no rows included as 0.

    Parameters
    ----------
    lines : DataFrame
        Any table with a date column, e.g. ``load_sample("orders")``.
    date : str, default "order_date"
        The date column.
    period : {"day", "week", "month", "quarter", "year"}, default "month"
    by : str, optional
        A column to count separately for each of its values (e.g. ``"warehouse"``).

    Returns
    -------
    DataFrame
        Columns ``period`` (the first day of the period), ``by`` if given, and ``count``.

    Examples
    --------
    >>> orders = pd.DataFrame({"order_date": ["2025-01-03", "2025-01-20", "2025-03-02"], "warehouse": ["A", "B", "A"]})
    >>> count_by_period(orders)
          period  count
    0 2025-01-01      2
    1 2025-02-01      0
    2 2025-03-01      1
    >>> count_by_period(orders, by="warehouse")["count"].tolist()
    [1, 1, 0, 0, 1, 0]
    """
    check_dataframe(lines, "lines")
    check_choice(period, "period", list(PERIODS))
    require_columns(lines, {"date": date} if by is None else {"date": date, "by": by}, "lines")
    dates = check_date_columns(lines, [date], "lines")[date]
    alias = _ALIASES[period]
    starts = dates.dt.to_period(alias).dt.start_time.dt.normalize()
    full_range = pd.period_range(dates.min(), dates.max(), freq=alias).start_time.normalize()
    if by is None:
        counts = starts.value_counts().reindex(full_range, fill_value=0)
        return pd.DataFrame({"period": full_range, "count": counts.to_numpy()})
    groups = sorted(lines[by].dropna().unique())
    counts = pd.crosstab(starts, lines[by]).reindex(index=full_range, columns=groups, fill_value=0)
    long = counts.stack().rename("count").reset_index()
    long.columns = ["period", by, "count"]
    return long
