"""Tables as they read in a notebook: thousands separators, percentages, a few decimals, Chinese headers.

``ll.show_table(df, percent=["share"])`` returns a :class:`Table` that a
notebook shows as a formatted HTML table (scrolling sideways when it is wider
than the page) and ``print`` shows as aligned text (Chinese characters count
as two columns). ``ll.use_table_format()`` gives every plain DataFrame the same
numbers (no ``5.184529e+06``) and aligned Chinese text. Pure pandas: no plotly.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._validation import LogilabInputError, LogilabTypeError
from .i18n import LABELS, get_language, label

__all__ = ["format_number", "column_decimals", "Table", "show_table", "use_table_format"]

# significant digits a number keeps when no decimals are given
SIGNIFICANT = 4
MAX_DECIMALS = 4
MISSING = "—"


def _missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and not isinstance(value, str) and bool(pd.isna(value)))


def _digits(value: float) -> int:
    """Digits before the decimal point (0 for values below 1)."""
    value = abs(value)
    return 0 if value < 1 else int(math.floor(math.log10(value))) + 1


def column_decimals(values: Iterable[float]) -> int:
    """The decimals a column of numbers needs: about 4 significant digits of its largest value, 0 to 4 decimals.

    Parameters
    ----------
    values : iterable of float
        The column (missing values are ignored).

    Returns
    -------
    int
        4 when the largest absolute value is below 10, 2 below 100, 1 below
        1,000 and 0 from 1,000 on (4 significant digits, at least 4 decimals
        for rates, so 1.0000 lines up with 0.8850).

    Examples
    --------
    >>> column_decimals([0.9325, 1.0]), column_decimals([3.5]), column_decimals([12.3456]), column_decimals([1234.5, 3.2]), column_decimals([5184529.3])
    (4, 4, 2, 0, 0)
    """
    finite = [abs(float(v)) for v in values if not _missing(v) and math.isfinite(float(v))]
    if not finite:
        return 2
    return _decimals_for(max(finite))


def _decimals_for(value: float) -> int:
    """4 decimals below 10 (rates and scores line up: 1.0000 beside 0.8850), 2 below 100, 1 below 1,000, then none."""
    digits = _digits(value)
    return MAX_DECIMALS if digits <= 1 else max(0, SIGNIFICANT - digits)


def format_number(value: Any, *, decimals: int | None = None, percent: bool = False) -> str:
    """One number as a table shows it: thousands separators, fixed decimals, never scientific notation.

    Parameters
    ----------
    value : number
        The value; missing values read ``—``.
    decimals : int, optional
        Decimals to show (default: 4 significant digits, 0 to 4 decimals; 1 for a percentage).
    percent : bool, default False
        Show a share (0.1234) as a percentage (12.3%).

    Returns
    -------
    str
        The formatted number.

    Examples
    --------
    >>> format_number(5184529.31), format_number(0.93251), format_number(12.3456), format_number(1234.5)
    ('5,184,529', '0.9325', '12.35', '1,234')
    >>> format_number(0.06712, percent=True), format_number(0.5, percent=True, decimals=0), format_number(float("nan"))
    ('6.7%', '50%', '—')
    >>> format_number(2.5e-07)
    '0.0000'
    """
    if _missing(value):
        return MISSING
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)) and not percent:
        return f"{int(value):,}"
    number = float(value)
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if percent:
        return f"{number * 100:,.{1 if decimals is None else decimals}f}%"
    if decimals is None:
        decimals = _decimals_for(number)
    text = f"{number:,.{decimals}f}"
    return text.lstrip("-") if float(text.replace(",", "")) == 0 else text  # no "-0.00"


def _width(text: str) -> int:
    """Columns a text takes in a monospaced font: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


