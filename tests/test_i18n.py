"""Labels: one Chinese and one English name per key, Chinese by default."""

from __future__ import annotations

import subprocess
import sys

import pytest

import logilab as ll
from logilab import LogilabInputError, i18n


def test_every_label_has_both_languages():
    for key, (zh, en) in i18n.LABELS.items():
        assert zh.strip() and en.strip(), key
        assert zh != en or key in {"k", "abc"}, f"{key}: the Chinese label repeats the English one"


def test_default_language_is_chinese_and_can_be_switched():
    assert ll.get_language() == "zh"
    try:
        ll.set_language("en")
        assert ll.label("orders") == "orders"
    finally:
        ll.set_language("zh")
    assert ll.label("orders") == "订单数"
    assert ll.label("orders", "en") == "orders"


def test_unknown_language_and_key():
    with pytest.raises(LogilabInputError, match=r"lang: expected one of \['zh', 'en'\], found 'de'"):
        ll.set_language("de")
    with pytest.raises(LogilabInputError, match="Did you mean 'orders'"):
        ll.label("order")


def test_environment_variable_sets_the_default():
    code = "import logilab as ll; print(ll.get_language(), ll.label('warehouse'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"LOGILAB_LANG": "en"}).stdout
    assert out.split() == ["en", "warehouse"]


def test_bilingual():
    assert ll.bilingual("region") == "地区（region）"


def test_errors_carry_a_reason_that_error_message_words_in_chinese():
    import pandas as pd

    from logilab._validation import check_no_missing, check_numeric_columns, require_columns

    frame = pd.DataFrame({"qty": [3, "three", None, "four"]})
    with pytest.raises(
        LogilabInputError, match=r"lines: expected column 'qty' to hold numbers, found text such as 'three' in rows \[1, 3\]"
    ) as caught:
        check_numeric_columns(frame, ["qty"], "lines")
    # rows 1 and 3 hold text: two of them, both listed
    assert caught.value.reason == "not_numeric" and caught.value.details == {"column": "qty", "value": "three", "rows": [1, 3], "count": 2}
    assert ll.error_message(caught.value, "zh") == "“qty”列应为数字，却有“three”（第 1、3 行），请改正这些单元格，或另选一列"
    assert ll.error_message(caught.value, "en") == str(caught.value)
    with pytest.raises(LogilabInputError) as caught:
        check_no_missing(pd.DataFrame({"c": [None] * 7}), ["c"], "survey")
    # seven empty cells, the first five listed (MAX_ROWS_SHOWN)
    assert ll.error_message(caught.value, "zh") == "“c”列有缺失值（第 0、1、2、3、4 行等 7 行），请先补全或删除这些行"
    with pytest.raises(LogilabInputError) as caught:
        require_columns(frame, {"amount": "金额"}, "lines")
    assert caught.value.reason == "unknown_column"
    assert ll.error_message(caught.value, "zh") == "表中没有名为“金额”的列，请检查列名或另选一列"
    # an error without a reason keeps its own text in both languages
    assert ll.error_message(LogilabInputError("x: expected y, found z."), "zh") == "x: expected y, found z."
