"""The same per-customer aggregation on pandas, DuckDB, Polars, PyArrow and Dask.

pandas stays the teaching path: :func:`logilab.rfm_table` and
:func:`logilab.segment_customers` work on a pandas DataFrame exactly as
before. Given any other frame that `narwhals <https://narwhals-dev.github.io/narwhals/>`_
supports (a Polars DataFrame or LazyFrame, a DuckDB relation, a PyArrow table,
a Dask DataFrame, ...), or a pandas frame with ``engine="duckdb"``, the
group-by runs on that engine and only the small per-customer table comes back
to pandas for scores, classes and k-means.

:func:`customer_aggregate` is that step: per customer the first and last
purchase day, the purchases (distinct orders, or distinct purchase days when
there is no order column), the purchase amount and the refunds. Dates are
whole days; each customer's last day is computed on the engine and the
recency after collecting, because some engines' duration functions drop the
day part.

This module is the engine-agnostic path (narwhals) and the dispatch: on
Polars and DuckDB the checks and group-bys are written for the engine, in
:mod:`logilab.engine_polars` and :mod:`logilab.engine_duckdb`, which share
this module's checks and messages.

Engines are imported only when used: ``import logilab`` imports none of
Polars, PyArrow, Dask or DuckDB. Polars, PyArrow and Dask come with
``pip install "logilab[scale]"``; DuckDB is a dependency of logilab.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._parsing import _day_number, _day_stamp, parse_date
from ._validation import LogilabInputError, check_choice, check_dataframe, require_columns

__all__ = ["ENGINES", "SCALE_INSTALL", "AGGREGATE_COLUMNS", "customer_aggregate", "customer_days", "customers_on", "require_module"]

# the values of ``engine=``: None picks the engine from the type of ``lines``
ENGINES = ("pandas", "duckdb")

SCALE_INSTALL = 'pip install "logilab[scale]"'

# the columns of customer_aggregate's table
AGGREGATE_COLUMNS = ("first_date", "last_date", "frequency", "purchases", "refunds", "refund_lines")

_HINTS = {
    "polars": SCALE_INSTALL,
    "pyarrow": SCALE_INSTALL,
    "dask": SCALE_INSTALL,
    "distributed": SCALE_INSTALL,
    "duckdb": 'pip install "logilab" (DuckDB is one of its dependencies) or pip install duckdb',
}


def require_module(name: str, purpose: str) -> Any:
    """Import an optional engine, or fail with a one-line install hint.

    Parameters
    ----------
    name : str
        The module, e.g. ``"polars"``.
    purpose : str
        What needs it, for the message (e.g. ``"--engine polars"``).

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    ImportError
        When the module is not installed; the message names the package and
        the command that installs it.

    Examples
    --------
    >>> require_module("duckdb", "engine='duckdb'").__name__
    'duckdb'
    >>> require_module("no_such_engine", "a test")
    Traceback (most recent call last):
    ...
    ImportError: a test needs the package 'no_such_engine', which is not installed. Install it with: pip install no_such_engine
    """
    try:
        return importlib.import_module(name)
    except ImportError:
        hint = _HINTS.get(name.split(".")[0], f"pip install {name}")
        raise ImportError(f"{purpose} needs the package {name!r}, which is not installed. Install it with: {hint}") from None


def _narwhals() -> Any:
    import narwhals.stable.v2 as nw

    return nw


def _check_engine(engine: Any) -> str | None:
    if engine is None:
        return None
    return check_choice(engine, "engine", list(ENGINES))


def _lazy(lines: Any, engine: str | None, date: str, numbers: list[str]) -> Any:
    """``lines`` as a narwhals LazyFrame on the engine that will run the group-by."""
    nw = _narwhals()
    if engine == "duckdb":
        from .engine_duckdb import _to_duckdb

        lines = _to_duckdb(lines, date, numbers)
    frame = _from_native(lines)
    return frame.lazy() if isinstance(frame, nw.DataFrame) else frame


def _from_native(lines: Any) -> Any:
    nw = _narwhals()
    try:
        with warnings.catch_warnings():
            # narwhals announces that its Dask backend moves to a separate package (not yet published); it works as is
            warnings.filterwarnings("ignore", message="Dask support is moving", category=FutureWarning)
            return nw.from_native(lines)
    except TypeError:
        check_dataframe(lines, "lines")  # not a frame at all: the usual message
        raise


def _rows(count: int) -> str:
    return f"{count:,} row" + ("" if count == 1 else "s")


def _check_types(schema: dict[str, Any], *, customer: str, date: str, amount: str, order: str | None) -> None:
    _check_date_type(date, schema[date])
    if not schema[amount].is_numeric():
        raise LogilabInputError(
            f"lines: expected column {amount!r} to hold numbers, found the type {schema[amount]}. "
            "Cast it to a number type on the engine first, or read the file with ll.read_orders(path)."
        )


def _count(expr: Any) -> Any:
    nw = _narwhals()
    return expr.cast(nw.Int64).sum()


def _flags(schema: dict[str, Any], *, customer: str, date: str, amount: str, order: str | None) -> dict[str, tuple[Any, str]]:
    """The per-line problems the checks count: ``{name: (narwhals expression, the same test in DuckDB SQL)}``, negative first."""
    nw = _narwhals()
    value, sql_value = nw.col(amount), _quote(amount)
    flags = {"negative": ((value < 0).fill_null(False), f"{sql_value} < 0")}
    for column in [customer] + ([order] if order is not None else []) + [date, amount]:
        flags[f"missing {column}"] = (nw.col(column).is_null(), f"{_quote(column)} IS NULL")
    if isinstance(schema[amount], nw.Float32 | nw.Float64) or schema[amount] in (nw.Float32, nw.Float64):
        flags["nan"] = (value.is_nan().fill_null(False), f"isnan({sql_value})")
        flags["infinite"] = ((value.abs() == float("inf")).fill_null(False), f"isinf({sql_value})")
    return flags


def _quote(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _day_query(frame: Any, schema: dict[str, Any], date: str, flags: dict[str, tuple[Any, str]]) -> Any:
    """The lines counted per day and refund flag (``_ll_day``, ``_ll_f0``, ``_ll_lines``), with the other flags summed (``_ll_f1`` ...)."""
    nw = _narwhals()
    # grouping by day and refund flag costs one pass, like the plain count (no complex aggregations: Dask and pandas refuse them)
    marked = _with_day(frame, schema, date).with_columns(**{f"_ll_f{i}": expr.cast(nw.Int64) for i, (expr, _) in enumerate(flags.values())})
    return marked.group_by("_ll_day", "_ll_f0").agg(nw.len().alias("_ll_lines"), *(nw.col(f"_ll_f{i}").sum() for i in range(1, len(flags))))


def _check_values(
    frame: Any,
    schema: dict[str, Any],
    *,
    customer: str,
    date: str,
    amount: str,
    order: str | None,
    refunds: str,
    by_day: bool = False,
) -> tuple[int, pd.DataFrame | None]:
    """One pass over the lines: row count, missing cells, NaN and infinite amounts, refunds; raise on the first problem.

    With ``by_day`` the same pass counts the lines per day and kind (refund or not), for the date checks
    and the default as_of; returns the number of refund lines and that table.
    """
    nw = _narwhals()
    flags = _flags(schema, customer=customer, date=date, amount=amount, order=order)
    if by_day:
        table = nw.to_native(_day_query(frame, schema, date, flags).collect(backend="pandas"))
        return _checked_days(table, flags, customer=customer, date=date, amount=amount, order=order, refunds=refunds)
    names = {f"_ll_f{i}": name for i, name in enumerate(flags)}
    exprs = {"c_lines": nw.len(), **{column: _count(flags[name][0]) for column, name in names.items()}}
    found = nw.to_native(frame.select(**exprs).collect(backend="pandas")).iloc[0]
    counts = {"lines": int(found["c_lines"])} | {name: int(found[c]) if pd.notna(found[c]) else 0 for c, name in names.items()}
    _raise_on(counts, customer=customer, date=date, amount=amount, order=order, refunds=refunds)
    return counts["negative"], None


def _checked_days(
    table: pd.DataFrame,
    flags: dict[str, Any],
    *,
    customer: str,
    date: str,
    amount: str,
    order: str | None,
    refunds: str,
    totals: dict[str, int] | None = None,
) -> tuple[int, pd.DataFrame | None]:
    """The counts of :func:`_day_query`'s table checked (raising on the first problem); the refund lines and the lines per day.

    ``totals`` gives the flags other than negative by name, when the table holds only the lines per day and refund flag.
    """
    names = {f"_ll_f{i}": name for i, name in enumerate(flags)}
    counts = {"lines": int(table["_ll_lines"].sum()), "negative": int(table.loc[table["_ll_f0"] == 1, "_ll_lines"].sum())}
    if totals is None:
        counts |= {name: int(table[column].fillna(0).sum()) for column, name in names.items() if column != "_ll_f0"}
    else:
        counts |= {name: int(totals[name] or 0) for name in names.values() if name != "negative"}
    days = None
    dated = table[table["_ll_day"].notna()]
    if counts[f"missing {date}"] == 0:
        days = pd.DataFrame(
            {
                "day": _day_numbers(dated["_ll_day"]),
                "refund": (dated["_ll_f0"] == 1).to_numpy(),
                "lines": dated["_ll_lines"].astype("int64").to_numpy(),
            }
        ).sort_values(["day", "refund"], ignore_index=True)
    _raise_on(counts, customer=customer, date=date, amount=amount, order=order, refunds=refunds)
    return counts["negative"], days


def _check_date_type(column: str, kind: Any) -> None:
    """Refuse a column that is not of a date or datetime type, or whose timestamps carry a time zone (an instant, not a day)."""
    nw = _narwhals()
    if not isinstance(kind, nw.Date | nw.Datetime) and kind not in (nw.Date, nw.Datetime):
        raise LogilabInputError(
            f"lines: expected column {column!r} to hold dates (a date or datetime type), found the type {kind}. "
            f"Parse it on the engine first (e.g. Polars pl.col({column!r}).str.to_date(), SQL CAST({column} AS DATE)), "
            "or read the file with ll.read_orders(path)."
        )
    if getattr(kind, "time_zone", None):
        raise LogilabInputError(
            f"lines: expected column {column!r} to hold dates without a time zone, found the type {kind}. "
            "Convert it to local time without the zone first (e.g. Polars .dt.replace_time_zone(None), pandas .dt.tz_localize(None), "
            f"Spark F.col({column!r}).cast('timestamp_ntz')), so that every date falls on its local day."
        )


def _missing(
    column: str, count: int, *, what: str = "values", used_in: str = "", fix: str = "Fill or drop those rows first."
) -> LogilabInputError:
    """The error for ``count`` lines without a value in ``column`` (the pandas path's wording, with a row count)."""
    where = f" (used in {used_in})" if used_in else ""
    return LogilabInputError(
        f"lines: expected column {column!r}{where} without missing {what}, found missing {what} in {_rows(count)}. {fix}"
    )


def _raise_on(counts: dict[str, int], *, customer: str, date: str, amount: str, order: str | None, refunds: str) -> None:
    if counts["lines"] == 0:
        raise LogilabInputError("lines: expected at least one row, found an empty table. Check the file or the filter that produced it.")
    for column in [customer] + ([order] if order is not None else []):
        if counts[f"missing {column}"]:
            raise _missing(column, counts[f"missing {column}"])
    if counts[f"missing {date}"]:
        raise _missing(date, counts[f"missing {date}"], what="dates")
    if counts[f"missing {amount}"] or counts.get("nan"):
        raise _missing(amount, counts[f"missing {amount}"] + counts.get("nan", 0))
    if refunds == "refuse" and counts["negative"]:
        raise LogilabInputError(
            f"lines: expected column {amount!r} to hold numbers >= 0, found negative values in {_rows(counts['negative'])}. "
            "Correct or remove those rows."
        )
    if counts.get("infinite"):
        raise LogilabInputError(
            f"lines: expected finite amounts in column {amount!r}, found infinite values in {_rows(counts['infinite'])}. Correct those cells."
        )


def _day_numbers(values: Any) -> np.ndarray:
    """Collected dates (datetime64, Timestamps or datetime.date) as whole days since 1970-01-01."""
    return pd.to_datetime(pd.Series(values)).to_numpy().astype("datetime64[D]").astype("int64")


def _with_day(frame: Any, schema: dict[str, Any], date: str) -> Any:
    nw = _narwhals()
    kind = schema[date]
    if isinstance(kind, nw.Datetime) or kind == nw.Datetime:
        return frame.with_columns(_ll_day=nw.col(date).dt.truncate("1d"))
    return frame.with_columns(_ll_day=nw.col(date))


def _check_day_range(days: pd.DataFrame, *, today: Any, allow_future: bool) -> None:
    """:func:`logilab.segmentation._check_date_range` on the per-day counts (the same rules, counted in lines)."""
    from .segmentation import _FAR_DATE_MIN_LINES

    if allow_future or days.empty:
        return
    per_day = days.groupby("day")["lines"].sum().sort_index()
    day = pd.Timestamp.today().normalize() if today is None else parse_date(today, "today")
    fix = "Correct those cells, or accept them with allow_future=True."
    future = per_day[per_day.index > _day_number(day)]
    if len(future):
        raise LogilabInputError(
            f"lines: expected dates up to today ({day:%Y-%m-%d}), found later dates such as {_day_stamp(future.index[0]):%Y-%m-%d} "
            f"in {_rows(int(future.sum()))}. {fix}"
        )
    total = int(per_day.sum())
    if total < _FAR_DATE_MIN_LINES:
        return
    # numpy's "lower" quantile: the value at position floor(q * (n - 1)) of the sorted dates
    position = int(np.floor(0.99 * (total - 1)))
    typical = int(per_day.index[np.searchsorted(per_day.cumsum().to_numpy(), position, side="right")])
    far = per_day[per_day.index > typical + 365]
    if len(far):
        raise LogilabInputError(
            f"lines: expected dates close to the rest (99% are on or before {_day_stamp(typical):%Y-%m-%d}), found dates more "
            f"than a year later such as {_day_stamp(far.index[0]):%Y-%m-%d} in {_rows(int(far.sum()))}. {fix}"
        )


def _prepare(
    lines: Any,
    *,
    engine: str | None,
    customer: str,
    date: str,
    amount: str,
    order: str | None,
    refunds: str,
    by_day: bool = False,
    first: bool = True,
) -> tuple[Any, pd.DataFrame | None, int, tuple[pd.DataFrame, pd.DataFrame] | None]:
    """The lines as a lazy frame after the column, type and value checks, the lines per day (with ``by_day``) and the refund lines.

    On Polars and DuckDB the checks and the per-customer group-bys are written for the engine
    (:func:`logilab.engine_polars._check_and_group_polars`, :func:`logilab.engine_duckdb._check_and_group_duckdb`) and the fourth value
    holds the purchases and refunds per customer (without ``first_date`` unless ``first``); on
    the other engines it is None and the frame gets the ``_ll_day`` and ``_ll_amount`` columns
    that :func:`_group` works on.
    """
    nw = _narwhals()
    check_choice(refunds, "refunds", ["net", "drop", "refuse"])
    roles = {"customer": customer, "date": date, "amount": amount}
    if order is not None:
        roles["order"] = order
    if isinstance(lines, pd.DataFrame):
        check_dataframe(lines, "lines")
        require_columns(lines, roles, "lines")
    frame = _lazy(lines, engine, date, [amount])
    schema = dict(frame.collect_schema())
    require_columns(pd.DataFrame(columns=list(schema)), roles, "lines")
    _check_types(schema, customer=customer, date=date, amount=amount, order=order)
    options = {"customer": customer, "date": date, "amount": amount, "order": order}
    if frame.implementation.is_polars():
        from .engine_polars import _check_and_group_polars

        eager = isinstance(_from_native(lines), nw.DataFrame)
        negative, days, groups = _check_and_group_polars(frame, schema, refunds=refunds, first=first, eager=eager, **options)
        return frame, days if by_day else None, negative, groups
    if frame.implementation.is_duckdb():
        from .engine_duckdb import _check_and_group_duckdb

        negative, days, groups = _check_and_group_duckdb(frame, schema, refunds=refunds, first=first, **options)
        return frame, days if by_day else None, negative, groups
    negative, days = _check_values(frame, schema, refunds=refunds, by_day=by_day, **options)
    frame = _with_day(frame, schema, date).with_columns(_ll_amount=nw.col(amount).cast(nw.Float64))
    return frame, days, negative, None


def _is_datetime(kind: Any) -> bool:
    nw = _narwhals()
    return isinstance(kind, nw.Datetime) or kind == nw.Datetime


def _group(frame: Any, customer: str, order: str | None, refunds: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The group-bys on the engine: purchases (amount >= 0) and, when there are any, refunds (amount < 0) per customer."""
    nw = _narwhals()
    visits = order if order is not None else "_ll_day"
    purchases = frame.filter(nw.col("_ll_amount") >= 0)
    # narwhals' Dask n_unique adds up per-partition counts (an order split across partitions would count twice),
    # so on Dask the distinct (customer, order) pairs are counted instead
    dask = frame.implementation.is_dask()
    bought = purchases.group_by(customer).agg(
        nw.col("_ll_day").min().alias("first_date"),
        nw.col("_ll_day").max().alias("last_date"),
        nw.col("_ll_amount").sum().alias("purchases"),
        *([] if dask else [nw.col(visits).n_unique().alias("frequency")]),
    )
    bought = nw.to_native(bought.collect(backend="pandas")).set_index(customer)
    if dask:
        distinct = purchases.select(customer, visits).unique().group_by(customer).agg(nw.len().alias("frequency"))
        bought["frequency"] = nw.to_native(distinct.collect(backend="pandas")).set_index(customer)["frequency"]
    if not refunds:
        return bought.reset_index(), pd.DataFrame({customer: [], "refunds": [], "refund_lines": []})
    returned = (
        frame.filter(nw.col("_ll_amount") < 0)
        .group_by(customer)
        .agg(nw.col("_ll_amount").sum().alias("refunds"), nw.len().alias("refund_lines"))
    )
    return bought.reset_index(), nw.to_native(returned.collect(backend="pandas"))


@functools.cache
def _text_dtype() -> Any:
    return pd.Index(["text"]).dtype


def _customer_index(values: Any, name: str) -> pd.Index:
    values = pd.Series(values)
    if values.dtype == np.int64 or values.dtype == _text_dtype():
        # what the Python objects would give back: the values as they are, without the round trip
        return pd.Index(values, name=name, copy=False)
    return pd.Index(values.tolist(), name=name)


def _in_order(index: pd.Index) -> bool:
    """Whether the customers are sorted as ``sort_index`` sorts them; checked on the Arrow strings themselves for text."""
    if index.dtype == _text_dtype() and getattr(index.dtype, "storage", None) == "pyarrow" and len(index) > 1:
        import pyarrow as pa
        import pyarrow.compute as pc

        # pandas orders Arrow strings by their bytes, as Arrow's comparisons do; a null (none here) fails the test
        values = pa.array(index.array)
        return bool(pc.all(pc.less_equal(values[:-1], values[1:])).as_py())
    return index.is_monotonic_increasing


def _dates(values: pd.Series) -> np.ndarray:
    return pd.to_datetime(values).astype("datetime64[ns]").to_numpy()


def _customer_columns(
    frame: Any,
    customer: str,
    order: str | None,
    refunds: bool,
    groups: tuple[pd.DataFrame, pd.DataFrame | None] | None = None,
) -> tuple[pd.Index, dict[str, np.ndarray]]:
    """The columns of :func:`_aggregate`'s table as arrays, and its index (sorted customers).

    ``first_date`` is left out when ``groups`` lacks it (the RFM table does not need it).
    """
    if groups is not None:
        bought, returned = groups[0], groups[1] if refunds else None
    else:
        bought, returned = _group(frame, customer, order, refunds)
    if returned is None or returned.empty:
        # purchases only: their customers are the table's, already in order on DuckDB and Polars
        index = _customer_index(bought[customer], customer)
        columns = {
            **({"first_date": _dates(bought["first_date"])} if "first_date" in bought else {}),
            "last_date": _dates(bought["last_date"]),
            "frequency": bought["frequency"].to_numpy().astype("int64"),
            "purchases": bought["purchases"].to_numpy().astype(float),
            "refunds": np.zeros(len(bought)),
            "refund_lines": np.zeros(len(bought), dtype="int64"),
        }
        if not _in_order(index):
            positions = index.argsort()
            index, columns = index[positions], {name: values[positions] for name, values in columns.items()}
        return index, columns
    bought = bought.set_index(customer)
    returned = returned.set_index(customer)
    index = bought.index.union(returned.index)
    table = pd.DataFrame(index=_customer_index(index, customer))
    bought.index = _customer_index(bought.index, customer)
    returned.index = _customer_index(returned.index, customer)
    if "first_date" in bought:
        table["first_date"] = pd.to_datetime(bought["first_date"]).astype("datetime64[ns]").reindex(table.index)
    table["last_date"] = pd.to_datetime(bought["last_date"]).astype("datetime64[ns]").reindex(table.index)
    table["frequency"] = bought["frequency"].reindex(table.index).fillna(0).astype("int64")
    table["purchases"] = bought["purchases"].astype(float).reindex(table.index).fillna(0.0)
    table["refunds"] = returned["refunds"].astype(float).reindex(table.index).fillna(0.0)
    table["refund_lines"] = returned["refund_lines"].reindex(table.index).fillna(0).astype("int64")
    table = table.sort_index()
    return table.index, {name: table[name].to_numpy() for name in table.columns}


def _aggregate(
    frame: Any,
    customer: str,
    order: str | None,
    refunds: bool,
    groups: tuple[pd.DataFrame, pd.DataFrame | None] | None = None,
) -> pd.DataFrame:
    """The per-customer table (see :func:`customer_aggregate`) from ``groups`` computed with the checks, or from :func:`_group`."""
    index, columns = _customer_columns(frame, customer, order, refunds, groups)
    return pd.DataFrame(columns, index=index)


def customer_aggregate(
    lines: Any,
    *,
    customer: str = "customer_id",
    date: str = "order_date",
    amount: str = "revenue",
    order: str | None = None,
    refunds: str = "net",
    engine: str | None = None,
) -> pd.DataFrame:
    """Per customer: first and last purchase day, purchases, purchase amount and refunds, computed on the frame's engine.

    The group-by runs where the data are (DuckDB, Polars, PyArrow, Dask, or
    pandas through narwhals); only the per-customer table is collected into
    pandas. It is the aggregation step of :func:`logilab.rfm_table` for
    frames that are not pandas DataFrames (or with ``engine="duckdb"``).

    Parameters
    ----------
    lines : frame
        Order lines as any frame narwhals supports: a pandas DataFrame, a
        Polars DataFrame or LazyFrame, a DuckDB relation, a PyArrow table, a
        Dask DataFrame. The date column must have a date or datetime type
        (text dates are parsed only for pandas input).
    customer, date, amount : str
        The columns of customer id, order date and amount.
    order : str, optional
        The order id column; ``frequency`` then counts distinct orders, else
        distinct purchase days.
    refunds : {"net", "drop", "refuse"}, default "net"
        Negative amounts are refunds: they are summed in ``refunds`` and
        count as neither purchase nor purchase day. ``refuse`` makes them an
        error; ``drop`` leaves them out of ``refunds``.
    engine : {None, "pandas", "duckdb"}, optional
        ``None`` runs on the frame's own engine; ``"duckdb"`` hands a pandas
        frame (or a PyArrow table or Polars DataFrame) to DuckDB; ``"pandas"``
        collects the lines into pandas first.

    Returns
    -------
    DataFrame
        Indexed by customer (sorted): ``first_date`` and ``last_date`` (the
        first and last purchase day; empty for a customer with refunds
        only), ``frequency``, ``purchases`` (the sum of amounts >= 0),
        ``refunds`` (the sum of negative amounts, 0 when none) and
        ``refund_lines``.

    Examples
    --------
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["A", "A", "A", "B", "B", "C"],
    ...     "order_id": ["o1", "o1", "o2", "o3", "o4", "o5"],
    ...     "order_date": pd.to_datetime(["2025-12-01", "2025-12-01", "2025-12-21", "2025-11-01", "2025-12-10", "2025-12-11"]),
    ...     "revenue": [100.0, 50.0, 30.0, 500.0, -100.0, -20.0],
    ... })
    >>> customer_aggregate(lines, order="order_id", engine="duckdb")
                first_date  last_date  frequency  purchases  refunds  refund_lines
    customer_id
    A           2025-12-01 2025-12-21          2      180.0      0.0             0
    B           2025-11-01 2025-11-01          1      500.0   -100.0             1
    C                  NaT        NaT          0        0.0    -20.0             1
    """
    engine = _check_engine(engine)
    if engine == "pandas" and not isinstance(lines, pd.DataFrame):
        lines = _to_pandas(lines)
    frame, _days, negative, groups = _prepare(
        lines, engine=engine, customer=customer, date=date, amount=amount, order=order, refunds=refunds
    )
    # refunds="drop": the group-bys count purchases only, and the refunds are not asked for
    return _aggregate(frame, customer, order, refunds=bool(negative) and refunds != "drop", groups=groups)


def _to_pandas(lines: Any) -> pd.DataFrame:
    nw = _narwhals()
    frame = _from_native(lines)
    if isinstance(frame, nw.LazyFrame):
        return nw.to_native(frame.collect(backend="pandas"))
    return frame.to_pandas()


def _engine_customers(lines: Any, *, engine: str | None, **options: Any) -> Any:
    """:func:`logilab.segmentation._customers` with the aggregation on the frame's engine: the same table, checks and warnings.

    ``options`` are the keywords of :func:`_on_engine` (customer, date, amount, order, as_of, ...).
    """
    try:
        return _on_engine(lines, engine=engine, **options)
    except LogilabInputError:
        if not isinstance(lines, pd.DataFrame):
            raise
        # a pandas frame refused by the engine's checks: the pandas path names the offending rows
        from .segmentation import _customers

        _customers(lines, **options)
        raise


def _on_engine(
    lines: Any,
    *,
    engine: str | None,
    customer: str,
    date: str,
    amount: str,
    order: str | None,
    as_of: Any,
    monetary: str,
    refunds: str,
    allow_future: bool,
    today: Any,
) -> Any:
    from .segmentation import _as_of_timestamp, _Customers

    check_choice(monetary, "monetary", ["sum", "mean"])
    frame, days, negative, groups = _prepare(
        lines, engine=engine, customer=customer, date=date, amount=amount, order=order, refunds=refunds, by_day=True, first=False
    )
    _check_day_range(days, today=today, allow_future=allow_future)
    if refunds == "drop" and negative:
        warnings.warn(f"rfm_table: dropped {negative:,} refund line(s) with negative amounts.", UserWarning, stacklevel=3)
        days = days[~days["refund"]]  # the group-bys count purchases only, and the refunds are not asked for
    if days.empty:
        raise LogilabInputError("lines: expected at least one purchase, found none after removing refunds. Check the amount column.")
    last_day = int(days["day"].max())
    last_date = _day_stamp(last_day)
    stamp = last_date + pd.Timedelta(days=1) if as_of is None else _as_of_timestamp(as_of)
    if stamp < last_date:
        later = int(days.loc[days["day"] > _day_number(stamp), "lines"].sum())
        raise LogilabInputError(
            f"as_of: expected a date on or after the last order date {last_date:%Y-%m-%d}, found {stamp:%Y-%m-%d} "
            f"with later orders in {_rows(later)}. Pass a later as_of, or keep only the orders up to that date."
        )
    index, table = _customer_columns(frame, customer, order, refunds=bool(negative) and refunds != "drop", groups=groups)
    net = table["purchases"] + table["refunds"]
    frequency = table["frequency"]
    kept = (frequency > 0) & ~((table["refund_lines"] > 0) & (net <= 0))
    stamp_day = _day_number(stamp)
    last = table["last_date"][kept].astype("datetime64[D]").astype("int64")
    rfm = pd.DataFrame(
        {
            "recency": (stamp_day - last).astype("int64"),
            "frequency": frequency[kept].astype("int64"),
            "monetary": net[kept] if monetary == "sum" else net[kept] / frequency[kept],
        },
        index=index[kept],
    )
    excluded = pd.DataFrame(
        {"purchases": table["purchases"][~kept], "refunds": table["refunds"][~kept], "net": net[~kept]},
        index=index[~kept],
    )
    return _Customers(rfm=rfm, excluded=excluded, as_of=stamp)


def customers_on(lines: Any, engine: str | None) -> Callable[..., Any]:
    """The per-customer step for ``lines``: the pandas one for a pandas DataFrame (unless ``engine="duckdb"``), else the engine's.

    Parameters
    ----------
    lines : frame
        The order lines given to :func:`logilab.rfm_table` or :func:`logilab.segment_customers`.
    engine : {None, "pandas", "duckdb"}
        The ``engine=`` argument.

    Returns
    -------
    callable
        A function taking the keyword arguments of the per-customer step.

    Examples
    --------
    >>> customers_on(pd.DataFrame(), None).__name__
    '_customers'
    >>> customers_on(pd.DataFrame(), "duckdb").func.__name__
    '_engine_customers'
    """
    from .segmentation import _customers

    engine = _check_engine(engine)
    if isinstance(lines, pd.DataFrame) and engine != "duckdb":
        return _customers
    if engine == "pandas":
        converted = _to_pandas(lines)
        return lambda _lines, **options: _customers(converted, **options)
    return functools.partial(_engine_customers, engine=engine)


def customer_days(
    lines: Any,
    *,
    engine: str | None,
    customer: str,
    date: str,
    numbers: dict[str, str],
    low: float | None,
) -> Any:
    """The lines summed per customer and day on the engine (the small table :func:`logilab.customer_clv` continues with).

    A pandas frame that fails a check comes back unchanged, so that the pandas
    path raises its message naming the rows.

    Parameters
    ----------
    lines : frame
        Order lines as any frame narwhals supports (see :func:`customer_aggregate`).
    engine : {None, "pandas", "duckdb"}
        Where the sums run, as in :func:`customer_aggregate`.
    customer, date : str
        The columns of customer id and order date.
    numbers : dict
        ``{role: column}`` of the number columns to sum (e.g. ``{"amount": "revenue", "cost": "cost"}``).
    low : float or None
        ``0`` when negative numbers are an error, ``None`` when they are allowed.

    Returns
    -------
    DataFrame
        One row per customer and day: ``customer``, ``date`` (the day) and the summed number columns.

    Examples
    --------
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["C1", "C1", "C2"],
    ...     "order_date": pd.to_datetime(["2025-01-10 09:00", "2025-01-10 15:00", "2025-01-20 00:00"]),
    ...     "revenue": [500.0, 300.0, 200.0],
    ... })
    >>> customer_days(lines, engine="duckdb", customer="customer_id", date="order_date", numbers={"amount": "revenue"}, low=0).sort_values("customer_id")
      customer_id order_date  revenue
    0          C1 2025-01-10    800.0
    1          C2 2025-01-20    200.0
    """
    nw = _narwhals()
    engine = _check_engine(engine)
    if engine == "pandas" and not isinstance(lines, pd.DataFrame):
        return _to_pandas(lines)
    roles = {"customer": customer, "date": date, **numbers}
    numbers = list(numbers.values())
    if isinstance(lines, pd.DataFrame):
        check_dataframe(lines, "lines")
        require_columns(lines, roles, "lines")
    try:
        frame = _lazy(lines, engine, date, numbers)
        schema = dict(frame.collect_schema())
        require_columns(pd.DataFrame(columns=list(schema)), roles, "lines")
        for number in numbers:
            _check_types(schema, customer=customer, date=date, amount=number, order=None)
            _check_values(frame, schema, customer=customer, date=date, amount=number, order=None, refunds="refuse" if low == 0 else "net")
    except LogilabInputError:
        if isinstance(lines, pd.DataFrame):
            return lines
        raise
    frame = _with_day(frame, schema, date).with_columns(*(nw.col(n).cast(nw.Float64) for n in numbers))
    summed = frame.group_by(customer, "_ll_day").agg(*(nw.col(n).sum() for n in numbers))
    table = nw.to_native(summed.collect(backend="pandas"))
    table[customer] = pd.Series(table[customer].tolist(), index=table.index)
    return pd.DataFrame(
        {customer: table[customer], date: pd.to_datetime(table["_ll_day"]).astype("datetime64[ns]"), **{n: table[n] for n in numbers}}
    ).reset_index(drop=True)
