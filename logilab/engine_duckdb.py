"""The DuckDB fast path of the per-customer aggregation: the lines as a DuckDB relation, the checks and group-bys as SQL.

:mod:`logilab.engines` hands a frame here when it runs on DuckDB: a DuckDB
relation, or a pandas frame, PyArrow table or Polars DataFrame with
``engine="duckdb"`` (:func:`_to_duckdb` reads it into the process's one
in-memory database, a pandas frame without a copy). The check pass and the
purchase and refund group-bys are then written as SQL on that relation
(:func:`_check_and_group_duckdb`) instead of going through narwhals; the
counts are checked by the same code and give the same messages as the
generic path's. :mod:`logilab.engine_kpis` opens its relations on the same
connection.

DuckDB is imported only when one of these functions runs, never by ``import logilab``.
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from ._validation import LogilabTypeError
from .engines import _checked_days, _flags, _narwhals, _quote, require_module

__all__: list[str] = []


def _to_duckdb(lines: Any, date: str, numbers: list[str]) -> Any:
    """A DuckDB relation over ``lines`` (pandas frames are read without a copy; their text dates and amounts are parsed first)."""
    duckdb = require_module("duckdb", "engine='duckdb'")
    if isinstance(lines, duckdb.DuckDBPyRelation):
        return lines
    con = _duckdb_connection(duckdb).cursor()  # a cursor of one in-memory database: opening a new database costs tens of ms per call
    if isinstance(lines, pd.DataFrame):
        frame = _typed_pandas(lines, date, numbers)
        return con.from_df(frame)
    native = lines
    if hasattr(native, "to_arrow") and not hasattr(native, "collect"):  # a Polars DataFrame
        native = native.to_arrow()
    if type(native).__module__.startswith("pyarrow"):
        return con.from_arrow(native)
    raise LogilabTypeError(
        f"engine: expected a pandas DataFrame, PyArrow table, Polars DataFrame or DuckDB relation for engine='duckdb', "
        f"found {type(lines).__name__}. Leave engine=None to run on the frame's own engine."
    )


@functools.cache
def _duckdb_connection(duckdb: Any) -> Any:
    """The in-memory DuckDB database the engine path opens once per process; each call works on its own cursor."""
    return duckdb.connect()


def _typed_pandas(lines: pd.DataFrame, date: str, numbers: list[str]) -> pd.DataFrame:
    """The pandas path's parsing of text dates and amounts, on a new frame (the caller's is left unchanged)."""
    from ._validation import check_date_columns, check_numeric_columns

    changes: dict[str, pd.Series] = {}
    if not pd.api.types.is_datetime64_any_dtype(lines[date]):
        changes[date] = check_date_columns(lines, [date], "lines")[date]
    for amount in numbers:
        if not pd.api.types.is_numeric_dtype(lines[amount]) or pd.api.types.is_bool_dtype(lines[amount]):
            check_numeric_columns(lines, [amount], "lines")
            changes[amount] = pd.to_numeric(lines[amount]).astype(float)
    return lines.assign(**changes) if changes else lines


def _check_and_group_duckdb(
    frame: Any, schema: dict[str, Any], *, customer: str, date: str, amount: str, order: str | None, refunds: str, first: bool
) -> tuple[int, pd.DataFrame | None, tuple[pd.DataFrame, pd.DataFrame | None]]:
    """The check pass, then the purchase group-by and, only when there are refunds, the refund group-by, as SQL on the DuckDB relation.

    The check counts the lines per day and refund flag (the day by CAST), and the other flags in
    one statement of whole-column counts; on 10M lines in Parquet the two take 0.15 s, against
    0.6 s for one pass counting every flag per day. The first and last day are cast to the day
    after aggregating (casting is monotone); the purchases come back sorted by customer;
    ``first_date`` only with ``first``. (One statement for the check and the group-by, stacked
    with UNION, measured no faster: each part scans the lines anyway.)
    """
    relation = _narwhals().to_native(frame)
    flags = _flags(schema, customer=customer, date=date, amount=amount, order=order)
    tests = [sql for _, sql in flags.values()]
    who, when, value = _quote(customer), _quote(date), f"CAST({_quote(amount)} AS DOUBLE)"
    per_day = (
        f"SELECT CAST({when} AS DATE) AS _ll_day, CAST(coalesce({tests[0]}, false) AS INTEGER) AS _ll_f0, "
        f"count(*) AS _ll_lines FROM _ll_lines GROUP BY ALL"
    )
    table = relation.query("_ll_lines", per_day).df()
    # the other flags counted apart, not per day: the per-day pass then reads the date and amount only, and a
    # missing cell is count(*) - count(column), which DuckDB answers from a Parquet file's metadata
    names = [name for name in flags if name != "negative"]
    counted = [
        f"count(*) - count({_quote(name.removeprefix('missing '))})"
        if name.startswith("missing ")
        else f"count(*) FILTER (WHERE {flags[name][1]})"
        for name in names
    ]
    found = relation.query("_ll_lines", f"SELECT {', '.join(counted)} FROM _ll_lines").fetchall()[0]
    totals = dict(zip(names, found))
    negative, days = _checked_days(table, flags, customer=customer, date=date, amount=amount, order=order, refunds=refunds, totals=totals)
    visits = _quote(order) if order is not None else f"CAST({when} AS DATE)"
    first_date = f"CAST(min({when}) AS DATE) AS first_date, " if first else ""
    bought = (
        f"SELECT {who}, {first_date}CAST(max({when}) AS DATE) AS last_date, sum({value}) AS purchases, "
        f"count(DISTINCT {visits}) AS frequency FROM _ll_lines WHERE {value} >= 0 GROUP BY {who} ORDER BY {who}"
    )
    bought = relation.query("_ll_lines", bought).df()
    returned = None
    if negative and refunds == "net":
        query = f"SELECT {who}, sum({value}) AS refunds, count(*) AS refund_lines FROM _ll_lines WHERE {value} < 0 GROUP BY {who}"
        returned = relation.query("_ll_lines", query).df()
    return negative, days, (bought, returned)
