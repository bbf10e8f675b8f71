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
    "COLUMN_SYNONYMS",
    "header_key",
    "synonym_candidates",
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
    "check_not_greater",
    "check_positive_columns",
    "check_flag_columns",
    "check_group_columns",
    "MISSING_POLICIES",
    "rows_with_missing",
    "check_no_missing",
    "check_decision_matrix",
    "check_benefit",
    "check_weights",
]

MAX_ROWS_SHOWN = 5

# Headers an export may use for each role (compared without case, spaces, _ - . and units in brackets).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer": (
        "customer_id",
        "customer",
        "customer_no",
        "customer_code",
        "client_id",
        "client",
        "客户编号",
        "客户ID",
        "客户代码",
        "客户号",
        "客户",
        "会员编号",
        "会员ID",
    ),
    "date": ("order_date", "date", "purchase_date", "invoice_date", "下单日期", "订单日期", "下单时间", "订单时间", "交易日期", "日期"),
    "amount": ("revenue", "amount", "sales", "monetary", "order_amount", "金额", "销售额", "订单金额", "交易金额", "实付金额", "收入"),
    "order": ("order_id", "order_no", "order", "order_number", "invoice_no", "订单号", "订单编号", "单号", "订单ID"),
}


def header_key(text: Any) -> str:
    """A header as compared with others: no case, spaces, ``_ - .`` or bracketed units like ``(元)``.

    Examples
    --------
    >>> header_key("Customer ID"), header_key("金额(元)")
    ('customerid', '金额')
    """
    import re

    text = re.sub(r"[(（\[【].*?[)）\]】]", "", str(text))
    return re.sub(r"[\s_\-.]", "", text).casefold()


def synonym_candidates(columns: Iterable[Any], synonyms: Mapping[str, Sequence[str]] | None = None) -> dict[str, list[str]]:
    """Per role, every column whose header is one of the role's usual names (compared by :func:`header_key`).

    The one synonym lookup of the package: the error messages here and
    :func:`logilab.io.match_columns` both ask it.

    Parameters
    ----------
    columns : iterable
        The headers of a table.
    synonyms : mapping, optional
        ``{role: usual headers}``; default :data:`COLUMN_SYNONYMS`.

    Returns
    -------
    dict
        ``{role: [matching headers, in table order]}`` for every role of ``synonyms`` (empty lists included).

    Examples
    --------
    >>> synonym_candidates(["Customer ID", "金额(元)", "销售额"], {"customer": ["customer_id"], "amount": ["金额", "销售额"], "date": ["日期"]})
    {'customer': ['Customer ID'], 'amount': ['金额(元)', '销售额'], 'date': []}
    """
    headers = [str(c) for c in columns]
    keys = [header_key(c) for c in headers]
    found = {}
    for role, words in (COLUMN_SYNONYMS if synonyms is None else synonyms).items():
        wanted = {header_key(w) for w in words}
        found[role] = [c for c, key in zip(headers, keys) if key in wanted]
    return found


def _columns_for_roles(available: Sequence[str]) -> dict[str, str]:
    """The one column of ``available`` whose header is a usual one for each role (roles with none or several are left out)."""
    return {role: matches[0] for role, matches in synonym_candidates(available).items() if len(matches) == 1}


class LogilabInputError(ValueError):
    """A value logilab cannot work with: a missing column, a number out of range, data that cannot be read safely.

    Public as ``ll.LogilabInputError``; a subclass of :class:`ValueError`, so
    ``except ValueError`` catches it too. The message has one shape:
    ``"<argument or column>: expected <what>, found <what>. <how to fix it>"``.

    Examples
    --------
    >>> import logilab as ll
    >>> try:
    ...     ll.clv(100, retention=1.5, discount_rate=0.1)
    ... except ll.LogilabInputError as error:
    ...     print(str(error).split(" (")[0])
    retention: expected a rate >= 0 and < 1

    Where a widget words the problem for a student, the error also carries a
    machine-readable ``reason`` (e.g. ``"not_numeric"``) and the ``details``
    (column, role, rows ...) that :func:`logilab.i18n.error_message` puts into
    a Chinese or English message; the English text above stays as it is.

    >>> error = ll.LogilabInputError("amount: expected numbers, found 'x'.", reason="not_numeric", column="amount")
    >>> error.reason, error.details
    ('not_numeric', {'column': 'amount'})
    """

    def __init__(self, *args: Any, reason: str | None = None, **details: Any) -> None:
        super().__init__(*args)
        self.reason = reason
        self.details = details


