"""The order export read by DuckDB (logilab/duckdb_reader.py): the pandas reader's result, or a reason to leave the file to it.

Every file of the export corpus (tests/data/exports/) is read both ways, in its own encoding and converted to UTF-8:
either the DuckDB reader declines it, or both give the same cleaning report and the same customers. A file written
here, with a hand-worked answer, checks the numbers themselves; each pathology the DuckDB reader leaves to pandas is
checked to be declined, with its reason.
"""

from __future__ import annotations

import csv
import io
import shlex
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab.cli import main
from logilab.duckdb_reader import DuckdbOrderExport, read_orders_on_duckdb
from logilab.io import detect_encoding

pytest.importorskip("duckdb")

EXPORTS = Path(__file__).resolve().parent / "data" / "exports"
CASES = [case for case in csv.DictReader((EXPORTS / "expected.csv").open(encoding="utf-8")) if case["file"].endswith(".csv")]
IDS = [f"{case['file']} {case['options']}".strip() for case in CASES]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_exports import _library_options  # noqa: E402  (the command-line options as keyword arguments)


def _both(path: Path, read: dict, segment: dict) -> tuple:
    """(pandas export, its result or error text), (DuckDB export or reason, its result or error text)."""

    def run(make):
        try:
            export = make()
        except ll.LogilabInputError as error:
            return ("error", str(error)), None
        if isinstance(export, tuple):
            export, why = export
            if export is None:
                return ("declined", why), None
        try:
            return export, export.segment(**segment)
        except ll.LogilabInputError as error:
            return export, ("error", str(error))

    return run(lambda: ll.read_orders(path, **read)), run(lambda: read_orders_on_duckdb(path, **read))


def _same_customers(a, b) -> None:
    assert a.table.index.tolist() == b.table.index.tolist()
    for column in ("recency", "frequency", "segment"):
        assert a.table[column].tolist() == b.table[column].tolist(), column
    np.testing.assert_allclose(a.table["monetary"], b.table["monetary"], rtol=1e-12)
    assert a.cleaning.lines("en") == b.cleaning.lines("en")
    assert a.parameters.get("as_of") == b.parameters.get("as_of")


def _compare(path: Path, case: dict, *, only_refused: bool = False) -> bool:
    """Check the two readers agree on ``path``; return whether the DuckDB reader read it.

    ``only_refused``: the file may be declined only when the pandas reader refuses it (with a message naming rows).
    """
    read, segment = _library_options(case["options"])
    (pandas_export, pandas_result), (duckdb_export, duckdb_result) = _both(path, read, segment)
    if isinstance(duckdb_export, tuple):
        kind, text = duckdb_export
        if kind == "error":  # raised before the cells are read: the same error as the pandas reader's
            assert pandas_export == ("error", text)
        else:
            assert text, "a declined file names the reason"
            if only_refused:
                assert isinstance(pandas_export, tuple) or isinstance(pandas_result, tuple), (path.name, text)
        return False
    assert isinstance(duckdb_export, DuckdbOrderExport)
    assert not isinstance(pandas_export, tuple), "the DuckDB reader must not read a file the pandas reader refuses"
    assert pandas_export.report.lines("en") == duckdb_export.report.lines("en")
    assert len(pandas_export.table) == duckdb_export.rows
    if isinstance(
        pandas_result, tuple
    ):  # refused by segment_customers: refused on DuckDB too (the command line then asks pandas for the rows)
        assert isinstance(duckdb_result, tuple)
        assert duckdb_result[1].split(" found ")[0] == pandas_result[1].split(" found ")[0]
        return True
    _same_customers(pandas_result, duckdb_result)
    return True


@pytest.fixture(scope="module")
def utf8_corpus(tmp_path_factory):
    """Each CSV file of the corpus converted to UTF-8 (most are GBK), so the cleaning rules are tried on DuckDB's own encoding."""
    folder = tmp_path_factory.mktemp("utf8")
    files = {}
    for case in CASES:
        source = EXPORTS / case["file"]
        read, _ = _library_options(case["options"])
        try:
            text = source.read_bytes().decode(read.get("encoding") or detect_encoding(source.read_bytes()))
        except (ll.LogilabInputError, UnicodeDecodeError, LookupError):
            continue  # an encoding the reader refuses: checked as is by test_corpus_as_exported
        (folder / case["file"]).write_text(text, encoding="utf-8")
        files[case["file"]] = folder / case["file"]
    return files


