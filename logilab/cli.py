"""The command line: ``logilab segment FILE --out report.html [--csv segments.csv]`` for analysts,
``logilab grade SUBMISSIONS --out grades.csv`` for instructors (see :mod:`logilab.grading`).

Reads an order export through :func:`logilab.read_orders` (CSV in UTF-8,
UTF-8 with BOM or GBK/GB18030, or XLSX; title rows, total rows, ``¥`` amounts
and refunds handled and reported), finds the customer, date, amount and order
columns (Chinese or English headers, or named with ``--customer`` etc.),
segments the customers (RFM, the eight RFM classes, ABC, k-means) and writes a
self-contained HTML report and, optionally, the per-customer CSV (UTF-8 with
BOM, so Excel opens it). The cleaning steps and the analysis date are printed.

It never modifies the input, never overwrites an output without ``--force``
and writes each output atomically. Bad input ends with exit code 1 and a
one-line reason on standard error; rows in messages are numbered as in the
spreadsheet (the header is row 1).
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from ._validation import LogilabInputError, LogilabTypeError
from .duckdb_reader import DuckdbOrderExport as _DuckdbExport

__all__ = ["main", "build_parser", "command_line_words"]

EXIT_OK, EXIT_BAD_INPUT = 0, 1

# --engine auto uses DuckDB for Parquet files and for CSV / XLSX files above this size (a CSV file is then read by
# DuckDB too, unless it needs what only the pandas reader does; below it, pandas is as quick to start)
AUTO_DUCKDB_MB = 20

_STEP_NAMES = {
    "rfm": "RFM (recency, frequency, monetary)",
    "scores": "R/F/M scores",
    "segments": "eight RFM segments",
    "abc": "ABC classification",
    "kmeans": "k-means clustering",
}


class Progress:
    """Prints ``[step] what ... done (0.4 s)`` lines on standard error (nothing when quiet)."""

    def __init__(self, stream: TextIO, *, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self._started: float | None = None

    def step(self, text: str) -> None:
        self.done()
        self._started = time.perf_counter()
        if not self.quiet:
            self.stream.write(f"logilab: {text} ...")
            self.stream.flush()

    def fail(self) -> None:
        if self._started is not None and not self.quiet:
            self.stream.write(" failed\n")
        self._started = None

    def done(self) -> None:
        if self._started is not None and not self.quiet:
            self.stream.write(f" done ({time.perf_counter() - self._started:.1f} s)\n")
            self.stream.flush()
        self._started = None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``logilab`` command.

    Two subcommands: ``segment`` (analysts: an order export in, an HTML
    report and optionally a per-customer CSV out) and ``grade`` (instructors:
    a folder of submitted notebooks in, a gradebook out). Each subcommand
    stores its handler in ``args.handler``.

    Returns
    -------
    argparse.ArgumentParser
        A new parser (``prog="logilab"``); ``logilab segment --help`` lists
        every option.

    Examples
    --------
    >>> args = build_parser().parse_args(["segment", "订单.csv", "--out", "报告.html", "--k", "4"])
    >>> args.command, str(args.file), str(args.out), args.k, args.threshold, args.lang
    ('segment', '订单.csv', '报告.html', 4, 'mean', 'zh')
    >>> args = build_parser().parse_args(["grade", "submissions", "--out", "grades.csv"])
    >>> args.command, args.timeout, args.memory_mb
    ('grade', 300, 2048)
    """
    parser = argparse.ArgumentParser(prog="logilab", description="logilab tools for analysts (物流客户服务 workbook).")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    segment = commands.add_parser(
        "segment",
        help="segment customers from an order export (RFM, 8 RFM classes, ABC, k-means)",
        description="Segment customers from an order export and write an HTML report (and a CSV). "
        "Columns are detected from Chinese or English headers unless named.",
        epilog="Rows in error messages are numbered as in the spreadsheet (the header is row 1). "
        "Example: logilab segment 订单.csv --out 报告.html --csv 客户分级.csv",
    )
    segment.add_argument("file", type=Path, help="orders or order lines: .csv (UTF-8 / UTF-8 with BOM / GBK), .xlsx or .parquet")
    segment.add_argument("--out", type=Path, required=True, help="the HTML report to write")
    segment.add_argument("--csv", type=Path, help="also write the per-customer table (UTF-8 with BOM)")
    segment.add_argument("--customer", metavar="COLUMN", help="customer id column (default: detected, e.g. 客户编号, customer_id)")
    segment.add_argument("--date", metavar="COLUMN", help="order date column (default: detected, e.g. 下单日期, order_date)")
    segment.add_argument("--amount", metavar="COLUMN", help="amount column (default: detected, e.g. 金额, 销售额, revenue)")
    segment.add_argument(
        "--order", metavar="COLUMN", help="order id column; frequency counts distinct orders (default: detected if present)"
    )
    segment.add_argument("--as-of", metavar="DATE", help="analysis date, e.g. 2026-01-01 (default: the day after the last order)")
    segment.add_argument("--k", type=int, metavar="K", help="number of k-means clusters (default: chosen by silhouette among 2..8)")
    segment.add_argument("--no-kmeans", action="store_true", help="skip k-means clustering")
    segment.add_argument("--threshold", choices=["mean", "median"], default="mean", help="high/low split of the 8 RFM classes")
    segment.add_argument("--monetary", choices=["sum", "mean"], default="sum", help="monetary as total or mean per order")
    segment.add_argument("--bins", type=int, default=5, help="number of R/F/M score levels (default 5)")
    segment.add_argument("--sheet", default=0, help="worksheet of an Excel file (name or number, default the first)")
    segment.add_argument("--encoding", help="the CSV encoding, e.g. big5 or shift_jis (default: UTF-8 or GBK, detected)")
    segment.add_argument("--header-row", type=int, metavar="N", help="spreadsheet row of the header (default: found under any title rows)")
    segment.add_argument(
        "--date-format",
        metavar="FORMAT",
        help="order of dates with the year last: dmy (05/03/2025 = 5 March) or mdy, or a pattern such as %%d/%%m/%%Y",
    )
    segment.add_argument(
        "--refunds",
        choices=["net", "drop", "refuse"],
        default="net",
        help="negative amounts: net them against the customer's purchases (default), drop them, or refuse the file",
    )
    segment.add_argument(
        "--incomplete",
        choices=["error", "drop"],
        default="error",
        help="rows missing the customer, date or amount: error (default) or drop",
    )
    segment.add_argument("--allow-future", action="store_true", help="accept dates after today or far after the rest")
    segment.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the report and CSV labels")
    segment.add_argument("--title", help="title of the report")
    segment.add_argument("--seed", type=int, default=0, help="random seed of k-means (default 0)")
    segment.add_argument("--force", action="store_true", help="overwrite existing output files")
    segment.add_argument("--quiet", action="store_true", help="no progress messages")
    segment.add_argument(
        "--engine",
        choices=["auto", "pandas", "duckdb", "polars"],
        default="auto",
        help="where the file is read and the per-customer group-by runs; auto: DuckDB for Parquet and for files over "
        f'{AUTO_DUCKDB_MB} MB, else pandas (polars needs pip install "logilab[scale]"); a CSV file that needs cleaning '
        "only pandas does exactly (blank or total rows, IDs with spaces, missing cells) is read by pandas",
    )
    segment.set_defaults(handler=_segment)
    _add_grade_parser(commands)
    return parser


