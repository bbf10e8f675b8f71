"""An order export read by DuckDB, with the reader's cleaning rules, for files too large for pandas.

:func:`read_orders_on_duckdb` is :func:`logilab.read_orders` for a large
UTF-8 CSV file: DuckDB parses the file on every core into a table of text
cells, and the same cleaning rules apply, each where it is cheap:

* the encoding, separator, header and title rows come from the first block
  of the file, exactly as for the pandas reader;
* each distinct date text is read by the pandas reader's date rules (a
  column of a million dates holds a few thousand days), so the format, the
  day/month order and its reason are the same;
* an amount that DuckDB reads as a plain number is that number; the few
  distinct texts it does not read (``¥1,234.50``, ``120元``) go through the
  pandas reader's amount rules, and are counted and reported the same way;
* blank rows (empty lines, which DuckDB skips, and rows of empty cells)
  and total rows (合计, Total ... in any column) are dropped, spaces around
  identifiers removed, and rows missing a cell dropped with
  ``incomplete="drop"``, each counted and reported with its spreadsheet
  rows as the pandas reader reports it;
* columns the segmentation does not use are tidied by the pandas reader's
  own steps on their distinct values (spaces, amounts with ¥), each step
  then counted over the rows.

The reader's errors on amounts it cannot read and on rows missing a cell
are raised with its message and rows. What it cannot do as exactly as the
pandas reader (a quoted cell holding a line break, more than 200,000
distinct texts in a column not used that may hold amounts or dates, the
other errors, whose messages name spreadsheet rows) it does not try: it
declines with the reason, and the caller reads the file with pandas. The
command line does that with ``--engine duckdb`` and, for large files,
``--engine auto``. Whatever the path, the customers, the numbers, the
cleaning report and the messages are the same.
"""

from __future__ import annotations

import codecs
import mmap
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._parsing import SPACES, _amount_cells, _parse_distinct_dates, is_total_label, parse_amounts
from ._validation import LogilabInputError, check_choice
from .io import (
    _TEXT_SUFFIXES,
    _TOTAL_WORDS,
    REFUND_POLICIES,
    CleaningReport,
    OrderExport,
    _check_header,
    _csv_layout,
    _has_total_word,
    _header_names,
    _is_date_name,
    _is_id_column,
    _refunds_refused,
    _report_head,
    _tidy,
    _unnamed,
    _unreadable_amounts,
    detect_columns,
)
from .io import (
    _incomplete_rows as _incomplete_rows_error,
)

__all__ = ["read_orders_on_duckdb", "DuckdbOrderExport"]

# a column that is not used is looked at once per distinct value; more than this many, and the file goes to pandas
MAX_DISTINCT = 200_000
_BLOCK = 16 * 2**20
_RE2_SPACES = "".join(f"\\x{{{ord(c):x}}}" for c in SPACES)  # the reader's spaces in a DuckDB (RE2) character class


@dataclass(repr=False)
class DuckdbOrderExport(OrderExport):
    """An order export read by :func:`read_orders_on_duckdb`: ``table`` is a DuckDB relation of the typed order lines.

    Attributes
    ----------
    rows : int
        The number of order lines (the relation is not counted again).
    spill : TemporaryDirectory
        The folder where DuckDB writes what does not fit in memory (a file larger than memory
        works); it is removed with the export.
    connection : DuckDBPyConnection
        The export's own in-memory database, which holds the lines until :meth:`close`.
    """

    rows: int = 0
    spill: Any = field(default=None, repr=False)  # the folder DuckDB may spill to; removed with the export
    connection: Any = field(default=None, repr=False)

    def close(self) -> None:
        """Hand back the memory of the lines and remove the spill folder; ``table`` cannot be used afterwards.

        The command line closes the export once the customers are counted, so that its per-customer
        steps do not add to the memory the lines held (peak 1,046 MiB down to 850 MiB at 5M lines).
        """
        if self.connection is not None:
            self.connection.close()
        if self.spill is not None:
            self.spill.cleanup()

    def _count(self) -> int:
        return self.rows  # counted when reading; the relation is not scanned again

    def __repr__(self) -> str:
        roles = ", ".join(f"{r}={c!r}" for r, c in self.columns.items() if c)
        return f"DuckdbOrderExport({self.source!r}: {self.rows:,} lines; {roles})"