def test_corpus_as_exported():
    """Every export of the corpus is read by DuckDB, or declined where the pandas reader refuses it."""
    read = [_compare(EXPORTS / case["file"], case, only_refused=True) for case in CASES]
    # 26 of the 40 cases; GBK files are converted to UTF-8; blank, total and spaced-identifier files read as well
    assert sum(read) >= 26


def test_corpus_in_utf8(utf8_corpus):
    read = []
    for case in CASES:
        if case["file"] in utf8_corpus:
            words = shlex.split(case["options"])
            kept = [w for i, w in enumerate(words) if w != "--encoding" and (i == 0 or words[i - 1] != "--encoding")]
            options = {**case, "options": shlex.join(kept)}
            read.append(_compare(utf8_corpus[case["file"]], options, only_refused=True))
    assert sum(read) >= 20


def test_the_readers_errors_on_cells_are_raised_with_its_message(tmp_path):
    """Rows missing a cell, amounts that cannot be read, refunds refused: the pandas reader's error, message and details (the
    Chinese message is built from them), found in DuckDB rather than by reading the file again with pandas.
    By hand: rows 2-3 are good; row 4 misses its date, row 5 has an amount of spaces, row 6 misses its customer; in the
    last file rows 4 and 5 are refunds."""
    header = "客户编号,订单号,下单日期,金额,备注\n"
    good = "C1,o1,2025-03-01,100,a\nC2,o2,2025-03-02,50,b\n"
    path = tmp_path / "orders.csv"
    cases = {
        header + good + "C3,o3,,10,c\nC4,o4,2025-03-03,  ,d\n,o5,2025-03-04,5,e\n": ("incomplete_rows", [4, 5, 6]),
        header + good + 'C3,o3,2025-03-03,"1.234,5",c\nC4,o4,2025-03-04,inf,d\nC5,o5,,x,e\n': ("not_numeric", [4, 5, 6]),
        header + good * 4 + "".join(f"C9,o{i},,10,c\n" for i in range(7)): ("incomplete_rows", [10, 11, 12, 13, 14]),
        header + good + "C3,o3,2025-03-03,-10,c\nC3,o4,2025-03-04,-5,d\n": ("refunds_refused", [4, 5]),
    }
    for text, (reason, rows) in cases.items():
        path.write_text(text, encoding="utf-8")
        options = {"refunds": "refuse"} if reason == "refunds_refused" else {}
        with pytest.raises(ll.LogilabInputError) as pandas:
            ll.read_orders(path, **options)
        with pytest.raises(ll.LogilabInputError) as duckdb:
            read_orders_on_duckdb(path, **options)
        assert duckdb.value.reason == reason and duckdb.value.details["rows"] == rows
        assert str(duckdb.value) == str(pandas.value) and duckdb.value.details == pandas.value.details
        if duckdb.value.details["count"] == 7:  # more rows than the message shows: counted in DuckDB
            assert "7 rows, first [10, 11, 12, 13, 14]" in str(duckdb.value)


