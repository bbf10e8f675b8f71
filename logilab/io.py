"""The one boundary for users' files: read, find the header and the columns, clean, report, write.

Order and survey exports from Chinese business software are messy in known
ways: GBK encoding, a title row above the header, a 合计 row at the bottom,
customer numbers with leading zeros or stray spaces, amounts written as
``¥1,234.50``, refunds as negative lines, dates as ``05/03/2025``. This module
reads such files the same way for the library, the command line and the upload
widget, and it never decides silently:

* every change it makes to the data (a row dropped, an identifier trimmed, an
  amount parsed) is counted in a :class:`CleaningReport`, with example
  spreadsheet rows;
* what it cannot decide safely (dates that read day-first and month-first,
  a duplicated header, an amount it cannot read, a file that looks like Big5)
  is an error naming the rows and the option that settles it.

Row numbers are the spreadsheet's: the index of a table read here is the row
number Excel shows (the header is row 1 unless title rows sit above it), so
every message points at the right line.

:func:`read_table` gives a plain DataFrame for students; :func:`import_table`
gives the same table with its cleaning report; :func:`read_orders` reads an
order export for segmentation, with the customer, date, amount and order
columns found and parsed strictly. :func:`write_outputs` writes several files
all at once or none.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import html
import math
import os
import re
import tempfile
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._parsing import SPACES as _SPACES
from ._parsing import (
    ParsedIds,
    _Distinct,
    _parse_amounts,
    _parse_distinct_dates,
    clean_ids,
    is_total_label,
    parse_amounts,
    parse_dates,
    text_cells,
)
from ._results import Result
from ._validation import (
    COLUMN_SYNONYMS,
    MAX_ROWS_SHOWN,
    LogilabInputError,
    _message,
    check_choice,
    check_dataframe,
    check_path_not_existing,
    format_rows,
    header_key,
    require_columns,
    synonym_candidates,
)
from .i18n import LABELS, label

__all__ = [
    "ENCODINGS",
    "ENCODING_MENU",
    "COLUMN_SYNONYMS",
    "CleaningReport",
    "ImportedTable",
    "OrderExport",
    "REFUND_POLICIES",
    "detect_encoding",
    "detect_columns",
    "import_table",
    "read_table",
    "read_orders",
    "csv_bytes",
    "escape_html",
    "neutralise_formulas",
    "write_atomic",
    "write_outputs",
]

# Order matters: a file that decodes as UTF-8 is almost surely UTF-8; GB18030 is
# a superset of GBK and GB2312 and decodes nearly any byte string, so it goes last.
ENCODINGS = ("utf-8-sig", "gb18030")

# the encodings a user may choose in the upload widget, by codec name, as its menu shows them (and the messages name them)
ENCODING_MENU = {"gb18030": "GBK / GB18030", "utf-8": "UTF-8", "big5": "Big5", "shift_jis": "Shift-JIS"}

_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
# rows looked at to find the header under title rows
_HEADER_SCAN = 30
# bytes read from the start of a CSV file to find the header, and the first of them that detect the encoding;
# pandas streams the whole file in that encoding
_HEAD_BYTES = 200_000
_DETECT_BYTES = 64 * 1024
# columns read beyond the header's, so that a row with extra cells is an error, not lost data
_SPARE_COLUMNS = 20
# an order export unpacks to tens of megabytes; far beyond these an XLSX is a decompression bomb, not an export
MAX_XLSX_UNPACKED_BYTES = 2 * 1024**3
MAX_XLSX_CELLS = 200_000_000

# header words that mark a column of identifiers (kept as text, leading zeros and all)
_ID_HEADER = re.compile(r"(编号|编码|代码|单号|号码|账号|手机|电话|邮编|身份证|(^|[\s_\-])(id|no|code)$|^id[\s_\-]|_id$)", re.IGNORECASE)

REFUND_POLICIES = ("net", "drop", "refuse")

# steps that state a choice (how the file was read) rather than change the data
_CHOICE_STEPS = ("encoding", "date_order", "as_of", "frequency_days", "frequency_orders")

# headers of the cleaning report's display table, from logilab.i18n ("cleaning_header_<key>")
_REPORT_HEADERS = {
    lang: {key: label(f"cleaning_header_{key}", lang) for key in ("step", "column", "count", "rows", "text")} for lang in ("zh", "en")
}


@dataclass
class CleaningReport(Result):
    """What the reader did to a file, step by step, with counts and example spreadsheet rows.

    Attributes
    ----------
    steps : list of dict
        One dict per step: ``step`` (a key such as ``"total_rows"``),
        ``column``, ``count``, ``rows`` (up to five spreadsheet row numbers)
        and ``detail``.

    Examples
    --------
    >>> report = CleaningReport()
    >>> report.add("blank_rows", count=2, rows=[7, 9])
    >>> report.lines("en")
    ['dropped 2 blank row(s) (rows 7, 9)']
    >>> report.summary()
    {'blank_rows': 2}
    """

    steps: list[dict[str, Any]] = field(default_factory=list)

    def add(self, step: str, *, count: int = 0, rows: Sequence[Any] = (), column: str | None = None, detail: Any = "") -> None:
        """Record one step (``step`` is a key of the report's texts)."""
        if f"cleaning_{step}" not in LABELS:
            raise KeyError(step)
        self.steps.append({"step": step, "column": column, "count": int(count), "rows": list(rows)[:5], "detail": detail})

    def _text(self, item: Mapping[str, Any], lang: str) -> str:
        template = label(f"cleaning_{item['step']}", "zh" if lang == "zh" else "en")
        rows = ", ".join(str(r) for r in item["rows"]) + (" …" if item["count"] > len(item["rows"]) and item["rows"] else "")
        return template.format(count=f"{item['count']:,}", rows=rows or "—", column=item["column"] or "", detail=item["detail"])

    def lines(self, lang: str = "zh") -> list[str]:
        """Each step as one sentence, in ``lang``."""
        return [self._text(item, lang) for item in self.steps]

    @property
    def table(self) -> pd.DataFrame:
        """One row per step: step, column, count, example rows, detail."""
        return pd.DataFrame(self.steps, columns=["step", "column", "count", "rows", "detail"])

    def to_frame(self, lang: str = "zh") -> pd.DataFrame:
        """The steps as a display table with headers in ``lang``."""
        headers = _REPORT_HEADERS["zh" if lang == "zh" else "en"]
        return pd.DataFrame(
            {
                headers["text"]: self.lines(lang),
                headers["count"]: [item["count"] for item in self.steps],
                headers["rows"]: [", ".join(str(r) for r in item["rows"]) for item in self.steps],
            }
        )

    def summary(self) -> dict[str, int]:
        """Counts per step (steps that only state a choice count 0)."""
        counts: dict[str, int] = {}
        for item in self.steps:
            counts[item["step"]] = counts.get(item["step"], 0) + item["count"]
        return counts

    def changed(self) -> bool:
        """Whether any step changed or dropped data (not only stated a choice)."""
        return any(item["count"] for item in self.steps if item["step"] not in _CHOICE_STEPS)

    def __repr__(self) -> str:
        return f"CleaningReport({len(self.steps)} steps: {', '.join(self.lines('en')) or 'nothing changed'})"


@dataclass
class ImportedTable(Result):
    """A table read by :func:`import_table`, with how it was read.

    Attributes
    ----------
    table : DataFrame
        The data, indexed by spreadsheet row number.
    report : CleaningReport
    source : str
        The file name.
    encoding : str or None
        The text encoding of a CSV file (None for Excel).
    header_row : int
        The spreadsheet row of the header.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
    >>> _ = path.write_bytes("客户编号,金额\\n007,100\\n008,50\\n".encode("utf-8"))
    >>> imported = import_table(path)
    >>> imported
    ImportedTable('orders.csv': 2 rows x 2 columns, header row 1)
    >>> imported.encoding, imported.header_row, imported.table["客户编号"].tolist()
    ('utf-8-sig', 1, ['007', '008'])
    """

    table: pd.DataFrame
    report: CleaningReport
    source: str
    encoding: str | None
    header_row: int

    def _count(self) -> int:
        return len(self.table)

    def summary(self) -> dict[str, Any]:
        """Rows, columns, encoding, header row and the cleaning counts."""
        changes = {f"cleaned_{step}": n for step, n in self.report.summary().items() if step not in _CHOICE_STEPS}
        return {
            "source": self.source,
            "rows": self._count(),
            "columns": len(self.table.columns),
            "encoding": self.encoding,
            "header_row": self.header_row,
            **changes,
        }

    def __repr__(self) -> str:
        return f"ImportedTable({self.source!r}: {len(self.table):,} rows x {len(self.table.columns)} columns, header row {self.header_row})"


@dataclass
class OrderExport(ImportedTable):
    """An order export read by :func:`read_orders`: typed columns, roles and the cleaning report.

    Attributes
    ----------
    columns : dict
        The column found for each role: ``customer``, ``date``, ``amount`` and ``order`` (or None).
    refunds : str
        The refund policy applied (``net``, ``drop`` or ``refuse``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
    >>> text = "客户编号,订单号,下单日期,金额\\nC1,o1,2025-03-01,100\\nC1,o2,2025-03-05,-20\\nC2,o3,2025-03-02,50\\n"
    >>> _ = path.write_bytes(text.encode("utf-8"))
    >>> export = read_orders(path)
    >>> export
    OrderExport('orders.csv': 3 lines; customer='客户编号', date='下单日期', amount='金额', order='订单号')
    >>> export.refunds, export.report.lines("en")[-1]
    ('net', 'frequency counts distinct orders (订单号)')
    >>> export.segment(clusters=False).table[["frequency", "monetary"]]
          frequency  monetary
    客户编号
    C1            1      80.0
    C2            1      50.0
    """

    columns: dict[str, str | None] = field(default_factory=dict)
    refunds: str = "net"

    def segment(self, **options: Any) -> Any:
        """Segment the customers of this export (:func:`logilab.segment_customers` with its columns).

        The export's cleaning report is carried into the result.
        """
        from .segmentation import segment_customers

        return segment_customers(self.table, **self.columns, refunds=self.refunds, cleaning=self.report, **options)

    def __repr__(self) -> str:
        roles = ", ".join(f"{r}={c!r}" for r, c in self.columns.items() if c)
        return f"OrderExport({self.source!r}: {len(self.table):,} lines; {roles})"


# --- encodings -------------------------------------------------------------------


def _rare_share(text: str) -> tuple[float, int]:
    """Share of CJK characters outside GB2312 (the 6,763 common simplified characters), and their number."""
    cjk = [c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\u3040" <= c <= "\u30ff"]
    if not cjk:
        return 0.0, 0
    rare = 0
    for char in cjk:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare / len(cjk), len(cjk)


def _looks_like(raw: bytes) -> list[tuple[str, str]]:
    """The East Asian encodings that decode these bytes without an error, as (codec name, hint for the message)."""
    found = []
    for name, description in (("big5", "Big5 (traditional Chinese)"), ("shift_jis", "Shift-JIS (Japanese)")):
        try:
            raw.decode(name)
        except UnicodeDecodeError:
            continue
        found.append((name, f"{description}: encoding='{name}'"))
    return found


_NEITHER = (
    "file: expected text in UTF-8 or GBK/GB18030, found bytes that decode as neither. "
    "Save the file as CSV UTF-8 from Excel, or name the encoding, e.g. encoding='big5'."
)


def _neither() -> LogilabInputError:
    """The error for bytes that are neither UTF-8 nor GBK/GB18030."""
    return LogilabInputError(_NEITHER, reason="encoding_unreadable")


def _decodes(raw: bytes, encoding: str, final: bool) -> str:
    """``raw`` decoded; with ``final=False`` a character cut at the end is left out instead of being an error."""
    return codecs.getincrementaldecoder(encoding)().decode(raw, final=final)


def detect_encoding(raw: bytes, *, final: bool = True) -> str:
    """Name the encoding of a CSV file's bytes: ``"utf-8-sig"``, ``"utf-16"`` or ``"gb18030"``.

    ``"utf-8-sig"`` reads plain UTF-8 as well as UTF-8 with a byte-order mark.
    Bytes that decode as GB18030 but give mostly rare characters (as Big5 or
    Shift-JIS text does) are refused, naming the ``encoding`` option.

    Parameters
    ----------
    raw : bytes
        The file's bytes, or its first block (a few dozen kilobytes are enough).
    final : bool, default True
        False when ``raw`` is the first block of a longer file: a multibyte
        character cut at the end of the block is then not an error.

    Returns
    -------
    str
        A codec name for :func:`open` / :meth:`bytes.decode`.

    Raises
    ------
    LogilabInputError
        If the bytes are neither UTF-8/UTF-16 nor plausible GB18030 text.

    Examples
    --------
    >>> detect_encoding("客户编号,金额\\n".encode("utf-8"))
    'utf-8-sig'
    >>> detect_encoding("客户编号,金额\\n".encode("gbk"))
    'gb18030'
    >>> detect_encoding("客户编号".encode("utf-8")[:-1], final=False)  # a block that ends inside 号
    'utf-8-sig'
    >>> detect_encoding("客戶編號,金額,訂單號碼\\n".encode("big5"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: file: expected text in UTF-8 or GBK/GB18030, found bytes that decode as GB18030 only into rare characters ...
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        _decodes(raw, "utf-8-sig", final)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        text = _decodes(raw, "gb18030", final)
    except UnicodeDecodeError:
        raise _neither() from None
    head = text[:20000]
    share, count = _rare_share(head.splitlines()[0] if head else "")
    overall, total = _rare_share(head)
    if (count >= 2 and share > 0.25) or (total >= 4 and overall > 0.25):
        looks = _looks_like(raw[:20000])
        guesses = [hint for _, hint in looks] or ["another encoding"]
        raise LogilabInputError(
            f"file: expected text in UTF-8 or GBK/GB18030, found bytes that decode as GB18030 only into rare characters "
            f"({overall:.0%} of {total} Chinese characters outside common use), so the file is probably in another encoding "
            f"({'; '.join(guesses)}). Name it, e.g. encoding='big5' or encoding='shift_jis', "
            "or save the file as CSV UTF-8.",
            reason="encoding_looks_like" if looks else "encoding_rare",
            share=overall,
            total=total,
            **({"encodings": [ENCODING_MENU[name] for name, _ in looks]} if looks else {}),
        )
    return "gb18030"


def _check_encoding(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except (LookupError, TypeError):
        raise LogilabInputError(
            f"encoding: expected a text encoding such as utf-8, gb18030, big5 or shift_jis, found {encoding!r}. "
            "Leave it out to detect UTF-8 or GBK, or correct the name.",
            reason="unknown_encoding",
            value=str(encoding),
        ) from None


# --- reading cells -----------------------------------------------------------------


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip(_SPACES) == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _is_text_label(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    return bool(text) and not re.fullmatch(r"[-+¥￥$]?[\d,.\s]+%?|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}.*", text)


_KNOWN_HEADERS = {header_key(w) for words in COLUMN_SYNONYMS.values() for w in words}


def _find_header(rows: list[list[Any]]) -> int:
    """Index of the header among the first rows: the first full row of text labels (known headers preferred)."""
    filled = [sum(not _is_empty(c) for c in row) for row in rows]
    width = max(filled, default=0)
    candidates = [
        i
        for i, row in enumerate(rows)
        if filled[i] >= max(2, math.ceil(width / 2)) and all(_is_text_label(c) for c in row if not _is_empty(c))
    ]
    known = [i for i in candidates if sum(header_key(c) in _KNOWN_HEADERS for c in rows[i] if not _is_empty(c)) >= 2]
    if known:
        return known[0]
    return candidates[0] if candidates else 0


def _sniff_separator(lines: list[str], suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    sample = "\n".join(lines[:_HEADER_SCAN])
    return "\t" if sample.count("\t") > sample.count(",") else ","


def _read_text_cells(path: Path, encoding: str, separator: str, header: int, width: int) -> pd.DataFrame:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(
                path,
                encoding=encoding,
                sep=separator,
                header=None,
                skiprows=header + 1,
                names=list(range(width)),
                dtype=str,
                keep_default_na=False,
                na_values=[],
                skip_blank_lines=False,
                index_col=False,
                encoding_errors="strict",
            )
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=list(range(width)), dtype=object)


def _parse_csv(path: Path, encoding: str, separator: str, header: int, width: int, names: list[str]) -> pd.DataFrame:
    """Every cell below the header as text, the file streamed by pandas in ``encoding`` (UnicodeDecodeError passes through).

    The usual file is read once, as wide as its header. A row with more
    cells makes pandas stop; the file is then read again ``width`` columns
    wide, so that the error can show that row's cells.
    """
    try:
        return _read_text_cells(path, encoding, separator, header, len(names))
    except (pd.errors.ParserError, pd.errors.ParserWarning):
        pass
    try:
        return _read_text_cells(path, encoding, separator, header, width)
    except (pd.errors.ParserError, pd.errors.ParserWarning) as error:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        where = f"{found.group(3)} cells in row {found.group(2)}" if found else f"more than {width} cells in a row"
        raise LogilabInputError(
            f"file: expected every row to have at most {len(names)} cells like the header (row {header + 1}), found {where}. "
            f"Remove the extra cells, or put text that contains the separator {separator!r} in quotes.",
            reason="extra_cells",
            rows=[int(found.group(2))] if found else [],
            header_row=header + 1,
            width=len(names),
        ) from None


@dataclass(frozen=True)
class _CsvLayout:
    """What the first block of a text file says: its encoding, separator, header row (0-based) and the rows above and at it."""

    raw: bytes
    encoding: str
    separator: str
    header: int
    names: list[str]
    rows: list[list[Any]]


def _csv_layout(path: Path, encoding: str | None, header_row: int | None) -> _CsvLayout:
    """Read only the first block of a text file: detect the encoding and separator, find the header."""
    with path.open("rb") as stream:
        raw = stream.read(_HEAD_BYTES)
        complete = not stream.read(1)
    if encoding:
        used = _check_encoding(encoding)
    else:
        block = raw[:_DETECT_BYTES]
        whole = complete and len(block) == len(raw)
        # detect on whole lines (a byte 0x0A never sits inside a UTF-8 or GB18030 character)
        cut = block if whole else block[: block.rfind(b"\n") + 1] or block
        used = detect_encoding(cut, final=whole)
    head_text = raw.decode(used, errors="ignore")
    lines = head_text.splitlines()
    if not complete and lines:
        lines = lines[:-1]  # the last line may be cut
    separator = _sniff_separator(lines, path.suffix.lower())
    rows = list(csv.reader(lines[:_HEADER_SCAN], delimiter=separator))
    header = _header_index(rows, header_row, path)
    names = [str(c) for c in rows[header]] if header < len(rows) else []
    if not names:
        raise LogilabInputError(
            f"path: expected a file with a header row, found no columns in {path.name}. Export the data again.", reason="no_header"
        )
    return _CsvLayout(raw, used, separator, header, names, rows)


def _read_csv_cells(path: Path, encoding: str | None, header_row: int | None) -> tuple[pd.DataFrame, str, int, list[list[Any]]]:
    # only the first block is read here, to detect the encoding and find the header; pandas streams the rest
    layout = _csv_layout(path, encoding, header_row)
    raw, used, separator, header, names, rows = layout.raw, layout.encoding, layout.separator, layout.header, layout.names, layout.rows
    width = len(names) + _SPARE_COLUMNS  # room to see cells beyond the header instead of losing them
    try:
        cells = _parse_csv(path, used, separator, header, width, names)
    except UnicodeDecodeError:
        if encoding:
            raise LogilabInputError(
                f"encoding: expected the file to be in {used}, found bytes that do not decode as {used}. Leave the encoding out to detect it, or correct it.",
                reason="wrong_encoding",
                encoding=ENCODING_MENU.get(used, used),
            ) from None
        if not (used == "utf-8-sig" and raw[:_DETECT_BYTES].isascii()):
            raise _neither() from None
        # a first block in plain ASCII says nothing about the rest: GBK is the other encoding of Chinese exports
        try:
            cells = _parse_csv(path, "gb18030", separator, header, width, names)
        except UnicodeDecodeError:
            raise _neither() from None
        used = "gb18030"
    # the cells stay in pandas' string dtype (Arrow): a column is hashed once as stored (see _Distinct) and no Python
    # object is made per cell; every cleaning step makes its output column of Python objects, as for Excel cells
    cells.index = pd.RangeIndex(header + 2, header + 2 + len(cells))
    extra = cells.iloc[:, len(names) :]
    spilled = (extra != "").any(axis=1) & extra.notna().any(axis=1)
    if spilled.any():
        rows_ = format_rows(cells.index[spilled])
        raise LogilabInputError(
            f"file: expected every row to have at most {len(names)} cells like the header (row {header + 1}), found more in {rows_} "
            f"(e.g. {[v for v in cells.loc[cells.index[spilled][0]].tolist() if v not in ('', None)]!r}). Amounts such as 1,234.50 "
            f"must be in quotes in a CSV file, or the cells must line up with the header; fix those rows and export again.",
            reason="extra_cells",
            rows=list(cells.index[spilled])[:MAX_ROWS_SHOWN],
            count=int(spilled.sum()),
            header_row=header + 1,
            width=len(names),
        )
    cells = cells.iloc[:, : len(names)]
    cells.index = pd.RangeIndex(header + 2, header + 2 + len(cells))
    cells.columns = names
    return cells, used, header, rows[:header]


def _header_index(rows: list[list[Any]], header_row: int | None, path: Path) -> int:
    if header_row is None:
        return _find_header(rows)
    if not isinstance(header_row, (int, np.integer)) or isinstance(header_row, bool) or header_row < 1:
        raise LogilabInputError(
            f"header_row: expected the spreadsheet row number of the header (1 or more), found {header_row!r}. "
            "Count rows as Excel does, e.g. header_row=3.",
            reason="bad_header_row",
            value=str(header_row),
        )
    if header_row > len(rows):
        raise LogilabInputError(
            f"header_row: expected a row among the first {len(rows)} rows of {path.name}, found {header_row}. Check the row number.",
            reason="header_row_beyond",
            value=int(header_row),
            available=len(rows),
        )
    return int(header_row) - 1


def _check_workbook_size(path: Path) -> None:
    """Refuse an XLSX whose unpacked size or sheet dimensions are absurd for an export, before reading it."""
    try:
        bundle = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise LogilabInputError(
            f"path: expected an Excel workbook (.xlsx), found a file that is not one ({path.name}). Save it again as .xlsx or CSV.",
            reason="not_xlsx",
            file=path.name,
        ) from None
    with bundle:
        unpacked = sum(entry.file_size for entry in bundle.infolist())
        if unpacked > MAX_XLSX_UNPACKED_BYTES:
            raise LogilabInputError(
                f"path: expected a workbook that unpacks to at most {MAX_XLSX_UNPACKED_BYTES / 1024**3:.0f} GB, found {path.name} "
                f"unpacking to {unpacked / 1024**3:.1f} GB from {path.stat().st_size / 1024**2:.1f} MB. Export the data as CSV instead.",
                reason="workbook_too_large",
                file=path.name,
                size_gb=unpacked / 1024**3,
                limit_gb=MAX_XLSX_UNPACKED_BYTES / 1024**3,
            )
        for entry in bundle.infolist():
            if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", entry.filename):
                continue
            with bundle.open(entry) as stream:
                head = stream.read(4096).decode("utf-8", errors="ignore")
            found = re.search(r'<dimension ref="[A-Z]+(\d+)(?::([A-Z]+)(\d+))?"', head)
            if found and found.group(2):
                columns = 0
                for letter in found.group(2):
                    columns = columns * 26 + ord(letter) - 64
                cells = columns * int(found.group(3))
                if cells > MAX_XLSX_CELLS:
                    raise LogilabInputError(
                        f"path: expected worksheets of an export's size, found {entry.filename.rsplit('/', 1)[-1]} in {path.name} "
                        f"declaring {int(found.group(3)):,} rows x {columns:,} columns. Export the data as CSV instead.",
                        reason="sheet_too_large",
                        file=path.name,
                        sheet=entry.filename.rsplit("/", 1)[-1],
                        rows_declared=int(found.group(3)),
                        columns_declared=columns,
                    )


def _read_excel_cells(path: Path, sheet: str | int, header_row: int | None) -> tuple[pd.DataFrame, int, list[list[Any]]]:
    _check_workbook_size(path)
    try:
        raw = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object)
    except ValueError as error:
        if "Worksheet" in str(error) or "sheet" in str(error).lower():
            raise LogilabInputError(
                f"sheet: expected a worksheet of {path.name}, found none named {sheet!r}. Check the name or number.",
                reason="unknown_sheet",
                file=path.name,
                sheet=str(sheet),
            ) from None
        raise
    if raw.empty:
        raise LogilabInputError(
            f"path: expected a worksheet with a header row, found an empty sheet in {path.name}. Export the data again.",
            reason="empty_sheet",
            file=path.name,
        )
    rows = [list(raw.iloc[i]) for i in range(min(_HEADER_SCAN, len(raw)))]
    header = _header_index(rows, header_row, path)
    names = ["" if _is_empty(c) else str(int(c) if isinstance(c, float) and c.is_integer() else c) for c in raw.iloc[header]]
    cells = raw.iloc[header + 1 :].copy()
    cells.index = pd.RangeIndex(header + 2, header + 2 + len(cells))
    cells.columns = names
    return cells, header, rows[:header]


def _read_cells(path: Path, *, encoding: str | None, sheet: str | int, header_row: int | None, report: CleaningReport):
    if not path.exists():
        raise LogilabInputError(
            f"path: expected an existing file, found nothing at {path}. Check the file name and folder.", reason="no_file", path=str(path)
        )
    if path.stat().st_size == 0:
        raise LogilabInputError(
            f"path: expected a file with a header row, found an empty file {path.name}. Export the data again.",
            reason="empty_file",
            file=path.name,
        )
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise LogilabInputError(
            f"path: expected a .csv or .xlsx file, found the old Excel format .xls ({path.name}). "
            "Open it in Excel or WPS and save it as .xlsx or as CSV UTF-8.",
            reason="old_xls",
            file=path.name,
        )
    try:
        check_choice(suffix, "path suffix", sorted(_TEXT_SUFFIXES | _EXCEL_SUFFIXES))
    except LogilabInputError as error:
        raise LogilabInputError(str(error), reason="unsupported_file", suffix=suffix or path.name) from None
    used: str | None = None
    if suffix in _EXCEL_SUFFIXES:
        cells, header, above = _read_excel_cells(path, sheet, header_row)
    else:
        cells, used, header, above = _read_csv_cells(path, encoding, header_row)
    _report_head(report, used, header, above)
    return cells, used, header + 1


def _report_head(report: CleaningReport, encoding: str | None, header: int, above: list[list[Any]]) -> None:
    """The report's first steps: the encoding of a text file, and the title rows above the header (``header``, 0-based)."""
    if encoding is not None:
        report.add("encoding", detail={"utf-8-sig": "UTF-8", "gb18030": "GBK/GB18030"}.get(encoding, encoding))
    if header:
        title = next((str(c).strip() for row in above for c in row if not _is_empty(c)), "")
        report.add("title_rows", count=header, rows=list(range(1, header + 1)), detail=title)


def _header_names(columns: Iterable[Any]) -> list[str]:
    """The header cells as column names: text, spaces around them removed."""
    return [str(c).strip(" \t\r\n\u3000\xa0\ufeff") for c in columns]


def _unnamed(name: str) -> bool:
    return name == "" or name.lower() == "nan"


def _check_header(cells: pd.DataFrame, header_row: int, report: CleaningReport) -> pd.DataFrame:
    names = _header_names(cells.columns)
    cells = cells.set_axis(names, axis=1)
    empty = [i for i, n in enumerate(names) if _unnamed(n)]
    drop = [i for i in empty if cells.iloc[:, i].map(_is_empty).all()]
    if drop:
        report.add("empty_columns", count=len(drop))
        cells = cells.iloc[:, [i for i in range(len(names)) if i not in drop]]
        names = [n for i, n in enumerate(names) if i not in drop]
    unnamed = [i for i, n in enumerate(names) if _unnamed(n)]
    if unnamed:
        letters = ", ".join(_column_letter(i) for i in unnamed)
        raise LogilabInputError(
            f"header: expected a name for every column with data, found an empty header cell in column {letters} "
            f"(header row {header_row}). Type a name into that cell, or delete the column.",
            reason="empty_header",
            letters=[_column_letter(i) for i in unnamed],
            header_row=header_row,
        )
    seen: dict[str, int] = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    duplicated = [n for n, k in seen.items() if k > 1]
    if duplicated:
        raise LogilabInputError(
            f"header: expected distinct column names, found {', '.join(repr(n) for n in duplicated)} more than once "
            f"(header row {header_row}). Rename one of each pair in the spreadsheet so it is clear which column to use.",
            reason="duplicate_header",
            names=duplicated,
            header_row=header_row,
        )
    if not names:
        raise LogilabInputError(
            f"header: expected a table with columns, found none (header row {header_row}). Export the data again.", reason="no_header"
        )
    return cells


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _drop_blank_and_total_rows(
    cells: pd.DataFrame, report: CleaningReport, distinct: dict[str, _Distinct]
) -> tuple[pd.DataFrame, dict[str, _Distinct]]:
    if cells.empty:
        return cells, distinct
    blank = np.logical_and.reduce([_empty(cells[c], distinct.get(c)) for c in cells.columns])
    totals = np.zeros(len(cells), dtype=bool)
    labels: list[str] = []
    for column in cells.columns:
        values = cells[column]
        if not _textual(values):
            continue
        hit = _total_labels(values, distinct.get(column)) & ~blank
        if hit.any():
            labels += [str(v).strip() for v in values[hit]]
            totals |= hit
    if blank.any():
        report.add("blank_rows", count=int(blank.sum()), rows=list(cells.index[blank]))
    if totals.any():
        shown = "、".join(dict.fromkeys(labels))
        report.add("total_rows", count=int(totals.sum()), rows=list(cells.index[totals]), detail=shown)
    if blank.any() or totals.any():
        keep = ~blank & ~totals
        cells = cells[keep]
        distinct = {c: d.take(keep) for c, d in distinct.items()}
    return cells, distinct


def _total_labels(values: pd.Series, distinct: _Distinct | None) -> np.ndarray:
    """Rows whose cell is a total label (合计, Total ...), looked at once per distinct value when there is ``distinct``."""
    if distinct is not None and not _has_total_word("\n".join(distinct.uniques)):
        return np.zeros(len(values), dtype=bool)  # one look at all the distinct texts at once: no total word anywhere
    cells = values if distinct is None else distinct.values()
    # a vectorised look for the words first; the exact rule only on the few cells that have them
    maybe = text_cells(cells, "contains", _TOTAL_WORDS, regex=True).fillna(False).astype(bool)
    hit = pd.Series(False, index=cells.index)
    if maybe.any():
        hit[maybe] = cells[maybe].map(is_total_label)
    return hit.to_numpy(dtype=bool) if distinct is None else distinct.rows(hit)


_TOTAL_WORDS = re.compile(r"合计|总计|小计|共计|汇总|total", re.IGNORECASE)


def _has_total_word(text: str) -> bool:
    """Whether ``_TOTAL_WORDS`` occurs in ``text``: plain substring searches (fast), the pattern only to confirm.

    Every letter that matches t, o, a or l ignoring case lowers to it, so a
    text without "total" in its lower case has no match of the pattern.
    """
    words = ("合计", "总计", "小计", "共计", "汇总")
    if not any(word in text for word in words) and "total" not in text.lower():
        return False
    return _TOTAL_WORDS.search(text) is not None


def _empty(values: pd.Series, distinct: _Distinct | None = None) -> np.ndarray:
    """Cells with nothing in them: missing, or text of spaces only."""
    if distinct is not None:
        return distinct.rows(distinct.stripped.eq("")) | (distinct.codes < 0)
    if not _textual(values):
        return values.isna().to_numpy()
    stripped = text_cells(values, "strip", _SPACES)  # non-text cells (numbers, dates in Excel) give NaN here
    return (values.isna() | stripped.eq("").fillna(False).astype(bool)).to_numpy()


def _is_id_column(name: str) -> bool:
    return header_key(name) in {header_key(w) for w in COLUMN_SYNONYMS["customer"] + COLUMN_SYNONYMS["order"]} or bool(
        _ID_HEADER.search(name)
    )


def _text_ids(cells: pd.DataFrame, column: str, report: CleaningReport, distinct: _Distinct | None = None) -> pd.Series:
    if distinct is None:
        ids = clean_ids(cells[column])
    else:  # as clean_ids reads text cells, each distinct text once; a missing cell stays as it was read
        stripped = distinct.stripped
        trimmed = (stripped != distinct.values()) & stripped.ne("")
        cleaned = stripped.mask(stripped.eq(""), np.nan)
        ids = ParsedIds(
            values=pd.Series(distinct.spread(cleaned, missing=cells[column]), index=cells.index, dtype=object),
            trimmed=pd.Series(distinct.rows(trimmed), index=cells.index),
            from_numbers=pd.Series(False, index=cells.index),
        )
    if ids.trimmed.any():
        report.add("trimmed", column=column, count=int(ids.trimmed.sum()), rows=list(cells.index[ids.trimmed]))
    if ids.from_numbers.any():
        report.add("number_ids", column=column, count=int(ids.from_numbers.sum()), rows=list(cells.index[ids.from_numbers]))
    return ids.values


def _textual(values: pd.Series) -> bool:
    return values.dtype == object or pd.api.types.is_string_dtype(values)


def _strip_text(values: pd.Series, column: str, report: CleaningReport | None) -> pd.Series:
    if not _textual(values):
        return values
    stripped = text_cells(values, "strip", _SPACES)
    is_text = stripped.notna()
    stripped = stripped.where(is_text, values).astype(object)
    changed = is_text & (stripped != values)
    if report is not None and changed.any():
        report.add("trimmed", column=column, count=int(changed.sum()), rows=list(values.index[changed]))
    return stripped.mask(stripped.eq("").fillna(False).astype(bool), np.nan)


def _strip_distinct(values: pd.Series, column: str, report: CleaningReport, distinct: _Distinct) -> tuple[pd.Series, _Distinct]:
    """:func:`_strip_text` of a text column, each distinct value stripped once; also the stripped column's distinct values."""
    stripped = distinct.stripped
    changed = distinct.rows(stripped != distinct.values())
    if changed.any():
        report.add("trimmed", column=column, count=int(changed.sum()), rows=list(values.index[changed]))
    stripped = stripped.mask(stripped.eq(""), np.nan)
    out = pd.Series(distinct.spread(stripped, missing=values), index=values.index, dtype=object)
    return out, distinct.recode(stripped)


def _infer(values: pd.Series, column: str, report: CleaningReport, distinct: _Distinct | None = None) -> pd.Series:
    """A column of text cells as numbers or dates when every value reads cleanly; otherwise unchanged."""
    if not _textual(values):
        return values
    if distinct is not None:
        return _infer_distinct(values, column, report, distinct)
    present = values.dropna()
    if present.empty:
        return values
    kind = pd.api.types.infer_dtype(present, skipna=True)
    if kind in ("datetime", "datetime64", "date"):
        return _infer_dates(values, column, report)
    if kind not in ("string", "integer", "floating", "mixed-integer-float", "decimal", "mixed-integer", "mixed"):
        return values
    texts = present[present.map(lambda v: isinstance(v, str))] if kind != "string" else present
    if len(texts) and texts.str.match(r"^[+-]?0\d").any():
        return values  # leading zeros: a code (postcode, phone, ID), not a number
    if (
        kind != "string"
        and not present.map(lambda v: isinstance(v, (str, int, float, np.integer, np.floating)) and not isinstance(v, bool)).all()
    ):
        if present.map(lambda v: hasattr(v, "year") and hasattr(v, "month") or isinstance(v, str)).all():
            return _infer_dates(values, column, report)
        return values
    amounts = parse_amounts(values)
    if not amounts.unreadable.any() and amounts.values.notna().sum() == len(present):
        if amounts.rewritten.any():
            rows = list(values.index[amounts.rewritten])
            report.add("amounts", column=column, count=int(amounts.rewritten.sum()), rows=rows[:2], detail=repr(values[rows[0]]))
        numbers = amounts.values
        if kind == "string":
            whole = bool(present.str.fullmatch(r"[+-]?\d+").all())
        else:
            whole = present.map(
                lambda v: isinstance(v, (int, np.integer)) or (isinstance(v, str) and bool(re.fullmatch(r"[+-]?\d+", v)))
            ).all()
        if whole and numbers.notna().all() and not amounts.rewritten.any():
            return numbers.astype("int64")  # as pandas reads a column of whole numbers
        return numbers
    return _infer_dates(values, column, report)


def _infer_distinct(values: pd.Series, column: str, report: CleaningReport, distinct: _Distinct) -> pd.Series:
    """:func:`_infer` of a column of text cells, each step on the distinct values (``distinct``) and spread back to the rows."""
    texts = distinct.values()
    if texts.empty or texts.str.match(r"^[+-]?0\d").any():
        return values  # nothing to read, or leading zeros: a code (postcode, phone, ID), not a number
    amounts = parse_amounts(texts)
    if not amounts.unreadable.any() and amounts.values.notna().all():
        rewritten = distinct.rows(amounts.rewritten)
        if rewritten.any():
            rows = list(values.index[rewritten])
            report.add("amounts", column=column, count=int(rewritten.sum()), rows=rows[:2], detail=repr(values[rows[0]]))
        numbers = pd.Series(distinct.spread(amounts.values, missing=np.nan), index=values.index)
        whole = bool(texts.str.fullmatch(r"[+-]?\d+").all())
        if whole and (distinct.codes >= 0).all() and not rewritten.any():
            return numbers.astype("int64")  # as pandas reads a column of whole numbers
        return numbers
    return _infer_dates(values, column, report, distinct)


def _is_date_name(column: str) -> bool:
    """Whether a header names a date column (日期, 时间, date ...): only such columns of text are read as dates."""
    return bool(re.search(r"日期|时间|date|time|day", column, re.IGNORECASE)) or header_key(column) in {
        header_key(w) for w in COLUMN_SYNONYMS["date"]
    }


def _infer_dates(values: pd.Series, column: str, report: CleaningReport, distinct: _Distinct | None = None) -> pd.Series:
    if not _is_date_name(column):
        return values
    try:
        if distinct is None:
            parsed = parse_dates(values, column=column)
        else:
            parsed = _parse_distinct_dates(values, distinct.codes, distinct.uniques, column=column)
    except LogilabInputError:
        return values  # left as text; the function that uses the column says what is wrong
    if parsed.order in ("dmy", "mdy"):
        report.add("date_order", column=column, detail=parsed.reason)
    return parsed.values


def _tidy(
    cells: pd.DataFrame,
    report: CleaningReport,
    *,
    ids: Sequence[str],
    skip: Sequence[str] = (),
    skipped: dict[str, _Distinct | None] | None = None,
) -> pd.DataFrame:
    # exports repeat their values (customers, dates, amounts): each column of text cells is factorized once and
    # every step below reads its distinct values; columns that mix numbers or dates with text go cell by cell.
    # ``skipped`` receives the distinct values of the ``skip`` columns (None for one of mixed cells) for the caller.
    distinct = {c: _Distinct.of(cells[c]) for c in cells.columns if _textual(cells[c])}
    distinct = {c: d for c, d in distinct.items() if d.text}
    cells, distinct = _drop_blank_and_total_rows(cells, report, distinct)
    columns: dict[str, pd.Series] = {}
    for column in cells.columns:
        once = distinct.get(column)
        if column in skip:
            columns[column] = cells[column]
            if skipped is not None:
                skipped[column] = once
        elif column in ids or _is_id_column(column):
            columns[column] = _text_ids(cells, column, report, once)
        elif once is None:
            columns[column] = _infer(_strip_text(cells[column], column, report), column, report)
        else:
            stripped, once = _strip_distinct(cells[column], column, report, once)
            columns[column] = _infer(stripped, column, report, once)
    return pd.DataFrame(columns, index=cells.index)


def import_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: str | int = 0,
    header_row: int | None = None,
    ids: Sequence[str] = (),
) -> ImportedTable:
    """Read a CSV or XLSX export and report every change made to it.

    The file is read cell by cell as text, then:

    * the header is found under any title rows (or given by ``header_row``);
      empty or duplicated header names are an error;
    * blank rows and total rows (合计, 总计, 小计, Total, Subtotal) are dropped;
    * identifier columns (customer and order numbers, and headers such as
      编号, 代码, ``..._id``, and those named in ``ids``) stay text: leading
      zeros kept, spaces around them removed, number cells read as ``123``;
    * other columns become numbers when every value reads as one (``¥1,234.50``,
      ``120元`` and full-width digits included) and has no leading zero, and
      date columns (日期, 时间, date ...) become dates when they read in one
      format; anything else stays text for the function that uses it to check.

    Parameters
    ----------
    path : str or Path
        A ``.csv``, ``.txt`` or ``.tsv`` file, or an ``.xlsx`` workbook.
    encoding : str, optional
        The text encoding of a CSV file; by default UTF-8 (with or without a
        byte-order mark), UTF-16 with a byte-order mark, or GBK/GB18030 is detected.
    sheet : str or int, default 0
        The worksheet of an Excel file.
    header_row : int, optional
        The spreadsheet row number of the header (1 = the first row); found by default.
    ids : sequence of str, default ()
        More columns to keep as text identifiers.

    Returns
    -------
    ImportedTable
        ``table`` (indexed by spreadsheet row number), ``report``, ``encoding``, ``header_row``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
    >>> text = '订单明细\\n客户编号,金额\\n00123,"￥1,234.50"\\n 00123,80\\n合计,"1,314.50"\\n'
    >>> _ = path.write_bytes(text.encode("gbk"))
    >>> imported = import_table(path)
    >>> imported.table
       客户编号      金额
    3  00123  1234.5
    4  00123    80.0
    >>> for line in imported.report.lines("en"):
    ...     print(line)
    read as GBK/GB18030
    skipped 1 title row(s) above the header (rows 1)
    dropped 1 total/subtotal row(s) (rows 5: 合计)
    trimmed spaces around 1 value(s) in 客户编号 (rows 4)
    parsed 1 amount(s) in 金额 written with ¥, 元 or separators (e.g. rows 3: '￥1,234.50')
    """
    path = Path(path)
    report = CleaningReport()
    cells, used, header_row = _read_cells(path, encoding=encoding, sheet=sheet, header_row=header_row, report=report)
    cells = _check_header(cells, header_row, report)
    table = _tidy(cells, report, ids=list(ids))
    return ImportedTable(table=table, report=report, source=path.name, encoding=used, header_row=header_row)


def read_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: str | int = 0,
    header_row: int | None = None,
    ids: Sequence[str] = (),
) -> pd.DataFrame:
    """Read a CSV or XLSX file into a DataFrame: :func:`import_table` without the report object.

    When the reader changed anything (title rows, total rows, trimmed
    identifiers, amounts written with ¥ ...), a warning lists it; call
    :func:`import_table` to get the report as an object. The index holds the
    spreadsheet row numbers, so ``table.loc[5]`` is row 5 in Excel.

    Parameters
    ----------
    path : str or Path
        A ``.csv``, ``.txt`` or ``.tsv`` file, or an ``.xlsx`` workbook.
    encoding : str, optional
        The text encoding of a CSV file; detected by default (see :func:`detect_encoding`).
    sheet : str or int, default 0
        The worksheet of an Excel file.
    header_row : int, optional
        The spreadsheet row number of the header (1 = the first row); found by default.
    ids : sequence of str, default ()
        More columns to keep as text identifiers.

    Returns
    -------
    DataFrame
        The cleaned table, indexed by spreadsheet row number.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
    >>> _ = path.write_bytes("客户编号,金额\\n007,100\\n".encode("gbk"))
    >>> read_table(path)
      客户编号   金额
    2  007  100
    """
    imported = import_table(path, encoding=encoding, sheet=sheet, header_row=header_row, ids=ids)
    if imported.report.changed():
        changes = "; ".join(line for item, line in zip(imported.report.steps, imported.report.lines("en"), strict=True) if item["count"])
        warnings.warn(f"{imported.source}: {changes}. ll.import_table(path).report lists these steps.", UserWarning, stacklevel=2)
    return imported.table


