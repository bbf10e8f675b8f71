"""Formatted tables (logilab/tables.py): every expected string below is written out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll
from logilab.tables import column_decimals


@pytest.mark.parametrize(
    ("value", "options", "expected"),
    [
        (5184529.31, {}, "5,184,529"),  # 7 digits before the point: no decimals, never 5.184529e+06
        (0.932514, {}, "0.9325"),  # 4 significant digits
        (12.3456, {}, "12.35"),
        (1.0, {}, "1.0000"),  # a rate of 1 lines up with 0.8850
        (-0.00001, {}, "0.0000"),  # no "-0.0000"
        (1_234_567, {}, "1,234,567"),  # integers keep every digit
        (0.06712, {"percent": True}, "6.7%"),
        (0.06712, {"percent": True, "decimals": 2}, "6.71%"),
        (1234.5678, {"decimals": 2}, "1,234.57"),
        (float("nan"), {}, "—"),
        (float("inf"), {}, "∞"),
    ],
)
def test_format_number(value, options, expected):
    assert ll.format_number(value, **options) == expected


def test_column_decimals_follow_the_largest_value():
    # largest |x| = 0.95 or 1.0 or 3.1 -> below 10 -> 4 decimals; 45.2 -> 2 digits -> 2; 250 -> 3 digits -> 1; 18,000 -> 0
    assert [column_decimals(v) for v in ([0.95, 0.1], [1.0, 0.885], [3.1], [45.2, 3.0], [250.0, 0.5], [18000.0, 2.0], [])] == [
        4,
        4,
        4,
        2,
        1,
        0,
        2,
    ]


def _kpis() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "warehouse": ["WH-SH", "WH-CD"],
            "revenue": [5184529.31, 912.5],
            "otif_share": [0.9325, 0.875],
            "orders": [12000, 35],
            "late": [True, False],
        }
    ).set_index("warehouse")


def test_text_is_aligned_with_chinese_headers_two_columns_wide():
    table = ll.show_table(_kpis(), percent=["otif_share"], lang="zh")
    # headers from LABELS: revenue 收入, orders 订单数, warehouse 仓库; 'otif' and 'late' have no label and stay
    assert list(table.cells.columns) == ["收入", "otif_share", "订单数", "late"]
    # 仓库 is 4 columns wide, padded to the 5 of WH-SH; 订单数 is 6 wide like 12,000; numbers right, text left
    assert repr(table).splitlines() == [
        "仓库        收入  otif_share  订单数  late",
        "WH-SH  5,184,529       93.2%  12,000  是",
        "WH-CD        912       87.5%      35  否",
    ]


def test_english_headers_and_rows_left_out():
    table = ll.show_table(_kpis(), percent=["otif_share"], decimals={"revenue": 2}, headers={"late": "late?"}, lang="en", max_rows=1)
    assert repr(table).splitlines() == [
        "warehouse       revenue  otif_share  orders  late?",
        "WH-SH      5,184,529.31       93.2%  12,000  yes",
        "… 1 more rows",
    ]


def test_html_is_right_aligned_scrolls_sideways_and_escapes():
    page = ll.show_table(pd.DataFrame({"name": ["<b>A</b>"], "share": [0.5]}), percent=["share"], lang="en")._repr_html_()
    assert "overflow-x:auto" in page
    assert "<td style='text-align:left;padding:2px 8px'>&lt;b&gt;A&lt;/b&gt;</td>" in page
    assert "<td style='text-align:right;white-space:nowrap;padding:2px 8px'>50.0%</td>" in page
    assert "e+0" not in page


def test_the_table_is_not_changed():
    df = _kpis()
    before = df.copy()
    ll.show_table(df, percent=["otif_share"])
    pd.testing.assert_frame_equal(df, before)


def test_bad_input_is_named():
    with pytest.raises(ll.LogilabInputError, match=r"percent: expected column names .* found \['share'\]"):
        ll.show_table(_kpis(), percent=["share"])
    with pytest.raises(ll.LogilabTypeError, match="table: expected a pandas DataFrame or Series, found list"):
        ll.show_table([1, 2])
    with pytest.raises(ll.LogilabInputError, match="max_rows"):
        ll.show_table(_kpis(), max_rows=0)


def test_result_html_uses_the_formatted_table():
    result = ll.topsis(
        pd.DataFrame({"on_time": [0.95, 0.9], "cost": [1_200_000.0, 900_000.0]}, index=["P1", "P2"]), [0.5, 0.5], benefit=[True, False]
    )
    page = result._repr_html_()
    assert "logilab-table" in page and "e+0" not in page


def test_plain_dataframes_after_use_table_format():
    try:
        ll.use_table_format()
        text = repr(pd.DataFrame({"收入": [5184529.31, 12.5], "比率": [0.93251, 0.5]}))
    finally:
        for option in ("display.float_format", "display.unicode.east_asian_width", "display.max_columns"):
            pd.reset_option(option)
    # per value, 4 significant digits: 5,184,529 (7 digits, no decimals), 12.50, 0.9325, 0.5000;
    # the headers 收入 and 比率 are 4 columns wide and line up with the numbers on the right
    assert text.splitlines() == [
        "       收入   比率",
        "0 5,184,529 0.9325",
        "1     12.50 0.5000",
    ]
