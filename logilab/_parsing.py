"""Reading values as people type them in spreadsheets: identifiers, amounts and dates.

Used by the file boundary (:mod:`logilab.io`) and by the checks of the core
modules, so that a value means the same thing on every path into the workbook.
Each parser returns the parsed values together with what it had to change, so
the caller can count and report it; what cannot be read safely is an error
naming the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ._validation import MAX_ROWS_SHOWN, LogilabInputError, format_rows

__all__ = [
    "DATE_ORDERS",
    "ParsedAmounts",
    "ParsedDates",
    "ParsedIds",
    "clean_ids",
    "is_total_label",
    "parse_amounts",
    "parse_date",
    "parse_dates",
    "text_cells",
]

# half- and full-width spaces, no-break spaces and the zero-width characters Excel leaves behind
SPACES = " \t\r\n\u3000\xa0\u200b\ufeff"
_SPACES = SPACES
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋（）", "0123456789.,-+()")
_CURRENCY = re.compile(r"(?i)rmb|cny|[¥￥元]")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_TOTAL_LABEL = re.compile(
    r"^(本页|本表|全部|总)?(合计|总计|小计|共计|汇总)\s*[:：]?$|^(grand\s*)?(sub)?totals?\s*[:：]?$",
    re.IGNORECASE,
)


def _strip(text: str) -> str:
    return text.strip(_SPACES)


def is_total_label(value: Any) -> bool:
    """Whether a cell reads as the label of a total or subtotal row (合计, 总计, 小计, Total, Subtotal).

    Parameters
    ----------
    value : object
        A cell; only text can be a total label.

    Returns
    -------
    bool
        True for 合计 / 总计 / 小计 / 共计 / 汇总 (optionally after 本页, 本表,
        全部 or 总, and with a colon or a bracketed unit) and Total / Subtotal /
        Grand total.

    Examples
    --------
    >>> [is_total_label(v) for v in ["合计", " 总计: ", "小计（元）", "Total", "Grand Total", "合计物流公司", 12]]
    [True, True, True, True, True, False, False]
    """
    if not isinstance(value, str):
        return False
    text = re.sub(r"[(（\[【].*?[)）\]】]", "", _strip(value))
    return bool(_TOTAL_LABEL.match(_strip(text)))


# --- identifiers ----------------------------------------------------------------


@dataclass(frozen=True)
class ParsedIds:
    """Identifiers as text, with the rows whose cells had to be trimmed or rewritten.

    Attributes
    ----------
    values : Series
        The identifiers as text (missing for an empty cell), on the input's index.
    trimmed : Series of bool
        Rows whose text had spaces around it removed.
    from_numbers : Series of bool
        Rows that were number cells (written as ``"123"``).

    Examples
    --------
    >>> ids = clean_ids(pd.Series([" 7", 8]))
    >>> ids.values.tolist(), ids.trimmed.tolist(), ids.from_numbers.tolist()
    (['7', '8'], [True, False], [False, True])
    """

    values: pd.Series
    trimmed: pd.Series
    from_numbers: pd.Series


def _id_text(value: Any) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return np.nan
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, pd.Timestamp):
        return str(value)
    return str(value)


def _all_text(values: pd.Series) -> bool:
    return pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")


def text_cells(values: pd.Series, method: str = "strip", *args: Any, **kwargs: Any) -> pd.Series:
    """``values.str.<method>(...)`` on the text cells of a column; NaN for numbers, dates and empty cells.

    The vectorised string methods refuse a column with no text at all (an
    Excel column of numbers or dates), so such a column gives all NaN here.

    Parameters
    ----------
    values : Series
        Any column.
    method : str, default "strip"
        The name of a :attr:`pandas.Series.str` method.
    *args, **kwargs
        Passed to that method.

    Returns
    -------
    Series of object
        The method's result for each text cell, NaN elsewhere, on the input's index.

    Examples
    --------
    >>> text_cells(pd.Series([" a ", 3, np.nan], dtype=object)).tolist()
    ['a', nan, nan]
    >>> text_cells(pd.Series([1.5, 2.0]), "contains", "1").tolist()
    [nan, nan]
    """
    # exports repeat their values (customers, dates, labels): work on the distinct ones, then spread back
    codes, uniques, texts = _factorize(values)
    distinct = pd.Series(uniques, dtype=object)
    try:
        accessor = distinct.str
    except AttributeError:
        return pd.Series(np.nan, index=values.index, dtype=object)
    if method == "strip" and args and texts is not None:
        done = _strip_texts(texts, args[0], uniques).to_numpy()
    else:
        done = getattr(accessor, method)(*args, **kwargs).astype(object).to_numpy()
    out = np.empty(len(codes), dtype=object)
    out[:] = np.nan
    found = codes >= 0
    out[found] = done[codes[found]]
    return pd.Series(out, index=values.index, dtype=object)


def _factorize(values: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Series | None]:
    """Codes (-1 for a missing cell), the distinct values as Python objects in order of first row, and as text.

    A column of pandas' string dtype (what the CSV reader gives) is hashed as
    stored, in Arrow, four times faster than as Python strings, and its
    distinct values also come back in that dtype (the third item), for
    :func:`_strip_texts`; any other column is hashed as Python objects, so
    ``1``, ``1.0`` and a date keep their types (the third item is None).
    """
    if isinstance(values.dtype, pd.StringDtype):
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        texts = pd.Series(uniques, dtype=values.dtype)
        # 4 bytes a row instead of 8 while the distinct values fit (a 5M-line export: 80 MB less for four columns)
        small = len(uniques) < np.iinfo(np.int32).max
        return codes.astype(np.int32 if small else np.intp, copy=False), np.asarray(uniques, dtype=object), texts
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object), None


def _strip_texts(texts: pd.Series, characters: str, objects: np.ndarray) -> pd.Series:
    """``str.strip(characters)`` of each value of a column in pandas' string dtype, as Python objects.

    The characters are given, so Arrow's trim removes exactly those (as
    :meth:`str.strip` does), in one pass over the column instead of one
    Python call per value. ``objects`` are the same values as Python strings:
    a value with nothing to strip is returned as that same string, so only
    the values that changed become new Python strings.
    """
    stripped = texts.str.strip(characters)
    changed = (stripped != texts).to_numpy(dtype=bool)
    out = np.array(objects, dtype=object, copy=True)
    if changed.any():
        out[changed] = stripped[changed].astype(object).to_numpy()
    return pd.Series(out, dtype=object)


class _Distinct:
    """A column as codes into its distinct values, so each step looks at a value once, not at every row.

    ``uniques`` are in the order of their first row and every one of them is
    used; ``codes`` has one entry per row (-1 for a missing cell). Only
    columns whose values are all text take this path (``text``): a
    factorization treats ``1``, ``1.0`` and ``True`` as one value, which
    would merge number and boolean cells that are read differently.
    """

    def __init__(self, codes: np.ndarray, uniques: np.ndarray, index: pd.Index, texts: pd.Series | None = None) -> None:
        self.codes, self.uniques, self.index = codes, uniques, index
        self.texts = texts  # the same distinct values in pandas' string dtype, when the column came in it

    @classmethod
    def of(cls, values: pd.Series) -> _Distinct:
        codes, uniques, texts = _factorize(values)
        return cls(codes, uniques, values.index, texts)

    @cached_property
    def stripped(self) -> pd.Series:
        """The distinct values with the spaces around them removed (text columns only)."""
        if self.texts is not None:
            return _strip_texts(self.texts, _SPACES, self.uniques)
        return self.values().str.strip(_SPACES)

    @property
    def text(self) -> bool:
        return self.texts is not None or len(self.uniques) == 0 or pd.api.types.infer_dtype(self.uniques, skipna=False) == "string"

    def values(self) -> pd.Series:
        """The distinct values as a Series (positions are the codes)."""
        return pd.Series(self.uniques, dtype=object)

    def rows(self, flags: Any) -> np.ndarray:
        """Per row: the flag of its distinct value (False for a missing cell)."""
        flags = np.asarray(flags, dtype=bool)
        found = self.codes >= 0
        out = np.zeros(len(self.codes), dtype=bool)
        out[found] = flags[self.codes[found]]
        return out

    def spread(self, per_value: Any, missing: Any) -> np.ndarray:
        """Per row: the entry of its distinct value; a missing cell keeps ``missing`` (a scalar, or the column as read)."""
        per_value = np.asarray(per_value)
        found = self.codes >= 0
        if found.all():  # no missing cell: nothing of the column as read is kept
            return per_value[self.codes]
        if np.ndim(missing):
            out = np.array(missing, dtype=per_value.dtype, copy=True)
        else:
            out = np.empty(len(self.codes), dtype=per_value.dtype)
            out[:] = missing
        out[found] = per_value[self.codes[found]]
        return out

    def take(self, keep: np.ndarray) -> _Distinct:
        """The rows where ``keep`` is True, renumbered so that every distinct value is used, in order of first row."""
        codes = self.codes[keep]
        found = codes >= 0
        renumbered, used = pd.factorize(codes[found])
        out = np.full(len(codes), -1, dtype=np.intp)
        out[found] = renumbered
        texts = None if self.texts is None else self.texts.iloc[used].reset_index(drop=True)
        return _Distinct(out, self.uniques[used], self.index[keep], texts)

    def recode(self, new_values: Any) -> _Distinct:
        """The column with each distinct value replaced by ``new_values`` (missing where that is NaN), values that became equal merged."""
        codes, uniques = pd.factorize(pd.Series(new_values, dtype=object), use_na_sentinel=True)
        mapped = np.full(len(self.codes), -1, dtype=np.intp)
        found = self.codes >= 0
        mapped[found] = codes[self.codes[found]]
        return _Distinct(mapped, np.asarray(uniques, dtype=object), self.index)


def clean_ids(values: pd.Series) -> ParsedIds:
    """Identifiers as text: leading zeros kept, spaces around them removed, number cells as ``123``.

    A spreadsheet number cell that holds an identifier becomes ``"123"``, never
    ``"123.0"``; half- and full-width spaces around a value are removed (and the
    rows counted); an empty cell becomes missing.

    Parameters
    ----------
    values : Series
        An identifier column as read (text, numbers or a mix).

    Returns
    -------
    ParsedIds
        ``values`` as text, and the rows ``trimmed`` and ``from_numbers``.

    Examples
    --------
    >>> ids = clean_ids(pd.Series(["00123", " C001", "C001\\u3000", 123, 123.0, ""]))
    >>> ids.values.tolist()
    ['00123', 'C001', 'C001', '123', '123', nan]
    >>> int(ids.trimmed.sum()), int(ids.from_numbers.sum())
    (2, 2)
    """
    if _all_text(values):
        text = values.astype(object)
        is_text = text.notna()
    else:
        is_text = values.map(lambda v: isinstance(v, str))
        text = values.map(_id_text).astype(object)
    stripped = text_cells(text, "strip", _SPACES).where(is_text, text).astype(object)
    trimmed = is_text & (stripped != text) & stripped.ne("")
    stripped = stripped.mask(stripped.eq("").fillna(False).astype(bool), np.nan)
    from_numbers = ~is_text & values.notna()
    return ParsedIds(values=stripped, trimmed=trimmed, from_numbers=from_numbers)


# --- amounts ---------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedAmounts:
    """Amounts as floats, the rows that were written as text (¥, 元, separators...) and the rows that could not be read.

    Attributes
    ----------
    values : Series of float
        The amounts (NaN for an empty or unreadable cell), on the input's index.
    rewritten : Series of bool
        Rows whose text had to be rewritten to read as a number.
    unreadable : Series of bool
        Rows holding something that is not an amount.

    Examples
    --------
    >>> parsed = parse_amounts(pd.Series(["¥1,234.50", "abc"]))
    >>> parsed.values.tolist()[0], parsed.rewritten.tolist(), parsed.unreadable.tolist()
    (1234.5, [True, False], [False, True])
    """

    values: pd.Series
    rewritten: pd.Series
    unreadable: pd.Series


def _amount(text: str) -> tuple[float | None, bool]:
    """(value, rewritten) of one cell's text; value None when it cannot be read."""
    original = _strip(text)
    if original == "":
        return np.nan, False
    cleaned = original.translate(_FULL_WIDTH).replace("\u2212", "-")
    cleaned = _CURRENCY.sub("", cleaned)
    cleaned = re.sub(r"\s+", "", cleaned)
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):  # accounting style (1,234.00) for a refund
        negative, cleaned = True, cleaned[1:-1]
    if cleaned.startswith("-") and not cleaned[1:2].isdigit() and cleaned[1:2] not in (".",):
        return None, True
    if _GROUPED_NUMBER.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN_NUMBER.match(cleaned):
        return None, True
    value = float(cleaned)
    return (-value if negative else value), cleaned != original