def detect_columns(
    lines: pd.DataFrame, *, customer: str | None = None, date: str | None = None, amount: str | None = None, order: str | None = None
) -> dict[str, str | None]:
    """Find the customer, date, amount and (optional) order columns of an export.

    A column given by name is used as it is; the others are looked up among
    :data:`COLUMN_SYNONYMS` (Chinese and English headers such as 客户编号,
    下单日期, 金额, ``customer_id``, ``date``, ``amount``). A missing required
    column or two candidates for one role raise an error naming them.

    Parameters
    ----------
    lines : DataFrame
        The export (only its column names are read; it may be empty).
    customer, date, amount, order : str, optional
        A column to use for the role; ``None`` (default) looks it up.

    Returns
    -------
    dict
        ``{"customer": ..., "date": ..., "amount": ..., "order": ...}``: the column
        for each role (``order`` is None when the export has no order column).

    Examples
    --------
    >>> df = pd.DataFrame(columns=["订单号", "客户编号", "下单日期", "销售额"])
    >>> detect_columns(df)
    {'customer': '客户编号', 'date': '下单日期', 'amount': '销售额', 'order': '订单号'}
    >>> detect_columns(pd.DataFrame(columns=["客户编号", "订单日期", "下单日期", "金额"]))
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: columns: expected one column for date, found 2 candidates ['订单日期', '下单日期']. Pass date='<column>' to choose one.
    """
    check_dataframe(lines, "lines", allow_empty=True)
    given = {"customer": customer, "date": date, "amount": amount, "order": order}
    return match_columns(lines, COLUMN_SYNONYMS, given, required=["customer", "date", "amount"], name="columns")


