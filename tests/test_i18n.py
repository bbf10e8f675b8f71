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