def test_declines_name_the_reason_for_each_pathology(tmp_path):
    header = "客户编号,订单号,下单日期,金额,备注\n"
    good = "C1,o1,2025-03-01,100,a\nC2,o2,2025-03-02,50,b\n"
    files = {
        # an empty line in a file whose lines end in a carriage return alone
        "blank rows": (header + good + '\nC3,o3,2025-03-03,"10",c\n').replace("\n", "\r"),
        "rows without an order number": header + good + "C3,,2025-03-03,10,c\n",
        "dates that cannot be read": [header + good + "C3,o3,03/04/2025,10,c\n", header + good + "C3,o3,2025-02-30,10,c\n"],
    }
    for reason, texts in files.items():
        for text in [texts] if isinstance(texts, str) else texts:
            path = tmp_path / "orders.csv"
            path.write_text(text, encoding="utf-8")
            options = {"refunds": "refuse"} if "refuse" in reason else {}
            export, why = read_orders_on_duckdb(path, **options)
            assert export is None and why == reason, (text, why)
    path = tmp_path / "orders.csv"
    # plain ASCII in the first block, GBK later: the pandas reader decides (it reads such a file as GB18030)
    path.write_bytes((header + good * 20_000).encode("utf-8") + "C3,o3,2025-03-03,10,备注\n".encode("gbk"))
    assert read_orders_on_duckdb(path)[1].startswith("a row DuckDB cannot read")
    path.write_text(header + good + "C3,o3,2025-03-03,10,c,extra\n", encoding="utf-8")
    assert read_orders_on_duckdb(path)[1].startswith("a row DuckDB cannot read")
    # a quoted cell holding a line break: DuckDB does not read it with the reader's options, so wherever it reads a
    # file, lines are rows and the empty lines' spreadsheet rows are counted right
    path.write_text(header + good + 'C3,o3,2025-03-03,10,"two\n\nlines"\n', encoding="utf-8")
    assert read_orders_on_duckdb(path)[1].startswith("a row DuckDB cannot read")
    assert len(ll.read_orders(path).table) == 3
    with pytest.raises(ll.LogilabInputError, match="expected an existing file"):
        read_orders_on_duckdb(tmp_path / "missing.csv")


def test_blank_and_total_rows_dropped_with_their_spreadsheet_rows(tmp_path):
    """Worked by hand. Spreadsheet rows: 1 header; 2 C1; 3 empty line (DuckDB skips it, so every row id below is
    one short); 4 C2; 5 ",,,," (cells all empty); 6 "  ,,,, " (spaces only); 7 小计（元） in the remarks; 8 C3 whose
    customer name holds a total word but is not a total label (kept); 9 empty line; 10 合计 in the customer column;
    11 Total in the order column. Kept: rows 2, 4, 8; customers C1 (100), C2 (50), 合计物流公司 (10)."""
    text = (
        "客户编号,订单号,下单日期,金额,备注\n"
        "C1,o1,2025-03-01,100,a\n"
        "\n"
        "C2,o2,2025-03-02,50,b\n"
        ",,,,\n"
        "  ,,,, \n"
        "C2,o9,2025-03-02,50,小计（元）\n"
        "合计物流公司,o3,2025-03-03,10,c\n"
        "\n"
        "合计,,,160,\n"
        "C9,Total,2025-03-04,160,\n"
    )
    path = tmp_path / "orders.csv"
    path.write_text(text, encoding="utf-8")
    export, why = read_orders_on_duckdb(path)
    assert why == ""
    lines = export.report.lines("en")
    assert lines[1] == "dropped 4 blank row(s) (rows 3, 5, 6, 9)"
    assert lines[2] == "dropped 3 total/subtotal row(s) (rows 7, 10, 11: 合计、Total、小计（元）)"
    assert lines == ll.read_orders(path).report.lines("en")
    assert export.rows == 3
    table = export.segment(clusters=False).table
    assert table["monetary"].to_dict() == {"C1": 100.0, "C2": 50.0, "合计物流公司": 10.0}


SPACED = ([" ", "\u3000", "\t"], ["", " ", "\u00a0"])  # spaces before and after an identifier