class _Declined(Exception):
    """The file needs a step that only the pandas reader does exactly; the text says which."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _plain_amount(cell: str) -> str:
    """SQL: the cell is a number that DuckDB and the pandas reader read alike (DuckDB also reads inf, nan and 1_000)."""
    return f"coalesce(isfinite(TRY_CAST({cell} AS DOUBLE)) AND NOT contains({cell}, '_'), false)"


def read_orders_on_duckdb(
    path: str | Path,
    *,
    customer: str | None = None,
    date: str | None = None,
    amount: str | None = None,
    order: str | None = None,
    encoding: str | None = None,
    header_row: int | None = None,
    date_format: str | None = None,
    refunds: str = "net",
    incomplete: str = "error",
) -> tuple[DuckdbOrderExport | None, str]:
    """Read a UTF-8 CSV order export with DuckDB, or say why the pandas reader must read it.

    The options are those of :func:`logilab.read_orders`. When the result is
    an export, ``export.segment()`` gives the customers, numbers and cleaning
    report that ``read_orders(path).segment()`` gives; the group-by runs on
    DuckDB and the file is never held in pandas.

    Parameters
    ----------
    path : str or Path
        A ``.csv``, ``.txt`` or ``.tsv`` file.
    customer, date, amount, order, encoding, header_row, date_format, refunds, incomplete
        As for :func:`logilab.read_orders`.

    Returns
    -------
    (DuckdbOrderExport or None, str)
        The export and ``""``; or None and the reason (a phrase such as
        ``"dates that cannot be read"``) when the file needs what only the pandas reader
        does exactly: a quoted cell holding a line break, an order without its number,
        a column without a name that holds data, dates the reader refuses (whose messages
        name their spreadsheet rows).

    Raises
    ------
    LogilabInputError
        The pandas reader's errors, with its message: no such file, an empty
        file, duplicated column names, a column that is not there; amounts it
        cannot read, rows missing a customer, a date or an amount (unless
        ``incomplete="drop"``), each naming the spreadsheet rows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
    >>> text = "订单明细\\n客户编号,订单号,下单日期,金额\\n001,o1,05/03/2025,￥100\\n001,o2,28/02/2025,-20\\n01,o3,01/03/2025,50\\n"
    >>> _ = path.write_text(text, encoding="utf-8")
    >>> export, why = read_orders_on_duckdb(path)
    >>> export
    DuckdbOrderExport('orders.csv': 3 lines; customer='客户编号', date='下单日期', amount='金额', order='订单号')
    >>> for line in export.report.lines("en"):
    ...     print(line)
    read as UTF-8
    skipped 1 title row(s) above the header (rows 1)
    parsed 1 amount(s) in 金额 written with ¥, 元 or separators (e.g. rows 3: '￥100')
    dates in 下单日期 read as day/month/year: row 4 '28/02/2025' fits no other order
    1 refund line(s) (negative amounts, total -20.00) netted against the customer's purchases; they count for neither frequency nor recency
    frequency counts distinct orders (订单号)
    >>> export.segment(clusters=False).table[["frequency", "monetary"]]
          frequency  monetary
    客户编号
    001           1      80.0
    01            1      50.0
    >>> _ = path.write_text("客户编号,下单日期,金额\\nC1,2025-03-01,100\\n\\n合计,,150\\n", encoding="utf-8")
    >>> read_orders_on_duckdb(path)[0].report.lines("en")[1:3]
    ['dropped 1 blank row(s) (rows 3)', 'dropped 1 total/subtotal row(s) (rows 4: 合计)']
    >>> _ = path.write_text("客户编号,下单日期,金额\\nC1,2025-03-01,100,extra\\nC2,2025-03-02,50\\n", encoding="utf-8")
    >>> read_orders_on_duckdb(path)[1].split(" (")[0]  # a row with more cells than the header: the pandas reader says which
    'a row DuckDB cannot read'
    """
    check_choice(refunds, "refunds", REFUND_POLICIES)
    check_choice(incomplete, "incomplete", ["error", "drop"])
    path = Path(path)
    if not path.is_file():
        raise LogilabInputError(f"path: expected an existing file, found nothing at {path}. Check the file name and folder.")
    if path.stat().st_size == 0:
        raise LogilabInputError(f"path: expected a file with a header row, found an empty file {path.name}. Export the data again.")
    if path.suffix.lower() not in _TEXT_SUFFIXES:
        return None, f"a {path.suffix} file"
    try:
        return _read(path, customer, date, amount, order, encoding, header_row, date_format, refunds, incomplete), ""
    except _Declined as declined:
        return None, str(declined)


def _read(path, customer, date, amount, order, encoding, header_row, date_format, refunds, incomplete) -> DuckdbOrderExport:
    import duckdb

    layout = _csv_layout(path, encoding, header_row)
    # the header's names as the pandas reader cleans them (its error for duplicated names); with no rows read, a
    # column without a name is dropped there, and whether it holds data is the pandas reader's to find out
    names = list(_check_header(pd.DataFrame(columns=layout.names), layout.header + 1, CleaningReport()).columns)
    # a column without a name is dropped by the pandas reader when all its cells are empty (a trailing separator on
    # every line), refused otherwise: read here as u<i>, checked once the file is read
    unnamed = [f"u{i}" for i, name in enumerate(_header_names(layout.names)) if _unnamed(name)]
    try:
        roles = detect_columns(pd.DataFrame(columns=names), customer=customer, date=date, amount=amount, order=order)
    except LogilabInputError:
        if unnamed:  # the missing column may be the unnamed one: the pandas reader refuses its empty header first
            raise _Declined("a column without a name") from None
        raise
    first_row = layout.header + 2  # the spreadsheet row of the first data row
    positions = [i for i, name in enumerate(_header_names(layout.names)) if not _unnamed(name)]
    cells = {name: f"c{i}" for name, i in zip(names, positions)}
    # one pass over the file: the amount as a number where DuckDB reads it as the pandas reader would (its text
    # kept only otherwise) and the date also as DuckDB casts it (used when every distinct date reads the same way)
    amount_cell, date_cell = cells[roles["amount"]], cells[roles["date"]]
    kept = {
        **{cell: cell for name, cell in cells.items() if name not in (roles["amount"], roles["date"])},
        **{cell: f"c{cell[1:]}" for cell in unnamed},
        "amount_value": f"CASE WHEN {_plain_amount(amount_cell)} THEN TRY_CAST({amount_cell} AS DOUBLE) END",
        "amount_text": f"CASE WHEN {_plain_amount(amount_cell)} THEN NULL ELSE {amount_cell} END",
        "date_text": date_cell,
        "date_cast": f"TRY_CAST({date_cell} AS TIMESTAMP)",
    }
    con = duckdb.connect()
    spill = tempfile.TemporaryDirectory(prefix="logilab-duckdb-")  # not DuckDB's default, a .tmp folder where the command runs
    con.execute(f"SET temp_directory = {_literal(spill.name)}").fetchall()
    # hand freed memory back at once: the group-bys that follow then reuse it rather than add to the peak (-15% at 5M lines)
    con.execute("SET allocator_flush_threshold = '16MB'").fetchall()
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(layout.names))) + "}"
    with tempfile.TemporaryDirectory(prefix="logilab-") as folder:
        source = path if layout.encoding == "utf-8-sig" else _utf8_copy(path, layout.encoding, Path(folder))
        try:
            con.execute(
                "CREATE TEMP TABLE cells AS SELECT "
                + ", ".join(f"{sql} AS {name}" for name, sql in kept.items())
                + f" FROM read_csv({_literal(str(source))}, header = false, skip = {layout.header + 1}, "
                f"delim = {_literal(layout.separator)}, quote = '\"', escape = '\"', columns = {columns}, auto_detect = false, "
                "null_padding = true, strict_mode = true, encoding = 'utf-8')"
            ).fetchall()
        except duckdb.Error as error:
            raise _Declined(f"a row DuckDB cannot read ({str(error).splitlines()[0]})") from None
        read = con.execute("SELECT count(*) FROM cells").fetchall()[0][0]
        # as many rows as lines below the header: no empty line (one count of line ends, not a search for each kind)
        empty_lines = (
            np.zeros(0, dtype=np.int64) if read == _data_lines(source, layout.header + 1) else _empty_lines(source, layout.header + 1)
        )
    sheet_row = _SheetRows(first_row, empty_lines - np.arange(len(empty_lines)))
    report = CleaningReport()
    _report_head(report, layout.encoding, layout.header, layout.rows[: layout.header])
    texts = {name: "date_text" if name == roles["date"] else "amount_text" if name == roles["amount"] else cells[name] for name in names}
    _drop_empty_columns(con, unnamed, report)
    _drop_blank_rows(con, texts, first_row + empty_lines, sheet_row, report)
    id_names = {roles[r]: cells[roles[r]] for r in ("customer", "order") if roles[r]}
    spaced = _drop_total_rows(con, texts, list(id_names.values()), sheet_row, report)
    for name in names:  # each column's steps in the file's column order, as the pandas reader reports them
        if name in id_names:
            _trim_ids(con, name, id_names[name], spaced[id_names[name]], sheet_row, report)
        elif name not in roles.values():
            _tidy_unused(con, name, cells[name], sheet_row, report)
    rows = _check_rows(con, cells, roles)
    amount = _odd_amounts(con, roles["amount"], sheet_row, report)
    rows -= _incomplete_rows(con, cells[roles["customer"]], incomplete, sheet_row, report)
    date = _dates(con, roles["date"], sheet_row, date_format, report)
    ids = [f"cells.{cells[roles[role]]} AS {_quote(roles[role])}" for role in ("customer", "order") if roles[role]]
    con.execute(
        f"CREATE TEMP VIEW typed AS SELECT {', '.join(ids)}, {date} AS {_quote(roles['date'])}, "
        f"{amount} AS {_quote(roles['amount'])}, cells.rowid AS line FROM cells"
        + (" LEFT JOIN date_texts ON cells.date_text = date_texts.text" if "date_texts" in date else "")
        + (" LEFT JOIN odd_amounts ON cells.amount_text = odd_amounts.text" if "odd_amounts" in amount else "")
    ).fetchall()
    dropped = _refunds(con, roles["amount"], refunds, sheet_row, report)
    keep_rows = f" WHERE {_quote(roles['amount'])} >= 0" if dropped else ""
    report.add("frequency_orders" if roles["order"] else "frequency_days", column=roles["order"])
    relation = con.sql(f"SELECT * EXCLUDE (line) FROM typed{keep_rows}")
    return DuckdbOrderExport(
        table=relation,
        report=report,
        source=path.name,
        encoding=layout.encoding,
        header_row=layout.header + 1,
        columns=roles,
        refunds=refunds,
        rows=rows - dropped,
        spill=spill,
        connection=con,
    )


def _utf8_copy(path: Path, encoding: str, folder: Path) -> Path:
    """The file in UTF-8 in ``folder`` (DuckDB reads UTF-8 only), converted block by block."""
    copy = folder / "utf8.csv"
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as source, copy.open("wb") as target:
            while block := source.read(_BLOCK):
                target.write(decoder.decode(block).encode("utf-8"))
            target.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError:
        raise _Declined(f"bytes that do not decode as {encoding}") from None
    return copy


def _data_lines(path: Path, skip: int) -> int:
    """The lines below the first ``skip`` (title rows and header), counted by their line ends, block by block."""
    with path.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
        ends = sum(data[i : i + _BLOCK].count(b"\n") for i in range(0, len(data), _BLOCK))
        return ends - skip + (data[-1:] != b"\n")


def _empty_lines(path: Path, skip: int) -> np.ndarray:
    """The data rows (0-based, as the pandas reader numbers them) that are empty lines, which DuckDB skips.

    Lines are rows: a quoted cell holding a line break is a row DuckDB does not read with the reader's
    options (the file is declined; a test holds DuckDB to it).
    """
    with path.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data.find(b"\r\r") >= 0:  # an empty line of a file whose lines end in a carriage return alone
            raise _Declined("blank rows")
        start = 0
        for _ in range(skip):  # the title rows and the header
            start = data.find(b"\n", start) + 1
            if start == 0:
                return np.zeros(0, dtype=np.int64)
        # from the header's line end, so that an empty first data line is found; that line end is not counted
        found, position, line = [], start - 1, -1
        following = {end: data.find(end, position) for end in (b"\n\n", b"\n\r\n")}
        while any(i >= 0 for i in following.values()):
            blank = min(i for i in following.values() if i >= 0)
            line += data[position : blank + 1].count(b"\n")
            found.append(line)
            position = blank + 1
            following = {end: data.find(end, position) if 0 <= i < position else i for end, i in following.items()}
    return np.asarray(found, dtype=np.int64)


@dataclass(frozen=True)
class _SheetRows:
    """The spreadsheet row of a DuckDB row id: DuckDB skips empty lines, which the pandas reader counts as rows."""

    first: int  # the spreadsheet row of the first data row
    before: np.ndarray  # for each empty line, the number of DuckDB rows above it (non-decreasing)

    def __call__(self, rowids: Any) -> np.ndarray:
        ids = np.asarray(rowids, dtype=np.int64)
        return self.first + ids + np.searchsorted(self.before, ids, side="right")

    def list(self, rowids: Any) -> list[int]:
        return [int(r) for r in self(rowids)]


def _empty_cell(cell: str) -> str:
    """SQL: the cell is missing or spaces only (the first character is looked at before the pattern)."""
    codes = ", ".join(str(ord(c)) for c in SPACES)
    return f"({cell} IS NULL OR {cell} = '' OR (unicode({cell}) IN ({codes}) AND regexp_full_match({cell}, '[{_RE2_SPACES}]*')))"


def _drop_empty_columns(con: Any, unnamed: list[str], report: CleaningReport) -> None:
    """Report the columns without a name whose every cell is empty, which the pandas reader drops; decline when one holds data."""
    if not unnamed:
        return
    found = con.execute(
        "SELECT " + ", ".join(f"count(*) FILTER (WHERE NOT {_empty_cell(cell)})" for cell in unnamed) + " FROM cells"
    ).fetchall()[0]
    if any(found):
        raise _Declined("a column without a name")  # the pandas reader's message names the column's letter
    report.add("empty_columns", count=len(unnamed))  # left in the table, empty: nothing below reads them


def _drop_blank_rows(con: Any, texts: dict[str, str], empty_lines: np.ndarray, sheet_row: _SheetRows, report: CleaningReport) -> None:
    """Drop the rows whose every cell is empty and report them with the empty lines, as the pandas reader reports blank rows."""
    blank = " AND ".join(_empty_cell(cell) for cell in texts.values()) + " AND amount_value IS NULL"
    found = con.execute(f"SELECT count(*), list(rowid ORDER BY rowid)[1:5] FROM cells WHERE {blank}").fetchall()[0]
    count = int(found[0]) + len(empty_lines)
    if not count:
        return
    rows = sorted([*sheet_row.list(found[1] or []), *(int(r) for r in empty_lines[:5])])[:5]
    report.add("blank_rows", count=count, rows=rows)
    if found[0]:
        con.execute(f"DELETE FROM cells WHERE {blank}").fetchall()


def _drop_total_rows(
    con: Any, texts: dict[str, str], ids: list[str], sheet_row: _SheetRows, report: CleaningReport
) -> dict[str, list[str]]:
    """Drop the rows with a total label (合计, Total ...) in any column and report them as the pandas reader does.

    The identifiers are searched cell by cell, with one pattern that also finds spaces around them
    (returned: the distinct texts with spaces of each identifier column); the other columns, which
    repeat their values (dates, notes), once per distinct text in Python, or cell by cell beyond
    MAX_DISTINCT distinct texts.
    """
    labels: dict[str, list[str]] = {}
    spaced: dict[str, list[str]] = {}
    words = f"(?i:{_TOTAL_WORDS.pattern})"
    for cell in texts.values():
        distinct = []
        if cell not in ids:
            distinct = con.execute(f"SELECT DISTINCT {cell} FROM cells WHERE {cell} IS NOT NULL LIMIT {MAX_DISTINCT + 1}").fetchall()
        if cell not in ids and len(distinct) <= MAX_DISTINCT:
            found = [text for (text,) in distinct if _has_total_word(text)]
        else:  # identifiers, and columns of many distinct texts: looked at cell by cell
            pattern = _literal(f"^[{_RE2_SPACES}]|[{_RE2_SPACES}]$|{words}" if cell in ids else words)
            query = f"SELECT DISTINCT {cell} FROM cells WHERE regexp_matches({cell}, {pattern})"
            found = [text for (text,) in con.execute(query).fetchall()]
        labels[cell] = [text for text in found if is_total_label(text)]
        if cell in ids:
            spaced[cell] = [text for text in found if text.strip(SPACES) != text and not is_total_label(text)]
    hits = {cell: found for cell, found in labels.items() if found}
    if not hits:
        return spaced
    where = " OR ".join(f"{cell} IN ({', '.join(_literal(t) for t in found)})" for cell, found in hits.items())
    count, first = con.execute(f"SELECT count(*), list(rowid ORDER BY rowid)[1:5] FROM cells WHERE {where}").fetchall()[0]
    shown: list[str] = []
    for cell, found in hits.items():  # the labels column by column, each in the order of its rows
        listed = ", ".join(_literal(t) for t in found)
        shown += [text.strip() for (text,) in con.execute(f"SELECT {cell} FROM cells WHERE {cell} IN ({listed}) ORDER BY rowid").fetchall()]
    report.add("total_rows", count=int(count), rows=sheet_row.list(first), detail="、".join(dict.fromkeys(shown)))
    con.execute(f"DELETE FROM cells WHERE {where}").fetchall()
    return spaced


def _trim_ids(con: Any, name: str, cell: str, spaced: list[str], sheet_row: _SheetRows, report: CleaningReport) -> None:
    """Remove the spaces around identifiers, as the pandas reader does: counted and reported; spaces only leave the cell missing."""
    if not spaced:
        return
    cleaned = pd.DataFrame({"text": spaced, "clean": [t.strip(SPACES) or None for t in spaced]}, dtype=object)
    _table(con, "trimmed_ids", cleaned)
    count, first = con.execute(
        f"SELECT count(*), list(cells.rowid ORDER BY cells.rowid)[1:5] FROM cells JOIN trimmed_ids ON {cell} = text WHERE clean IS NOT NULL"
    ).fetchall()[0]
    if count:
        report.add("trimmed", column=name, count=int(count), rows=sheet_row.list(first))
    con.execute(f"UPDATE cells SET {cell} = trimmed_ids.clean FROM trimmed_ids WHERE cells.{cell} = trimmed_ids.text").fetchall()
    con.execute("DROP TABLE trimmed_ids").fetchall()


def _check_rows(con: Any, cells: dict[str, str], roles: dict[str, str | None]) -> int:
    """Count the rows, declining a file without any or with an order missing its number; return the number of rows.

    Blank and total rows are gone by now, and identifiers trimmed (one of spaces only is missing).
    Rows missing a customer, a date or an amount are the business of :func:`_incomplete_rows`, once
    the amounts are read, as in the pandas reader.
    """
    checks = {"rows": "count(*)"}
    if roles["order"]:
        checks["rows without an order number"] = f"count(*) FILTER (WHERE {cells[roles['order']]} IS NULL)"
    found = con.execute("SELECT " + ", ".join(checks.values()) + " FROM cells").fetchall()[0]
    for (why, _), count in zip(list(checks.items())[1:], found[1:]):
        if count:
            raise _Declined(why)
    if not found[0]:
        raise _Declined("no data rows")
    return int(found[0])


def _incomplete_rows(con: Any, customer: str, incomplete: str, sheet_row: _SheetRows, report: CleaningReport) -> int:
    """Rows missing a customer, a date or an amount: the pandas reader's error naming them, or with ``incomplete="drop"``
    dropped and reported as it reports them; return how many were dropped."""
    missing = f"{customer} IS NULL OR {_empty_cell('date_text')} OR (amount_value IS NULL AND {_empty_cell('amount_text')})"
    count, first = con.execute(f"SELECT count(*), list(rowid ORDER BY rowid)[1:5] FROM cells WHERE {missing}").fetchall()[0]
    if not count:
        return 0
    if incomplete == "error":
        raise _incomplete_rows_error(sheet_row.list(first), int(count))
    report.add("incomplete", count=int(count), rows=sheet_row.list(first))
    con.execute(f"DELETE FROM cells WHERE {missing}").fetchall()
    if not con.execute("SELECT count(*) FROM cells").fetchall()[0][0]:
        raise _Declined("no data rows")
    return int(count)


def _distinct(con: Any, cell: str, where: str = "true") -> pd.DataFrame:
    """The distinct texts of a column with their first row (0-based) and count, in the order of their first row."""
    frame = con.execute(
        f"SELECT {cell} AS text, min(rowid) AS first, count(*) AS n FROM cells WHERE {cell} IS NOT NULL AND {where} "
        f"GROUP BY {cell} ORDER BY first LIMIT {MAX_DISTINCT + 1}"
    ).df()
    if len(frame) > MAX_DISTINCT:
        raise _Declined(f"more than {MAX_DISTINCT:,} distinct values in a column")
    return frame


# the rows the pandas reader names in each step of a column it tidies: up to five trimmed, two amounts (io._infer)
_ROWS_SHOWN = {"trimmed": 5, "amounts": 2}


@dataclass(repr=False)
class _EveryRow(CleaningReport):
    """A cleaning report that also keeps every row each step names (the report keeps the first five)."""

    every_row: list[list[Any]] = field(default_factory=list)

    def add(self, step: str, *, count: int = 0, rows: Any = (), column: str | None = None, detail: Any = "") -> None:
        self.every_row.append(list(rows))
        super().add(step, count=count, rows=rows, column=column, detail=detail)


def _tidy_unused(con: Any, name: str, cell: str, sheet_row: _SheetRows, report: CleaningReport) -> None:
    """Report what the pandas reader changes in a column the segmentation does not use, counted over the rows.

    The pandas reader's own steps run on the column's distinct texts, each at the spreadsheet row where it
    first occurs (beside a column that is never empty, so that a cell of spaces is not a blank row); a
    step's texts are then counted and located in the whole column: spaces removed (``trimmed``), numbers
    read from ``¥1,234`` or ``120元`` (``amounts``), and the day/month order of a date column.
    """
    try:
        texts = _distinct(con, cell)
    except _Declined:
        _tidy_many_texts(con, name, cell, sheet_row, report)
        return
    if texts.empty:
        return
    raw = texts["text"].to_numpy(dtype=object)
    # in pandas' string dtype, as the pandas reader holds the cells of a CSV file
    values = pd.DataFrame({name: pd.Series(raw, index=sheet_row(texts["first"]), dtype="str"), "": "x"})
    scratch = _EveryRow()
    _tidy(values, scratch, ids=[])
    for step, rows in zip(scratch.steps, scratch.every_row):
        if step["step"] == "date_order":
            report.add("date_order", column=step["column"], detail=step["detail"])
            continue
        if step["step"] == "trimmed":
            affected = values.loc[rows, name].to_numpy(dtype=object)
        elif step["step"] == "amounts":
            stripped = pd.Series([t.strip(SPACES) for t in raw], dtype="str")
            readable = stripped[stripped != ""]
            rewritten = set(readable[parse_amounts(readable).rewritten.to_numpy()])
            affected = np.array([t for t, s in zip(raw, stripped) if s in rewritten], dtype=object)
        else:
            raise _Declined(f"column {name!r} needs cleaning ({step['step']})")
        listed = ", ".join(_literal(t) for t in affected)
        count, first = con.execute(f"SELECT count(*), list(rowid ORDER BY rowid)[1:5] FROM cells WHERE {cell} IN ({listed})").fetchall()[0]
        shown = sheet_row.list(first)[: _ROWS_SHOWN[step["step"]]]
        report.add(step["step"], column=step["column"], count=int(count), rows=shown, detail=step["detail"])


def _tidy_many_texts(con: Any, name: str, cell: str, sheet_row: _SheetRows, report: CleaningReport) -> None:
    """A column not used with more than MAX_DISTINCT distinct texts (addresses, notes), tidied in SQL where that is exact.

    The pandas reader reads such a column as amounts only if every text reads as one, and as dates only
    under a date's header; when a sample of its texts already holds one that does not read as an amount
    and the header is not a date's, the only step left is removing spaces, counted here in one pass.
    Otherwise the file is declined.
    """
    sample = [text.strip(SPACES) for (text,) in con.execute(f"SELECT {cell} FROM cells WHERE {cell} IS NOT NULL LIMIT 1000").fetchall()]
    stripped = pd.Series([text for text in sample if text], dtype=object)
    parsed = parse_amounts(stripped)
    if _is_date_name(name) or not (parsed.unreadable.any() or parsed.values.isna().any()):
        raise _Declined(f"more than {MAX_DISTINCT:,} distinct values in a column")
    spaced = f"regexp_matches({cell}, {_literal(f'^[{_RE2_SPACES}]|[{_RE2_SPACES}]$')})"
    if _is_id_column(name):  # an identifier of spaces only becomes missing, which is not counted as trimmed
        spaced += f" AND NOT regexp_full_match({cell}, {_literal(f'[{_RE2_SPACES}]+')})"
    count, first = con.execute(f"SELECT count(*), list(rowid ORDER BY rowid)[1:5] FROM cells WHERE {spaced}").fetchall()[0]
    if count:
        report.add("trimmed", column=name, count=int(count), rows=sheet_row.list(first))


def _odd_amounts(con: Any, column: str, sheet_row: _SheetRows, report: CleaningReport) -> str:
    """Read the amounts DuckDB does not read as plain numbers by the pandas reader's rules; return the amount's SQL."""
    texts = _distinct(con, "amount_text")
    if texts.empty:
        return "cells.amount_value"
    parsed = _amount_cells(texts["text"].astype(object))  # a cell of spaces only reads as missing, not as unreadable
    if parsed.unreadable.any():  # the pandas reader's error, with the first such cell and its rows
        listed = ", ".join(_literal(t) for t in texts["text"][parsed.unreadable.to_numpy()])
        rows = con.execute(f"SELECT rowid, amount_text FROM cells WHERE amount_text IN ({listed}) ORDER BY rowid LIMIT 5").fetchall()
        raise _unreadable_amounts(
            column, rows[0][1], sheet_row.list([r for r, _ in rows]), int(texts["n"][parsed.unreadable.to_numpy()].sum())
        )
    rewritten = parsed.rewritten.to_numpy()
    if rewritten.any():
        listed = ", ".join(_literal(t) for t in texts["text"][rewritten])
        rows = con.execute(f"SELECT rowid, amount_text FROM cells WHERE amount_text IN ({listed}) ORDER BY rowid LIMIT 2").fetchall()
        count = int(texts["n"][rewritten].sum())
        report.add("amounts", column=column, count=count, rows=sheet_row.list([r for r, _ in rows]), detail=repr(rows[0][1]))
    _table(con, "odd_amounts", pd.DataFrame({"text": texts["text"].astype(object), "amount": parsed.values.to_numpy(dtype=float)}))
    return "coalesce(cells.amount_value, odd_amounts.amount)"


def _table(con: Any, name: str, frame: pd.DataFrame) -> None:
    con.register("frame", frame)
    con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM frame").fetchall()
    con.unregister("frame")


def _dates(con: Any, column: str, sheet_row: _SheetRows, date_format: str | None, report: CleaningReport) -> str:
    """Read each distinct date text by the pandas reader's date rules; return the date's SQL."""
    texts = _distinct(con, "date_text")
    if (texts["text"].str.strip(SPACES) == "").any():
        raise _Declined("rows missing a customer, a date or an amount")
    values = pd.Series(texts["text"].astype(object).to_numpy(), index=sheet_row(texts["first"]))
    try:
        parsed = _parse_distinct_dates(
            values, np.arange(len(values)), values.to_numpy(), column=column, name="file", date_format=date_format
        )
    except LogilabInputError:
        raise _Declined("dates that cannot be read") from None
    if parsed.order in ("dmy", "mdy") or date_format:
        report.add("date_order", column=column, detail=parsed.reason)
    _table(con, "date_texts", pd.DataFrame({"text": texts["text"].astype(object), "stamp": parsed.values.to_numpy(dtype="datetime64[us]")}))
    differ = con.execute("SELECT count(*) FROM date_texts WHERE TRY_CAST(text AS TIMESTAMP) IS DISTINCT FROM stamp").fetchall()[0][0]
    return "date_texts.stamp" if differ else "cells.date_cast"


def _refunds(con: Any, column: str, refunds: str, sheet_row: _SheetRows, report: CleaningReport) -> int:
    """Report the negative amounts as the pandas reader does; return how many ``refunds='drop'`` drops."""
    amount = _quote(column)
    count, total = con.execute(f"SELECT count(*), sum({amount}) FROM typed WHERE {amount} < 0").fetchall()[0]
    if not count:
        return 0
    rows = sheet_row.list([r for (r,) in con.execute(f"SELECT line FROM typed WHERE {amount} < 0 ORDER BY line LIMIT 5").fetchall()])
    if refunds == "refuse":
        raise _refunds_refused(column, rows, int(count))
    report.add("refunds_drop" if refunds == "drop" else "refunds_net", count=int(count), rows=rows, detail=f"{total:,.2f}")
    return int(count) if refunds == "drop" else 0
