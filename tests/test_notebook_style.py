"""Chinese prose takes full-width punctuation, and nothing the workbook prints needs an emoji font.

The punctuation rules live in ``tools/fix_punctuation.py`` (which also rewrites
the files); here they are checked on hand-written examples and then on every
notebook's Markdown and every Chinese message in ``logilab/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from tools_loader import load_tool

import logilab as ll
from logilab import exercises, i18n

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


punctuation = load_tool("fix_punctuation")
style = load_tool("notebook_style")

# Colour-emoji code points: misc symbols and dingbats (✅ ❌ ⚠ ✍), the emoji planes, variation selector 16, ZWJ.
EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\u231a\u231b\u23e9-\u23fa\ufe0f\u200d\U0001f000-\U0001faff]")
MODULES = sorted((ROOT / "logilab").rglob("*.py"))


# --- the rules, on examples worked by hand -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # each mark next to a Chinese character becomes full-width, and the space after it goes
        ("服务水平:95%, 订单满足率;缺货?没有!", "服务水平：95%，订单满足率；缺货？没有！"),
        # an English gloss in brackets: the pair is converted together, the spaces around it dropped
        ("日落原则 (sunset rule) 要求当天答复。", "日落原则（sunset rule）要求当天答复。"),
        # a bracket that touches a full-width mark counts as touching Chinese; the fix repeats until stable
        ("**客户** (customer): 个人和组织", "**客户**（customer）：个人和组织"),
        # code spans, maths, URLs and link targets are left alone
        (
            "用 `value_counts(normalize=True)` 和 $G(k)$,见 https://a.b/c?d=1,e 或 [说明](#a,b)。",
            "用 `value_counts(normalize=True)` 和 $G(k)$，见 https://a.b/c?d=1,e 或 [说明](#a,b)。",
        ),
        # a function of a variable and maths in brackets stay half-width
        ("安全系数 G(k) 的值为 (1 + i)^t 时", "安全系数 G(k) 的值为 (1 + i)^t 时"),
        # an English sentence quoting a Chinese term keeps English punctuation
        ("Use the sum-product method (和积法), then check CR.", "Use the sum-product method (和积法), then check CR."),
        # numbers and times between ASCII characters are not touched
        ("共 3,000 位客户,10:00 前", "共 3,000 位客户，10:00 前"),
    ],
)
def test_fix_text_examples(text, fixed):
    assert punctuation.fix_text(text) == fixed
    assert punctuation.fix_text(fixed) == fixed  # idempotent
    assert punctuation.problems(fixed) == []


def test_problems_name_each_mark():
    assert punctuation.problems("平均值:12,中位数 9") == ["平均值[:]12,中位", "值:12[,]中位数 9"]


def test_format_fields_of_python_messages_are_kept():
    assert punctuation.fix_text("{label}:对,{n:.1%}", python=True) == "{label}：对，{n:.1%}"


def test_python_fixer_skips_docstrings_raw_strings_and_english(tmp_path):
    module = tmp_path / "m.py"
    source = '"""模块说明:不改。"""\nPATTERN = r"^(合计|总计)?$"\nMESSAGE = ("提示:先算 CR,再看", "Hint: first CR, then")\n'
    module.write_text(source, encoding="utf-8")
    assert punctuation.fix_python(module) == (2, 0)
    assert module.read_text(encoding="utf-8") == source.replace("提示:先算 CR,再看", "提示：先算 CR，再看")


def test_notebook_fixer_reads_the_string_literals_of_code_cells_never_the_code(tmp_path):
    code = (
        'rows = table.loc[:, ["金额", "客户"]]  # 注释:不改\n'
        'print(f"只算 3 年: {ll.clv(100, 0.8, 0.12, periods=3):.2f} 元,共 {n:,} 家")\n'
        'print("分界值:", {k: round(v, 1) for k, v in cuts.items()})\n'
        'PATTERN = r"^(合计|总计)?$"\n'
    )
    magic = "%timeit ll.rfm(lines)\nprint('耗时:见上')"
    notebook = {
        "cells": [
            {"cell_type": "code", "source": code.splitlines(keepends=True), "metadata": {}, "outputs": [], "execution_count": None},
            {"cell_type": "code", "source": [magic], "metadata": {}, "outputs": [], "execution_count": None},
            {"cell_type": "markdown", "source": ["平均值:12"], "metadata": {}},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    # code cell: ":" and "," of the first print, ":" of the second; markdown: ":" -> 4 marks, all fixed
    assert punctuation.fix_notebook(path) == (4, 0)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert "".join(cells[0]["source"]) == (
        'rows = table.loc[:, ["金额", "客户"]]  # 注释:不改\n'  # slicing and comments are code
        'print(f"只算 3 年：{ll.clv(100, 0.8, 0.12, periods=3):.2f} 元，共 {n:,} 家")\n'  # format fields kept
        'print("分界值：", {k: round(v, 1) for k, v in cuts.items()})\n'
        'PATTERN = r"^(合计|总计)?$"\n'  # a raw string is a pattern
    )
    assert cells[1]["source"] == [magic]  # IPython syntax is not Python: left alone
    assert cells[2]["source"] == ["平均值：12"]
    assert punctuation.fix_notebook(path) == (0, 0)  # idempotent


# --- the workbook --------------------------------------------------------------------------------


def _markdown(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_prose_uses_full_width_punctuation(path):
    found = [problem for text in _markdown(path) for problem in punctuation.problems(text)]
    assert not found, (
        f"{path.name}: {len(found)} half-width mark(s) in Chinese prose, e.g. {found[:5]}; fix with `python tools/fix_punctuation.py`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chinese_text_printed_by_notebook_code_uses_full_width_punctuation(path):
    assert punctuation.fix_notebook(path, write=False)[0] == 0, f"{path.name}: run `python tools/notebook_style.py`"


@pytest.mark.parametrize("path", punctuation.default_paths()[len(NOTEBOOKS) :], ids=lambda p: str(p.relative_to(ROOT / "logilab")))
def test_chinese_messages_use_full_width_punctuation(path):
    assert punctuation.fix_python(path, write=False)[0] == 0, f"{path.name}: run `python tools/fix_punctuation.py {path.relative_to(ROOT)}`"


def test_every_chinese_label_uses_full_width_punctuation():
    found = {key: punctuation.problems(zh, python=True) for key, (zh, _) in i18n.LABELS.items()}
    assert {key: p for key, p in found.items() if p} == {}


# --- print("标签：", x): print's space after a full-width mark ---------------------------------------


@pytest.mark.parametrize(
    ("source", "found"),
    [
        # several arguments after a full-width colon: print puts a space after it ("标签： 42")
        ('print("标签：", x)', ['print("标签：", x)']),
        # an f-string ending in a full-width comma, a trailing space does not hide the mark
        ('print(f"共 {n} 家，", m)\nprint("其中： ", m)', ['print(f"共 {n} 家，", m)', 'print("其中： ", m)']),
        # the fixes: one f-string, concatenation, or sep=""
        ('print(f"标签：{x}")\nprint("标签：" + y)\nprint("标签：", x, sep="")', []),
        # half-width marks (English text) and a full-width mark as the last argument are fine
        ('print("value:", x)\nprint(x, "。")\nprint("（注）")', []),
        # a cell Python cannot read (IPython magic) is left alone
        ("%timeit f()\nprint('耗时：', t)", []),
    ],
)
def test_spaced_prints_examples(source, found):
    assert style.spaced_prints(source) == found


def test_notebook_style_reports_a_spaced_print_and_fails(tmp_path, capsys):
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell('import logilab as ll\n\nll.use_table_format()\nprint("分界值：", 3)')]
    )
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    assert style.main([str(path), "--check"]) == 1
    assert style.main([str(path)]) == 1  # it cannot rewrite the call itself
    assert 'print("分界值：", 3)' in capsys.readouterr().out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_print_no_space_after_a_full_width_mark(path):
    found = style.notebook_spaced_prints(json.loads(path.read_text(encoding="utf-8")))
    assert found == [], f"{path.name}: write these as f-strings or with sep='': {found}"


# --- no emoji ------------------------------------------------------------------------------------


def test_feedback_reads_without_an_emoji_font(capsys):
    ll.check("00.customers", 3000, lang="zh")
    ll.check("00.customers", 2999, lang="zh")
    ll.check("00.customers", None, lang="en")
    ll.student()
    printed = capsys.readouterr().out
    assert printed.splitlines()[0] == "[对] 正确！"
    assert printed.splitlines()[1].startswith("[错] 还不对。 提示：")
    assert printed.splitlines()[2].startswith("[to do] No answer yet:")
    assert not EMOJI.search(printed)


def test_labels_and_messages_hold_no_emoji():
    texts = [text for pair in (*i18n.LABELS.values(), *exercises._MESSAGES.values()) for text in pair]
    assert [t for t in texts if EMOJI.search(t)] == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT / "logilab")))
def test_modules_hold_no_emoji(path):
    lines = [f"{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if EMOJI.search(line)]
    assert lines == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_hold_no_emoji(path):
    """Neither the text nor the saved outputs (what a student sees before running) need an emoji font."""
    raw = path.read_text(encoding="utf-8")
    assert sorted(set(EMOJI.findall(raw))) == []


# --- saved notebooks: their figures, within 1 MB ------------------------------------------------

build_notebooks = load_tool("build_notebooks")
PLOTLY_MIME = "application/vnd.plotly.v1+json"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_notebooks_show_their_figures_within_the_size_limit(path):
    assert path.stat().st_size <= build_notebooks.MAX_BYTES == 1_000_000
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    plotting = [c for c in cells if "".join(c["source"]).strip().splitlines()[-1:][0].lstrip().startswith(("ll.plot_", "fig"))]
    for cell in plotting:
        assert any(PLOTLY_MIME in o.get("data", {}) for o in cell["outputs"]), f"no saved figure for: {''.join(cell['source'])[:80]!r}"
    assert any(PLOTLY_MIME in o.get("data", {}) for c in cells for o in c["outputs"])
    html = ["".join(o["data"]["text/html"]) for c in cells for o in c["outputs"] if "text/html" in o.get("data", {})]
    assert not [h for h in html if "plotly" in h.lower() and len(h) > 20_000], "an HTML copy embedding plotly.js was saved"


def test_clean_keeps_the_figure_json_and_drops_its_html_copy():
    figure = {"data": [{"type": "bar", "y": [0.123456789, 5184529.3141]}], "layout": {"title": {"text": "订单"}}}
    output = nbformat.v4.new_output(
        "display_data", data={PLOTLY_MIME: figure, "text/html": "<script>plotly.js …</script>", "text/plain": "Figure"}
    )
    widget = nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "VBox()"}
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("fig", outputs=[output, widget])])
    [kept] = build_notebooks.clean(notebook).cells[0].outputs
    # 6 significant digits: 0.123456789 -> 0.123457, 5184529.3141 -> 5184530.0
    assert kept["data"] == {
        PLOTLY_MIME: {"data": [{"type": "bar", "y": [0.123457, 5184530.0]}], "layout": {"title": {"text": "订单"}}},
        "text/plain": "Figure",
    }


def test_clean_drops_the_kernel_file_from_saved_warnings():
    warning = nbformat.v4.new_output(
        "stream", name="stderr", text="/tmp/ipykernel_4242/1234567.py:3: UserWarning: 外部顾问 CR 0.448\n  panel = ll.group_ahp(m)\n"
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("panel = ll.group_ahp(m)", outputs=[warning])])
    [kept] = build_notebooks.clean(notebook).cells[0].outputs
    assert kept["text"] == "UserWarning: 外部顾问 CR 0.448\n  panel = ll.group_ahp(m)\n"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_outputs_carry_no_path_of_the_machine_that_built_them(path):
    assert not re.findall(r"ipykernel_\d+|/tmp/|/home/|/root/|/work/", path.read_text(encoding="utf-8"))
