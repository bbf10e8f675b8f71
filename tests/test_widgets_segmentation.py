"""Tests of logilab.widgets.segmentation: drive the controls and the upload, assert on figures and results."""

from __future__ import annotations

import base64
import html
import io

import pandas as pd
import pytest

from logilab import LogilabInputError, LogilabTypeError
from logilab.io import csv_bytes
from logilab.report import segment_export
from logilab.segmentation import RFM_SEGMENTS, rfm_table
from logilab.widgets.segmentation import (
    download_link,
    guess_columns,
    read_upload,
    segment_upload_widget,
    segmentation_explorer,
    upload_value,
)

# the hand-worked example of tests/test_cli.py: five customers, as_of 2025-12-27
ORDERS = pd.DataFrame(
    {
        "客户编号": ["A", "A", "B", "C", "C", "D", "E"],
        "订单号": ["o1", "o2", "o3", "o4", "o5", "o6", "o7"],
        "下单日期": ["2025/12/01", "2025/12/20", "2025/06/01", "2025/12/25", "2025/12/26", "2025/01/15", "2025/11/27"],
        "金额": [100.0, 300.0, 50.0, 80.0, 20.0, 2000.0, 500.0],
    }
)
SEGMENTS = ["general_value", "general_winback", "general_value", "important_winback", "general_development"]


@pytest.fixture(scope="module")
def explorer():
    return segmentation_explorer(lang="en")


def test_explorer_starts_with_k_chosen_by_silhouette(explorer):
    assert explorer.controls["k"].value == 0
    assert "k = <b>2</b>" in explorer.summary.value  # the sample's best silhouette is at k = 2
    assert [t.name for t in explorer.figure.data][-1] == "cluster mean"


def test_explorer_k_features_and_colouring(explorer):
    explorer.controls["k"].value = 4
    assert len(explorer.figure.data) == 5 and "k = <b>4</b>" in explorer.summary.value
    assert sum(len(t.x) for t in explorer.figure.data[:-1]) == 3000
    explorer.controls["features"].value = ("recency", "frequency")
    assert explorer.figure.layout.xaxis.title.text == "recency (days)"
    explorer.controls["colour_by"].value = "segment"
    names = {t.name for t in explorer.figure.data}
    assert names <= set(RFM_SEGMENTS["en"]) and "important value customer" in names
    counts_mean = {t.name: len(t.x) for t in explorer.figure.data}
    explorer.controls["threshold"].value = "median"
    counts_median = {t.name: len(t.x) for t in explorer.figure.data}
    assert sum(counts_median.values()) == 3000
    # the mean of skewed spending sits above the median, so the median calls more customers high-value
    assert counts_median["important value customer"] > counts_mean["important value customer"]


def test_explorer_on_own_rfm_table():
    rfm = rfm_table(ORDERS, customer="客户编号", date="下单日期", amount="金额", order="订单号")
    small = segmentation_explorer(rfm, lang="zh")
    small.controls["k"].value = 2
    assert sum(len(t.x) for t in small.figure.data[:-1]) == 5


def test_read_upload_and_guess_columns():
    export = read_upload(upload_value("订单.csv", ORDERS.to_csv(index=False).encode("gbk")))
    assert export.source == "订单.csv" and export.encoding == "gb18030"
    assert export.columns == {"customer": "客户编号", "date": "下单日期", "amount": "金额", "order": "订单号"}
    table = export.table
    assert guess_columns(table) == ({"customer": "客户编号", "date": "下单日期", "amount": "金额", "order": "订单号"}, [])
    mapping, messages = guess_columns(table.assign(销售额=1.0))
    assert mapping["amount"] is None and "2 candidates ['金额', '销售额']" in messages[0]
    with pytest.raises(LogilabInputError, match="found none"):
        read_upload(())
    with pytest.raises(LogilabTypeError, match="ipywidgets 8"):
        read_upload({"orders.csv": {"content": b""}})


def test_download_link_is_a_data_uri_of_the_bytes():
    link = download_link("客户\n".encode("utf-8-sig"), "结果.csv", text="下载")
    encoded = link.split("base64,")[1].split('"')[0]
    assert base64.b64decode(encoded) == "客户\n".encode("utf-8-sig")
    assert 'download="结果.csv"' in link


def test_upload_widget_segments_a_gbk_csv():
    widget = segment_upload_widget(lang="zh")
    assert widget.result is None and "上传" in widget.status.value
    widget.upload.value = upload_value("订单.csv", ORDERS.to_csv(index=False).encode("gbk"))
    assert widget.controls["customer"].value == "客户编号" and widget.controls["order"].value == "订单号"
    assert widget.result.table["segment"].tolist() == SEGMENTS
    assert "订单.csv" in widget.status.value and "2025-12-27" in widget.status.value
    assert "重要挽留客户" in widget.table.value
    assert len(widget.figure.data) == 2 and len(widget.pareto.data) == 3
    encoded = widget.download.value.split("base64,")[1].split('"')[0]
    assert base64.b64decode(encoded) == csv_bytes(segment_export(widget.result, lang="zh"))
    assert 'download="订单_segments.csv"' in widget.download.value
    # choosing k re-runs the clustering
    widget.controls["k"].value = 3
    assert widget.result.kmeans.k == 3


