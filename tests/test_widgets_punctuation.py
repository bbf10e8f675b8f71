"""Text that explorers assemble at run time takes full-width punctuation in Chinese, half-width in English (issue 14).

Every explorer of ``logilab.widgets`` is built on the sample data in Chinese, each
control is moved through a few values, and after every move the summary, the
descriptions, the option labels, the HTML lines and the figure's title, axis
titles, annotations and trace names are read. A half-width ``: , ; ( )`` with a
Chinese character or a full-width mark next to it (spaces between allowed) is a
mistake: "A: 客户价值 30.0, 价值比 TV/TC 1.40" must read "A：客户价值 30.0，价值比 TV/TC 1.40".
Numbers and times (1,234 and 12:30) and English fragments (TV/TC, f(x)) are not
next to Chinese and pass.
"""

from __future__ import annotations

import html
import re

import pytest
from explorer_cases import EXPLORERS, NOT_EXPLORERS, allowed, moves, texts_of

import logilab as ll
import logilab.widgets

_CHINESE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2014\u2026"
# a half-width mark with a Chinese character (or a full-width mark) right before or after it, spaces allowed
# between, except after a closing bracket: "f(x) 与 g" is maths in a Chinese sentence
HALF_NEXT_TO_CHINESE = re.compile(f"[{_CHINESE}] *[:,;()]|[:,;(] *[{_CHINESE}]|\\)[{_CHINESE}]")
HALF_WIDTH = re.compile(r"[A-Za-z0-9%)] ?[:,;] [A-Za-z0-9<]|[A-Za-z] \(")
TAG = re.compile(r"<[^<>]*>")


def half_width_next_to_chinese(text: str) -> list[str]:
    """Each half-width mark next to Chinese in ``text`` (HTML tags removed), with two characters of context.

    Examples worked by hand: the issue's summary has three mistakes; numbers, times
    and English-only fragments have none.
    """
    plain = html.unescape(TAG.sub("", text))
    return [plain[max(m.start() - 2, 0) : m.end() + 2] for m in HALF_NEXT_TO_CHINESE.finditer(plain)]


def test_the_check_finds_the_issue_example_and_passes_numbers_times_and_english():
    # each hit with two characters either side: ": 客" and ", 价" are the two mistakes
    assert half_width_next_to_chinese("A: 客户价值 30.0, 价值比 TV/TC 1.40") == ["A: 客户价", ".0, 价值比"]
    assert half_width_next_to_chinese("A：客户价值 30.0，价值比 TV/TC 1.40") == []
    assert half_width_next_to_chinese("订单 1,234 张，截至 12:30，f(x) 与 TV/TC") == []
    assert half_width_next_to_chinese("<b>客户</b>: <b>3</b>") == ["客户: 3"]  # tags do not hide a mark
    assert half_width_next_to_chinese("供应比率 (unit fill rate)") == ["应比率 (un"]
    assert half_width_next_to_chinese("期望 &#x27;客户&#x27;") == []  # HTML entities are read as the characters they stand for
    assert half_width_next_to_chinese("Delivered value: 30.0, value ratio 1.40") == []


def test_the_list_covers_every_explorer_of_the_widgets_package():
    assert set(logilab.widgets.__all__) - NOT_EXPLORERS - {"MAKE_OR_BUY_CASE"} == set(EXPLORERS)


def _hits(widget) -> set[str]:
    return {f"{where}: {text!r} -> {hit!r}" for where, text in texts_of(widget) for hit in half_width_next_to_chinese(text)}


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_chinese_explorer_text_uses_full_width_punctuation_after_every_move(name):
    with ll.language("zh"):
        explorer = EXPLORERS[name]()
        found = _hits(explorer)
        moved = 0
        for key, control in dict(explorer.controls).items():
            for value in moves(control):
                if not allowed(control, value):
                    continue
                control.value = value
                moved += 1
                found |= {f"after {key}={value!r}: {hit}" for hit in _hits(explorer)}
    assert moved, f"{name}: no control was moved"
    assert not found, f"{name}: {len(found)} half-width mark(s) next to Chinese:\n" + "\n".join(sorted(found)[:20])


@pytest.mark.parametrize("name", ["delivered_value_explorer", "clv_explorer", "group_ahp_explorer", "weights_explorer"])
def test_english_explorer_text_keeps_half_width_punctuation(name):
    """English summaries are not given Chinese marks: no full-width mark at all, and ': ' or ', ' where they belong."""
    with ll.language("en"):
        explorer = EXPLORERS[name]()
        summaries = [explorer.summary.value]
        for control in explorer.controls.values():
            for value in moves(control)[:2]:
                if not allowed(control, value):
                    continue
                control.value = value
                summaries.append(explorer.summary.value)
        texts = [text for _, text in texts_of(explorer)] + summaries
    full_width = [t for t in texts if re.search("[，：；（）、]", TAG.sub("", t))]
    assert full_width == [], f"{name}: English text with full-width marks: {full_width[:5]}"
    assert all(HALF_WIDTH.search(TAG.sub("", s)) for s in summaries), f"{name}: an English summary without ': ' or ', ': {summaries[:2]}"