def parse_amounts(values: pd.Series) -> ParsedAmounts:
    """Amounts as written in Chinese exports: ``¥1,234.50``, ``￥80``, ``120元``, ``RMB 99``, full-width digits.

    Thousands separators must group digits by three (``1,234.5``; ``1.234,5``
    is unreadable, not silently 1.2345); an amount in brackets ``(45.00)`` is
    negative, as accountants write refunds. Infinite values are unreadable.

    Parameters
    ----------
    values : Series
        An amount column as read (text, numbers or a mix).

    Returns
    -------
    ParsedAmounts
        ``values`` as floats, and the rows ``rewritten`` and ``unreadable``.

    Examples
    --------
    >>> parsed = parse_amounts(pd.Series(["¥1,234.50", "￥８０", "120元", "RMB 99", 12.5, "(45.00)", "1.234,5", ""]))
    >>> parsed.values.tolist()[:6]
    [1234.5, 80.0, 120.0, 99.0, 12.5, -45.0]
    >>> parsed.rewritten.tolist()
    [True, True, True, True, False, True, False, False]
    >>> parsed.unreadable.tolist()
    [False, False, False, False, False, False, True, False]
    """
    return _parse_amounts(values)


def _parse_amounts(values: pd.Series, distinct: _Distinct | None = None) -> ParsedAmounts:
    """:func:`parse_amounts`; ``distinct``, when given, is the factorization of ``values`` (all text), found earlier."""
    index = values.index
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        floats = values.astype(float)
        return ParsedAmounts(floats, pd.Series(False, index=index), pd.Series(np.isinf(floats.to_numpy()), index=index))
    if _all_text(values) and values.notna().any():
        # a text cell reads the same wherever it is: read each distinct text once, then spread back to the rows
        distinct = _Distinct.of(values) if distinct is None else distinct
        once = _amount_cells(distinct.values() if distinct.texts is None else distinct.texts)
        return ParsedAmounts(
            pd.Series(distinct.spread(once.values, missing=np.nan), index=index),
            pd.Series(distinct.rows(once.rewritten), index=index),
            pd.Series(distinct.rows(once.unreadable), index=index),
        )
    return _amount_cells(values)