@pytest.mark.parametrize("seed", range(12))
def test_random_messy_exports_agree_with_the_pandas_reader(tmp_path, seed):
    """Files with empty lines, rows of empty cells, total rows in any column, spaces around identifiers, refunds, ¥
    amounts, columns not used that need cleaning, a column with no header and no data (and, every other
    file, rows missing a cell, dropped with incomplete="drop"), made at random: the DuckDB reader gives the pandas
    reader's report (with its spreadsheet rows), line count and customers."""
    rng = np.random.default_rng(seed)
    drop = seed % 2 == 1
    kinds = ["line"] * 6 + ["empty", "cells", "spaces", "total_id", "total_note", "total_date", "word_id", "spaced_id", "spaced_order"]
    rows = ["客户编号,订单号,下单日期,金额,备注,运费,商品编号"]
    fees, codes = ["5", "¥5", " 6", "7元", "８"], [" 007", "008", "  ", "A1 ", "B2"]  # columns not used: amounts, codes
    for i in range(rng.integers(20, 60)):
        kind = rng.choice(kinds + (["no_date", "no_amount", "spaced_amount", "no_customer", "spaces_id"] if drop else []))
        customer, day = f"C{rng.integers(0, 8):02d}", f"2025-03-{rng.integers(1, 29):02d}"
        amount = rng.choice([f"{rng.integers(1, 500)}", f"-{rng.integers(1, 50)}", f"¥{rng.integers(1, 9999)}.50"])
        rows.append(
            {
                "line": f"{customer},o{i},{day},{amount},{rng.choice(['x', ' x', 'y ', 'x'])}",
                "empty": "",
                "cells": ",,,,",
                "spaces": " ,\u3000,, ,",
                "total_id": f"{rng.choice(['合计', '总计', 'Total', ' Grand Total '])},,,{rng.integers(100, 900)},",
                "total_note": f"{customer},o{i},{day},{amount},{rng.choice(['小计', '本页合计：', '汇总（元）'])}",
                "total_date": f",,{rng.choice(['合计', '总计'])},{rng.integers(100, 900)},",
                "word_id": f"合计物流{rng.integers(0, 3)},o{i},{day},{amount},x",
                "no_date": f"{customer},o{i},,{amount},x",
                "no_amount": f"{customer},o{i},{day},,x",
                "spaced_amount": f"{customer},o{i},{day}, ,x",
                "no_customer": f",o{i},{day},{amount},x",
                "spaced_id": f"{rng.choice(SPACED[0])}{customer}{rng.choice(SPACED[1])},o{i},{day},{amount},x",
                "spaced_order": f"{customer}, o{i % 7} ,{day},{amount},x",
                "spaces_id": f"  ,o{i},{day},{amount},x",
            }[kind]
            + ("" if kind == "empty" else ",," if kind in ("cells", "spaces") else f",{rng.choice(fees)},{rng.choice(codes)}")
        )
    rows.append("C99,o999,2025-03-30,1,x,5,B2")
    if rng.random() < 0.5:  # a separator at the end of every line: a column with no header and no data, dropped
        rows = [row + "," if row else row for row in rows]
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")  # no quoted cells: empty lines are rows
    case = {"file": path.name, "options": "--incomplete drop" if drop else ""}
    assert _compare(path, case), read_orders_on_duckdb(path, incomplete="drop" if drop else "error")[1]


def test_columns_not_used_are_tidied_and_counted_over_their_rows(tmp_path):
    """Worked by hand. 备注: " a" (rows 2, 4), "b " (row 3) and a cell of spaces (row 5) lose their spaces: 4 cells.
    运费 reads as amounts: "¥5" (rows 2, 4) and " 7元" (row 5, trimmed first) are rewritten, 3 cells, the first two rows
    named, "¥5" shown. 商品编号 is an identifier-like header: " 007" (rows 2, 4) trimmed; spaces only (row 3) become
    missing and are not counted as trimmed."""
    path = tmp_path / "orders.csv"
    path.write_text(
        "客户编号,订单号,下单日期,金额,备注,运费,商品编号\n"
        "C1,o1,2025-03-01,100, a,¥5, 007\n"
        "C2,o2,2025-03-02,50,b ,6,  \n"
        "C3,o3,2025-03-03,10, a,¥5, 007\n"
        "C4,o4,2025-03-04,10,  , 7元,A1\n",
        encoding="utf-8",
    )
    export, why = read_orders_on_duckdb(path)
    assert why == ""
    assert export.report.lines("en")[1:5] == [
        "trimmed spaces around 4 value(s) in 备注 (rows 2, 3, 4, 5)",
        "trimmed spaces around 1 value(s) in 运费 (rows 5)",
        "parsed 3 amount(s) in 运费 written with ¥, 元 or separators (e.g. rows 2, 4 …: '¥5')",
        "trimmed spaces around 2 value(s) in 商品编号 (rows 2, 4)",
    ]
    assert export.report.lines("en") == ll.read_orders(path).report.lines("en")