def _unreadable_amounts(column: str, example: Any, rows: Sequence[int], count: int) -> LogilabInputError:
    """The reader's error for amounts it cannot read: the first such cell and its rows (the first five, or all, of ``count``)."""
    return LogilabInputError(
        f"file: expected amounts in column {column!r} (numbers, optionally with ¥, 元, RMB or thousands separators), "
        f"found {example!r} in {format_rows(rows, count=count)}. Correct those cells, or name another column with amount='<column>'.",
        reason="not_numeric",
        column=str(column),
        value=str(example),
        rows=list(rows)[:MAX_ROWS_SHOWN],
        count=count,
    )


def _incomplete_rows(rows: Sequence[int], count: int) -> LogilabInputError:
    """The reader's error for rows missing a customer, a date or an amount (the first five rows, or all, of ``count``)."""
    return LogilabInputError(
        f"file: expected a customer, a date and an amount in every row, found rows missing one in {format_rows(rows, count=count)}. "
        "Fill those cells, or drop such rows with incomplete='drop'.",
        reason="incomplete_rows",
        rows=list(rows)[:MAX_ROWS_SHOWN],
        count=count,
    )


def _refunds_refused(column: str, rows: Sequence[int], count: int) -> LogilabInputError:
    """The reader's error for negative amounts with ``refunds="refuse"`` (the first five rows, or all, of ``count``)."""
    return LogilabInputError(
        f"file: expected amounts >= 0 in column {column!r}, found negative amounts (refunds) in {format_rows(rows, count=count)}. "
        "Net them against purchases with refunds='net', or drop them with refunds='drop'.",
        reason="refunds_refused",
        column=str(column),
        rows=list(rows)[:MAX_ROWS_SHOWN],
        count=count,
    )


