"""Service KPIs on pandas, DuckDB, Polars, PyArrow and Dask: the group-bys on the engine, the formulas in pandas.

:func:`logilab.service_kpis` given a frame that is not a pandas DataFrame (or a
pandas frame with ``engine="duckdb"``) comes here. The lines are checked in one
pass of counts, then grouped twice where the data are: first to one row per
(group, order) with the order's facts (lines, units, full lines, first order
date, last delivery, on time only when every line is, flagged when any line is)
and its yes/no results as 0/1 columns, then to one row per group (and, for the
cycle-time KPIs, per distinct cycle time: a small histogram). Only that table
is collected into pandas, where :func:`logilab.metrics._kpi_columns` applies the
same formulas as the pandas path; the median and 90th percentile of the cycle
time are read exactly from the histogram, with pandas' linear interpolation.

Dates become numbers on the engine from their calendar parts (year, month, day,
hour, minute, second, microsecond), never from a duration, because some
engines' duration functions drop the day part: the cycle time of an order is
its delivery minus its order date in microseconds, divided by a day's in
pandas, which gives the same fractional days as pandas' own subtraction.
Periods (``by="month"`` ...) are grouped as the day number of the period's
first day (an ISO week as its Thursday) and labelled in pandas with
:func:`logilab.periods.period_labels`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._validation import LogilabInputError, check_dataframe, check_date_columns
from .engine_duckdb import _duckdb_connection
from .engines import _check_date_type, _from_native, _lazy, _missing, _narwhals, _rows, require_module
from .periods import period_labels

__all__: list[str] = []

_QUANTITIES = ("ordered_qty", "shipped_qty", "damaged_qty")
_DATES = ("date", "promised_date", "delivered_date")
_FLAGS = ("doc_error", "complaint", "claim")
# the per-order 0/1 results, summed per group (their means are the order KPIs)
_RESULTS = ("in_full", "on_time", "otif", "completed", "undamaged", "doc_ok", "perfect", "complaint", "claim")
_SUMS = ("lines", "full_lines", "ordered_units", "shipped_units", "damaged_units")
_DAY_US = 86_400_000_000


def _kpis_on_engine(
    lines: Any,
    *,
    engine: str | None,
    columns: Mapping[str, str | None],
    kpis: list[str],
    roles: list[str],
    counts: list[str],
    by: Any,
    agreed_days: float | None,
) -> pd.DataFrame:
    """:func:`logilab.service_kpis` with its group-bys on the frame's engine (the arguments already checked and resolved).

    A pandas frame that the engine's checks refuse goes through the pandas path's
    checks, so that the message names the rows.
    """
    try:
        return _on_engine(lines, engine=engine, columns=columns, kpis=kpis, roles=roles, counts=counts, by=by, agreed_days=agreed_days)
    except LogilabInputError:
        if not isinstance(lines, pd.DataFrame):
            raise
        from .metrics import _prepare

        _prepare(lines, columns, roles, by, agreed_days)
        raise


# --- dates as numbers -------------------------------------------------------------------------


def _civil_day(year: Any, month: Any, day: Any) -> Any:
    """Days since 1970-01-01 of a calendar date, from integer expressions (H. Hinnant's days_from_civil, years >= 1)."""
    nw = _narwhals()
    shifted = year - (month <= 2).cast(nw.Int64)
    era = shifted // 400
    year_of_era = shifted - era * 400
    day_of_year = (((month + 9) % 12) * 153 + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _parts(column: str) -> tuple[Any, Any, Any]:
    nw = _narwhals()
    value = nw.col(column)
    return value.dt.year().cast(nw.Int64), value.dt.month().cast(nw.Int64), value.dt.day().cast(nw.Int64)


def _micros(column: str, kind: Any) -> Any:
    """Microseconds since 1970-01-01 00:00 of a date or datetime column, as Int64."""
    nw = _narwhals()
    value = nw.col(column)
    days = _civil_day(*_parts(column)) * _DAY_US
    if not _is_datetime(kind):
        return days
    return (
        days
        + value.dt.hour().cast(nw.Int64) * 3_600_000_000
        + value.dt.minute().cast(nw.Int64) * 60_000_000
        + value.dt.second().cast(nw.Int64) * 1_000_000
        + value.dt.microsecond().cast(nw.Int64)
    )


def _period_day(column: str, period: str) -> Any:
    """The day number of the first day of ``period`` around each date (a week: its Thursday, which names the ISO week)."""
    nw = _narwhals()
    year, month, day = _parts(column)
    if period == "day":
        return _civil_day(year, month, day)
    if period == "week":
        number = _civil_day(year, month, day)
        return number - (number + 3) % 7 + 3  # 1970-01-01 was a Thursday: (n + 3) % 7 is 0 on Mondays
    if period == "month":
        return _civil_day(year, month, nw.lit(1, nw.Int64))
    if period == "quarter":
        return _civil_day(year, (month - 1) // 3 * 3 + 1, nw.lit(1, nw.Int64))
    return _civil_day(year, nw.lit(1, nw.Int64), nw.lit(1, nw.Int64))


def _is_datetime(kind: Any) -> bool:
    nw = _narwhals()
    return isinstance(kind, nw.Datetime) or kind == nw.Datetime


def _is_boolean(kind: Any) -> bool:
    nw = _narwhals()
    return isinstance(kind, nw.Boolean) or kind == nw.Boolean


def _is_float(kind: Any) -> bool:
    nw = _narwhals()
    return isinstance(kind, nw.Float32 | nw.Float64) or kind in (nw.Float32, nw.Float64)


# --- the frame on its engine and the checks ---------------------------------------------------


def _typed_pandas(lines: pd.DataFrame, mapping: Mapping[str, str]) -> pd.DataFrame:
    """A pandas frame for DuckDB: text dates parsed as the pandas path parses them (the caller's frame is unchanged)."""
    changes: dict[str, pd.Series] = {}
    for role in _DATES:
        if role in mapping and not pd.api.types.is_datetime64_any_dtype(lines[mapping[role]]):
            changes[mapping[role]] = check_date_columns(lines, [mapping[role]], "lines")[mapping[role]]
    return lines.assign(**changes) if changes else lines


def _frame(lines: Any, engine: str | None, mapping: Mapping[str, str]) -> Any:
    """``lines`` as a narwhals LazyFrame on the engine that will run the group-bys."""
    if engine == "duckdb" and isinstance(lines, pd.DataFrame):
        duckdb = require_module("duckdb", "engine='duckdb'")
        return _lazy(_duckdb_connection(duckdb).cursor().from_df(_typed_pandas(lines, mapping)), None, "", [])
    if isinstance(lines, pd.DataFrame):
        check_dataframe(lines, "lines")
    return _lazy(lines, engine, "", [])


def _check_types(schema: Mapping[str, Any], mapping: Mapping[str, str]) -> None:
    for role in _QUANTITIES:
        if role in mapping and (not schema[mapping[role]].is_numeric() or _is_boolean(schema[mapping[role]])):
            raise LogilabInputError(
                f"lines: expected column {mapping[role]!r} to hold numbers, found the type {schema[mapping[role]]}. "
                "Cast it to a number type on the engine first, or read the file with ll.read_orders(path)."
            )
    for role in _DATES:
        if role in mapping:
            _check_date_type(mapping[role], schema[mapping[role]])
    for role in _FLAGS:
        if role in mapping and not (schema[mapping[role]].is_numeric() or _is_boolean(schema[mapping[role]])):
            raise LogilabInputError(
                f"lines: expected column {mapping[role]!r} to hold 0/1 flags (1 = yes), found the type {schema[mapping[role]]}. "
                "Code the column as 0 = no, 1 = yes (a number or boolean type)."
            )


def _comparable(schema: Mapping[str, Any], mapping: Mapping[str, str], roles: tuple[str, ...]) -> dict[str, Any]:
    """Expressions of the date columns that compare with each other: the columns themselves, or microseconds when date and datetime types mix."""
    nw = _narwhals()
    present = [r for r in roles if r in mapping]
    kinds = {_is_datetime(schema[mapping[r]]) for r in present}
    if len(kinds) <= 1:
        return {r: nw.col(mapping[r]) for r in present}
    return {r: _micros(mapping[r], schema[mapping[r]]) for r in present}


def _check_values(frame: Any, schema: Mapping[str, Any], mapping: Mapping[str, str], keys: list[str]) -> None:
    """One select of counts over the lines: every value check of the pandas path, raised in its order, with row counts."""
    nw = _narwhals()
    flags: dict[str, Any] = {}
    for key in keys:
        flags[f"missing {key}"] = nw.col(key).is_null()
    if "order" in mapping:
        flags["missing order"] = nw.col(mapping["order"]).is_null()
    for role in _QUANTITIES:
        if role in mapping:
            value = nw.col(mapping[role])
            missing = value.is_null()
            if _is_float(schema[mapping[role]]):
                missing = missing | value.is_nan().fill_null(False)
            flags[f"missing {role}"] = missing
            flags[f"negative {role}"] = (value < 0).fill_null(False)
    if "ordered_qty" in mapping:
        flags["zero ordered_qty"] = (nw.col(mapping["ordered_qty"]) == 0).fill_null(False)
    pairs = [("shipped_qty", "ordered_qty"), ("damaged_qty", "shipped_qty")]
    for small, large in pairs:
        if small in mapping and large in mapping:
            flags[f"{small} > {large}"] = (nw.col(mapping[small]) > nw.col(mapping[large])).fill_null(False)
    dates = _comparable(schema, mapping, _DATES)
    for role in _DATES:
        if role in mapping:
            flags[f"missing {role}"] = nw.col(mapping[role]).is_null()
    for later in ("delivered_date", "promised_date"):
        if "date" in mapping and later in mapping:
            flags[f"date > {later}"] = (dates["date"] > dates[later]).fill_null(False)
    for role in _FLAGS:
        if role in mapping:
            value = nw.col(mapping[role])
            flags[f"flag {role}"] = (
                value.is_null() if _is_boolean(schema[mapping[role]]) else ~((value == 0) | (value == 1)).fill_null(False)
            )
    names = {f"_ll_c{i}": name for i, name in enumerate(flags)}
    exprs = {"_ll_lines": nw.len(), **{c: flags[name].cast(nw.Int64).sum() for c, name in names.items()}}
    found = nw.to_native(frame.select(**exprs).collect(backend="pandas")).iloc[0]
    count = {name: int(found[c]) if pd.notna(found[c]) else 0 for c, name in names.items()}
    if int(found["_ll_lines"]) == 0:
        raise LogilabInputError("lines: expected at least one row, found an empty table. Check the file or the filter that produced it.")
    for key in keys:
        if count[f"missing {key}"]:
            raise _missing(key, count[f"missing {key}"], used_in="by")
    if count.get("missing order"):
        raise _missing(mapping["order"], count["missing order"], fix="Fill or drop those rows first (a line needs its order).")
    for role in _QUANTITIES:
        if role not in mapping:
            continue
        column = mapping[role]
        if count[f"missing {role}"]:
            raise _missing(column, count[f"missing {role}"])
        if count[f"negative {role}"]:
            raise LogilabInputError(
                f"lines: expected column {column!r} to hold numbers >= 0, found negative values in "
                f"{_rows(count[f'negative {role}'])}. Correct or remove those rows."
            )
    if count.get("zero ordered_qty"):
        raise LogilabInputError(
            f"lines: expected column {mapping['ordered_qty']!r} to hold numbers > 0, found zero in {_rows(count['zero ordered_qty'])}. "
            "A line with nothing ordered is no demand; drop those rows."
        )
    fixes = {
        "shipped_qty": "More cannot be shipped than was ordered; correct those rows.",
        "damaged_qty": "Only shipped units can be damaged; correct those rows.",
    }
    for small, large in pairs:
        if count.get(f"{small} > {large}"):
            a, b = mapping[small], mapping[large]
            raise LogilabInputError(
                f"lines: expected {a!r} <= {b!r} in every row, found {a!r} > {b!r} in {_rows(count[f'{small} > {large}'])}. {fixes[small]}"
            )
    for role in _DATES:
        if count.get(f"missing {role}"):
            raise _missing(mapping[role], count[f"missing {role}"], what="dates")
    for later in ("delivered_date", "promised_date"):
        if count.get(f"date > {later}"):
            a, b = mapping["date"], mapping[later]
            raise LogilabInputError(
                f"lines: expected {a!r} <= {b!r} in every row, found {a!r} > {b!r} in {_rows(count[f'date > {later}'])}. "
                f"A {later.replace('_', ' ')} before the order date is a data error; correct those rows."
            )
    for role in _FLAGS:
        if count.get(f"flag {role}"):
            column = mapping[role]
            example = nw.to_native(frame.filter(flags[f"flag {role}"]).select(column).head(1).collect(backend="pandas"))[column].iloc[0]
            example = None if pd.isna(example) else example.item() if hasattr(example, "item") else example
            raise LogilabInputError(
                f"lines: expected column {column!r} to hold 0/1 flags (1 = yes), found other values such as {example!r} in "
                f"{_rows(count[f'flag {role}'])}. Code the column as 0 = no, 1 = yes."
            )


# --- the two group-bys ------------------------------------------------------------------------


def _order_facts(frame: Any, schema: Mapping[str, Any], mapping: Mapping[str, str], group: list[str], agreed_days: float | None) -> Any:
    """One row per (group, order): the order's facts and its 0/1 results (each line its own order when there is no order column)."""
    nw = _narwhals()
    has = set(mapping)
    marks: dict[str, Any] = {}
    for role, name in (("ordered_qty", "_ll_ordered"), ("shipped_qty", "_ll_shipped"), ("damaged_qty", "_ll_damaged")):
        if role in has:
            marks[name] = nw.col(mapping[role]).cast(nw.Float64)
    if {"ordered_qty", "shipped_qty"} <= has:
        marks["_ll_full"] = (nw.col(mapping["shipped_qty"]) >= nw.col(mapping["ordered_qty"])).cast(nw.Int64)
    if {"promised_date", "delivered_date"} <= has:
        dates = _comparable(schema, mapping, ("promised_date", "delivered_date"))
        marks["_ll_late"] = (dates["delivered_date"] > dates["promised_date"]).cast(nw.Int64)
    timed = {"date", "delivered_date"} <= has
    if timed:  # the dates themselves: each order's first and last become numbers after the first group-by (fewer rows)
        marks["_ll_start"] = nw.col(mapping["date"])
        marks["_ll_end"] = nw.col(mapping["delivered_date"])
    for role in _FLAGS:
        if role in has:
            marks[f"_ll_{role}"] = nw.col(mapping[role]).cast(nw.Int64)
    marked = frame.with_columns(**marks) if marks else frame
    sums = {"_ll_ordered": "ordered_units", "_ll_shipped": "shipped_units", "_ll_full": "full_lines", "_ll_damaged": "damaged_units"}
    if "order" in has:
        keys = list(dict.fromkeys([*group, mapping["order"]]))
        aggregations = [nw.len().alias("lines")]
        aggregations += [nw.col(c).sum().alias(name) for c, name in sums.items() if c in marks]
        if timed:
            aggregations += [nw.col("_ll_start").min().alias("_ll_start"), nw.col("_ll_end").max().alias("_ll_end")]
        aggregations += [nw.col(c).max().alias(c) for c in ["_ll_late", *(f"_ll_{r}" for r in _FLAGS)] if c in marks]
        orders = marked.group_by(*keys).agg(*aggregations)
    else:  # line-level KPIs only: each line is its own order
        orders = marked.with_columns(lines=nw.lit(1, nw.Int64), **{name: nw.col(c) for c, name in sums.items() if c in marks})
    if timed:
        orders = orders.with_columns(
            _ll_start=_micros("_ll_start", schema[mapping["date"]]), _ll_end=_micros("_ll_end", schema[mapping["delivered_date"]])
        )
    results: dict[str, Any] = {}
    if "_ll_full" in marks:
        results["in_full"] = nw.col("full_lines") == nw.col("lines")
    if "_ll_late" in marks:
        results["on_time"] = nw.col("_ll_late") == 0
    if timed:
        results["_ll_cycle"] = nw.col("_ll_end") - nw.col("_ll_start")
    if "damaged_qty" in has:
        results["undamaged"] = nw.col("damaged_units") == 0
    if "doc_error" in has:
        results["doc_ok"] = nw.col("_ll_doc_error") == 0
    for role in ("complaint", "claim"):
        if role in has:
            results[role] = nw.col(f"_ll_{role}")
    orders = orders.with_columns(**{name: e.cast(nw.Int64) for name, e in results.items()})
    combined: dict[str, Any] = {}
    if {"in_full", "on_time"} <= set(results):
        combined["otif"] = nw.col("in_full") * nw.col("on_time")
    if "in_full" in results and "delivered_date" in has:
        if agreed_days is None and "on_time" in results:
            combined["completed"] = nw.col("in_full") * nw.col("on_time")
        elif agreed_days is not None and timed:
            combined["completed"] = nw.col("in_full") * (nw.col("_ll_cycle") <= agreed_days * _DAY_US).cast(nw.Int64)
    if {"on_time", "in_full", "undamaged", "doc_ok"} <= set(results):
        combined["perfect"] = nw.col("on_time") * nw.col("in_full") * nw.col("undamaged") * nw.col("doc_ok")
    return orders.with_columns(**combined) if combined else orders


def _group_table(orders: Any, group: list[str], cycle: bool) -> pd.DataFrame:
    """The second group-by: per group (and distinct cycle time), the number of orders and the sums; collected into pandas."""
    nw = _narwhals()
    present = set(orders.collect_schema().names())
    summed = [c for c in (*_SUMS, *_RESULTS) if c in present]
    keys = [*group, *(["_ll_cycle"] if cycle else [])]
    aggregations = [nw.len().alias("_ll_orders"), *(nw.col(c).sum().alias(c) for c in summed)]
    table = orders.group_by(*keys).agg(*aggregations) if keys else orders.select(*aggregations)
    return nw.to_native(table.collect(backend="pandas"))


def _quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """pandas' ``quantile(q)`` (linear interpolation) of the values repeated by their counts, without repeating them."""
    order = np.argsort(values, kind="stable")
    values, ends = values[order], np.cumsum(weights[order])
    position = (ends[-1] - 1) * q
    below = int(np.floor(position))
    low = values[np.searchsorted(ends, below, side="right")]
    high = values[np.searchsorted(ends, min(below + 1, ends[-1] - 1), side="right")]
    return float(low + (high - low) * (position - below))


def _cycle_statistics(table: pd.DataFrame, group_keys: list[str]) -> dict[str, Any]:
    """The mean, median and 90th percentile of the cycle time per group, from the per-group histogram of cycle times."""
    days = table["_ll_cycle"].to_numpy(dtype="int64") / _DAY_US
    weights = table["_ll_orders"].to_numpy(dtype="int64")
    groups = table[group_keys].assign(_ll_days=days, _ll_n=weights, _ll_total=days * weights).groupby(group_keys, sort=True)

    def statistic(q: float | None) -> pd.Series:
        if q is None:
            totals = groups[["_ll_total", "_ll_n"]].sum()
            return totals["_ll_total"] / totals["_ll_n"]
        return pd.Series(
            {name: _quantile(g["_ll_days"].to_numpy(), g["_ll_n"].to_numpy(), q) for name, g in groups}, dtype=float
        ).rename_axis(group_keys[0] if len(group_keys) == 1 else group_keys)

    def indexed(q: float | None) -> pd.Series:
        found = statistic(q)
        if len(group_keys) > 1:
            found.index = pd.MultiIndex.from_tuples(found.index, names=group_keys)
        elif isinstance(found.index, pd.MultiIndex):
            found.index = pd.Index([k[0] for k in found.index], name=group_keys[0])
        return found

    return {"mean": lambda: indexed(None), "median": lambda: indexed(0.5), "p90": lambda: indexed(0.9)}


def _label_keys(table: pd.DataFrame, keys: list[str], periods: dict[str, str]) -> pd.DataFrame:
    """The collected group columns as the pandas path has them: periods labelled, values as plain Python objects."""
    labelled = {}
    for key in keys:
        source = periods.get(key, key)
        if key in periods:
            dates = pd.Series(table[source].to_numpy(dtype="int64").astype("datetime64[D]").astype("datetime64[ns]"), index=table.index)
            labelled[key] = period_labels(dates, key)
        else:
            labelled[key] = pd.Series(table[source].tolist(), index=table.index)
            if labelled[key].dtype == object and all(isinstance(v, str) for v in labelled[key]):
                labelled[key] = labelled[key].astype("str")
    return table.drop(columns=list(periods.values())).assign(**labelled)


def _on_engine(
    lines: Any,
    *,
    engine: str | None,
    columns: Mapping[str, str | None],
    kpis: list[str],
    roles: list[str],
    counts: list[str],
    by: Any,
    agreed_days: float | None,
) -> pd.DataFrame:
    from .metrics import _kpi_columns, _resolve_columns

    if isinstance(lines, pd.DataFrame):
        check_dataframe(lines, "lines")
        names = list(lines.columns)
    else:
        names = list(_from_native(lines).collect_schema().names())
    keys, mapping = _resolve_columns(pd.DataFrame(columns=names), columns, roles, by)
    derived = [k for k in keys if k not in names]
    frame = _frame(lines, engine, mapping)
    schema = dict(frame.collect_schema())
    _check_types(schema, mapping)
    _check_values(frame, schema, mapping, [k for k in keys if k not in derived])
    periods = {key: f"_ll_p_{key}" for key in derived}
    if periods:
        frame = frame.with_columns(**{name: _period_day(mapping["date"], key) for key, name in periods.items()})
    group = [periods.get(k, k) for k in keys]
    cycle = any(k.startswith("cycle_time") for k in kpis)
    table = _label_keys(_group_table(_order_facts(frame, schema, mapping, group, agreed_days), group, cycle), keys, periods)
    group_keys = keys or ["__all"]
    if not keys:
        table["__all"] = 0
    grouped = table.groupby(group_keys, sort=True)
    sums = grouped[[c for c in ("_ll_orders", *_SUMS, *_RESULTS) if c in table]].sum()
    orders = sums.pop("_ll_orders")
    means = sums[[c for c in _RESULTS if c in sums]].div(orders, axis=0)
    out = pd.DataFrame(index=sums.index)
    if "orders" in counts:
        out["orders"] = orders.astype("int64")
    if "lines" in sums:
        sums["lines"] = sums["lines"].astype("int64")
    statistics = _cycle_statistics(table, group_keys) if cycle else {}
    return _kpi_columns(out, sums, means, statistics, keys, kpis, counts)
