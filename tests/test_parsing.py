"""Reading identifiers, amounts and dates as people type them (logilab._parsing): hand-made cases."""

from __future__ import annotations

import pandas as pd
import pytest

from logilab import LogilabInputError
from logilab._parsing import clean_ids, is_total_label, parse_amounts, parse_date, parse_dates


def test_ids_keep_zeros_lose_spaces_and_numbers_read_without_decimals():
    ids = clean_ids(pd.Series(["00123", "123", " 00123\u3000", 123.0, 4567, None], index=[2, 3, 4, 5, 6, 7]))
    assert ids.values.tolist()[:5] == ["00123", "123", "00123", "123", "4567"]
    assert pd.isna(ids.values[7])
    assert ids.trimmed[ids.trimmed].index.tolist() == [4]
    assert ids.from_numbers[ids.from_numbers].index.tolist() == [5, 6]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("¥1,234.50", 1234.5),
        ("￥80", 80.0),
        ("120元", 120.0),
        ("RMB 99.9", 99.9),
        ("CNY1,000", 1000.0),
        ("１２３．５", 123.5),
        ("-￥45", -45.0),
        ("(45.00)", -45.0),
        ("12,345,678.9", 12345678.9),
    ],
)
def test_amounts_written_the_chinese_way(text, value):
    parsed = parse_amounts(pd.Series([text]))
    assert parsed.values.iloc[0] == pytest.approx(value) and parsed.rewritten.iloc[0]


@pytest.mark.parametrize("text", ["1.234,50", "12,34", "about 100", "inf", "1e999"])
def test_amounts_that_cannot_be_read_safely(text):
    assert parse_amounts(pd.Series([text])).unreadable.iloc[0]


@pytest.mark.parametrize("label", ["合计", "总计：", " 小计 ", "本页合计", "Total", "SUBTOTAL", "Grand total", "合计（元）"])
def test_total_labels(label):
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["合计物流", "C001", "Totalcare Ltd", "", None, 5])
def test_not_total_labels(label):
    assert not is_total_label(label)


def _days(values, **options):
    return parse_dates(pd.Series(values), column="d", **options).values.dt.strftime("%Y-%m-%d").tolist()


def test_day_first_column_is_read_day_first_throughout():
    # 28/02/2025 has no month 28, so the whole column is day first: 05/03/2025 is 5 March, 4.3.2025 is 4 March
    assert _days(["05/03/2025", "28/02/2025", "4.3.2025"]) == ["2025-03-05", "2025-02-28", "2025-03-04"]


def test_month_first_column_is_read_month_first_throughout():
    assert _days(["03/05/2025", "02/28/2025"]) == ["2025-03-05", "2025-02-28"]


def test_an_ambiguous_column_needs_the_date_format_and_then_follows_it():
    with pytest.raises(LogilabInputError, match=r"row 0 '05/03/2025' \(5 March or May 3\)"):
        _days(["05/03/2025", "04/03/2025"])
    assert _days(["05/03/2025", "04/03/2025"], date_format="mdy") == ["2025-05-03", "2025-04-03"]
    assert _days(["05/03/2025", "04/03/2025"], date_format="%d/%m/%Y") == ["2025-03-05", "2025-03-04"]


def test_orders_that_contradict_each_other_show_both_readings():
    with pytest.raises(
        LogilabInputError, match=r"only read as day/month/year \(row 1 '28/02/2025'\).*month/day/year \(row 0 '02/28/2025'\)"
    ):
        _days(["02/28/2025", "28/02/2025"])


def test_year_first_forms_with_times_and_chinese_dates():
    values = ["2025-03-01", "2025/3/2 14:30", "2025.3.3", "2025年3月4日", "20250305"]
    assert _days(values) == ["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05"]


def test_spreadsheet_serial_numbers_are_not_dates():
    with pytest.raises(LogilabInputError, match=r"found numbers such as '45992' in rows \[0\]"):
        _days(["45992", "2025-01-01"])


def test_as_of_typed_by_a_person():
    assert parse_date("2026年1月1日", "as_of") == pd.Timestamp("2026-01-01")
    assert parse_date("2026/1/1", "as_of") == pd.Timestamp("2026-01-01")
    with pytest.raises(LogilabInputError, match="as_of: expected a date"):
        parse_date("01/02/2026", "as_of")  # year last: the order of day and month is not known


def test_text_of_the_csv_reader_is_hashed_and_stripped_in_arrow_exactly_as_python_strings_are():
    # the reference is Python itself: str.strip with the same characters, and a factorization of the same texts as objects
    from logilab._parsing import _SPACES, _Distinct, text_cells

    texts = ["C1", " C1", "C1\u3000", "\ufeffC2\xa0", "\u200b", "", "  ", "\u2003C3\u2003", "\x1cC4\x1c", "合计 ", "C1", None]
    as_str = pd.Series(texts, dtype="str")
    as_objects = pd.Series(texts, dtype=object)
    assert [v.strip(_SPACES) for v in texts[:-1]][:8] == ["C1", "C1", "C1", "C2", "", "", "", "\u2003C3\u2003"]
    fast, slow = _Distinct.of(as_str), _Distinct.of(as_objects)
    assert fast.texts is not None and slow.texts is None
    assert fast.codes.tolist() == slow.codes.tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, -1]
    assert fast.uniques.tolist() == slow.uniques.tolist() and all(type(v) is str for v in fast.uniques)
    assert fast.stripped.tolist() == slow.stripped.tolist() == [v.strip(_SPACES) for v in texts[:10]]
    assert all(type(v) is str for v in fast.stripped)
    assert fast.stripped[0] is fast.uniques[0] and fast.codes.dtype == "int32"  # nothing to strip: the same string, no copy
    kept = fast.take(pd.Series(texts).ne("C1").to_numpy())  # drops rows 0 and 10: the texts follow the distinct values kept
    assert kept.uniques.tolist() == kept.texts.tolist() == texts[1:10]
    assert text_cells(as_str, "strip", _SPACES).tolist()[:11] == text_cells(as_objects, "strip", _SPACES).tolist()[:11]
    assert pd.isna(text_cells(as_str, "strip", _SPACES).iloc[11])