class LogilabTypeError(TypeError):
    """An argument of the wrong type (a list where a DataFrame is needed, text where a number is).

    Public as ``ll.LogilabTypeError``; a subclass of :class:`TypeError`.

    Examples
    --------
    >>> import logilab as ll
    >>> try:
    ...     ll.topsis("not a table", [1.0])
    ... except ll.LogilabTypeError as error:
    ...     print(type(error).__name__, isinstance(error, TypeError))
    LogilabTypeError True
    """


def _message(name: str, expected: str, found: str, fix: str | None) -> str:
    text = f"{name}: expected {expected}, found {found}."
    if fix:
        text += f" {fix}"
    return text


def format_rows(index: Iterable[Any], *, limit: int = MAX_ROWS_SHOWN, count: int | None = None) -> str:
    """Describe offending row labels briefly: the first few and how many in all.

    ``count`` gives how many there are in all when ``index`` holds only the first few.

    Examples
    --------
    >>> format_rows([3, 8, 9])
    'rows [3, 8, 9]'
    >>> format_rows(range(10))
    '10 rows, first [0, 1, 2, 3, 4]'
    >>> format_rows([0, 1, 2, 3, 4], count=10)
    '10 rows, first [0, 1, 2, 3, 4]'
    """
    labels = list(index)
    total = len(labels) if count is None else count
    if total <= limit:
        return f"rows {labels}"
    return f"{total} rows, first {labels[:limit]}"


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
        detected = _columns_for_roles(available)
        if role in detected and not close:
            others = ", ".join(f"{r}={c!r}" for r, c in detected.items())
            hint = f"The table has {detected[role]!r}, a usual header for {role}; its columns fit {others}. "
            raise LogilabInputError(
                _message(
                    name,
                    f"a column {column!r}{role_txt}",
                    f"no such column among {available[:12]}",
                    hint + "Pass them as keyword arguments.",
                )
            )
        fix = f"{hint}Pass {role}='<your column>' to map it." if role else f"{hint}Rename the column or choose another one."
        shown = available if len(available) <= 12 else available[:12] + ["..."]
        raise LogilabInputError(
            _message(name, f"a column {column!r}{role_txt}", f"no such column among {shown}", fix),
            reason="unknown_column",
            column=str(column),
            suggestion=close[0] if close else None,
        )