def test_columns_with_many_distinct_texts_are_tidied_in_sql(tmp_path, monkeypatch):
    """Beyond MAX_DISTINCT distinct texts (3 here, 200,000 in use), a column not used is tidied in SQL when only its
    spaces can change: 收货地址 has texts that are no amounts and a header that is no date's. By hand: " 北京" (row 2),
    "上海 " (row 4) and a cell of spaces (row 5) are trimmed, 3 cells. A column that may read as amounts (运费), or
    whose header is a date's (发货日期), is declined."""
    from logilab import duckdb_reader

    monkeypatch.setattr(duckdb_reader, "MAX_DISTINCT", 3)
    head = "客户编号,订单号,下单日期,金额,"
    rows = ["C1,o1,2025-03-01,100,", "C2,o2,2025-03-01,50,", "C1,o3,2025-03-01,10,", "C3,o4,2025-03-01,10,"]
    path = tmp_path / "orders.csv"
    path.write_text(
        "\n".join([head + "收货地址", *(r + a for r, a in zip(rows, [" 北京", "广州", "上海 ", "  "]))]) + "\n", encoding="utf-8"
    )
    export, why = read_orders_on_duckdb(path)
    assert why == ""
    assert export.report.lines("en")[1] == "trimmed spaces around 3 value(s) in 收货地址 (rows 2, 4, 5)"
    assert export.report.lines("en") == ll.read_orders(path).report.lines("en")
    for column, values in (("运费", ["5", "¥6", "7", "8"]), ("发货日期", ["a", "b", "c", "d"])):
        path.write_text("\n".join([head + column, *(r + v for r, v in zip(rows, values))]) + "\n", encoding="utf-8")
        assert read_orders_on_duckdb(path) == (None, "more than 3 distinct values in a column")


def test_a_messy_file_worked_by_hand(tmp_path):
    """Title row, GBK, amounts with ¥ and separators, day-first dates, a refund, a column not used: every value worked out here.

    C1: orders o1 (2025-03-05, 1,234.50 + 100 on two lines) and o2 (2025-02-28, -20 refund): frequency 1, monetary
    1234.5 + 100 - 20 = 1314.5, last purchase 2025-03-05. C2: o3 (2025-03-01, 50) and o4 (2025-03-06, ¥8): frequency 2,
    monetary 58, last 2025-03-06. The as-of date is the day after the last date, 2025-03-07: recency C1 2, C2 1.
    """
    text = (
        "2025年3月订单\n"
        "客户编号,订单号,下单日期,金额,仓库\n"
        '001,o1,05/03/2025,"￥1,234.50",WH-1\n'
        "001,o1,05/03/2025,100,WH-1\n"
        "001,o2,28/02/2025,-20,WH-2\n"
        "C2,o3,01/03/2025,50,WH-1\n"
        "C2,o4,06/03/2025,¥8,WH-2\n"
    )
    path = tmp_path / "orders.csv"
    path.write_bytes(text.encode("gb18030"))
    export, why = read_orders_on_duckdb(path)
    assert why == "" and export.rows == 5 and export.header_row == 2
    assert export.report.lines("en") == [
        "read as GBK/GB18030",
        "skipped 1 title row(s) above the header (rows 1)",
        "parsed 2 amount(s) in 金额 written with ¥, 元 or separators (e.g. rows 3, 7: '￥1,234.50')",
        "dates in 下单日期 read as day/month/year: row 5 '28/02/2025' fits no other order",
        "1 refund line(s) (negative amounts, total -20.00) netted against the customer's purchases; they count for neither frequency nor recency",
        "frequency counts distinct orders (订单号)",
    ]
    rfm = ll.rfm_table(export.table, customer="客户编号", date="下单日期", amount="金额", order="订单号")
    assert rfm.table.index.tolist() == ["001", "C2"]
    assert rfm.table["frequency"].tolist() == [1, 2]
    assert rfm.table["monetary"].tolist() == [1314.5, 58.0]
    assert rfm.table["recency"].tolist() == [2, 1]
    assert export.report.lines("en") == ll.read_orders(path).report.lines("en")