class Table:
    """A formatted table: ``cells`` (a DataFrame of strings), shown as HTML in a notebook and as aligned text.

    Made by :func:`show_table`; ``numeric`` names the right-aligned columns and
    ``more`` is the number of rows left out.
    """

    def __init__(self, cells: pd.DataFrame, numeric: Iterable[Any], *, more: int = 0, lang: str = "zh", show_index: bool = True):
        self.cells = cells
        self.numeric = set(numeric)
        self.more = more
        self.lang = lang
        self.show_index = show_index

    def _more_text(self) -> str:
        if not self.more:
            return ""
        return f"… 还有 {self.more:,} 行" if self.lang == "zh" else f"… {self.more:,} more rows"

    def __repr__(self) -> str:
        cells = self.cells
        index_name = "" if cells.index.name is None else str(cells.index.name)
        columns = [str(c) for c in cells.columns]
        rows = [[str(i), *map(str, row)] for i, row in zip(cells.index, cells.itertuples(index=False, name=None))]
        header = [index_name, *columns]
        right = [False, *[c in self.numeric for c in cells.columns]]
        if not self.show_index:
            header, right, rows = header[1:], right[1:], [row[1:] for row in rows]
        widths = [max(_width(text) for text in column) for column in zip(header, *rows)]
        lines = ["  ".join(_pad(text, w, r) for text, w, r in zip(line, widths, right)).rstrip() for line in [header, *rows]]
        more = self._more_text()
        return "\n".join(lines + ([more] if more else []))

    def _repr_html_(self) -> str:
        cells = self.cells
        style_num = "text-align:right;white-space:nowrap;padding:2px 8px"
        style_text = "text-align:left;padding:2px 8px"
        head = "<th></th>" if self.show_index else ""
        head += "".join(f"<th style='{style_num if c in self.numeric else style_text}'>{html.escape(str(c))}</th>" for c in cells.columns)
        body = []
        for i, row in zip(cells.index, cells.itertuples(index=False, name=None)):
            first = f"<th style='{style_text}'>{html.escape(str(i))}</th>" if self.show_index else ""
            tds = "".join(
                f"<td style='{style_num if c in self.numeric else style_text}'>{html.escape(str(v))}</td>"
                for c, v in zip(cells.columns, row)
            )
            body.append(f"<tr>{first}{tds}</tr>")
        more = self._more_text()
        more_html = f"<p style='margin:2px 0'>{html.escape(more)}</p>" if more else ""
        return (
            "<div class='logilab-table' style='overflow-x:auto;max-width:100%'>"
            "<table style='border-collapse:collapse;font-variant-numeric:tabular-nums'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more_html}</div>"
        )


def _header(name: Any, headers: Mapping[Any, str], lang: str) -> Any:
    if name in headers:
        return headers[name]
    if isinstance(name, str) and name in LABELS:
        return label(name, lang)
    return name