def _add_grade_parser(commands: argparse._SubParsersAction) -> None:
    """The ``grade`` subcommand (instructors): run the students' notebooks and write a gradebook."""
    grade = commands.add_parser(
        "grade",
        help="grade the students' notebooks: a gradebook CSV and an HTML summary",
        description="Run every submitted notebook (a folder, or one .zip per student) in a fresh kernel with time and "
        "memory limits, and write a gradebook (one row per student, one column per exercise) and an HTML summary. "
        "This runs the students' code: grade in a separate account or container.",
        epilog="Example: logilab grade 作业/ --out grades.csv",
    )
    grade.add_argument("submissions", type=Path, help="folder of submissions: notebooks, folders of notebooks or .zip files")
    grade.add_argument("--out", type=Path, required=True, help="the gradebook CSV to write (UTF-8 with BOM)")
    grade.add_argument("--html", type=Path, help="the HTML summary to write (default: --out with .html)")
    grade.add_argument("--notebooks", metavar="NN", nargs="+", help="notebook numbers whose exercises count (default: those submitted)")
    grade.add_argument("--timeout", type=float, default=300, help="wall-clock seconds per notebook (default 300)")
    grade.add_argument("--memory-mb", type=int, default=2048, help="memory (address space) per kernel in MB (default 2048)")
    grade.add_argument("--file-size-mb", type=int, default=50, help="largest file a notebook may write, in MB (default 50)")
    grade.add_argument("--max-unpacked-mb", type=int, default=200, help="largest unpacked size of one .zip, in MB (default 200)")
    grade.add_argument("--max-files", type=int, default=500, help="most files in one .zip (default 500)")
    grade.add_argument("--force", action="store_true", help="overwrite existing output files")
    grade.add_argument("--quiet", action="store_true", help="no progress messages")
    grade.set_defaults(handler=_grade)