def read_orders(
    path: str | Path,
    *,
    customer: str | None = None,
    date: str | None = None,
    amount: str | None = None,
    order: str | None = None,
    encoding: str | None = None,
    sheet: str | int = 0,
    header_row: int | None = None,
    date_format: str | None = None,
    refunds: str = "net",
    incomplete: str = "error",
) -> OrderExport:
    """Read an order export for segmentation: columns found, cleaned, parsed strictly, and reported.

    On top of :func:`import_table`'s cleaning, the four roles are read strictly:
    customer and order numbers as text; the amount with ``¥``, ``元``,
    ``RMB``, separators and full-width digits (anything else unreadable is an
    error naming the rows); dates in one format for the whole column (see
    :func:`logilab._parsing.parse_dates`; ``date_format`` settles an ambiguous column).

    Parameters
    ----------
    path : str or Path
        A ``.csv``, ``.txt`` or ``.tsv`` file, or an ``.xlsx`` workbook.
    customer, date, amount, order : str, optional
        The columns; found from Chinese or English headers when not given
        (see :func:`detect_columns`). ``order`` may be absent from the file.
    encoding : str, optional
        The text encoding of a CSV file; detected by default.
    sheet : str or int, default 0
        The worksheet of an Excel file.
    header_row : int, optional
        The spreadsheet row number of the header (1 = the first row); found by default.
    date_format : {"ymd", "dmy", "mdy"} or str, optional
        The order of day and month for dates with the year last, or a
        ``strftime`` pattern.
    refunds : {"net", "drop", "refuse"}, default "net"
        Negative amounts (refunds, returns): ``net`` keeps them to be
        subtracted from the customer's purchases (they are not purchases:
        they add to neither frequency nor recency); ``drop`` removes them
        (reported); ``refuse`` makes them an error.
    incomplete : {"error", "drop"}, default "error"
        Rows missing the customer, date or amount: an error naming them, or dropped and reported.

    Returns
    -------
    OrderExport
        ``table`` (order lines indexed by spreadsheet row), ``columns``, ``report``;
        ``export.segment()`` runs :func:`logilab.segment_customers` on it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
    >>> text = "客户编号,下单日期,金额\\n001,05/03/2025,￥100\\n001,28/02/2025,-20\\n 01,01/03/2025,50\\n"
    >>> export = read_orders(path) if path.write_bytes(text.encode("gbk")) else None
    >>> export.table
      客户编号       下单日期     金额
    2  001 2025-03-05  100.0
    3  001 2025-02-28  -20.0
    4   01 2025-03-01   50.0
    >>> export.columns
    {'customer': '客户编号', 'date': '下单日期', 'amount': '金额', 'order': None}
    """
    check_choice(refunds, "refunds", REFUND_POLICIES)
    check_choice(incomplete, "incomplete", ["error", "drop"])
    path = Path(path)
    report = CleaningReport()
    cells, used, header_row = _read_cells(path, encoding=encoding, sheet=sheet, header_row=header_row, report=report)
    cells = _check_header(cells, header_row, report)
    roles = detect_columns(cells.iloc[:0], customer=customer, date=date, amount=amount, order=order)
    ids = [c for c in (roles["customer"], roles["order"]) if c]
    amount_column, date_column = roles["amount"], roles["date"]
    # the distinct texts of the amount and date columns, found while tidying, are read here rather than found again
    skipped: dict[str, _Distinct | None] = {}
    table = _tidy(cells, report, ids=ids, skip=[date_column, amount_column], skipped=skipped)
    del cells  # the cells as read: the identifier columns are now in the table, their text is no longer needed
    if table.empty:
        raise LogilabInputError(
            f"file: expected at least one data row, found only the header in {path.name}. Export the data again.",
            reason="no_data_rows",
            file=path.name,
        )
    parsed = _parse_amounts(table[amount_column], skipped.get(amount_column))
    if parsed.unreadable.any():
        bad = parsed.unreadable
        raise _unreadable_amounts(amount_column, table.loc[bad, amount_column].iloc[0], list(table.index[bad]), int(bad.sum()))
    if parsed.rewritten.any():
        rows = list(table.index[parsed.rewritten])
        report.add(
            "amounts",
            column=amount_column,
            count=int(parsed.rewritten.sum()),
            rows=rows[:2],
            detail=repr(table.loc[rows[0], amount_column]),
        )
    table[amount_column] = parsed.values
    date_texts = skipped.get(date_column)
    dates_present = pd.Series(~_empty(table[date_column], date_texts), index=table.index)
    missing = table[roles["customer"]].isna() | ~dates_present | table[amount_column].isna()
    if missing.any():
        if incomplete == "error":
            raise _incomplete_rows(list(table.index[missing]), int(missing.sum()))
        report.add("incomplete", count=int(missing.sum()), rows=list(table.index[missing]))
        table = table[~missing]
        date_texts = None if date_texts is None else date_texts.take(~missing.to_numpy())
    if date_texts is None:
        dates = parse_dates(table[date_column], column=date_column, name="file", date_format=date_format)
    else:
        dates = _parse_distinct_dates(
            table[date_column], date_texts.codes, date_texts.uniques, column=date_column, name="file", date_format=date_format
        )
    if dates.order in ("dmy", "mdy") or date_format:
        report.add("date_order", column=date_column, detail=dates.reason)
    table[date_column] = dates.values
    negative = table[amount_column] < 0
    if negative.any():
        total = f"{table.loc[negative, amount_column].sum():,.2f}"
        if refunds == "refuse":
            raise _refunds_refused(amount_column, list(table.index[negative]), int(negative.sum()))
        if refunds == "drop":
            report.add("refunds_drop", count=int(negative.sum()), rows=list(table.index[negative]), detail=total)
            table = table[~negative]
        else:
            report.add("refunds_net", count=int(negative.sum()), rows=list(table.index[negative]), detail=total)
    report.add("frequency_orders" if roles["order"] else "frequency_days", column=roles["order"])
    return OrderExport(table=table, report=report, source=path.name, encoding=used, header_row=header_row, columns=roles, refunds=refunds)


