"""The one place where logilab checks its inputs.

Every public function validates its arguments through these helpers, so that a
bad input always raises the same kind of error with the same shape of message::

    <argument>: expected <what was expected>, found <what was found>. <how to fix it>

Errors are :class:`LogilabInputError` (a ``ValueError``) or
:class:`LogilabTypeError` (a ``TypeError``); nothing here uses ``assert``.
None of these helpers modifies the object it checks.

Topic modules add their own checks at the end of this file, in a section named
after the module, so that all checks stay in one place and can be reused.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "LogilabInputError",
    "LogilabTypeError",
    "format_rows",
    "check_choice",
    "check_dataframe",
    "check_number",
    "check_probability",
    "require_columns",
    "check_numeric_columns",
    "check_date_columns",
    "check_path_not_existing",
    "is_missing",
]

MAX_ROWS_SHOWN = 5


class LogilabInputError(ValueError):
    """A value that logilab cannot work with: wrong range, missing column, bad data."""


class LogilabTypeError(TypeError):
    """An argument of the wrong type."""


def _message(name: str, expected: str, found: str, fix: str | None) -> str:
    text = f"{name}: expected {expected}, found {found}."
    if fix:
        text += f" {fix}"
    return text


def format_rows(index: Iterable[Any], *, limit: int = MAX_ROWS_SHOWN) -> str:
    """Describe offending row labels briefly: the first few and how many in all.

    Examples
    --------
    >>> format_rows([3, 8, 9])
    'rows [3, 8, 9]'
    >>> format_rows(range(10))
    '10 rows, first [0, 1, 2, 3, 4]'
    """
    labels = list(index)
    if len(labels) <= limit:
        return f"rows {labels}"
    return f"{len(labels)} rows, first {labels[:limit]}"


def check_choice(value: Any, name: str, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``, else raise naming the valid ones.

    Examples
    --------
    >>> check_choice("zh", "lang", ["zh", "en"])
    'zh'
    >>> check_choice("fr", "lang", ["zh", "en"])
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lang: expected one of ['zh', 'en'], found 'fr'. Use one of the listed values.
    """
    options = list(choices)
    try:
        ok = value in options
    except TypeError:  # unhashable or incomparable value
        ok = False
    if ok:
        return value
    fix = "Use one of the listed values."
    if isinstance(value, str):
        close = difflib.get_close_matches(value, [str(o) for o in options], n=1)
        if close:
            fix = f"Did you mean {close[0]!r}?"
    raise LogilabInputError(_message(name, f"one of {options}", repr(value), fix))


def check_dataframe(df: Any, name: str, *, allow_empty: bool = False) -> pd.DataFrame:
    """Check that ``df`` is a pandas DataFrame (and not empty unless allowed).

    Examples
    --------
    >>> check_dataframe(pd.DataFrame({"a": [1]}), "lines").shape
    (1, 1)
    >>> check_dataframe([1, 2], "lines")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabTypeError: lines: expected a pandas DataFrame, found list. Pass a DataFrame, e.g. pd.read_csv(path) or ll.read_table(path).
    """
    if not isinstance(df, pd.DataFrame):
        raise LogilabTypeError(
            _message(
                name,
                "a pandas DataFrame",
                type(df).__name__,
                "Pass a DataFrame, e.g. pd.read_csv(path) or ll.read_table(path).",
            )
        )
    if not allow_empty and len(df) == 0:
        raise LogilabInputError(_message(name, "at least one row", "an empty DataFrame", "Check the file or the filter that produced it."))
    return df