def test_upload_widget_xlsx_and_a_column_chosen_by_hand():
    frame = ORDERS.rename(columns={"金额": "实收"}).assign(下单日期=pd.to_datetime(ORDERS["下单日期"]))
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    widget = segment_upload_widget(lang="en")
    widget.upload.value = upload_value("orders.xlsx", buffer.getvalue())
    assert widget.result is None and "expected a column for amount" in widget.status.value
    assert widget.download.value == ""
    widget.controls["amount"].value = "实收"
    assert widget.result.table["segment"].tolist() == SEGMENTS
    assert widget.result.table["monetary"].tolist() == [400.0, 50.0, 100.0, 2000.0, 500.0]


def test_upload_widget_reports_bad_data():
    widget = segment_upload_widget(lang="en")
    bad = ORDERS.assign(金额=[100.0, "one hundred", 50.0, 80.0, 20.0, 2000.0, 500.0])
    widget.upload.value = upload_value("bad.csv", bad.to_csv(index=False).encode("utf-8"))
    assert widget.result is None
    # spreadsheet row 3 = the second data row
    status = html.unescape(widget.status.value)
    assert "found 'one hundred' in rows [3]" in status and "cannot segment this file" in status
    widget.upload.value = upload_value("empty.csv", b"")
    assert "found an empty file" in widget.status.value


def test_upload_widget_nets_refunds_and_shows_the_cleaning_report():
    widget = segment_upload_widget(lang="en")
    refund = ORDERS.assign(金额=[100.0, -300.0, 50.0, 80.0, 20.0, 2000.0, 500.0])  # A: 100 - 300 < 0
    widget.upload.value = upload_value("refund.csv", refund.to_csv(index=False).encode("utf-8"))
    assert widget.result.table.index.tolist() == ["B", "C", "D", "E"]
    assert widget.result.excluded.loc["A", "net"] == -200.0
    assert "1 refund line(s) (negative amounts, total -300.00) netted" in widget.status.value
    assert "1 customer(s) with a net amount of zero or below" in widget.status.value


def test_upload_widget_words_the_problems_in_chinese_and_in_english():
    # the same three uploads in both languages: an amount that is text (spreadsheet row 3 = the second data
    # row), two columns that could be the amount, and a row without an amount
    bad = ORDERS.assign(金额=[100.0, "one hundred", 50.0, 80.0, 20.0, 2000.0, 500.0]).to_csv(index=False).encode("utf-8")
    two = ORDERS.assign(销售额=1.0).to_csv(index=False).encode("utf-8")
    gap = ORDERS.assign(金额=[100.0, None, 50.0, 80.0, 20.0, 2000.0, 500.0]).to_csv(index=False).encode("utf-8")
    zh, en = segment_upload_widget(lang="zh"), segment_upload_widget(lang="en")
    zh.upload.value = upload_value("bad.csv", bad)
    en.upload.value = upload_value("bad.csv", bad)
    assert "无法分析这个文件：“金额”列应为数字，却有“one hundred”（第 3 行）" in html.unescape(zh.status.value)
    assert "expected" not in zh.status.value
    assert "found 'one hundred' in rows [3]" in html.unescape(en.status.value)  # the core's English text
    zh.upload.value = upload_value("two.csv", two)
    en.upload.value = upload_value("two.csv", two)
    assert "有几列都可以作为金额列：“金额”、“销售额”，请在上方选定一列" in html.unescape(zh.status.value)
    assert "2 candidates ['金额', '销售额']" in html.unescape(en.status.value)
    zh.controls["amount"].value = "销售额"
    assert zh.result is not None
    zh.controls["amount"].value = None  # nothing chosen for the amount
    assert "请在上方为客户、日期和金额各选一列" in zh.status.value
    zh.upload.value = upload_value("gap.csv", gap)
    en.upload.value = upload_value("gap.csv", gap)
    assert "有 1 行缺少客户、日期或金额（第 3 行）" in html.unescape(zh.status.value)
    assert "found rows missing one in rows [3]" in html.unescape(en.status.value)
    zh.options["incomplete"].value = "drop"  # the fix the message names
    assert zh.result is not None and len(zh.result.table) == 5


def test_upload_widget_column_descriptions_are_not_cut_off():
    # issue 14, English pass at 1366 px: "customer column" (about 113 px) was cut to the default 80 px
    for lang in ("zh", "en"):
        widget = segment_upload_widget(lang=lang)
        for role in ("customer", "date", "amount", "order"):
            assert widget.controls[role].style.description_width == "initial", (lang, role)
    assert segment_upload_widget(lang="en").controls["customer"].description == "customer column"
