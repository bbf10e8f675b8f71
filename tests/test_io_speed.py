"""The import boundary reads each distinct value of a text column once: same table, same report as cell by cell.

import_table factorizes every column of text cells once and cleans its distinct values (strip, blank and total
rows, leading zeros, identifiers, amounts, dates), then spreads the results back to the rows. These tests hold that
path to what reading every cell on its own gives: a small example worked out by hand, and every file of the
export corpus read both ways.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab._parsing import _Distinct, parse_amounts

EXPORTS = Path(__file__).resolve().parent / "data" / "exports"
FILES = sorted(p for p in EXPORTS.iterdir() if p.suffix in (".csv", ".xlsx"))

# repeated padded identifiers, a repeated "¥1,234.00", a blank row and a total row
HAND = (
    "客户编号,订单号,订单日期,金额\n"
    ' 007,A1,2024-01-05,"¥1,234.00"\n'  # row 2
    '007,A2,2024-01-05,"¥1,234.00"\n'  # row 3
    " 007,A3,2024-01-06,80\n"  # row 4
    ",,,\n"  # row 5: blank
    '008 ,A4,2024-01-06,"¥1,234.00"\n'  # row 6
    '合计,,,"2,548.00"\n'  # row 7: total
)


def test_repeated_values_are_cleaned_as_each_cell_would_be(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(HAND, encoding="utf-8")
    imported = ll.import_table(path)
    # cell by cell, by hand: row 5 is blank and row 7 holds 合计, so both go; " 007" (rows 2, 4) and "008 " (row 6)
    # lose their spaces and keep their leading zeros; "¥1,234.00" (rows 2, 3, 6) reads 1234.0 and "80" 80.0, so
    # 3 amounts were rewritten and the column is float (not every value was a plain whole number)
    expected = pd.DataFrame(
        {
            "客户编号": ["007", "007", "007", "008"],
            "订单号": ["A1", "A2", "A3", "A4"],
            "订单日期": pd.to_datetime(["2024-01-05", "2024-01-05", "2024-01-06", "2024-01-06"]).as_unit("ns"),
            "金额": [1234.0, 1234.0, 80.0, 1234.0],
        },
        index=pd.Index([2, 3, 4, 6]),
    ).astype({"客户编号": object, "订单号": object})  # identifiers stay text cells, as read
    pd.testing.assert_frame_equal(imported.table, expected, check_index_type=False)
    assert imported.report.lines("en") == [
        "read as UTF-8",
        "dropped 1 blank row(s) (rows 5)",
        "dropped 1 total/subtotal row(s) (rows 7: 合计)",
        "trimmed spaces around 3 value(s) in 客户编号 (rows 2, 4, 6)",
        "parsed 3 amount(s) in 金额 written with ¥, 元 or separators (e.g. rows 2, 3 …: '¥1,234.00')",
    ]
    assert imported.report.summary() == {"encoding": 0, "blank_rows": 1, "total_rows": 1, "trimmed": 3, "amounts": 3}


def test_distinct_values_keep_the_order_of_their_first_row_after_rows_are_dropped():
    column = pd.Series(["b", "a", np.nan, "b", "c"], index=[2, 3, 4, 5, 6], dtype=object)
    distinct = _Distinct.of(column)
    assert distinct.uniques.tolist() == ["b", "a", "c"]
    assert distinct.codes.tolist() == [0, 1, -1, 0, 2]
    kept = distinct.take(np.array([False, True, True, True, True]))  # row 2 ("b") dropped: "a" now comes first
    assert kept.uniques.tolist() == ["a", "b", "c"]
    assert kept.codes.tolist() == [0, -1, 1, 2]
    assert kept.index.tolist() == [3, 4, 5, 6]
    # per distinct value -> per row; the missing cell keeps what was read
    assert kept.spread(np.array(["A", "B", "C"], dtype=object), missing=column[1:]).tolist()[:2] == ["A", column[4]]
    assert kept.rows([False, True, False]).tolist() == [False, False, True, False]


def _outcome(call):
    try:
        return call(), None
    except ll.LogilabInputError as error:
        return None, str(error)


def _same_tables(fast: pd.DataFrame, slow: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    # and the same kind of object in every cell (a missing cell stays as it was read)
    assert fast.map(type).equals(slow.map(type))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_export_reads_the_same_by_distinct_values_and_cell_by_cell(path, monkeypatch):
    fast_import, fast_error = _outcome(lambda: ll.import_table(path))
    fast_orders, fast_orders_error = _outcome(lambda: ll.read_orders(path))
    with monkeypatch.context() as patch:
        patch.setattr(_Distinct, "text", property(lambda self: False))  # every column cell by cell
        slow_import, slow_error = _outcome(lambda: ll.import_table(path))
        slow_orders, slow_orders_error = _outcome(lambda: ll.read_orders(path))
    assert fast_error == slow_error
    assert fast_orders_error == slow_orders_error
    if fast_import is not None:
        _same_tables(fast_import.table, slow_import.table)
        assert fast_import.report.steps == slow_import.report.steps
    if fast_orders is not None:
        _same_tables(fast_orders.table, slow_orders.table)
        assert fast_orders.report.steps == slow_orders.report.steps


def _messy_export(seed: int, rows: int = 400) -> str:
    """A seeded CSV whose every column repeats a few values in many spellings (padding, ¥, dates, short rows)."""
    rng = np.random.default_rng(seed)
    pools = {
        "客户编号": [" 007", "007", "008 ", "\u3000C01", "C01", "0099", "  "],
        "数量": ["1", "2", " 3", "10", "-4"],
        "邮编": ["010020", "100080", " 010020"],
        "下单日期": ["5/03/2025", "28/02/2025", " 4.3.2025", "13/12/2024"],
        "金额": ["¥1,234.00", "80", " ￥８０ ", "120元", "(45.00)", "12.5"],
        "备注": ["加急", " 加急 ", "", "Total due later", "nan"],
    }
    lines = [",".join(pools)]
    for _ in range(rows):
        kind = rng.random()
        if kind < 0.03:
            lines.append(",,,,,")  # blank row
        elif kind < 0.05:
            lines.append(f'{rng.choice(["合计", "小计：", "Total"])},,,,"2,548.00",')  # total row
        elif kind < 0.07:
            lines.append(f"{rng.choice(pools['客户编号'])},1")  # short row: the other cells are missing
        else:
            cells = [str(rng.choice(pool)) for pool in pools.values()]
            lines.append(",".join(f'"{c}"' if "," in c else c for c in cells))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_messy_export_reads_the_same_by_distinct_values_and_cell_by_cell(seed, tmp_path, monkeypatch):
    path = tmp_path / "messy.csv"
    path.write_text(_messy_export(seed), encoding="utf-8")
    fast = ll.import_table(path, ids=["邮编"])
    fast_plain = ll.import_table(path)
    with monkeypatch.context() as patch:
        patch.setattr(_Distinct, "text", property(lambda self: False))
        slow = ll.import_table(path, ids=["邮编"])
        slow_plain = ll.import_table(path)
    options = {"customer": "客户编号", "date": "下单日期", "amount": "金额", "incomplete": "drop", "refunds": "net"}
    fast_orders = ll.read_orders(path, **options)
    with monkeypatch.context() as patch:
        patch.setattr(_Distinct, "text", property(lambda self: False))
        slow_orders = ll.read_orders(path, **options)
    _same_tables(fast_orders.table, slow_orders.table)
    assert fast_orders.report.steps == slow_orders.report.steps
    for one, other in ((fast, slow), (fast_plain, slow_plain)):
        _same_tables(one.table, other.table)
        assert one.report.steps == other.report.steps
    steps = {step["step"] for step in fast.report.steps}
    assert {"blank_rows", "total_rows", "trimmed", "amounts", "date_order"} <= steps  # every step was exercised


def test_amounts_read_once_per_distinct_text_give_each_cell_its_own_reading():
    cells = pd.Series(["¥1,234.00", None, " ¥1,234.00", "abc", "80", "¥1,234.00"], index=[5, 6, 7, 8, 9, 10])
    parsed = parse_amounts(cells)
    # by hand: "¥1,234.00" and " ¥1,234.00" read 1234.0 and were rewritten; the empty cell stays missing and is
    # neither rewritten nor unreadable; "abc" is unreadable; "80" reads as written
    assert parsed.values.index.tolist() == [5, 6, 7, 8, 9, 10]
    np.testing.assert_array_equal(parsed.values.to_numpy(), [1234.0, np.nan, 1234.0, np.nan, 80.0, 1234.0])
    assert parsed.rewritten.tolist() == [True, False, True, False, False, True]
    assert parsed.unreadable.tolist() == [False, False, False, True, False, False]
