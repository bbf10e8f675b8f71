"""read_table: CSV in UTF-8 / UTF-8 with BOM / GBK, Excel, and the errors of bad files."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll
from logilab._validation import LogilabInputError

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
    assert table.attrs["encoding"] == detected


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