def _grade(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from .grading import GradeLimits, grade_submissions, gradebook_csv_bytes, summary_html
    from .io import _check_writable, write_outputs

    page_path = args.html or args.out.with_suffix(".html")
    for option, path in (("--out", args.out), ("--html", page_path)):
        _check_writable(path, option, force=args.force)
    for option in ("timeout", "memory_mb", "file_size_mb", "max_unpacked_mb", "max_files"):
        if getattr(args, option) <= 0:
            raise LogilabInputError(
                f"--{option.replace('_', '-')}: expected a positive number, found {getattr(args, option)}. Use e.g. the default."
            )
    limits = GradeLimits(
        timeout=args.timeout,
        memory_mb=args.memory_mb,
        file_size_mb=args.file_size_mb,
        max_unpacked_mb=args.max_unpacked_mb,
        max_files=args.max_files,
    )
    report = None if args.quiet else (lambda line: stderr.write(f"logilab grade: {line}\n"))
    book = grade_submissions(args.submissions, limits=limits, notebooks=args.notebooks, progress=report)
    write_outputs({"--out": (args.out, gradebook_csv_bytes(book.table)), "--html": (page_path, summary_html(book))}, force=args.force)
    problems = int((book.table["problems"].str.len() > 0).sum())
    stdout.write(
        f"{len(book.table)} students, {len(book.exercises)} exercises, {problems} with problems; wrote {args.out} and {page_path}\n"
    )
    return EXIT_OK


def _check_outputs(args: argparse.Namespace) -> None:
    """Every output is checked before any computing: not the input, not existing (without --force), writable."""
    from .io import _check_writable

    source = args.file.resolve()
    outputs = [("--out", args.out)] + ([("--csv", args.csv)] if args.csv else [])
    for option, path in outputs:
        if path.resolve() == source:
            raise LogilabInputError(f"{option}: expected a path other than the input file, found {path}. Choose another output name.")
        _check_writable(path, option, force=args.force)
    if args.csv and args.csv.resolve() == args.out.resolve():
        raise LogilabInputError(f"--csv: expected a path other than --out, found {args.csv} for both. Choose two names.")
    if args.k is not None and args.k < 1:
        raise LogilabInputError(f"--k: expected a number of clusters >= 1, found {args.k}. Use e.g. --k 4.")
    if args.header_row is not None and args.header_row < 1:
        raise LogilabInputError(
            f"--header-row: expected a spreadsheet row number (1 or more), found {args.header_row}. Use e.g. --header-row 3."
        )


def _file_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options that say how to read the file, as keyword arguments of the readers."""
    names = ("customer", "date", "amount", "order", "encoding", "header_row", "date_format", "refunds", "incomplete")
    return {name: getattr(args, name) for name in names}


def _read(args: argparse.Namespace) -> Any:
    from .io import read_orders

    sheet = int(args.sheet) if isinstance(args.sheet, str) and args.sheet.isdigit() else args.sheet
    return read_orders(args.file, sheet=sheet, **_file_options(args))


def _require_polars() -> Any:
    from .engines import require_module

    require_module("pyarrow", "--engine polars")  # Polars hands its tables to pandas through Arrow
    return require_module("polars", "--engine polars")


def _engine(args: argparse.Namespace) -> str:
    """The engine that runs the group-by: ``--engine``, or for ``auto`` DuckDB on Parquet and on large files."""
    if args.engine == "polars":
        _require_polars()
    if args.engine != "auto":
        return args.engine
    if args.file.suffix.lower() == ".parquet" or (args.file.is_file() and args.file.stat().st_size > AUTO_DUCKDB_MB * 2**20):
        return "duckdb"
    return "pandas"


class _ParquetExport:
    """A Parquet file opened on an engine: the lazy frame and its columns (the CSV / XLSX reader's OrderExport for Parquet)."""

    def __init__(self, frame: Any, columns: dict[str, str | None], rows: int, refunds: str, connection: Any = None) -> None:
        self.table, self.columns, self.rows, self.refunds = frame, columns, rows, refunds
        self.encoding, self.header_row, self.connection = None, 1, connection

    def segment(self, **options: Any) -> Any:
        from .segmentation import segment_customers

        return segment_customers(self.table, **self.columns, refunds=self.refunds, **_closing_when_counted(self, options))

    def close(self) -> None:
        """Hand back the memory DuckDB's allocator keeps after the group-by (400 MiB at 5M lines) by closing its connection."""
        if self.connection is not None:
            self.connection.close()


def _closing_when_counted(export: Any, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` whose progress report closes ``export`` once the customers are counted, before the per-customer steps."""
    report = options["progress"]

    def progress(step: str) -> None:
        if step == "scores":  # the customers are counted: the lines' memory goes back before the scores, classes and report
            export.close()
        report(step)

    return {**options, "progress": progress}


def _read_parquet(args: argparse.Namespace, engine: str) -> _ParquetExport:
    """Open a Parquet file on the engine itself (the columns found as for CSV; the values checked by the engine path)."""
    import narwhals.stable.v2 as nw

    from .engines import require_module
    from .io import detect_columns

    if not args.file.is_file():
        raise LogilabInputError(f"path: expected an existing file, found nothing at {args.file}. Check the file name and folder.")
    if args.incomplete != "error":
        raise LogilabInputError(
            "--incomplete: expected 'error' for a Parquet file (its typed columns are checked, not cleaned), found "
            f"{args.incomplete!r}. Drop the incomplete rows where the file is made, or export it as CSV."
        )
    connection = None
    if engine == "duckdb":
        connection = require_module("duckdb", "--engine duckdb").connect()
        frame = connection.read_parquet(str(args.file))
    elif engine == "polars":
        frame = require_module("polars", "--engine polars").scan_parquet(args.file)
    else:
        require_module("pyarrow", "--engine pandas on a Parquet file")
        frame = pd.read_parquet(args.file)
    lazy = nw.from_native(frame)
    names = list(lazy.collect_schema())
    columns = detect_columns(pd.DataFrame(columns=names), customer=args.customer, date=args.date, amount=args.amount, order=args.order)
    rows = int(nw.to_native(lazy.lazy().select(nw.len()).collect(backend="pandas")).iloc[0, 0])
    return _ParquetExport(frame, columns, rows, args.refunds, connection)


def _read_on_duckdb(args: argparse.Namespace) -> tuple[Any, str]:
    """A CSV file read by DuckDB with the reader's rules, or by pandas when it needs what only pandas does exactly: (export, why pandas)."""
    from .duckdb_reader import read_orders_on_duckdb
    from .engines import require_module

    require_module("duckdb", "--engine duckdb")
    if args.file.suffix.lower() not in (".csv", ".txt", ".tsv"):
        return _read(args), f"a {args.file.suffix} file"
    export, declined = read_orders_on_duckdb(args.file, **_file_options(args))
    return (export, "") if export is not None else (_read(args), declined)


def _segment_read_on_duckdb(args: argparse.Namespace, export: Any, options: dict[str, Any]) -> Any:
    """Segment an export read by DuckDB; a refused one is read and run again by pandas, whose message names the spreadsheet rows."""
    try:
        return export.segment(**_closing_when_counted(export, options))
    except LogilabInputError:
        _read(args).segment(engine="duckdb", **options)
        raise
    finally:
        export.close()


def _segment_on_polars(export: Any, options: dict[str, Any]) -> Any:
    """The reader's cleaned table handed to Polars for the group-by; a refused table is run again on pandas, whose message names the spreadsheet rows."""
    from .segmentation import segment_customers

    frame = _require_polars().from_pandas(export.table)
    try:
        return segment_customers(frame, **export.columns, refunds=export.refunds, cleaning=export.report, **options)
    except LogilabInputError:
        export.segment(**options)
        raise


def _segment(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    progress = Progress(stderr, quiet=args.quiet)
    try:
        return _run_segment(args, progress, stdout, stderr)
    except BaseException:
        progress.fail()
        raise


def _run_segment(args: argparse.Namespace, progress: Progress, stdout: TextIO, stderr: TextIO) -> int:
    from .io import csv_bytes, write_outputs
    from .report import cleaning_lines, segment_export, segmentation_report
    from .segmentation import RFM_SEGMENTS

    _check_outputs(args)
    engine = _engine(args)
    progress.step(f"reading {args.file.name}")
    parquet = args.file.suffix.lower() == ".parquet"
    declined = ""
    if parquet:
        export = _read_parquet(args, engine)
    elif engine == "duckdb":
        export, declined = _read_on_duckdb(args)
    else:
        export = _read(args)
    rows = export.rows if parquet or isinstance(export, _DuckdbExport) else len(export.table)
    progress.done()
    if not args.quiet:
        used = ", ".join(f"{role}={column!r}" for role, column in export.columns.items() if column is not None)
        encoding = f" ({export.encoding})" if export.encoding else ""
        reader = "" if parquet or engine != "duckdb" else f"; read by {'pandas (' + declined + ')' if declined else 'DuckDB'}"
        stderr.write(f"logilab: {rows:,} rows{encoding}; columns {used}; engine {engine}{reader}\n")
    options = {
        "as_of": args.as_of,
        "monetary": args.monetary,
        "bins": args.bins,
        "threshold": args.threshold,
        "clusters": not args.no_kmeans,
        "k": args.k,
        "random_state": args.seed,
        "allow_future": args.allow_future,
        "progress": lambda step: progress.step(_STEP_NAMES[step]),
    }
    if engine == "polars" and not parquet:
        result = _segment_on_polars(export, options)
    elif isinstance(export, _DuckdbExport):
        result = _segment_read_on_duckdb(args, export, options)
    else:
        result = export.segment(engine="duckdb" if engine == "duckdb" and not parquet else None, **options)
    progress.step("writing the report")
    notes = {"file": args.file.name, **({"encoding": export.encoding} if export.encoding else {}), "rows": rows}
    if export.header_row != 1:
        notes["header_row"] = export.header_row
    page = segmentation_report(result, title=args.title, source=args.file.name, notes=notes, lang=args.lang)
    outputs = {"--out": (args.out, page)}
    if args.csv:
        outputs["--csv"] = (args.csv, csv_bytes(segment_export(result, lang=args.lang)))
    write_outputs(outputs, force=args.force)
    progress.done()
    for line in cleaning_lines(result, lang=args.lang):
        stdout.write(f"- {line}\n")
    counts = result.table["segment"].value_counts().reindex(RFM_SEGMENTS.index, fill_value=0)
    names = RFM_SEGMENTS[args.lang]
    stdout.write(f"{len(result.table):,} customers: " + ", ".join(f"{names[c]} {n:,}" for c, n in counts.items() if n) + "\n")
    stdout.write(f"wrote {args.out}" + (f" and {args.csv}" if args.csv else "") + "\n")
    return EXIT_OK


# keyword arguments named in the package's messages, and the options that do the same on the command line
_OPTION_FOR = {
    "customer": "--customer",
    "date": "--date",
    "amount": "--amount",
    "order": "--order",
    "as_of": "--as-of",
    "date_format": "--date-format",
    "encoding": "--encoding",
    "header_row": "--header-row",
    "refunds": "--refunds",
    "incomplete": "--incomplete",
    "k": "--k",
}
_KEYWORD = re.compile(r"(?<![\w.\-])(" + "|".join(_OPTION_FOR) + r"|allow_future|clusters)=('[^']*'|\S+?)(?=[\s,.;)]|$)")


def command_line_words(message: str) -> str:
    """A package message in the command line's words: ``date_format='dmy'`` becomes ``--date-format dmy``.

    The package names the keyword argument that settles a problem; a
    command-line user needs the option, so the ``logilab`` command rewrites
    each one (``allow_future=True`` is ``--allow-future``, ``clusters=False``
    is ``--no-kmeans``, ``customer='<column>'`` is ``--customer COLUMN``).

    Parameters
    ----------
    message : str
        A message of the package (typically an error's text).

    Returns
    -------
    str
        The message with every keyword argument the command line knows replaced
        by its option; other text is unchanged.

    Examples
    --------
    >>> command_line_words("Pass date_format='dmy' (day first), or accept them with allow_future=True.")
    'Pass --date-format dmy (day first), or accept them with --allow-future.'
    >>> command_line_words("Pass amount='<column>' to choose one.")
    'Pass --amount COLUMN to choose one.'
    """

    def option(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2).strip("'")
        if name == "allow_future":
            return "--allow-future"
        if name == "clusters":
            return "--no-kmeans" if value == "False" else match.group(0)
        value = "COLUMN" if value == "<column>" else value
        return f"{_OPTION_FOR[name]} {shlex.quote(value) if value != 'COLUMN' else value}"

    return _KEYWORD.sub(option, message)


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; return the exit code (0 = success, 1 = bad input, 2 = bad arguments).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after ``logilab`` (default: ``sys.argv[1:]``).
    stdout, stderr : text stream, optional
        Where results and progress / error messages go (default: the process's
        standard output and standard error).

    Returns
    -------
    int
        The exit code: 0 success, 1 bad input (the message, in command-line
        words, is written to ``stderr``), 2 bad arguments (argparse's usage
        message).

    Examples
    --------
    >>> main(["segment", "no-such-file.csv", "--out", "r.html", "--quiet"], stderr=sys.stdout)
    logilab segment: error: path: expected an existing file, found nothing at no-such-file.csv. Check the file name and folder.
    1
    >>> main(["segment"], stderr=sys.stdout)  # argparse writes its usage message to the real standard error
    2
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its usage message
        return int(exit_.code or 0)
    try:
        return args.handler(args, stdout, stderr)
    except (LogilabInputError, LogilabTypeError, pd.errors.ParserError, zipfile.BadZipFile, OSError, ValueError, ImportError) as error:
        reason = command_line_words(" ".join(str(error).split())) or type(error).__name__
        stderr.write(f"logilab {args.command}: error: {reason}\n")
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
