"""Reading an analyst's own export: CSV or XLSX, UTF-8 or GBK, Chinese headers.

Spreadsheet exports in China are often saved by Excel as GBK (GB18030), while
newer tools write UTF-8, sometimes with a byte-order mark. ``read_table``
tries the encodings in a fixed order and reports which one it used, so a file
never loads as mojibake without saying so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ._validation import LogilabInputError, check_choice

__all__ = ["ENCODINGS", "detect_encoding", "read_table"]

# Order matters: a file that decodes as UTF-8 is almost surely UTF-8; GB18030 is
# a superset of GBK and GB2312 and decodes nearly any byte string, so it goes last.
ENCODINGS = ("utf-8-sig", "gb18030")

_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


def detect_encoding(raw: bytes) -> str:
    """Name the encoding of a CSV file's bytes: ``"utf-8-sig"`` or ``"gb18030"``.

    ``"utf-8-sig"`` reads plain UTF-8 as well as UTF-8 with a byte-order mark.

    Examples
    --------
    >>> detect_encoding("客户编号,金额\\n".encode("utf-8"))
    'utf-8-sig'
    >>> detect_encoding("客户编号,金额\\n".encode("gbk"))
    'gb18030'
    >>> detect_encoding(b"\\xff\\xfe\\x00")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: file: expected text in UTF-8 or GBK/GB18030, found bytes that decode as neither. Save the file as CSV UTF-8 from Excel, or pass encoding='...' explicitly.
    """
    for encoding in ENCODINGS:
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise LogilabInputError(
        "file: expected text in UTF-8 or GBK/GB18030, found bytes that decode as neither. "
        "Save the file as CSV UTF-8 from Excel, or pass encoding='...' explicitly."
    )


def read_table(path: str | Path, *, encoding: str | None = None, sheet: str | int = 0, **read_options: Any) -> pd.DataFrame:
    """Read a CSV or Excel file into a DataFrame, detecting the text encoding.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` / ``.txt`` file, or an ``.xlsx`` workbook.
    encoding : str, optional
        Force an encoding for CSV files; by default it is detected
        (UTF-8, UTF-8 with BOM, then GB18030 which covers GBK).
    sheet : str or int, default 0
        The worksheet of an Excel file.
    **read_options
        Passed on to :func:`pandas.read_csv` or :func:`pandas.read_excel`.

    Returns
    -------
    DataFrame
        The table; ``df.attrs["encoding"]`` records the encoding used for a CSV.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
    >>> _ = path.write_bytes("客户编号,金额\\nC1,100\\n".encode("gbk"))
    >>> df = read_table(path)
    >>> list(df.columns), df.attrs["encoding"]
    (['客户编号', '金额'], 'gb18030')
    """
    path = Path(path)
    if not path.exists():
        raise LogilabInputError(f"path: expected an existing file, found nothing at {path}. Check the file name and folder.")
    if path.stat().st_size == 0:
        raise LogilabInputError(f"path: expected a file with a header row, found an empty file {path.name}. Export the data again.")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise LogilabInputError(
            f"path: expected a .csv or .xlsx file, found the old Excel format .xls ({path.name}). "
            "Open it in Excel or WPS and save it as .xlsx or as CSV UTF-8."
        )
    if suffix in _EXCEL_SUFFIXES:
        table = pd.read_excel(path, sheet_name=sheet, **read_options)
    else:
        check_choice(suffix, "path suffix", [".csv", ".txt", ".tsv", *_EXCEL_SUFFIXES])
        raw = path.read_bytes()
        used = encoding or detect_encoding(raw)
        if suffix == ".tsv":
            read_options.setdefault("sep", "\t")
        try:
            table = pd.read_csv(path, encoding=used, **read_options)
        except pd.errors.EmptyDataError:
            raise LogilabInputError(
                f"path: expected a file with a header row, found no columns in {path.name}. Export the data again."
            ) from None
        table.attrs["encoding"] = used
    if len(table.columns) == 0:
        raise LogilabInputError(f"path: expected a table with columns, found none in {path.name}. Export the data again.")
    table.columns = [str(c).strip() for c in table.columns]
    return table
