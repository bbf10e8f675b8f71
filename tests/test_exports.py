"""Every file of the export corpus (tests/data/exports/) through the command line, the library and the upload widget.

Each file holds one pathology of real order exports (or a combination); expected.csv says what a correct reader
finds: the customers, the total amount and the number of orders, worked out independently from the clean lines by
tests/data/exports/make_exports.py, or the text the error must contain. The same file must give the same customers
on every path.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import logilab as ll
from logilab.cli import command_line_words, main
from logilab.widgets.segmentation import segment_upload_widget, upload_value

EXPORTS = Path(__file__).resolve().parent / "data" / "exports"
CASES = list(csv.DictReader((EXPORTS / "expected.csv").open(encoding="utf-8")))
IDS = [f"{case['file']} {case['options']}".strip() for case in CASES]
FREQUENCY = {"订单数", "购买日次数"}  # the per-customer CSV's frequency header, with or without an order column


def test_the_corpus_is_large_and_regenerates_byte_for_byte():
    assert len({case["file"] for case in CASES}) >= 20
    done = subprocess.run([sys.executable, str(EXPORTS / "make_exports.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _library_options(options: str) -> tuple[dict, dict]:
    """Command-line options as keyword arguments of read_orders and of segment()."""
    read, segment = {}, {"clusters": False}
    words = shlex.split(options)
    while words:
        option = words.pop(0)
        if option == "--allow-future":
            segment["allow_future"] = True
            continue
        value = words.pop(0)
        name = option[2:].replace("-", "_")
        if name == "k":
            segment.update(k=int(value), clusters=True)
        elif name == "header_row":
            read[name] = int(value)
        else:
            read[name] = value
    return read, segment


def _check_customers(case: dict, customers: list[str], monetary: pd.Series, frequency: pd.Series) -> None:
    assert sorted(customers) == case["customers"].split(";")
    assert len(customers) == int(case["n_customers"])
    assert round(float(monetary.sum()), 2) == float(case["total"])
    assert int(frequency.sum()) == int(case["orders"])


@pytest.mark.parametrize("engine", ["pandas", "duckdb", "polars"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_command_line(case, engine, tmp_path):
    """The reader cleans the file; each engine then does the group-by, with the same customers and the same messages."""
    report, table = tmp_path / "报告.html", tmp_path / "客户分级.csv"
    out, err = io.StringIO(), io.StringIO()
    args = ["segment", str(EXPORTS / case["file"]), "--out", str(report), "--csv", str(table), "--quiet", "--engine", engine]
    args += shlex.split(case["options"])
    if "--k" not in case["options"]:
        args.append("--no-kmeans")
    code = main(args, stdout=out, stderr=err)
    message = err.getvalue()
    for word in ("pandas", "pd.", "Traceback", "sklearn", "()"):
        assert word not in message, message
    if case["error"]:
        assert code == 1, message
        assert message.count("\n") == 1 and message.startswith("logilab segment: error: "), message
        assert case["error"] in message
        assert not report.exists() and not table.exists(), "nothing is written when the input is refused"
        return
    assert code == 0, message
    assert "分析基准日" in out.getvalue(), "the as-of date used is always printed"
    segments = pd.read_csv(table, encoding="utf-8-sig", dtype={0: str})
    frequency = segments[[c for c in segments.columns if c in FREQUENCY][0]]
    _check_customers(case, segments.iloc[:, 0].tolist(), segments["消费金额"], frequency)
    page = report.read_text(encoding="utf-8")
    assert "数据清洗" in page and "分析基准日" in page


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_library(case):
    read, segment = _library_options(case["options"])
    if case["error"]:
        with pytest.raises(ll.LogilabInputError) as caught:
            ll.read_orders(EXPORTS / case["file"], **read).segment(**segment)
        # the package names the keyword argument; in the command line's words it is the option of expected.csv
        assert case["error"] in command_line_words(str(caught.value))
        return
    export = ll.read_orders(EXPORTS / case["file"], **read)
    result = export.segment(**segment)
    rfm = result.rfm.table
    _check_customers(case, rfm.index.tolist(), rfm["monetary"], rfm["frequency"])
    assert all(isinstance(c, str) for c in rfm.index), "customer IDs are text"
    # the same customers through read_table and segment_customers, the student's path
    if not read and not segment.get("allow_future"):
        columns = export.columns
        again = ll.segment_customers(ll.import_table(EXPORTS / case["file"]).table, **columns, clusters=False)
        assert again.rfm.table.index.tolist() == rfm.index.tolist()
        np.testing.assert_allclose(again.rfm.table["monetary"], rfm["monetary"])


def _drive_upload_widget(case, lang):
    widget = segment_upload_widget(lang=lang)
    read, segment = _library_options(case["options"])
    if read.get("encoding") not in (None, *[value for _, value in widget.options["encoding"].options]):
        pytest.skip("the widget offers encodings from a list, so an unknown encoding name cannot be given")
    # the command line's file options are the widget's option controls; set them before the upload
    for name in ("encoding", "header_row", "date_format", "refunds", "incomplete"):
        if name in read:
            widget.options[name].value = read.pop(name)
    widget.options["allow_future"].value = segment.get("allow_future", False)
    if "k" in segment:
        widget.controls["k"].value = segment["k"]
    widget.upload.value = upload_value(case["file"], (EXPORTS / case["file"]).read_bytes())
    for role, column in read.items():  # columns named on the command line are chosen in the dropdowns
        widget.controls[role].value = column
    return widget


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_upload_widget(case):
    widget = _drive_upload_widget(case, "zh")
    if case["error"]:
        assert widget.result is None
        # the English widget shows the command line's message; the Chinese one words the same problem in Chinese
        english = _drive_upload_widget(case, "en")
        status = html.unescape(english.status.value)
        assert english.result is None and case["error"] in command_line_words(status), status
        assert "无法分析这个文件：" in widget.status.value
        return
    rfm = widget.result.rfm.table
    _check_customers(case, rfm.index.tolist(), rfm["monetary"], rfm["frequency"])
    assert "数据清洗" in widget.status.value


_CHINESE = re.compile("[\u4e00-\u9fff]")
# an English sentence: the words of the reader's English messages, or three English words in a row
_ENGLISH = re.compile(r"\b(expected|found|rows?|column|Pass|Correct|Check|Use)\b|[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")


def _named_in_english(text: str) -> tuple[set[str], set[int]]:
    """The column names and the spreadsheet rows the English message names: ``column 'X'``, ``'X' more than once``,
    ``column C``; ``rows [3, 5]``, ``row 4`` and ``header row 1``."""
    columns = set(re.findall(r"column '([^']+)'", text)) | set(re.findall(r"found '([^']+)' more than once", text))
    columns |= set(re.findall(r"in column ([A-Z]+) ", text))
    rows = {int(n) for found in re.findall(r"rows \[([\d, ]+)\]", text) for n in found.split(",")}
    rows |= {int(n) for n in re.findall(r"\brow (\d+)", text)}
    return columns, rows


def _named_in_chinese(text: str) -> tuple[str, set[int]]:
    """The text itself (to look for column names) and every row of each 第 … 行 in it."""
    rows = {int(n) for found in re.findall(r"第 ([\d、 ]+) 行", text) for n in found.split("、")}
    return text, rows


def test_named_in_english_and_chinese_worked_by_hand():
    english = "header: expected distinct column names, found '金额' more than once (header row 1). Rename one."
    assert _named_in_english(english) == ({"金额"}, {1})
    english = "file: expected column '下单日期' ..., found dates that do not fit it: row 4 '15/03/2025', row 7 '20.3.2025'."
    assert _named_in_english(english) == ({"下单日期"}, {4, 7})
    assert _named_in_english("found rows missing one in rows [7, 10]. Fill") == (set(), {7, 10})
    assert _named_in_chinese("表头（第 1 行）……第 4 行“15/03/2025”、第 7、10 行")[1] == {1, 4, 7, 10}


ERROR_CASES = [(case, id_) for case, id_ in zip(CASES, IDS, strict=True) if case["error"]]


@pytest.mark.parametrize("case", [case for case, _ in ERROR_CASES], ids=[id_ for _, id_ in ERROR_CASES])
def test_upload_widget_words_every_refused_file_in_chinese(case):
    """The Chinese widget says in Chinese what is wrong with the file, naming the column and rows the English message names."""
    widget = _drive_upload_widget(case, "zh")
    english = html.unescape(_drive_upload_widget(case, "en").status.value)
    status = html.unescape(widget.status.value)
    assert widget.result is None
    message = status.split("无法分析这个文件：", 1)[1]
    assert _CHINESE.search(message), message
    assert not _ENGLISH.search(message), f"an English sentence in the Chinese widget: {message}"
    assert "_" not in message and "=" not in message, f"a keyword argument instead of the widget's control: {message}"
    columns, rows = _named_in_english(english)
    text, rows_zh = _named_in_chinese(message)
    for column in columns:
        assert f"“{column}”" in text or f"第 {column} 列" in text, (column, message)
    assert rows <= rows_zh, (sorted(rows), message)


def test_cleaning_report_counts_every_change_with_spreadsheet_rows():
    export = ll.read_orders(EXPORTS / "20_title_total_currency_blank.xlsx")
    summary = export.report.summary()
    # rows 1-2 titles, row 3 the header, rows 4-8 five orders, row 9 blank, rows 10-14 five orders, row 15 总计;
    # ten amounts written with ￥
    assert summary["title_rows"] == 2 and summary["blank_rows"] == 1 and summary["total_rows"] == 1 and summary["amounts"] == 10
    steps = {step["step"]: step for step in export.report.steps}
    assert steps["blank_rows"]["rows"] == [9] and steps["total_rows"]["rows"] == [15]
    assert export.table.index.tolist() == [4, 5, 6, 7, 8, 10, 11, 12, 13, 14]


# --- the same lines, clean or messy, give the same customers ------------------------------------------------

_lines = st.lists(
    st.tuples(
        st.sampled_from(["C001", "00123", "123", "0456", "A9", "88"]),
        st.dates(min_value=pd.Timestamp("2025-01-01").date(), max_value=pd.Timestamp("2025-12-31").date()),
        st.integers(min_value=1, max_value=500_000).map(lambda cents: cents / 100),
    ),
    min_size=2,
    max_size=30,
)


@settings(max_examples=40, deadline=None)
@given(lines=_lines, spaces=st.lists(st.sampled_from(["", " ", "\u3000", "  "]), min_size=30, max_size=30))
def test_messy_formatting_of_the_same_lines_gives_the_same_customer_table(tmp_path_factory, lines, spaces):
    folder = tmp_path_factory.mktemp("prop")
    header = "客户编号,下单日期,金额\n"
    clean = header + "".join(f"{c},{d.isoformat()},{a:.2f}\n" for c, d, a in lines)
    messy_body = "".join(
        f'{spaces[i]}{c}{spaces[-i - 1]},{d.isoformat()},"¥{a:,.2f}"\n' + ("\n" if i % 4 == 1 else "") for i, (c, d, a) in enumerate(lines)
    )
    total = sum(a for *_, a in lines)
    messy = "2025年订单导出\n" + header + messy_body + f'合计,2025-12-31,"¥{total:,.2f}"\n'
    (folder / "clean.csv").write_text(clean, encoding="utf-8")
    (folder / "messy.csv").write_text(messy, encoding="utf-8")
    tables = []
    for name in ("clean.csv", "messy.csv"):
        export = ll.read_orders(folder / name)
        rfm = ll.rfm_table(export.table, **{k: v for k, v in export.columns.items() if k != "order"}, today="2026-01-01").table
        tables.append(rfm)
    pd.testing.assert_frame_equal(tables[0], tables[1])
    assert sorted(tables[0].index) == sorted({c for c, *_ in lines})