def test_refunds_dropped_as_the_pandas_reader_drops_them(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("客户,日期,金额\nA,2025-01-02,10\nA,2025-01-03,-4\nB,2025-01-04,7\nB,2025-01-05,-1\n", encoding="utf-8")
    export, _ = read_orders_on_duckdb(path, refunds="drop")
    assert export.rows == 2  # the two refund lines dropped
    assert export.report.lines("en") == ll.read_orders(path, refunds="drop").report.lines("en")
    assert "dropped 2 refund line(s)" in export.report.lines("en")[-2]
    result = export.segment(clusters=False)
    assert result.table["monetary"].tolist() == [10.0, 7.0]  # purchases only: 10 for A, 7 for B


def test_numbers_duckdb_reads_beyond_the_readers_rules_take_the_readers_rules(tmp_path):
    """DuckDB's cast reads 1_000, inf and nan as numbers; the pandas reader refuses them, and so does the DuckDB reader,
    with the pandas reader's message and details."""
    path = tmp_path / "orders.csv"
    for odd in ("1_000", "inf", "nan"):
        path.write_text(f"客户,日期,金额\nA,2025-01-02,{odd}\nB,2025-01-03,5\n", encoding="utf-8")
        with pytest.raises(ll.LogilabInputError, match="金额") as pandas:
            ll.read_orders(path)
        with pytest.raises(ll.LogilabInputError) as duckdb:
            read_orders_on_duckdb(path)
        assert str(duckdb.value) == str(pandas.value) and duckdb.value.details == pandas.value.details


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_command_line_gives_the_same_files_on_duckdb(tmp_path):
    source = EXPORTS / "07_currency_amounts.csv"
    written = {}
    for engine in ("pandas", "duckdb"):
        (tmp_path / engine).mkdir()
        out, table = tmp_path / engine / "r.html", tmp_path / engine / "r.csv"
        code, stdout, stderr = _run(["segment", str(source), "--out", str(out), "--csv", str(table), "--no-kmeans", "--engine", engine])
        assert code == 0, stderr
        written[engine] = (table.read_bytes(), stdout.replace(str(tmp_path / engine), ""))
        if engine == "duckdb":
            assert "engine duckdb; read by DuckDB" in stderr
    assert written["pandas"] == written["duckdb"], "the same per-customer CSV and the same printed cleaning steps"


def test_command_line_leaves_a_declined_file_to_pandas_and_says_why(tmp_path):
    source = tmp_path / "orders.csv"  # a quoted cell holding a line break, which DuckDB does not read
    source.write_text(
        '客户编号,下单日期,金额,备注\nC1,2025-03-01,"1,000","two\nlines"\n\nC2,2025-03-02,50,\nC3,2025-03-05,70,\n', encoding="utf-8"
    )
    written = {}
    for engine in ("pandas", "duckdb"):
        table = tmp_path / f"{engine}.csv"
        code, stdout, stderr = _run(
            ["segment", str(source), "--out", str(tmp_path / "r.html"), "--csv", str(table), "--no-kmeans", "--force", "--engine", engine]
        )
        assert code == 0, stderr
        written[engine] = (table.read_bytes(), stdout.replace(str(table), "TABLE"))
    assert "read by pandas (a row DuckDB cannot read" in stderr
    assert "- 删除 1 个空行（第 3 行）" in written["duckdb"][1]
    assert written["duckdb"] == written["pandas"]


def test_command_line_error_names_the_rows_on_duckdb(tmp_path):
    """A file read by DuckDB that segment_customers refuses is read again by pandas, so the message names spreadsheet rows."""
    args = ["segment", str(EXPORTS / "13_future_date.csv"), "--out", str(tmp_path / "r.html"), "--no-kmeans", "--quiet"]
    pandas = _run([*args, "--engine", "pandas"])
    duckdb = _run([*args, "--engine", "duckdb"])
    assert pandas[0] == duckdb[0] == 1
    assert duckdb[2] == pandas[2] and "row" in duckdb[2]


def test_duckdb_spills_to_a_folder_of_its_own_removed_with_the_export(tmp_path, monkeypatch):
    """Not DuckDB's default (a .tmp folder where the command runs): a file larger than memory leaves nothing behind."""
    monkeypatch.chdir(tmp_path)
    export, _ = read_orders_on_duckdb(EXPORTS / "01_clean_utf8.csv")
    folder = Path(export.spill.name)
    assert export.table.query("lines", "SELECT current_setting('temp_directory')").fetchall()[0][0] == str(folder)
    assert folder.is_dir() and folder.parent != tmp_path
    export.segment(clusters=False)
    del export
    import gc

    gc.collect()
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_close_hands_back_the_lines_and_removes_the_spill_folder():
    import duckdb

    export, _ = read_orders_on_duckdb(EXPORTS / "01_clean_utf8.csv")
    folder = Path(export.spill.name)
    export.close()
    assert not folder.exists()
    with pytest.raises(duckdb.ConnectionException):
        export.table.fetchall()
    export.close()  # a second close does nothing


def test_command_line_closes_the_export_once_the_customers_are_counted(tmp_path, monkeypatch):
    """The per-customer steps (scores, classes, ABC, report, CSV) run after DuckDB has handed back the lines' memory."""
    from logilab import segmentation

    steps = []
    close, scores = DuckdbOrderExport.close, segmentation.rfm_scores
    monkeypatch.setattr(DuckdbOrderExport, "close", lambda self: steps.append("close") or close(self))
    monkeypatch.setattr(segmentation, "rfm_scores", lambda *a, **k: steps.append("scores") or scores(*a, **k))
    args = ["segment", str(EXPORTS / "07_currency_amounts.csv"), "--out", str(tmp_path / "r.html"), "--csv", str(tmp_path / "r.csv")]
    code, _, stderr = _run([*args, "--no-kmeans", "--engine", "duckdb"])
    assert code == 0, stderr
    assert steps[:2] == ["close", "scores"]


def test_a_file_larger_than_duckdbs_memory_spills_to_disk_with_the_same_customers(tmp_path, monkeypatch):
    """DuckDB limited to 24 MB on a file whose table of cells is larger: it writes to the export's spill folder, and the
    customers are the pandas reader's (a file larger than the machine's memory goes the same way)."""
    import duckdb

    rng = np.random.default_rng(1)
    n = 400_000
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D")
    lines = pd.DataFrame(
        {
            "客户编号": [f"C{i:06d}" for i in rng.integers(0, 60_000, n)],
            "订单号": [f"O{i:07d}" for i in rng.integers(0, 150_000, n)],
            "下单日期": days.strftime("%Y-%m-%d"),
            "金额": np.round(rng.lognormal(4, 1, n), 2),
        }
    )
    path = tmp_path / "orders.csv"
    lines.to_csv(path, index=False)
    connect = duckdb.connect

    def limited(*args, **kwargs):
        con = connect(*args, **kwargs)
        con.execute("SET memory_limit = '24MB'").fetchall()
        con.execute("SET threads = 1").fetchall()
        return con

    monkeypatch.setattr(duckdb, "connect", limited)
    export, why = read_orders_on_duckdb(path)
    assert why == "" and export.table.query("x", "SELECT current_setting('memory_limit')").fetchall()[0][0] == "22.8 MiB"
    result = export.segment(clusters=False)
    assert any(Path(export.spill.name).iterdir()), "DuckDB wrote to its spill folder"
    _same_customers(ll.read_orders(path).segment(clusters=False), result)


def test_a_utf16_file_is_converted_and_its_blank_lines_found(tmp_path):
    """Excel's "Unicode text" is UTF-16: converted to UTF-8 for DuckDB, and an empty line found in the converted text
    (in UTF-16 an empty line is not the bytes \\n\\n)."""
    path = tmp_path / "orders.txt"
    text = "客户编号\t下单日期\t金额\r\nC1\t2025-03-01\t100\r\nC2\t2025-03-02\t50\r\n"
    path.write_bytes(text.encode("utf-16"))
    export, why = read_orders_on_duckdb(path)
    assert why == "" and export.rows == 2
    assert export.report.lines("en") == ll.read_orders(path).report.lines("en")
    assert export.segment(clusters=False).table["monetary"].tolist() == [100.0, 50.0]
    path.write_bytes(text.replace("C2", "\r\nC2").encode("utf-16"))
    export, why = read_orders_on_duckdb(path)
    assert why == "" and export.rows == 2
    assert export.report.lines("en")[1] == "dropped 1 blank row(s) (rows 3)"
    assert export.report.lines("en") == ll.read_orders(path).report.lines("en")


def test_summary_and_repr_use_the_rows_counted_when_reading():
    export, _ = read_orders_on_duckdb(EXPORTS / "19_refunds.csv", refunds="drop")
    expected = ll.read_orders(EXPORTS / "19_refunds.csv", refunds="drop")
    assert export.summary() == expected.summary()
    assert repr(export).startswith(f"DuckdbOrderExport('19_refunds.csv': {len(expected.table):,} lines;")
