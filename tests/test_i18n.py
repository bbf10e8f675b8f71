"""Labels: one Chinese and one English name per key, Chinese by default."""

from __future__ import annotations

import re
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


# --- the reader's refusals in Chinese (logilab.io, logilab._parsing) -------------------------------------------


def _zh(call, *args, **kwargs) -> str:
    with pytest.raises(LogilabInputError) as caught:
        call(*args, **kwargs)
    assert caught.value.reason, f"no reason on: {caught.value}"
    return ll.error_message(caught.value, "zh")


def test_duplicated_header_in_chinese(tmp_path):
    # header row 1 holds 金额 twice (columns B and C)
    (tmp_path / "o.csv").write_bytes("客户编号,金额,金额\nC1,1,2\n".encode("gbk"))
    assert _zh(ll.read_orders, tmp_path / "o.csv") == "表头（第 1 行）中“金额”出现了不止一次，请在表格中把重名的列改名，以便分清该用哪一列"


def test_ambiguous_day_and_month_in_chinese():
    import pandas as pd

    from logilab._parsing import parse_dates

    # row 0 '05/03/2025': day 5 of March (day first) or 3 May (month first); both rows fit both orders
    message = _zh(parse_dates, pd.Series(["05/03/2025", "04/03/2025"]), column="日期")
    assert message == (
        "“日期”列的日期既能按日/月/年读，也能按月/日/年读，例如第 0 行“05/03/2025”（3月5日还是5月3日？）。"
        "请在“日期中日、月的顺序”中选择“日/月/年”或“月/日/年”"
    )


def test_refused_refunds_name_the_widget_options_in_chinese(tmp_path):
    # row 1 header, rows 2-4 lines; row 3 is a refund of 20
    text = "客户编号,下单日期,金额\nC1,2025-03-01,100\nC1,2025-03-05,-20\nC2,2025-03-02,50\n"
    (tmp_path / "o.csv").write_text(text, encoding="utf-8")
    message = _zh(ll.read_orders, tmp_path / "o.csv", refunds="refuse")
    assert message == "“金额”列有负金额，即退款（第 3 行），请把“退款（负金额）”改为“与购买相抵”或“删除”，或改正这些单元格"
    # the options are named as the widget labels them, so a renamed control renames them in the message
    assert f"“{ll.label('refunds', 'zh')}”" in message and f"“{ll.label('refunds_net', 'zh')}”" in message


def test_unreadable_bytes_and_dates_in_chinese():
    import pandas as pd

    from logilab.io import detect_encoding

    # 0x80 alone is neither UTF-8 nor a GB18030 character
    assert _zh(detect_encoding, b"\x80\x80\n") == (
        "文件既不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法读取。请在“文件编码”菜单中选择文件的编码，"
        "或在 Excel 中把文件另存为“CSV UTF-8”后重新上传"
    )
    from logilab._parsing import parse_dates

    # rows 1-7 hold 'soon': seven rows, the first five listed (MAX_ROWS_SHOWN)
    message = _zh(parse_dates, pd.Series(["2025-03-01"] + ["soon"] * 7), column="下单日期")
    assert message == "“下单日期”列应为日期，却有“soon”这样的值（第 1、2、3、4、5 行等 7 行），请改正这些单元格，写成 2025-03-01 这样的日期"


def test_error_labels_name_existing_controls_and_use_full_width_punctuation():
    import string

    from test_widgets_punctuation import half_width_next_to_chinese

    errors = {key: pair for key, pair in i18n.LABELS.items() if key.startswith("error_")}
    assert len(errors) >= 40
    for key, (zh, _en) in errors.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(zh) if name}
        for name in fields:
            if name.startswith("label_"):
                assert name[len("label_") :] in i18n.LABELS, (key, name)
        # the sentence with its fields filled by Chinese words, as error_message fills them
        filled = re.sub(r"\{[^{}]*\}", "某", zh)
        assert half_width_next_to_chinese(filled) == [], (key, zh)
