"""One result shape for every method with several outputs: ``.table``, ``summary()``, a short repr, an HTML repr.

A result class (a dataclass declared with ``repr=False``) inherits :class:`Result`,
keeps its main per-row table as ``table`` (other tables keep descriptive names)
and returns its key numbers from ``summary()``. Printed it is one line; in a
notebook it shows the key numbers and the head of the table.
"""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import pandas as pd

from .tables import show_table

__all__ = ["Result", "short_value", "table_of"]

# rows of the main table shown by the HTML repr
HTML_ROWS = 10


def short_value(value: Any) -> str:
    """A value as it reads in one line: 4 significant digits, dates without time, sizes of tables.

    Examples
    --------
    >>> [short_value(v) for v in (0.123456, 3, pd.Timestamp("2026-01-01"), [1, 2, 3], "C001", None)]
    ['0.1235', '3', '2026-01-01', '[3 items]', "'C001'", 'None']
    """
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}" if abs(int(value)) >= 10_000 else str(int(value))
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return "nan"
        return f"{number:,.0f}" if abs(number) >= 10_000 else f"{number:.4g}"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}" if value == value.normalize() else str(value)
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return f"<{' x '.join(str(n) for n in value.shape)}>"
    if isinstance(value, (list, tuple, dict, set)):
        return f"[{len(value)} items]"
    return repr(value)


def table_of(value: Any) -> Any:
    """The main table of a result object, or ``value`` itself when it is not a result.

    Functions that take a table (``rfm_scores(rfm)``, ``plot_pareto(abc)``, ...) accept the
    result that produced it as well as a frame built by hand.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1]})
    >>> table_of(frame) is frame
    True
    """
    return value.table if isinstance(value, Result) else value


class Result:
    """The protocol of result objects: ``table``, ``summary()``, ``__repr__`` and ``_repr_html_``.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, repr=False)
    ... class Share(Result):
    ...     table: pd.DataFrame
    ...     def summary(self):
    ...         return {"rows": len(self.table), "total": float(self.table["x"].sum())}
    >>> Share(pd.DataFrame({"x": [0.25, 0.5]}))
    Share(rows=2, total=0.75; table 2 rows)
    """

    table: Any

    def summary(self) -> dict[str, Any]:
        """The key numbers of the result."""
        raise NotImplementedError

    def _rows(self) -> str:
        table = getattr(self, "table", None)
        return f"table {len(table):,} rows" if isinstance(table, (pd.DataFrame, pd.Series)) else ""

    def __repr__(self) -> str:
        numbers = self.summary()
        shown = ", ".join(f"{key}={short_value(value)}" for key, value in list(numbers.items())[:8])
        more = ", …" if len(numbers) > 8 else ""
        rows = self._rows()
        return f"{type(self).__name__}({shown}{more}{'; ' + rows if rows else ''})"

    def _repr_html_(self) -> str:
        numbers = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(key))}</th><td>{html.escape(short_value(value))}</td></tr>"
            for key, value in self.summary().items()
        )
        table = getattr(self, "table", None)
        head = ""
        if isinstance(table, pd.Series):
            table = table.to_frame()
        if isinstance(table, pd.DataFrame):
            head = show_table(table, max_rows=HTML_ROWS)._repr_html_()
        return f"<div><b>{html.escape(type(self).__name__)}</b><table>{numbers}</table>{head}</div>"
