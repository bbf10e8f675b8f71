"""The Polars fast path of the per-customer aggregation: the checks and group-bys written in Polars.

:mod:`logilab.engines` hands a Polars DataFrame or LazyFrame here
(:func:`_check_and_group_polars`): the checks run as two small queries
collected together, and the purchase and refund group-bys as Polars
expressions instead of going through narwhals. A DataFrame (already in
memory) is grouped on Polars' in-memory engine, a LazyFrame on its default
(streaming) engine. The counts are checked by the same code and give the same
messages as the generic path's.

Polars is imported only when this path runs, never by ``import logilab``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .engines import _checked_days, _flags, _is_datetime, _narwhals, require_module

__all__: list[str] = []


def _check_and_group_polars(
    frame: Any,
    schema: dict[str, Any],
    *,
    customer: str,
    date: str,
    amount: str,
    order: str | None,
    refunds: str,
    first: bool,
    eager: bool = False,
) -> tuple[int, pd.DataFrame | None, tuple[pd.DataFrame, pd.DataFrame | None]]:
    """The checks, then the purchase and refund group-bys, on Polars.

    The checks are two small queries run together: the lines per day and refund flag, and
    whole-column counts of the other flags (null counts are known without a pass); on 1M lines
    they take a small part of the group-by's time. The group-bys are those of :func:`_group`, written in
    Polars: without the filter when there are no refunds, and the refunds only when there are;
    the first and last day are the first and last date truncated to the day (truncating is
    monotone, and truncating 100,000 customers' dates is cheaper than 1,000,000 lines'); the
    purchases come back sorted by customer; ``first_date`` only with ``first``.

    An ``eager`` frame (a DataFrame, in memory) is grouped by Polars' in-memory engine, as
    Polars' own ``DataFrame.group_by`` is; the lazy default (the streaming engine, which also
    handles data larger than memory) stays for LazyFrames and for the per-day count, where it
    is the faster one.
    """
    nw = _narwhals()
    pl = require_module("polars", "a Polars frame")
    flags = _flags(schema, customer=customer, date=date, amount=amount, order=order)
    lines = nw.to_native(frame)
    value = pl.col(amount).cast(pl.Float64)
    dated = _is_datetime(schema[date])
    day = pl.col(date).dt.truncate("1d") if dated else pl.col(date)
    per_day = lines.group_by(day.alias("_ll_day"), (pl.col(amount) < 0).fill_null(False).cast(pl.Int64).alias("_ll_f0")).agg(
        pl.len().alias("_ll_lines")
    )
    tests = {"nan": pl.col(amount).is_nan().sum(), "infinite": pl.col(amount).is_infinite().sum()}
    totals = lines.select(
        *(
            tests[name].alias(name) if name in tests else pl.col(name.removeprefix("missing ")).null_count().alias(name)
            for name in list(flags)[1:]
        )
    )
    table, found = pl.collect_all([per_day, totals])
    negative, days = _checked_days(
        table.to_pandas(), flags, totals=found.row(0, named=True), customer=customer, date=date, amount=amount, order=order, refunds=refunds
    )
    visits = pl.col(order) if order is not None else day
    bought = (
        (lines.filter(value >= 0) if negative else lines)
        .group_by(customer)
        .agg(
            *([pl.col(date).min().alias("first_date")] if first else []),
            pl.col(date).max().alias("last_date"),
            value.sum().alias("purchases"),
            visits.n_unique().alias("frequency"),
        )
        .sort(customer)
    )
    if dated:
        bought = bought.with_columns(pl.col(*(["first_date"] if first else []), "last_date").dt.truncate("1d"))
    queries = [bought]
    if negative and refunds == "net":
        queries.append(lines.filter(value < 0).group_by(customer).agg(value.sum().alias("refunds"), pl.len().alias("refund_lines")))
    results = [result.to_pandas() for result in pl.collect_all(queries, engine="in-memory" if eager else "auto")]
    return negative, days, (results[0], results[1] if len(results) > 1 else None)