def _amount_cells(values: pd.Series) -> ParsedAmounts:
    """:func:`parse_amounts` of a column that is not of a number dtype, cell by cell."""
    index = values.index
    if _all_text(values):
        is_text = values.notna()
        stripped = text_cells(values, "strip", _SPACES)
    else:
        is_text = values.map(lambda v: isinstance(v, str))
        stripped = values.map(lambda v: _strip(v) if isinstance(v, str) else v)
    looks_plain = text_cells(stripped, "match", _PLAIN_NUMBER.pattern).fillna(False).astype(bool)
    plain = (looks_plain | ~is_text) & stripped.ne("").fillna(True)
    direct = pd.to_numeric(stripped.where(plain), errors="coerce").astype(float)
    plain &= direct.notna() | values.isna()
    result = direct.where(plain)
    values_out = result.to_numpy(dtype=float, copy=True)
    rewritten = np.zeros(len(values), dtype=bool)
    unreadable = np.zeros(len(values), dtype=bool)
    todo = (~plain & values.notna() & stripped.ne("").fillna(True)).to_numpy()
    if todo.any():
        # the rest, one distinct value at a time (a column of dates has a few hundred, not a million)
        codes, uniques = pd.factorize(values[todo].astype(object))
        readings = [_amount(u) if isinstance(u, str) else (None, False) for u in uniques]
        parsed = np.array([np.nan if v is None else v for v, _ in readings], dtype=float)
        failed = np.array([v is None for v, _ in readings], dtype=bool)
        changed = np.array([c for _, c in readings], dtype=bool)
        positions = np.flatnonzero(todo)
        values_out[positions] = parsed[codes]
        unreadable[positions] = failed[codes]
        rewritten[positions] = changed[codes] & ~failed[codes]
    unreadable |= np.isinf(values_out)
    values_out[unreadable] = np.nan
    return ParsedAmounts(pd.Series(values_out, index=index), pd.Series(rewritten, index=index), pd.Series(unreadable, index=index))


