"""Tests of logilab.report: atomic writing, the CSV export and the self-contained HTML report."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import logilab.report as report
from logilab import LogilabInputError
from logilab.io import csv_bytes, write_atomic
from logilab.report import segment_export, segmentation_report
from logilab.segmentation import segment_customers

LINES = pd.DataFrame(
    {
        "客户编号": ["A", "A", "B", "C", "C", "D", "E"],
        "下单日期": ["2025-12-01", "2025-12-20", "2025-06-01", "2025-12-25", "2025-12-26", "2025-01-15", "2025-11-27"],
        "金额": [100.0, 300.0, 50.0, 80.0, 20.0, 2000.0, 500.0],
    }
)


@pytest.fixture(scope="module")
def result():
    return segment_customers(LINES, customer="客户编号", date="下单日期", amount="金额", k=2)


def test_write_atomic_writes_refuses_and_forces(tmp_path):
    target = tmp_path / "out.txt"
    write_atomic(target, b"one")
    with pytest.raises(LogilabInputError, match="pass --force"):
        write_atomic(target, b"two")
    assert target.read_bytes() == b"one"
    write_atomic(target, "二", force=True)
    assert target.read_text(encoding="utf-8") == "二"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask, "a new file's usual permissions, not mkstemp's 0600"
    with pytest.raises(LogilabInputError, match="expected a path in an existing folder"):
        write_atomic(tmp_path / "missing" / "out.txt", b"x")


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"], "the temporary file is removed"


def test_csv_bytes_carry_a_bom_and_read_back():
    frame = pd.DataFrame({"客户": ["甲", "乙"], "金额": [1.5, 2.0]})
    data = csv_bytes(frame)
    assert data[:3] == b"\xef\xbb\xbf"
    assert data.decode("utf-8-sig") == "客户,金额\r\n甲,1.5\r\n乙,2.0\r\n"


def test_segment_export_by_hand(result):
    export = segment_export(result, lang="zh")
    assert export.columns[0] == "客户编号"
    assert list(export.columns[1:8]) == ["最近一次消费距今天数", "购买日次数", "消费金额", "R", "F", "M", "RFM 代码"]  # no order column
    assert list(export.columns[8:]) == ["客户类别", "服务方式", "ABC 类别", "累计金额占比", "聚类", "聚类名称"]
    # by hand (see tests/test_cli.py): recency 7, 209, 1, 346, 30; the eight classes by the mean
    assert export["最近一次消费距今天数"].tolist() == [7, 209, 1, 346, 30]
    assert export["客户类别"].tolist() == ["一般价值客户", "一般挽留客户", "一般价值客户", "重要挽留客户", "一般发展客户"]
    assert export["服务方式"].tolist() == ["精细服务", "基本服务", "精细服务", "精细服务", "基本服务"]
    assert export["ABC 类别"].tolist() == ["B", "C", "C", "A", "A"]
    assert set(export["聚类"]) == {0, 1}
    english = segment_export(result, lang="en")
    assert list(english.columns[1:8]) == ["recency", "frequency", "monetary", "R", "F", "M", "rfm_code"]


def test_report_is_self_contained_and_records_what_was_done(result):
    page = segmentation_report(result, source="订单.csv", notes={"encoding": "gb18030"}, lang="zh")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("plotly.js v") >= 1, "plotly.js is inlined"
    assert 'src="http' not in page and "src='http" not in page and "<link" not in page, "nothing is loaded from the network"
    assert page.count("Plotly.newPlot") == 5  # segment sizes, Pareto, distributions, clusters, k selection
    for text in ("客户分级报告", "订单.csv", "gb18030", "2025-12-27", "重要挽留客户", "分析流失原因", "k-means"):
        assert text in page, text
    # the thresholds used: mean recency 118.6, frequency 1.4, monetary 610 (see tests/test_cli.py)
    assert "118.60" in page and "1.40" in page and "610.00" in page


def test_report_in_english_and_without_clusters():
    plain = segment_customers(LINES, customer="客户编号", date="下单日期", amount="金额", clusters=False)
    page = segmentation_report(plain, lang="en")
    assert "Customer segmentation report" in page and "important win-back customer" in page
    assert page.count("Plotly.newPlot") == 3
    assert "<h2>k-means clustering</h2>" not in page


def test_report_samples_large_charts(monkeypatch):
    monkeypatch.setattr(report, "MAX_POINTS", 3)
    plain = segment_customers(LINES, customer="客户编号", date="下单日期", amount="金额", clusters=False)
    page = segmentation_report(plain, lang="en")
    assert "the chart shows a random 3 of 5 customers" in page