# --- writing ------------------------------------------------------------------------


# a text cell starting with one of these is run as a formula by Excel, WPS and LibreOffice
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER_TEXT.match(value):
        return "'" + value
    return value


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` safe to open in a spreadsheet: text that would run as a formula is prefixed with ``'``.

    Text cells (and column names) that begin with ``=``, ``+``, ``-``, ``@``, a
    tab or a carriage return get a leading apostrophe, as the OWASP advice on
    CSV injection recommends, so ``=HYPERLINK(...)`` in a customer ID is shown,
    not run. Numbers stay numbers, and so does text that is a plain number
    (``-12.5``).

    Parameters
    ----------
    table : DataFrame
        Any table; never modified.

    Returns
    -------
    DataFrame
        A copy with the risky text cells and column names prefixed with ``'``.

    References
    ----------
    .. [1] OWASP Foundation. *CSV Injection*. https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> neutralise_formulas(pd.DataFrame({"客户": ["=1+1", "+86 10", "C1", "-5"], "金额": [-3.0, 1.0, 2.0, 4.0]}))
           客户   金额
    0   '=1+1 -3.0
    1  '+86 10  1.0
    2      C1  2.0
    3      -5  4.0
    """
    safe = table.rename(columns=_neutralise)
    for column in safe.columns:
        values = safe[column]
        if not _textual(values):
            continue
        # a column of pandas' string dtype with no cell starting like a formula is left as it is (mapping it would give
        # the same column back), found in one pass in Arrow; any other text column is looked at cell by cell
        if isinstance(values.dtype, pd.StringDtype) and not values.str.startswith(_FORMULA_START).any():
            continue
        safe[column] = values.map(_neutralise)
    return safe


def escape_html(value: Any) -> str:
    """Text from a user's data as HTML text: ``<``, ``>``, ``&`` and quotes escaped (the one helper for pages and widgets).

    Parameters
    ----------
    value : object
        Any value; it is turned into text with :class:`str` first.

    Returns
    -------
    str
        The text with ``&``, ``<``, ``>``, ``"`` and ``'`` written as HTML entities.

    Examples
    --------
    >>> escape_html("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    return html.escape(str(value), quote=True)


# from this many rows DuckDB writes the CSV when it writes the same bytes (0.3 s instead of pandas' 1.5 s for 500,000 rows)
_DUCKDB_CSV_ROWS = 50_000


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as CSV bytes in UTF-8 with a byte-order mark, so Excel shows Chinese text correctly.

    Text that a spreadsheet would run as a formula is neutralised first (:func:`neutralise_formulas`);
    every CSV the workbook writes goes through here. Tables of 50,000 rows or more are written by
    DuckDB when it gives the same bytes as pandas (text without empty cells, integers, finite
    floats), five times faster.

    Parameters
    ----------
    table : DataFrame
        The table to export (its index is not written).

    Returns
    -------
    bytes
        UTF-8 with a byte-order mark, comma-separated, CRLF line ends and
        fields quoted where needed, as RFC 4180 describes.

    References
    ----------
    .. [1] Shafranovich, Y. (2005). *Common Format and MIME Type for Comma-Separated Values
       (CSV) Files*. RFC 4180, Internet Engineering Task Force. https://www.rfc-editor.org/rfc/rfc4180
    .. [2] OWASP Foundation. *CSV Injection*. https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"客户": ["C1"], "金额": [10.5]}))
    b'\\xef\\xbb\\xbf\\xe5\\xae\\xa2\\xe6\\x88\\xb7,\\xe9\\x87\\x91\\xe9\\xa2\\x9d\\r\\nC1,10.5\\r\\n'
    """
    safe = neutralise_formulas(table)
    if len(safe) >= _DUCKDB_CSV_ROWS:
        from ._csv_on_duckdb import csv_on_duckdb

        written = csv_on_duckdb(safe)
        if written is not None:
            return codecs.BOM_UTF8 + written
    # RFC 4180 line ends: a carriage return inside a cell is then quoted, not taken for the end of a row
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _check_writable(path: Path, name: str, *, force: bool) -> Path:
    check_path_not_existing(path, name, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise LogilabInputError(f"{name}: expected a path in an existing folder, found no folder {folder}. Create the folder first.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LogilabInputError(f"{name}: expected a folder you may write to, found {folder} read-only. Choose another folder.")
    if path.exists() and not os.access(path, os.W_OK):
        raise LogilabInputError(f"{name}: expected a file you may overwrite, found {path} read-only. Choose another name.")
    return folder


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False, name: str = "out") -> Path:
    """Write ``data`` to ``path`` all at once: readers see the old file or the new one, never half of it.

    The data go to a temporary file in the same folder, which then replaces
    ``path`` (:func:`os.replace` is atomic on one file system). An existing
    ``path`` is refused unless ``force`` is true. Text is written as UTF-8.

    Parameters
    ----------
    path : str or Path
        The file to write, in an existing folder.
    data : bytes or str
        The content (text is encoded as UTF-8).
    force : bool, default False
        Overwrite an existing file.
    name : str, default "out"
        The output's name in error messages (e.g. ``"--html"``).

    Returns
    -------
    Path
        ``path``, written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> write_atomic(target, "第一版").read_text(encoding="utf-8")
    '第一版'
    >>> write_atomic(target, "第二版")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: out: expected a path that does not exist yet, found an existing file ...note.txt. Choose another name or pass --force to overwrite it.
    >>> write_atomic(target, "第二版", force=True).read_text(encoding="utf-8")
    '第二版'
    """
    return write_outputs({name: (path, data)}, force=force)[0]


def _stage(path: Path, folder: Path, payload: bytes) -> str:
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)  # mkstemp makes the file private (0600); give it the usual permissions of a new file
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def write_outputs(outputs: Mapping[str, tuple[str | Path, bytes | str]], *, force: bool = False) -> list[Path]:
    """Write several files all at once or none: every path is checked, every file staged, then all moved into place.

    Parameters
    ----------
    outputs : mapping
        ``{name: (path, data)}``; ``name`` names the output in messages (e.g. ``"--csv"``).
    force : bool, default False
        Overwrite existing files (otherwise an existing file is an error, before anything is written).

    Returns
    -------
    list of Path
        The paths written, in the order of ``outputs``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_outputs({"report": (folder / "a.html", "<p>"), "table": (folder / "a.csv", b"x\\n")})]
    ['a.html', 'a.csv']
    """
    items = [(name, Path(path), data.encode("utf-8") if isinstance(data, str) else bytes(data)) for name, (path, data) in outputs.items()]
    resolved = [p.resolve() for _, p, _ in items]
    if len(set(resolved)) < len(resolved):
        names = [n for n, _, _ in items]
        raise LogilabInputError(f"{names[-1]}: expected a path of its own, found the same file as another output. Choose distinct names.")
    folders = [_check_writable(path, name, force=force) for name, path, _ in items]
    staged: list[str] = []
    backups: list[tuple[Path, str | None]] = []
    try:
        for (_, path, payload), folder in zip(items, folders, strict=True):
            staged.append(_stage(path, folder, payload))
        for (_, path, _), temporary, folder in zip(items, staged, folders, strict=True):
            backup = None
            if path.exists():
                handle, backup = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".old")
                os.close(handle)
                try:
                    os.replace(path, backup)
                except BaseException:
                    Path(backup).unlink(missing_ok=True)
                    raise
            backups.append((path, backup))
            os.replace(temporary, path)
    except BaseException:
        for path, backup in reversed(backups):  # put back what was there before
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
                if backup:
                    os.replace(backup, path)
        for temporary in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for _, backup in backups:
        if backup:
            Path(backup).unlink(missing_ok=True)
    return [path for _, path, _ in items]


# --- input checks of this topic ---------------------------------------------------------


def match_columns(
    df: pd.DataFrame,
    synonyms: Mapping[str, Sequence[str]],
    given: Mapping[str, str | None],
    *,
    required: Iterable[str],
    name: str,
) -> dict[str, str | None]:
    """Find the column for each role: the one given, else the one header among the role's synonyms.

    Headers are compared without case, spaces, ``_``, ``-``, ``.`` and bracketed
    units, so ``Customer ID`` matches ``customer_id`` and ``金额(元)`` matches
    ``金额``. A role with no match is an error when it is required (optional
    roles map to ``None``); a role with several matches is always an error
    naming the candidates, never a silent pick.

    Examples
    --------
    >>> df = pd.DataFrame(columns=["客户编号", "下单日期", "金额(元)"])
    >>> synonyms = {"customer": ["customer_id", "客户编号"], "date": ["order_date", "下单日期"], "amount": ["金额", "销售额"]}
    >>> match_columns(df, synonyms, {}, required=["customer", "date", "amount"], name="file")
    {'customer': '客户编号', 'date': '下单日期', 'amount': '金额(元)'}
    >>> df = pd.DataFrame(columns=["客户编号", "下单日期", "金额", "销售额"])
    >>> match_columns(df, synonyms, {}, required=["customer", "date", "amount"], name="file")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: file: expected one column for amount, found 2 candidates ['金额', '销售额']. Pass amount='<column>' to choose one.
    """
    required = set(required)
    found: dict[str, str | None] = {}
    for role, words in synonyms.items():
        chosen = given.get(role)
        if chosen is not None:
            require_columns(df, {role: chosen}, name)
            found[role] = chosen
            continue
        candidates = synonym_candidates(df.columns, {role: words})[role]
        fix = f"Pass {role}='<column>' to choose one."
        if len(candidates) > 1:
            raise LogilabInputError(
                _message(name, f"one column for {role}", f"{len(candidates)} candidates {candidates}", fix),
                reason="ambiguous_column",
                role=role,
                candidates=[str(c) for c in candidates],
            )
        if not candidates and role in required:
            shown = [str(c) for c in df.columns][:12]
            raise LogilabInputError(
                _message(
                    name,
                    f"a column for {role} (a header such as {list(words)[:4]})",
                    f"none among the columns {shown}",
                    fix.replace("to choose one", "to name it"),
                ),
                reason="missing_column",
                role=role,
            )
        found[role] = candidates[0] if candidates else None
    return found