def check_no_missing(df: pd.DataFrame, columns: Iterable[str], name: str, *, used_in: str | None = None) -> None:
    """Check that columns have no empty cells; name the column and the offending rows.

    ``used_in`` names the argument the column serves (e.g. ``"by"``), for the message.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": ["C1", None, "C3"]})
    >>> check_no_missing(df, ["customer_id"], "transactions")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: transactions: expected column 'customer_id' without missing values, found missing values in rows [1]. Fill or drop those rows first.
    """
    usage = f" (used in {used_in})" if used_in else ""
    for column in columns:
        missing = df[column].isna()
        if missing.any():
            raise LogilabInputError(
                _message(
                    name,
                    f"column {column!r}{usage} without missing values",
                    f"missing values in {format_rows(df.index[missing])}",
                    "Fill or drop those rows first.",
                ),
                reason="missing_values",
                column=str(column),
                rows=list(df.index[missing])[:MAX_ROWS_SHOWN],
                count=int(missing.sum()),
            )


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
                    "Clean those cells so that they hold plain numbers.",
                ),
                reason="not_numeric",
                column=str(column),
                value=str(example),
                rows=list(df.index[not_numeric])[:MAX_ROWS_SHOWN],
                count=int(not_numeric.sum()),
            )
        if not allow_nan:
            check_no_missing(df, [column], name)
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
    are accepted, and so are Chinese dates (``2025年3月1日``); every column is
    read in one format (see :func:`logilab._parsing.parse_dates`).

    Examples
    --------
    >>> check_date_columns(pd.DataFrame({"d": ["2025年3月1日", "2025/3/2"]}), ["d"], "lines")["d"].dt.day.tolist()
    [1, 2]
    >>> df = pd.DataFrame({"order_date": ["2025-03-01", "2025/3/2", "next week"]})
    >>> check_date_columns(df, ["order_date"], "lines")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected column 'order_date' to hold dates, found values that are not dates such as 'next week' in rows [2]. Use a format like 2025-03-01 or fix those cells.
    """
    from ._parsing import parse_dates

    parsed: dict[str, pd.Series] = {}
    for column in columns:
        dates = parse_dates(df[column], column=column, name=name).values
        if getattr(dates.dtype, "tz", None) is not None:
            raise LogilabInputError(
                _message(
                    name,
                    f"column {column!r} to hold dates without a time zone",
                    f"dates in time zone {dates.dtype.tz}",
                    f"Convert them to local dates first, e.g. lines[{column!r}].dt.tz_localize(None).",
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


def check_not_greater(
    df: pd.DataFrame,
    small: str,
    large: str,
    name: str,
    *,
    values: Mapping[str, pd.Series] | None = None,
    fix: str = "Correct or remove those rows.",
) -> None:
    """Check ``df[small] <= df[large]`` in every row; name both columns and the offending rows.

    ``values`` may hold already parsed columns (e.g. dates) by column name.

    Examples
    --------
    >>> lines = pd.DataFrame({"ordered_qty": [5, 3], "shipped_qty": [5, 4]})
    >>> check_not_greater(lines, "shipped_qty", "ordered_qty", "lines")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected 'shipped_qty' <= 'ordered_qty' in every row, found 'shipped_qty' > 'ordered_qty' in rows [1]. Correct or remove those rows.
    """
    values = values or {}
    left = values[small] if small in values else df[small]
    right = values[large] if large in values else df[large]
    bad = (left > right).fillna(False).astype(bool)
    if bad.any():
        raise LogilabInputError(
            _message(name, f"{small!r} <= {large!r} in every row", f"{small!r} > {large!r} in {format_rows(df.index[bad])}", fix)
        )


def check_positive_columns(df: pd.DataFrame, columns: Iterable[str], name: str, *, fix: str = "Correct or remove those rows.") -> None:
    """Check that numeric columns hold numbers > 0 (no text, no missing values, no zero or negative).

    Examples
    --------
    >>> check_positive_columns(pd.DataFrame({"ordered_qty": [2, 0]}), ["ordered_qty"], "lines")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected column 'ordered_qty' to hold numbers > 0, found zero in rows [1]. Correct or remove those rows.
    """
    columns = list(columns)
    check_numeric_columns(df, columns, name, low=0)
    for column in columns:
        zero = pd.to_numeric(df[column]) == 0
        if zero.any():
            raise LogilabInputError(_message(name, f"column {column!r} to hold numbers > 0", f"zero in {format_rows(df.index[zero])}", fix))


def check_flag_columns(df: pd.DataFrame, columns: Iterable[str], name: str) -> dict[str, pd.Series]:
    """Check 0/1 (or True/False) flag columns without missing values; return them as booleans.

    Examples
    --------
    >>> check_flag_columns(pd.DataFrame({"complaint": [0, 1, True]}), ["complaint"], "lines")["complaint"].tolist()
    [False, True, True]
    >>> check_flag_columns(pd.DataFrame({"complaint": [0, 2, 1]}), ["complaint"], "lines")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected column 'complaint' to hold 0/1 flags (1 = yes), found other values such as 2 in rows [1]. Code the column as 0 = no, 1 = yes.
    """
    flags: dict[str, pd.Series] = {}
    for column in columns:
        values = df[column]
        numeric = pd.to_numeric(values.astype(object).where(values.notna(), np.nan).replace({True: 1, False: 0}), errors="coerce")
        bad = ~numeric.isin([0, 1])
        if bad.any():
            example = values[bad].iloc[0]
            example = example.item() if hasattr(example, "item") else example
            raise LogilabInputError(
                _message(
                    name,
                    f"column {column!r} to hold 0/1 flags (1 = yes)",
                    f"other values such as {example!r} in {format_rows(df.index[bad])}",
                    "Code the column as 0 = no, 1 = yes.",
                )
            )
        flags[column] = numeric.astype(bool)
    return flags


def check_group_columns(df: pd.DataFrame, by: Any, name: str, *, derived: Sequence[str] = ()) -> list[str]:
    """Check a ``by`` argument: one or several column names of ``df`` or ``derived`` keys; no missing keys.

    ``derived`` are names the caller can compute (e.g. ``"month"`` from a date
    column); a real column of that name takes precedence. Returns the keys as a list.

    Examples
    --------
    >>> lines = pd.DataFrame({"warehouse": ["A", None]})
    >>> check_group_columns(lines, None, "lines"), check_group_columns(lines, "month", "lines", derived=["month"])
    ([], ['month'])
    >>> check_group_columns(lines, "warehous", "lines", derived=["month"])
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: by: expected column names of lines or one of ['month'], found 'warehous'. Did you mean 'warehouse'?
    >>> check_group_columns(lines, "warehouse", "lines")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected column 'warehouse' (used in by) without missing values, found missing values in rows [1]. Fill or drop those rows first.
    """
    if by is None:
        return []
    keys = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else None
    if keys is None or not all(isinstance(k, str) for k in keys):
        raise LogilabTypeError(
            _message(
                "by",
                "a column name or a list of column names",
                f"{type(by).__name__} {by!r}",
                "Pass e.g. by='warehouse' or by=['month', 'warehouse'].",
            )
        )
    if len(set(keys)) != len(keys):
        raise LogilabInputError(_message("by", "each column once", repr(by), "Remove the repeated name."))
    for key in keys:
        if key in df.columns:
            check_no_missing(df, [key], name, used_in="by")
        elif key not in derived:
            options = [str(c) for c in df.columns] + list(derived)
            close = difflib.get_close_matches(key, options, n=1)
            fix = f"Did you mean {close[0]!r}?" if close else "Use a column name of your table."
            raise LogilabInputError(_message("by", f"column names of {name} or one of {list(derived)}", repr(key), fix))
    return keys


# --- value checks --------------------------------------------------------------


# --- satisfaction checks -------------------------------------------------------

MISSING_POLICIES = ("raise", "listwise")


def rows_with_missing(df: pd.DataFrame, columns: Iterable[str], name: str, *, missing: str) -> pd.Series:
    """Rows with a missing answer in ``columns``; raise naming them when ``missing="raise"``.

    ``missing`` is the caller's policy: ``"raise"`` (stop and say where the
    gaps are) or ``"listwise"`` (the caller drops those rows and reports how many).

    Examples
    --------
    >>> answers = pd.DataFrame({"a": [1, None, 3], "b": [1, 2, None]})
    >>> rows_with_missing(answers, ["a", "b"], "survey", missing="listwise").tolist()
    [False, True, True]
    >>> rows_with_missing(answers, ["a", "b"], "survey", missing="raise")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: survey: expected answers without missing values, found 2 missing answer(s) in rows [1, 2]. Pass missing='listwise' to drop those rows (the result reports how many), or fill the gaps first.
    """
    check_choice(missing, "missing", MISSING_POLICIES)
    gaps = df[list(columns)].isna()
    rows = gaps.any(axis=1)
    if missing == "raise" and rows.any():
        raise LogilabInputError(
            _message(
                name,
                "answers without missing values",
                f"{int(gaps.to_numpy().sum())} missing answer(s) in {format_rows(df.index[rows])}",
                "Pass missing='listwise' to drop those rows (the result reports how many), or fill the gaps first.",
            )
        )
    return rows


# --- segmentation checks -------------------------------------------------------


# --- evaluation checks ---------------------------------------------------------

_BENEFIT_WORDS = {"benefit": True, "positive": True, "正向": True, "cost": False, "negative": False, "负向": False}


def _default_labels(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i + 1}" for i in range(count)]


def check_decision_matrix(values: Any, name: str = "X") -> pd.DataFrame:
    """A numeric alternatives x indicators table as a new float DataFrame.

    Accepts a DataFrame (labels kept), a 2-D array or a list of rows (rows
    labelled ``A1, A2, ...``, columns ``C1, C2, ...``).

    Examples
    --------
    >>> check_decision_matrix([[1, 2], [3, 4]]).columns.tolist()
    ['C1', 'C2']
    >>> check_decision_matrix([1, 2, 3])
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: X: expected a 2-D table (alternatives in rows, indicators in columns), found an array of shape (3,). Pass a DataFrame or a list of rows.
    """
    if isinstance(values, pd.DataFrame):
        check_dataframe(values, name)
        check_numeric_columns(values, list(values.columns), name)
        return values.astype(float)
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise LogilabTypeError(
            _message(name, "a table of numbers", type(values).__name__, "Pass a DataFrame or a list of rows of numbers.")
        ) from None
    if array.ndim != 2 or array.size == 0:
        raise LogilabInputError(
            _message(
                name,
                "a 2-D table (alternatives in rows, indicators in columns)",
                f"an array of shape {array.shape}",
                "Pass a DataFrame or a list of rows.",
            )
        )
    if not np.isfinite(array).all():
        raise LogilabInputError(_message(name, "finite numbers", "NaN or infinite values", "Fill or drop those cells first."))
    return pd.DataFrame(array, index=_default_labels("A", array.shape[0]), columns=_default_labels("C", array.shape[1]))


def check_benefit(benefit: Any, columns: Sequence[Any], name: str = "benefit") -> np.ndarray:
    """Which indicators are benefit (larger is better) ones, as a boolean array.

    ``benefit`` is ``None`` (all benefit), ``"benefit"`` / ``"cost"`` for all,
    a list with one ``True`` / ``False`` / ``"benefit"`` / ``"cost"`` per
    column, or a mapping ``{column: ...}`` covering every column.

    Examples
    --------
    >>> check_benefit({"price": "cost", "speed": "benefit"}, ["speed", "price"]).tolist()
    [True, False]
    >>> check_benefit([True], ["speed", "price"])
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: benefit: expected one direction per indicator (2: ['speed', 'price']), found 1. Give True/'benefit' or False/'cost' for every indicator, or a dict {indicator: 'benefit'/'cost'}.
    """
    columns = list(columns)
    fix = "Give True/'benefit' or False/'cost' for every indicator, or a dict {indicator: 'benefit'/'cost'}."

    def one(value: Any) -> bool:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _BENEFIT_WORDS:
            return _BENEFIT_WORDS[value.strip().lower()]
        raise LogilabInputError(_message(name, "'benefit' or 'cost' (or True / False)", repr(value), fix))

    if benefit is None:
        return np.ones(len(columns), dtype=bool)
    if isinstance(benefit, str):
        return np.full(len(columns), one(benefit))
    if isinstance(benefit, Mapping):
        missing = [c for c in columns if c not in benefit]
        extra = [k for k in benefit if k not in columns]
        if missing or extra:
            raise LogilabInputError(_message(name, f"a direction for each indicator {columns}", f"missing {missing}, unknown {extra}", fix))
        return np.array([one(benefit[c]) for c in columns])
    values = list(benefit)
    if len(values) != len(columns):
        raise LogilabInputError(_message(name, f"one direction per indicator ({len(columns)}: {columns})", f"{len(values)}", fix))
    return np.array([one(v) for v in values])


def check_weights(weights: Any, labels: Sequence[Any], name: str = "weights") -> pd.Series:
    """Non-negative weights, one per label, returned as a Series summing to 1.

    Weights may be a list (in the order of ``labels``), a dict or a Series
    (matched by label). Weights that do not sum to 1 are divided by their sum
    and a ``UserWarning`` says so: a typo such as 0.3 + 0.3 + 0.3 then gives a
    visible warning, not a silently different score.

    Examples
    --------
    >>> check_weights({"b": 0.25, "a": 0.75}, ["a", "b"]).tolist()
    [0.75, 0.25]
    >>> check_weights([0.5, -0.5], ["a", "b"])
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: weights: expected weights >= 0, found negative weights for ['b']. Use zero or a positive weight for every indicator.
    """
    import warnings

    labels = list(labels)
    if isinstance(weights, (Mapping, pd.Series)):
        mapping = dict(weights.items())
        missing = [c for c in labels if c not in mapping]
        extra = [k for k in mapping if k not in labels]
        if missing or extra:
            raise LogilabInputError(
                _message(
                    name, f"one weight per indicator {labels}", f"missing {missing}, unknown {extra}", "Name every indicator exactly once."
                )
            )
        values = [mapping[c] for c in labels]
    else:
        values = list(np.ravel(np.asarray(weights, dtype=object)))
        if len(values) != len(labels):
            raise LogilabInputError(
                _message(name, f"{len(labels)} weights (one per indicator {labels})", f"{len(values)}", "Give one weight per indicator.")
            )
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise LogilabTypeError(_message(name, "numbers", repr(values), "Give one number per indicator.")) from None
    if not np.isfinite(array).all():
        raise LogilabInputError(_message(name, "finite weights", "NaN or infinite values", "Give a number for every indicator."))
    negative = [c for c, v in zip(labels, array) if v < 0]
    if negative:
        raise LogilabInputError(
            _message(name, "weights >= 0", f"negative weights for {negative}", "Use zero or a positive weight for every indicator.")
        )
    total = float(array.sum())
    if total <= 0:
        raise LogilabInputError(
            _message(name, "at least one positive weight", "all weights zero", "Give some indicator a positive weight.")
        )
    if abs(total - 1) > 1e-6:
        warnings.warn(f"{name}: the weights sum to {total:.6g}, not 1; they were divided by their sum.", UserWarning, stacklevel=3)
    return pd.Series(array / total, index=labels, name="weight")
