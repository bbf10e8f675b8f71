"""Text from users' files is inert in what the workbook writes: no spreadsheet formulas in CSV, no markup in HTML.

Hostile customer IDs (OWASP's CSV injection examples and an HTML tag) go through the command line's CSV and HTML
report and through the upload widget's status, table and download.
"""

from __future__ import annotations

import base64
import io
import re

import pandas as pd

from logilab.cli import main
from logilab.io import neutralise_formulas
from logilab.widgets.segmentation import segment_upload_widget, upload_value

HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", '=HYPERLINK("http://example.invalid","点这里")', "<img src=x onerror=alert(1)>"]
TAG = "<img src=x onerror=alert(1)>"


def _export() -> str:
    rows = [(f"SO{i}", customer, f"2025-03-{i + 1:02d}", 100.0 * (i + 1)) for i, customer in enumerate(HOSTILE)]
    rows.append(("SO99", TAG, "2025-03-20", -600.0))  # a refund cancels the tag's purchase: it is listed as left out
    frame = pd.DataFrame(rows, columns=["订单号", "客户编号", "下单日期", "金额"])
    return frame.to_csv(index=False)


def test_formula_cells_are_prefixed_and_numbers_stay_numbers():
    frame = pd.DataFrame({"=客户": HOSTILE + ["\tX", "\rY", "C1", "-12.5"], "金额": [-1.0] * 10})
    safe = neutralise_formulas(frame)
    assert safe.columns.tolist() == ["'=客户", "金额"]
    assert safe["'=客户"].tolist()[:4] == ["'=cmd|' /C calc'!A0", "'+1+1", "'-2+3", "'@SUM(1)"]
    assert safe["'=客户"].tolist()[6:] == ["'\tX", "'\rY", "C1", "-12.5"]
    assert safe["金额"].tolist() == [-1.0] * 10
    assert frame.columns[0] == "=客户" and frame.iloc[0, 0] == HOSTILE[0], "the caller's table is not modified"


def test_formula_cells_are_found_in_text_and_object_columns_alike():
    # the same cells in pandas' string dtype (looked at in one pass) and as Python objects (cell by cell)
    cells = ["C1", "-12.5", "=1+1", None, "\tX"]
    for dtype in ("str", object):
        safe = neutralise_formulas(
            pd.DataFrame({"id": pd.Series(cells, dtype=dtype), "plain": pd.Series(["C1", "C2", None, "C3", "C4"], dtype=dtype)})
        )
        assert safe["id"].tolist()[:3] == ["C1", "-12.5", "'=1+1"] and pd.isna(safe["id"][3]) and safe["id"][4] == "'\tX"
        assert safe["plain"].tolist()[:2] == ["C1", "C2"] and pd.isna(safe["plain"][2])
    untouched = pd.Series(["C1", "C2", None], dtype="str")
    pd.testing.assert_series_equal(neutralise_formulas(untouched.to_frame("id"))["id"], untouched.map(lambda v: v).rename("id"))


def test_command_line_csv_and_report_are_inert(tmp_path):
    source = tmp_path / "orders.csv"
    source.write_text(_export(), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["segment", str(source), "--out", str(tmp_path / "r.html"), "--csv", str(tmp_path / "s.csv"), "--quiet"], stdout=out, stderr=err
    )
    assert code == 0, err.getvalue()
    text = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    first_cells = [line.split(",")[0] for line in text.splitlines()[1:]]
    for cell in first_cells:
        assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), cell
    assert "\"'=cmd|' /C calc'!A0\"" in text or "'=cmd|' /C calc'!A0" in text
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert TAG not in page and "&lt;img src=x onerror=alert(1)&gt;" in page  # shown in the table of customers left out


def test_upload_widget_status_table_and_download_are_inert():
    widget = segment_upload_widget(lang="en")
    widget.upload.value = upload_value("<b>orders</b>.csv", _export().encode("utf-8"))
    assert widget.result is not None
    for html_text in (widget.status.value, widget.table.value, widget.download.value):
        assert TAG not in html_text and "<b>orders</b>" not in html_text
    encoded = re.search(r"base64,([^\"]+)", widget.download.value).group(1)
    downloaded = base64.b64decode(encoded)
    assert b"\n=" not in downloaded and b"\n+" not in downloaded and b"\n@" not in downloaded and b"\n-2+3" not in downloaded
