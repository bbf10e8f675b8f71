"""The shared input checks: messages name the argument, what was expected, what was found, the fix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from logilab._validation import (
    LogilabInputError,
    LogilabTypeError,
    check_choice,
    check_dataframe,
    check_date_columns,
    check_number,
    check_numeric_columns,
    check_path_not_existing,
    check_probability,
    format_rows,
    is_missing,
    require_columns,
)


def test_errors_are_value_and_type_errors():
    assert issubclass(LogilabInputError, ValueError)
    assert issubclass(LogilabTypeError, TypeError)


def test_check_choice_suggests_the_closest_option():
    with pytest.raises(
        LogilabInputError, match=r"method: expected one of \['sum', 'root', 'eigen'\], found 'eigne'. Did you mean 'eigen'\?"
    ):
        check_choice("eigne", "method", ["sum", "root", "eigen"])
    with pytest.raises(LogilabInputError, match="found \\[1\\]"):
        check_choice([1], "method", ["sum"])


def test_check_dataframe_rejects_other_types_and_empty_frames():
    with pytest.raises(LogilabTypeError, match="lines: expected a pandas DataFrame, found dict"):
        check_dataframe({"a": [1]}, "lines")
    with pytest.raises(LogilabInputError, match="lines: expected at least one row, found an empty DataFrame"):
        check_dataframe(pd.DataFrame({"a": []}), "lines")
    assert check_dataframe(pd.DataFrame({"a": []}), "lines", allow_empty=True).empty


@pytest.mark.parametrize(
    "value, kwargs, message",
    [
        (0.0, {"low": 0, "low_inclusive": False}, "sigma: expected a number > 0, found 0.0. Use a value > 0."),
        (-2, {"low": 0}, "sigma: expected a number >= 0, found -2. Use a value >= 0."),
        (float("nan"), {}, "sigma: expected a finite number, found nan. Use a finite value."),
        (float("inf"), {}, "sigma: expected a finite number, found inf. Use a finite value."),
        (5, {"high": 1}, "sigma: expected a number <= 1, found 5. Use a value <= 1."),
    ],
)
def test_check_number_messages(value, kwargs, message):
    with pytest.raises(LogilabInputError) as error:
        check_number(value, "sigma", **kwargs)
    assert str(error.value) == message


def test_check_number_types_and_arrays():
    with pytest.raises(LogilabTypeError, match="sigma: expected a real number, found str '3'"):
        check_number("3", "sigma")
    with pytest.raises(LogilabTypeError, match="found bool"):
        check_number(True, "sigma")
    np.testing.assert_array_equal(check_number([1, 2], "k", allow_array=True), [1.0, 2.0])
    with pytest.raises(LogilabInputError, match=r"k: expected a number >= 0, found 1 value\(s\) out of range, e.g. -1.0"):
        check_number([1, -1], "k", low=0, allow_array=True)


def test_check_probability_open_and_closed():
    assert check_probability(1.0, "rate", open_interval=False) == 1.0
    with pytest.raises(LogilabInputError, match="rate: expected a number > 0 and < 1, found 1.0"):
        check_probability(1.0, "rate")


def test_require_columns_names_role_and_close_match():
    df = pd.DataFrame({"order_id": [1], "shiped_qty": [1]})
    with pytest.raises(LogilabInputError) as error:
        require_columns(df, {"shipped_qty": "shipped_qty"}, "lines")
    assert str(error.value) == (
        "lines: expected a column 'shipped_qty', found no such column among ['order_id', 'shiped_qty']. "
        "Did you mean 'shiped_qty'? Pass shipped_qty='<your column>' to map it."
    )


def test_check_numeric_columns_names_column_and_rows():
    df = pd.DataFrame({"qty": [1, "x", 3]}, index=[10, 11, 12])
    with pytest.raises(LogilabInputError, match=r"column 'qty' to hold numbers, found text such as 'x' in rows \[11\]"):
        check_numeric_columns(df, ["qty"], "lines")
    df = pd.DataFrame({"qty": [1.0, np.nan]})
    with pytest.raises(LogilabInputError, match=r"missing values in rows \[1\]"):
        check_numeric_columns(df, ["qty"], "lines")
    check_numeric_columns(df, ["qty"], "lines", allow_nan=True)


def test_check_date_columns_parses_without_touching_the_frame():
    df = pd.DataFrame({"d": ["2025-01-02", "2025/1/3", None]})
    with pytest.raises(LogilabInputError, match=r"missing dates in rows \[2\]"):
        check_date_columns(df, ["d"], "lines")
    parsed = check_date_columns(df, ["d"], "lines", allow_nat=True)["d"]
    assert parsed.iloc[1] == pd.Timestamp("2025-01-03")
    assert df["d"].iloc[0] == "2025-01-02"


def test_format_rows_and_is_missing():
    assert format_rows([1]) == "rows [1]"
    assert format_rows(range(7), limit=2) == "7 rows, first [0, 1]"
    assert is_missing(None) and is_missing(float("nan")) and is_missing(pd.NA)
    assert not is_missing(0) and not is_missing([1, 2])


def test_check_path_not_existing(tmp_path):
    check_path_not_existing(tmp_path / "new.html", "out", force=False)
    existing = tmp_path / "old.html"
    existing.write_text("x")
    with pytest.raises(LogilabInputError, match="pass --force to overwrite"):
        check_path_not_existing(existing, "out", force=False)


def test_chinese_dates_parse_alongside_the_common_formats():
    df = pd.DataFrame({"d": ["2025年3月1日", "2025年12月31日", "2025-03-02", "2025/3/3 14:30", "2025 年 3 月 4 日"]})
    parsed = check_date_columns(df, ["d"], "lines")["d"]
    assert parsed.dt.strftime("%Y-%m-%d").tolist() == ["2025-03-01", "2025-12-31", "2025-03-02", "2025-03-03", "2025-03-04"]
    with pytest.raises(LogilabInputError, match=r"such as '2025年13月1日' in rows \[0\]"):
        check_date_columns(pd.DataFrame({"d": ["2025年13月1日"]}), ["d"], "lines")