def show_table(
    table: pd.DataFrame | pd.Series,
    *,
    percent: Iterable[Any] = (),
    decimals: int | Mapping[Any, int] | None = None,
    headers: Mapping[Any, str] | None = None,
    lang: str | None = None,
    max_rows: int = 20,
    index: bool = True,
) -> Table:
    """A table formatted to read in a notebook: separators, percentages, a few decimals, Chinese headers.

    Parameters
    ----------
    table : DataFrame or Series
        The table; it is not changed.
    percent : list of column names, optional
        Columns holding shares (0.1234), shown as percentages (12.3%).
    decimals : int or dict, optional
        Decimals of every float column, or per column; default: 4 significant
        digits of the column's largest value (see :func:`column_decimals`),
        1 for percentages.
    headers : dict, optional
        Header of a column or of the index by its name; other names that are
        keys of ``logilab.i18n.LABELS`` take their label in ``lang``.
    lang : {"zh", "en"}, optional
        Language of headers and of the "more rows" line (default: the workbook's).
    max_rows : int, default 20
        Rows shown; a line says how many more there are.
    index : bool, default True
        Show the index as the first column.

    Returns
    -------
    Table
        Shown as an HTML table in a notebook (scrolling sideways when wide) and
        as aligned text by ``print``; ``.cells`` holds the formatted strings.

    Examples
    --------
    >>> df = pd.DataFrame({"revenue": [5184529.31, 912.5], "share": [0.85, 0.15], "orders": [1200, 35]}, index=["WH-SH", "WH-CD"])
    >>> print(show_table(df, percent=["share"], lang="zh"))
                收入     占比  订单数
    WH-SH  5,184,529  85.0%   1,200
    WH-CD        912  15.0%      35
    >>> print(show_table(df, percent=["share"], decimals={"revenue": 2}, headers={"orders": "单数"}, lang="en", max_rows=1))
                revenue  share   单数
    WH-SH  5,184,529.31  85.0%  1,200
    … 1 more rows
    """
    if isinstance(table, pd.Series):
        table = table.to_frame()
    if not isinstance(table, pd.DataFrame):
        raise LogilabTypeError(
            f"table: expected a pandas DataFrame or Series, found {type(table).__name__}. Pass the table itself, e.g. result.table."
        )
    lang = lang or get_language()
    headers = dict(headers or {})
    percent = list(percent)
    missing = [c for c in percent if c not in table.columns]
    if missing:
        raise LogilabInputError(
            f"percent: expected column names of the table, found {missing!r}; its columns are {list(table.columns)!r}. Name existing columns."
        )
    if isinstance(max_rows, bool) or not isinstance(max_rows, (int, np.integer)) or max_rows < 1:
        raise LogilabInputError(f"max_rows: expected a whole number of at least 1, found {max_rows!r}. Pass e.g. max_rows=20.")
    shown = table.head(int(max_rows))
    cells = pd.DataFrame(index=shown.index)
    numeric = []
    for column in shown.columns:
        values = shown[column]
        wanted = decimals.get(column) if isinstance(decimals, Mapping) else decimals
        if column in percent:
            cells[column] = [format_number(v, percent=True, decimals=wanted) for v in values]
            numeric.append(column)
        elif pd.api.types.is_bool_dtype(values):
            yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
            cells[column] = [yes if v else no for v in values]
        elif pd.api.types.is_integer_dtype(values):
            cells[column] = [format_number(v) for v in values]
            numeric.append(column)
        elif pd.api.types.is_float_dtype(values):
            places = column_decimals(table[column]) if wanted is None else wanted
            cells[column] = [format_number(v, decimals=places) for v in values]
            numeric.append(column)
        elif pd.api.types.is_datetime64_any_dtype(values):
            cells[column] = [MISSING if pd.isna(v) else (f"{v:%Y-%m-%d}" if v == v.normalize() else f"{v:%Y-%m-%d %H:%M}") for v in values]
        else:
            cells[column] = [MISSING if _missing(v) else str(v) for v in values]
    renamed = {c: _header(c, headers, lang) for c in cells.columns}
    cells = cells.rename(columns=renamed)
    cells.index = [str(i) for i in shown.index]
    cells.index.name = None if shown.index.name is None else str(_header(shown.index.name, headers, lang))
    return Table(cells, [renamed[c] for c in numeric], more=len(table) - len(shown), lang=lang, show_index=index)


def use_table_format() -> None:
    """Show every plain DataFrame in this session with readable numbers and aligned Chinese text.

    Sets three pandas display options: floats with 4 significant digits,
    thousands separators and no scientific notation (:func:`format_number`);
    Chinese characters counted as two columns, so printed tables line up; at
    most 12 columns. Notebooks call it once, after ``import logilab as ll``.

    Returns
    -------
    None

    Examples
    --------
    >>> use_table_format()
    >>> print(pd.DataFrame({"收入": [5184529.31], "比率": [0.93251]}))
             收入    比率
    0  5,184,529  0.9325
    >>> pd.reset_option("display.float_format"); pd.reset_option("display.unicode.east_asian_width"); pd.reset_option("display.max_columns")
    """
    pd.set_option("display.float_format", format_number)
    pd.set_option("display.unicode.east_asian_width", True)
    pd.set_option("display.max_columns", 12)