def check_number(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    allow_array: bool = False,
) -> Any:
    """Check a real number (or, with ``allow_array``, an array of them) lies in a range.

    Returns the value as a float, or as a float ndarray when ``allow_array`` is
    true and an array-like was given.

    Examples
    --------
    >>> check_number(0.95, "target_fill_rate", low=0, high=1, low_inclusive=False, high_inclusive=False)
    0.95
    >>> check_number(0, "sigma", low=0, low_inclusive=False)
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: sigma: expected a number > 0, found 0. Use a value > 0.
    """
    is_array = allow_array and not isinstance(value, (Real, np.number)) and np.ndim(value) > 0
    if isinstance(value, bool) or not (is_array or isinstance(value, (Real, np.number))):
        raise LogilabTypeError(_message(name, "a real number", f"{type(value).__name__} {value!r}", "Pass a number."))
    arr = np.asarray(value, dtype=float)
    lo_txt = f"{'>=' if low_inclusive else '>'} {low:g}" if low is not None else None
    hi_txt = f"{'<=' if high_inclusive else '<'} {high:g}" if high is not None else None
    bounds = " and ".join(t for t in (lo_txt, hi_txt) if t)
    expected = f"a number {bounds}" if bounds else "a finite number"
    bad = np.isnan(arr)
    if low is not None:
        bad |= (arr < low) if low_inclusive else (arr <= low)
    if high is not None:
        bad |= (arr > high) if high_inclusive else (arr >= high)
    if low is None and high is None:
        bad |= ~np.isfinite(arr)
    if bad.any():
        found = f"{value!r}" if not is_array else f"{int(bad.sum())} value(s) out of range, e.g. {float(arr[bad][0])!r}"
        raise LogilabInputError(_message(name, expected, found, f"Use a value {bounds}." if bounds else "Use a finite value."))
    return arr if is_array else float(arr)


def check_probability(value: Any, name: str, *, open_interval: bool = True, allow_array: bool = False) -> Any:
    """Check a rate or probability: in (0, 1) by default, in [0, 1] with ``open_interval=False``.

    Examples
    --------
    >>> check_probability(0.9, "retention")
    0.9
    >>> check_probability(1.2, "retention")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: retention: expected a number > 0 and < 1, found 1.2. Use a value > 0 and < 1.
    """
    return check_number(
        value,
        name,
        low=0.0,
        high=1.0,
        low_inclusive=not open_interval,
        high_inclusive=not open_interval,
        allow_array=allow_array,
    )


