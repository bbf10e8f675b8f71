"""read_table: CSV in UTF-8 / UTF-8 with BOM / GBK, Excel, and the errors of bad files."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError

TEXT = "客户编号,订单日期,金额\nC001,2025/3/1,120.5\nC002,2025-03-02,80\n"


@pytest.mark.parametrize(
    "encoding, detected",
    [("utf-8", "utf-8-sig"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")],
)
def test_csv_in_each_common_encoding_reads_with_chinese_headers(tmp_path, encoding, detected):
    path = tmp_path / "orders.csv"
    path.write_bytes(TEXT.encode(encoding))
    table = ll.read_table(path)
    assert table.columns.tolist() == ["客户编号", "订单日期", "金额"]
    assert table["金额"].tolist() == [120.5, 80.0]
    assert ll.import_table(path).encoding == detected


def test_xlsx_reads_the_first_sheet(tmp_path):
    path = tmp_path / "orders.xlsx"
    pd.DataFrame({"客户编号": ["C001"], "金额": [3.5]}).to_excel(path, index=False)
    table = ll.read_table(path)
    assert table.to_dict("list") == {"客户编号": ["C001"], "金额": [3.5]}


def test_header_whitespace_is_trimmed(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(" 客户编号 ,金额\nC1,1\n", encoding="utf-8")
    assert ll.read_table(path).columns.tolist() == ["客户编号", "金额"]


def test_missing_file(tmp_path):
    with pytest.raises(LogilabInputError, match="path: expected an existing file, found nothing at"):
        ll.read_table(tmp_path / "nope.csv")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(LogilabInputError, match="found an empty file empty.csv"):
        ll.read_table(path)


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "orders.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(LogilabInputError, match=r"path suffix: expected one of \['.csv'"):
        ll.read_table(path)


def test_explicit_encoding_overrides_detection(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes("名称\n甲\n".encode("utf-16"))
    table = ll.read_table(path, encoding="utf-16")
    assert table["名称"].tolist() == ["甲"]


def test_old_excel_format_gets_a_clear_way_out(tmp_path):
    path = tmp_path / "orders.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(
        LogilabInputError, match=r"found the old Excel format .xls \(orders.xls\). Open it in Excel or WPS and save it as .xlsx"
    ):
        ll.read_table(path)


# --- the import boundary: cleaning, reporting, refusing ---------------------------------------------------


def test_read_table_keeps_id_text_and_warns_about_what_it_changed(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes('订单明细\n客户编号,金额\n00123, 12\n 123,"￥1,000"\n合计,1012\n'.encode("gbk"))
    with pytest.warns(UserWarning, match=r"skipped 1 title row.*dropped 1 total/subtotal row.*ll.import_table"):
        table = ll.read_table(path)
    # spreadsheet rows: 1 title, 2 header, 3 and 4 data, 5 the total
    assert table.index.tolist() == [3, 4]
    assert table["客户编号"].tolist() == ["00123", "123"]
    assert table["金额"].tolist() == [12.0, 1000.0]


def test_numbers_with_leading_zeros_stay_text_in_any_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("邮编,数量\n010020,3\n200001,4\n", encoding="utf-8")
    table = ll.read_table(path)
    assert table["邮编"].tolist() == ["010020", "200001"] and table["数量"].tolist() == [3, 4]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("客户编号,金额,金额\nC1,1,2\n", r"header: expected distinct column names, found '金额' more than once \(header row 1\)"),
        ("客户编号,,金额\nC1,x,2\n", r"found an empty header cell in column B \(header row 1\)"),
        ("客户编号,金额\nC1,1,5\n", r"at most 2 cells like the header \(row 1\), found more in rows \[2\]"),
    ],
)
def test_header_problems_are_errors_naming_the_columns(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LogilabInputError, match=message):
        ll.import_table(path)


def test_an_empty_column_without_header_is_dropped_and_counted(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("客户编号,金额,\nC1,1,\nC2,2,\n", encoding="utf-8")
    imported = ll.import_table(path)
    assert imported.table.columns.tolist() == ["客户编号", "金额"] and imported.report.summary()["empty_columns"] == 1


@pytest.mark.parametrize(
    ("encoding", "hint"),
    [("big5", "encoding='big5'"), ("shift_jis", "encoding='shift_jis'")],
)
def test_files_in_other_east_asian_encodings_are_refused_with_the_option(tmp_path, encoding, hint):
    path = tmp_path / "t.csv"
    header = "客戶編號,訂單日期,金額\n" if encoding == "big5" else "顧客番号,注文日,金額\n"
    path.write_bytes((header + "甲乙丙,2025-03-01,10\n").encode(encoding))
    with pytest.raises(LogilabInputError, match=hint):
        ll.import_table(path)
    assert ll.import_table(path, encoding=encoding).table.columns[0] == header.split(",")[0]


def test_unknown_encoding_is_a_one_line_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(
        LogilabInputError, match=r"encoding: expected a text encoding such as utf-8, gb18030, big5 or shift_jis, found 'gbk2025'"
    ):
        ll.import_table(path, encoding="gbk2025")


def test_utf16_with_a_byte_order_mark_is_detected(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("客户编号\t金额\nC1\t5\n".encode("utf-16"))
    imported = ll.import_table(path)
    assert imported.encoding == "utf-16" and imported.table["金额"].tolist() == [5]


def test_write_outputs_writes_all_or_none(tmp_path, monkeypatch):
    import os

    from logilab.io import write_outputs

    first, second = tmp_path / "a.html", tmp_path / "b.csv"
    second.write_text("old table", encoding="utf-8")
    # the second output exists and --force is not given: nothing is written, not even the first
    with pytest.raises(LogilabInputError, match="b.csv. Choose another name or pass --force"):
        write_outputs({"--out": (first, "<p>"), "--csv": (second, "x")})
    assert not first.exists() and second.read_text(encoding="utf-8") == "old table"
    # the second move fails: the first output is taken back and the old second file stays
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if str(dst) == str(second) and str(src).endswith(".tmp"):  # moving the new table into place fails
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_outputs({"--out": (first, "<p>"), "--csv": (second, "x")}, force=True)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not first.exists() and second.read_text(encoding="utf-8") == "old table"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.csv"], "no temporary or backup file is left"


def test_read_only_folder_is_refused_before_any_computing(tmp_path):
    import os

    from logilab.io import write_outputs

    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running with rights that ignore folder permissions")
        with pytest.raises(LogilabInputError, match="expected a folder you may write to"):
            write_outputs({"--out": (folder / "r.html", "x")})
    finally:
        folder.chmod(0o700)


def test_the_summary_of_an_import_names_the_encoding_and_counts_the_changes(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("标题\n客户编号,金额\nC1,1\n合计,1\n".encode("gbk"))
    summary = ll.import_table(path).summary()
    # the encoding is the codec used; the counts are the changes (one title row, one total row), prefixed so
    # that no step's count can hide a field of the summary
    assert summary["encoding"] == "gb18030" and summary["rows"] == 1 and summary["header_row"] == 2
    assert summary["cleaned_title_rows"] == 1 and summary["cleaned_total_rows"] == 1 and "cleaned_encoding" not in summary


def test_an_xlsx_decompression_bomb_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import zipfile

    import logilab.io as lio

    # a real workbook, then the same with a sheet of zeros that unpacks to 64 MB from well under 1 MB
    good = tmp_path / "orders.xlsx"
    pd.DataFrame({"客户编号": ["C1"], "金额": [3.5]}).to_excel(good, index=False)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (64 * 1024**2))
    assert bomb.stat().st_size < 1024**2
    monkeypatch.setattr(lio, "MAX_XLSX_UNPACKED_BYTES", 32 * 1024**2)  # the same rule at a size a test can build quickly
    with pytest.raises(LogilabInputError, match=r"unpacking to 0.1 GB from 0.\d MB. Export the data as CSV instead"):
        ll.import_table(bomb)
    assert ll.import_table(good).table["金额"].tolist() == [3.5]


def test_a_worksheet_declaring_absurd_dimensions_is_refused(tmp_path):
    import zipfile

    good = tmp_path / "orders.xlsx"
    pd.DataFrame({"客户编号": ["C1"], "金额": [3.5]}).to_excel(good, index=False)
    huge = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:XFD1048576"', data)
            target.writestr(item, data)
    with pytest.raises(LogilabInputError, match=r"declaring 1,048,576 rows x 16,384 columns"):
        ll.import_table(huge)


def test_total_word_prefilter_agrees_with_the_pattern_on_every_character():
    # the prefilter lowers the text and looks for "total": sound only if every character that matches t, o, a or l
    # ignoring case (Python's own rule, checked here over all of Unicode) lowers to that letter
    import sys

    from logilab.io import _TOTAL_WORDS, _has_total_word

    letters = re.compile("[toal]", re.IGNORECASE)
    odd = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and letters.fullmatch(chr(c)) and chr(c).lower() not in "toal"
    ]
    assert odd == []
    for text in ["TOTAL", "Subtotal", "grand ToTaL", "合计", "本页小计：", "汇总\nC1", "t0tal", "tota l", "C1\nC2", ""]:
        assert _has_total_word(text) == (_TOTAL_WORDS.search(text) is not None), text


def test_every_refusal_of_the_reader_carries_a_reason_with_a_chinese_label():
    """Each ``LogilabInputError(...)`` of the read path names a ``reason`` that logilab.i18n words in Chinese.

    The writers (``_check_writable``, ``write_outputs``) are left out: they refuse the analyst's output paths, not a
    student's file. A reason given as an expression (``"a" if x else "b"``) counts each of its string constants.
    """
    import ast
    from pathlib import Path

    from logilab.i18n import LABELS

    writers = {"_check_writable", "write_outputs"}
    package = Path(ll.__file__).parent
    missing, reasons = [], set()
    for module in ("io.py", "_parsing.py"):
        tree = ast.parse((package / module).read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef) or function.name in writers:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "LogilabInputError":
                    reason = [k.value for k in node.keywords if k.arg == "reason"]
                    if not reason:
                        missing.append(f"{module}:{node.lineno} in {function.name}")
                    reasons |= {c.value for r in reason for c in ast.walk(r) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    assert missing == [], missing
    # read_orders, the encodings, the header, the workbook and the date parsers: at least 25 distinct problems
    assert len(reasons) >= 25, sorted(reasons)
    assert sorted(r for r in reasons if f"error_{r}" not in LABELS) == []


_ORDERS = "客户编号,下单日期,金额\nC1,2025-03-01,100\nC2,2025-03-02,50\n"
_REFUSALS = {
    # reason: (file name, its content as text or bytes, options of read_orders)
    "old_xls": ("o.xls", b"\xd0\xcf\x11\xe0", {}),
    "empty_file": ("o.csv", b"", {}),
    "unsupported_file": ("o.pdf", b"%PDF-1.4", {}),
    "not_xlsx": ("o.xlsx", _ORDERS, {}),
    "no_file": (None, None, {}),
    "header_row_beyond": ("o.csv", _ORDERS, {"header_row": 9}),
    "bad_header_row": ("o.csv", _ORDERS, {"header_row": 0}),
    "extra_cells": ("o.csv", "客户编号,下单日期,金额\nC1,2025-03-01,1,234.50\nC2,2025-03-02,50\n", {}),
    "no_data_rows": ("o.csv", "客户编号,下单日期,金额\n", {}),
    "wrong_encoding": ("o.csv", "客户编号,下单日期,金额\n张三,2025-03-01,100\n李四,2025-03-02,50\n", {"encoding": "utf-8"}),
    "unknown_encoding": ("o.csv", _ORDERS, {"encoding": "gbk2025"}),
    "date_serial_numbers": ("o.csv", "客户编号,下单日期,金额\nC1,45717,100\nC2,45718,50\n", {}),
    "date_pattern_mismatch": ("o.csv", _ORDERS, {"date_format": "%d/%m/%Y"}),
    "bad_date_format": ("o.csv", "客户编号,下单日期,金额\nC1,05/03/2025,100\nC2,28/02/2025,50\n", {"date_format": "dym"}),
    "year_first_dates": ("o.csv", _ORDERS, {"date_format": "dmy"}),
    "year_last_dates": ("o.csv", "客户编号,下单日期,金额\nC1,05/03/2025,100\nC2,28/02/2025,50\n", {"date_format": "ymd"}),
    "not_a_date": ("o.csv", "客户编号,下单日期,金额\nC1,2025-03-01,100\nC2,下周,50\n", {}),
    "empty_header": ("o.csv", "客户编号,下单日期,金额,\nC1,2025-03-01,100,x\nC2,2025-03-02,50,\n", {}),
}


@pytest.mark.parametrize("reason", list(_REFUSALS))
def test_each_refusal_of_the_reader_is_worded_in_chinese(reason, tmp_path):
    """Every reason of the read path fills its Chinese label (a missing detail would fall back to the English text)."""
    name, content, options = _REFUSALS[reason]
    path = tmp_path / (name or "missing.csv")
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("gbk"))
    with pytest.raises(ll.LogilabInputError) as caught:
        ll.read_orders(path, **options)
    error = caught.value
    assert error.reason == reason, str(error)
    message = ll.error_message(error, "zh")
    assert message != " ".join(str(error).split()), f"{reason}: the Chinese label was not filled: {error.details}"
    assert re.search("[\u4e00-\u9fff]", message) and not re.search(r"\b(expected|found)\b", message), message