# --- dates -----------------------------------------------------------------------

DATE_ORDERS = ("ymd", "dmy", "mdy")
_ORDER_NAMES = {"ymd": "year-month-day", "dmy": "day/month/year", "mdy": "month/day/year"}
_YEAR_FIRST = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?=$|[\sT])(.*)$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR_LAST = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})(?=$|[\sT])(.*)$")
_SERIAL = re.compile(r"^\d{4,6}(\.\d+)?$")


@dataclass(frozen=True)
class ParsedDates:
    """Dates parsed with one format for the whole column, and which format that was.

    Attributes
    ----------
    values : Series of datetime64
        The dates, on the input's index.
    order : {"ymd", "dmy", "mdy"} or None
        The order of the fields of the text dates (None for date cells).
    reason : str
        Why that order was used, e.g. a row that fits no other order.

    Examples
    --------
    >>> parsed = parse_dates(pd.Series(["05/03/2025", "28/02/2025"]), column="日期")
    >>> parsed.order, parsed.reason
    ('dmy', "day/month/year: row 1 '28/02/2025' fits no other order")
    """

    values: pd.Series
    order: str | None
    reason: str


def _valid(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    return day <= pd.Timestamp(year=year, month=month, day=1).days_in_month


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _examples(rows: list[Any], texts: list[str], limit: int = 2) -> str:
    return ", ".join(f"row {r} {t!r}" for r, t in list(zip(rows, texts, strict=True))[:limit])


def parse_dates(values: pd.Series, *, column: str, name: str = "lines", date_format: str | None = None) -> ParsedDates:
    """Parse one column of dates with one format for all its values.

    Year-first dates (``2025-03-01``, ``2025/3/1``, ``2025.3.1``, ``2025年3月1日``,
    ``20250301``, with or without a time) are unambiguous. Dates with the year
    last (``05/03/2025``) are read day-first or month-first *for the whole
    column*: the order that every value fits is used, and the reason is
    returned. When both orders fit every value, when the values need
    different orders, or when year-first and year-last dates are mixed, the
    column cannot be read safely and the error shows example rows of each
    reading and the ``date_format`` option. Spreadsheet date cells are used as they are.

    Parameters
    ----------
    values : Series
        Text, datetimes or a mix (an Excel column).
    column : str
        The column's name, for messages.
    name : str, default "lines"
        What the table is called in messages.
    date_format : str, optional
        ``"ymd"``, ``"dmy"`` or ``"mdy"`` to fix the order of the fields, or a
        ``strftime`` pattern such as ``"%d/%m/%Y"``.

    Returns
    -------
    ParsedDates
        ``values`` (datetime64), ``order`` used for text dates (or None) and ``reason``.

    Examples
    --------
    >>> parsed = parse_dates(pd.Series(["05/03/2025", "28/02/2025", "4.3.2025"]), column="日期")
    >>> parsed.values.dt.strftime("%Y-%m-%d").tolist(), parsed.order
    (['2025-03-05', '2025-02-28', '2025-03-04'], 'dmy')
    >>> parse_dates(pd.Series(["05/03/2025", "04/03/2025"]), column="日期")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: lines: expected column '日期' to hold dates in one known order, found dates that read as day/month/year and as month/day/year alike, e.g. row 0 '05/03/2025' (5 March or May 3). Pass date_format='dmy' (day first) or date_format='mdy' (month first).
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return ParsedDates(pd.to_datetime(values), None, "date cells")
    # work on the distinct values: a column of a million dates holds a few thousand days
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return _parse_distinct_dates(values, codes, uniques, column=column, name=name, date_format=date_format)


def _parse_distinct_dates(
    values: pd.Series, codes: np.ndarray, uniques: Any, *, column: str, name: str = "lines", date_format: str | None = None
) -> ParsedDates:
    """:func:`parse_dates` of a column given as its factorization (``codes`` per row, ``uniques`` in order of first row)."""
    cells = pd.Series(uniques, dtype=object)
    if len(cells) and cells.map(lambda v: isinstance(v, str)).all():
        cells = cells.str.strip(_SPACES)
    parsed = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")

    def rows(keys: Any) -> pd.Index:
        """Spreadsheet rows holding any of the distinct values ``keys`` (positions in ``cells``)."""
        return values.index[np.isin(codes, np.asarray(sorted(keys), dtype=int))]

    def first_rows(keys: Any) -> tuple[list[Any], list[str]]:
        """The first row of each distinct value in ``keys``, in row order, with its text."""
        first = {k: int(np.flatnonzero(codes == k)[0]) for k in keys}
        ordered = sorted(first, key=first.get)
        return [values.index[first[k]] for k in ordered], [str(cells[k]) for k in ordered]

    blank = cells.map(lambda v: isinstance(v, str) and v == "")
    is_stamp = cells.map(lambda v: isinstance(v, (pd.Timestamp, np.datetime64)) or (hasattr(v, "year") and hasattr(v, "month")))
    if is_stamp.any():
        parsed[is_stamp] = pd.to_datetime(cells[is_stamp].map(pd.Timestamp))
    is_number = cells.map(lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool))
    serial = is_number | cells.map(lambda v: isinstance(v, str) and bool(_SERIAL.match(v)) and not _COMPACT.match(v))
    if serial.any():
        keys = set(np.flatnonzero(serial.to_numpy()))
        _, shown = first_rows(keys)
        raise LogilabInputError(
            f"{name}: expected column {column!r} to hold dates, found numbers such as {shown[0]!r} in "
            f"{format_rows(rows(keys))} (a spreadsheet's serial day numbers). Format the column as dates (e.g. 2025-03-01) "
            "in the spreadsheet and export again.",
            reason="date_serial_numbers",
            column=str(column),
            value=shown[0],
            **_rows_details(rows(keys)),
        )
    todo = ~is_stamp & ~blank
    texts = cells[todo].map(str)
    if date_format is not None and "%" in date_format:
        attempt = pd.to_datetime(texts, format=date_format, errors="coerce")
        _raise_unparsed(texts, attempt, rows, column, name, f"the date_format {date_format!r}", pattern=date_format)
        parsed[todo] = attempt
        return ParsedDates(_expand(parsed, codes, values.index), date_format, f"the given format {date_format}")
    if date_format is not None and date_format not in DATE_ORDERS:
        raise LogilabInputError(
            f"date_format: expected one of {list(DATE_ORDERS)} or a pattern such as '%d/%m/%Y', found {date_format!r}. "
            "Use e.g. date_format='dmy'.",
            reason="bad_date_format",
            value=str(date_format),
        )
    groups: dict[int, tuple[str, Any]] = {}
    for k, text in texts.items():
        match = _YEAR_FIRST.match(text) or _COMPACT.match(text)
        if match:
            groups[k] = ("ymd", match.groups())
            continue
        match = _YEAR_LAST.match(text)
        groups[k] = ("year_last", match.groups()) if match else ("other", None)
    kind = pd.Series({k: g[0] for k, g in groups.items()}, dtype=object).reindex(cells.index)
    # a value that no format reads is "not a date", whatever the rest of the column holds
    readable = pd.Series(True, index=texts.index)
    for k, (family, found) in groups.items():
        if family == "ymd":
            readable[k] = _valid(int(found[0]), int(found[1]), int(found[2]))
        elif family == "year_last":
            y, a, b = _full_year(found[2]), int(found[0]), int(found[1])
            readable[k] = _valid(y, b, a) or _valid(y, a, b)
    others = texts[kind.reindex(texts.index) == "other"]
    if len(others):
        readable[others.index] = pd.to_datetime(others, errors="coerce", format="mixed").notna()
    _raise_unparsed(texts, readable.where(readable, None), rows, column, name, None)
    families = [f for f in ("ymd", "year_last", "other") if (kind == f).any()]
    if len(families) > 1:
        shown = "; ".join(f"{_FAMILY_NAMES[f]}: " + _examples(*first_rows(set(kind.index[kind == f]))) for f in families)
        raise LogilabInputError(
            f"{name}: expected column {column!r} to hold dates in one format, found several formats ({shown}). "
            "Write every date the same way (e.g. 2025-03-01), or pass the pattern of the column, "
            "e.g. date_format='%d/%m/%Y'.",
            reason="mixed_date_formats",
            column=str(column),
            examples=[pair for f in families for pair in _pairs(*first_rows(set(kind.index[kind == f])))],
        )
    order: str | None = None
    reason = "year first"
    iso: dict[int, str] = {}
    if families == ["year_last"]:
        order, reason = _year_last_order(groups, texts, first_rows, rows, column, name, date_format)
        for k, (_, (a, b, year, rest)) in groups.items():
            day, month = (a, b) if order == "dmy" else (b, a)
            iso[k] = f"{_full_year(year):04d}-{int(month):02d}-{int(day):02d}{rest}"
    elif families == ["ymd"]:
        if date_format not in (None, "ymd"):
            raise LogilabInputError(
                f"{name}: expected dates in the order {date_format!r} in column {column!r} (date_format), found year-first dates "
                f"such as {texts.iloc[0]!r}. Leave date_format out for year-first dates.",
                reason="year_first_dates",
                column=str(column),
                value=str(texts.iloc[0]),
            )
        order = "ymd"
        for k, (_, found) in groups.items():
            year, month, day = found[:3]
            rest = found[3] if len(found) > 3 else ""
            iso[k] = f"{year}-{int(month):02d}-{int(day):02d}{rest}" if _valid(int(year), int(month), int(day)) else texts[k]
    elif families == ["other"]:
        reason = "written out"
    mapped = pd.Series({k: iso.get(k, t) for k, t in texts.items()}, dtype=object)
    attempt = pd.to_datetime(mapped, errors="coerce", format="mixed") if len(mapped) else mapped
    _raise_unparsed(texts, attempt, rows, column, name, None)
    if len(mapped):
        parsed[mapped.index] = attempt
    return ParsedDates(_expand(parsed, codes, values.index), order, reason)


def _expand(parsed: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    stamps = parsed.to_numpy(dtype="datetime64[ns]")
    out = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[ns]")
    found = codes >= 0
    out[found] = stamps[codes[found]]
    return pd.Series(out, index=index)


_FAMILY_NAMES = {"ymd": "year first", "year_last": "year last", "other": "written out"}


def _rows_details(index: Any) -> dict[str, Any]:
    """``rows`` (the first few) and ``count`` of the rows an error names, for :func:`logilab.i18n.error_message`."""
    labels = list(index)
    return {"rows": labels[:MAX_ROWS_SHOWN], "count": len(labels)}


def _pairs(rows: list[Any], texts: list[str], limit: int = 2) -> list[tuple[Any, str]]:
    """(row, text) of the first examples, as :func:`_examples` shows them in English."""
    return list(zip(rows, texts, strict=True))[:limit]


def _raise_unparsed(
    texts: pd.Series, attempt: pd.Series, rows: Any, column: str, name: str, how: str | None, pattern: str | None = None
) -> None:
    bad = attempt.isna().reindex(texts.index, fill_value=False)
    if bad.any():
        example = texts[bad].iloc[0]
        with_what = f" with {how}" if how else ""
        where = rows(set(texts.index[bad]))
        raise LogilabInputError(
            f"{name}: expected column {column!r} to hold dates{with_what}, found values that are not dates such as {example!r} "
            f"in {format_rows(where)}. Use a format like 2025-03-01 or fix those cells.",
            reason="not_a_date" if pattern is None else "date_pattern_mismatch",
            column=str(column),
            value=str(example),
            **({} if pattern is None else {"pattern": pattern}),
            **_rows_details(where),
        )


def _year_last_order(
    groups: dict[int, tuple[str, Any]], texts: pd.Series, first_rows: Any, rows: Any, column: str, name: str, date_format: str | None
) -> tuple[str, str]:
    fits: dict[str, set[int]] = {"dmy": set(), "mdy": set()}
    for k, (_, (a, b, year, _rest)) in groups.items():
        y, first, second = _full_year(year), int(a), int(b)
        if _valid(y, second, first):
            fits["dmy"].add(k)
        if _valid(y, first, second):
            fits["mdy"].add(k)
    every = set(groups)

    option = "Pass date_format='dmy' (day first) or date_format='mdy' (month first)."
    if date_format in ("dmy", "mdy"):
        misfits = every - fits[date_format]
        if misfits:
            raise LogilabInputError(
                f"{name}: expected column {column!r} to hold {_ORDER_NAMES[date_format]} dates (date_format={date_format!r}), "
                f"found dates that do not fit it: {_examples(*first_rows(misfits))}. Fix those cells or change date_format.",
                reason="dates_misfit_order",
                column=str(column),
                order=date_format,
                examples=_pairs(*first_rows(misfits)),
            )
        return date_format, f"date_format {date_format}"
    if date_format == "ymd":
        raise LogilabInputError(
            f"{name}: expected year-first dates in column {column!r} (date_format='ymd'), found year-last dates such as "
            f"{texts.iloc[0]!r}. {option}",
            reason="year_last_dates",
            column=str(column),
            value=str(texts.iloc[0]),
        )
    distinct = {k for k in fits["dmy"] & fits["mdy"] if int(groups[k][1][0]) != int(groups[k][1][1])}
    if fits["dmy"] == every and fits["mdy"] == every:
        if not distinct:
            return "dmy", "day and month are equal in every date"
        where, shown = first_rows(distinct)
        a, b = _YEAR_LAST.match(shown[0]).groups()[:2]
        raise LogilabInputError(
            f"{name}: expected column {column!r} to hold dates in one known order, found dates that read as day/month/year "
            f"and as month/day/year alike, e.g. row {where[0]} {shown[0]!r} ({_day_month(a, b)}). {option}",
            reason="ambiguous_day_month",
            column=str(column),
            examples=[(where[0], shown[0])],
            first=int(a),
            second=int(b),
        )
    for order, other in (("dmy", "mdy"), ("mdy", "dmy")):
        if fits[order] == every:
            where, shown = first_rows(every - fits[other])
            return order, f"{_ORDER_NAMES[order]}: row {where[0]} {shown[0]!r} fits no other order"
    neither = every - fits["dmy"] - fits["mdy"]
    if neither:
        where, shown = first_rows(neither)
        raise LogilabInputError(
            f"{name}: expected column {column!r} to hold dates, found values that are not dates such as {shown[0]!r} "
            f"in {format_rows(rows(neither))}. Use a format like 2025-03-01 or fix those cells.",
            reason="not_a_date",
            column=str(column),
            value=shown[0],
            **_rows_details(rows(neither)),
        )
    raise LogilabInputError(
        f"{name}: expected column {column!r} to hold dates in one order, found dates that only read as day/month/year "
        f"({_examples(*first_rows(fits['dmy'] - fits['mdy']))}) and others that only read as month/day/year "
        f"({_examples(*first_rows(fits['mdy'] - fits['dmy']))}). Correct the cells that are wrong, then "
        "pass date_format='dmy' or date_format='mdy' if needed.",
        reason="mixed_day_month",
        column=str(column),
        dmy_examples=_pairs(*first_rows(fits["dmy"] - fits["mdy"])),
        mdy_examples=_pairs(*first_rows(fits["mdy"] - fits["dmy"])),
    )


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _day_month(a: str, b: str) -> str:
    first, second = int(a), int(b)
    return f"{first} {_MONTHS[second - 1]} or {_MONTHS[first - 1]} {second}"


def _day_number(stamp: pd.Timestamp) -> int:
    """The day of ``stamp`` counted from 1970-01-01 (a time of day is dropped).

    Examples
    --------
    >>> _day_number(pd.Timestamp("1970-01-03 18:00"))
    2
    """
    return int(stamp.to_datetime64().astype("datetime64[D]").astype("int64"))


def _day_stamp(day: int) -> pd.Timestamp:
    """Midnight of day number ``day`` (counted from 1970-01-01).

    Examples
    --------
    >>> _day_stamp(2)
    Timestamp('1970-01-03 00:00:00')
    """
    return pd.Timestamp(np.datetime64(int(day), "D"))


def parse_date(value: Any, name: str) -> pd.Timestamp:
    """One date typed by a person: ``2026-01-01``, ``2026/1/1``, ``2026年1月1日``; returns the day.

    Parameters
    ----------
    value : str or date-like
        The date (a time of day is dropped).
    name : str
        The argument's name, for the error message.

    Returns
    -------
    Timestamp
        Midnight of that day.

    Examples
    --------
    >>> parse_date("2026年1月5日", "as_of")
    Timestamp('2026-01-05 00:00:00')
    >>> parse_date("next week", "as_of")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: as_of: expected a date such as '2026-01-01' or '2026年1月1日', found 'next week'. Write the date as YYYY-MM-DD.
    """
    text = _strip(value) if isinstance(value, str) else None
    if text is not None:
        match = _YEAR_FIRST.match(text) or _COMPACT.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups()[:3])
            if _valid(year, month, day):
                return pd.Timestamp(year=year, month=month, day=day)
    try:
        stamp = pd.NaT if text is not None else pd.Timestamp(value)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise LogilabInputError(
            f"{name}: expected a date such as '2026-01-01' or '2026年1月1日', found {value!r}. Write the date as YYYY-MM-DD.",
            reason="bad_day",
            value=str(value),
        )
    return stamp.normalize()