def require_columns(df: pd.DataFrame, columns: Mapping[str, str] | Sequence[str], name: str) -> None:
    """Check that ``df`` has the given columns; name the missing ones and the close matches.

    ``columns`` is either a list of column names or a mapping ``{role: column}``
    where ``role`` is the keyword argument that lets the caller map another
    column name (e.g. ``{"ordered_qty": "订购数量"}``).

    Examples
    --------
    >>> df = pd.DataFrame({"order_id": [1], "qty": [3]})
    >>> require_columns(df, ["order_id", "qty"], "lines")
    >>> require_columns(df, {"ordered_qty": "quantity"}, "lines")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected a column 'quantity' (for ordered_qty), found no such column among ['order_id', 'qty']. Pass ordered_qty='<your column>' to map it.
    """
    check_dataframe(df, name, allow_empty=True)
    pairs = list(columns.items()) if isinstance(columns, Mapping) else [(None, c) for c in columns]
    available = [str(c) for c in df.columns]
    for role, column in pairs:
        if column in df.columns:
            continue
        role_txt = f" (for {role})" if role and role != column else ""
        close = difflib.get_close_matches(str(column), available, n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        fix = f"{hint}Pass {role}='<your column>' to map it." if role else f"{hint}Rename the column or choose another one."
        shown = available if len(available) <= 12 else available[:12] + ["..."]
        raise LogilabInputError(_message(name, f"a column {column!r}{role_txt}", f"no such column among {shown}", fix))


def check_numeric_columns(
    df: pd.DataFrame,
    columns: Iterable[str],
    name: str,
    *,
    low: float | None = None,
    allow_nan: bool = False,
) -> None:
    """Check that columns hold numbers (no text, no NaN unless allowed, none below ``low``).

    The message names the column and the offending rows.

    Examples
    --------
    >>> df = pd.DataFrame({"qty": [3, -1, 2]})
    >>> check_numeric_columns(df, ["qty"], "lines", low=0)
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected column 'qty' to hold numbers >= 0, found negative values in rows [1]. Correct or remove those rows.
    """
    for column in columns:
        values = df[column]
        numeric = pd.to_numeric(values, errors="coerce")
        not_numeric = numeric.isna() & values.notna()
        if not_numeric.any():
            rows = format_rows(df.index[not_numeric])
            example = values[not_numeric].iloc[0]
            raise LogilabInputError(
                _message(
                    name,
                    f"column {column!r} to hold numbers",
                    f"text such as {example!r} in {rows}",
                    "Clean those cells or convert the column with pd.to_numeric.",
                )
            )
        if not allow_nan and numeric.isna().any():
            rows = format_rows(df.index[numeric.isna()])
            raise LogilabInputError(
                _message(name, f"column {column!r} without missing values", f"missing values in {rows}", "Fill or drop those rows first.")
            )
        if low is not None and (numeric < low).any():
            rows = format_rows(df.index[numeric < low])
            kind = "negative values" if low == 0 else f"values below {low:g}"
            raise LogilabInputError(
                _message(name, f"column {column!r} to hold numbers >= {low:g}", f"{kind} in {rows}", "Correct or remove those rows.")
            )


def check_date_columns(df: pd.DataFrame, columns: Iterable[str], name: str, *, allow_nat: bool = False) -> dict[str, pd.Series]:
    """Parse date columns; raise naming the column and example rows that do not parse.

    Returns a dict ``{column: datetime Series}``; ``df`` itself is left unchanged.
    Strings in the common formats (``2025-03-01``, ``2025/3/1``, ``2025-03-01 14:00``)
    are accepted.

    Examples
    --------
    >>> df = pd.DataFrame({"order_date": ["2025-03-01", "2025/3/2", "next week"]})
    >>> check_date_columns(df, ["order_date"], "lines")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected column 'order_date' to hold dates, found values that are not dates such as 'next week' in rows [2]. Use a format like 2025-03-01 or fix those cells.
    """
    parsed: dict[str, pd.Series] = {}
    for column in columns:
        values = df[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            dates = values
        else:
            dates = pd.to_datetime(values, errors="coerce", format="mixed")
        bad = dates.isna() & values.notna()
        if bad.any():
            example = values[bad].iloc[0]
            raise LogilabInputError(
                _message(
                    name,
                    f"column {column!r} to hold dates",
                    f"values that are not dates such as {example!r} in {format_rows(df.index[bad])}",
                    "Use a format like 2025-03-01 or fix those cells.",
                )
            )
        if not allow_nat and dates.isna().any():
            raise LogilabInputError(
                _message(
                    name,
                    f"column {column!r} without missing dates",
                    f"missing dates in {format_rows(df.index[dates.isna()])}",
                    "Fill or drop those rows first.",
                )
            )
        parsed[column] = dates
    return parsed


def check_path_not_existing(path: Any, name: str, *, force: bool) -> None:
    """Refuse to overwrite an existing file unless ``force`` is true.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> existing = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> _ = existing.write_text("old")
    >>> check_path_not_existing(existing, "out", force=True)
    >>> check_path_not_existing(existing, "out", force=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: out: expected a path that does not exist yet, found an existing file ...report.html. Choose another name or pass --force to overwrite it.
    """
    from pathlib import Path

    if Path(path).exists() and not force:
        raise LogilabInputError(
            _message(
                name,
                "a path that does not exist yet",
                f"an existing file {path}",
                "Choose another name or pass --force to overwrite it.",
            )
        )


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas' missing markers."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --- metrics / inventory checks ------------------------------------------------

# --- value checks --------------------------------------------------------------

# --- satisfaction checks -------------------------------------------------------

# --- segmentation checks -------------------------------------------------------

# --- evaluation checks ---------------------------------------------------------
