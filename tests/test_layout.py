"""Where things live: every Chinese/English pair in logilab/i18n.py, the sample files read only by the sample modules.

Both checks read the source code (its syntax tree, docstrings excluded), so they fail the moment
someone writes a bilingual table in a topic module or makes a core function load the samples itself.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "logilab"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts[:-1])

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CODE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")  # column names and keys such as "doc_accuracy_rate" are not English text


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _zh(text: str | None) -> bool:
    return text is not None and bool(CJK.search(text))


def _en(text: str | None) -> bool:
    return text is not None and not CJK.search(text) and bool(LATIN_WORD.search(text)) and not CODE.match(text)


def _texts(node: ast.AST) -> list[str] | None:
    if isinstance(node, (ast.Tuple, ast.List)):
        texts = [_text(e) for e in node.elts]
        if texts and all(t is not None for t in texts):
            return texts
    return None


def zh_en_pairs(source: str) -> list[tuple[int, str]]:
    """Literal Chinese/English pairs in Python source: the places a translation table is written by hand.

    A pair is (1) a Chinese string followed by an English one in a tuple or list, ("基本服务", "basic service");
    (2) a tuple of Chinese words followed by a tuple as long of English ones; (3) a dict entry from a Chinese
    key to an English value; (4) a dict holding "zh" and "en" (or "name_zh" and "name_en", ...) entries.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List)):
            for first, second in zip(node.elts, node.elts[1:]):
                if _zh(_text(first)) and _en(_text(second)):
                    found.append((node.lineno, f"{_text(first)!r}, {_text(second)!r}"))
                zh, en = _texts(first), _texts(second)
                if zh and en and len(zh) == len(en) and all(map(_zh, zh)) and all(map(_en, en)):
                    found.append((node.lineno, f"{zh[0]!r}, ... / {en[0]!r}, ..."))
        if isinstance(node, ast.Dict):
            entries = {_text(k): v for k, v in zip(node.keys, node.values) if k is not None and _text(k) is not None}
            for key, value in entries.items():
                if _zh(key) and _en(_text(value)):
                    found.append((node.lineno, f"{key!r}: {_text(value)!r}"))
                if key == "zh" or key.endswith("_zh"):
                    other = entries.get(key[:-2] + "en")
                    both_text = _zh(_text(value)) and _en(_text(other)) if other is not None else False
                    both_tables = isinstance(value, ast.Dict) and isinstance(other, ast.Dict)
                    if both_text or both_tables:
                        found.append((node.lineno, f"{key!r} and its English entry"))
    return found


def test_the_pair_finder_finds_each_kind_of_table():
    source = """
SERVICE_LEVELS = {"basic": ("基本服务", "basic service")}
WORDS = (("刚刚下单", "近期活跃"), ("very recent", "recent"))
CONTENT = {"物流运输客户服务": "transport customer service"}
ROW = {"name_zh": "认知差距", "name_en": "knowledge gap"}
HEADERS = {"zh": {"step": "步骤"}, "en": {"step": "step"}}
"""
    assert sorted(line for line, _ in zh_en_pairs(source)) == [2, 3, 4, 5, 6]
    # not pairs: synonyms of a header, a Chinese text beside a column code, Chinese alone, English alone
    fine = """
SYNONYMS = ("customer_id", "客户编号", "客户ID")
CHECK = ("right_product", "无单证或拣货差错", "doc_accuracy_rate")
NAMES = ("重要价值客户", "一般挽留客户")
CODES = {"basic": "basic service"}
"""
    assert zh_en_pairs(fine) == []


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "i18n.py"], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_but_i18n_writes_a_chinese_english_pair(path):
    pairs = zh_en_pairs(path.read_text(encoding="utf-8"))
    assert not pairs, (
        f"{path.name} writes Chinese/English pairs itself ({pairs[:3]}); put them in logilab.i18n.LABELS and read them "
        "with label(key, lang) or bilingual_pair(key)."
    )


# the modules that are the sample company: its files and catalogue (datasets) and the same as a database (database)
SAMPLE_MODULES = {"datasets.py", "database.py"}
# the top-level modules that compute (the figures, widgets and exercises may show the samples; these may not read them)
CORE = [p for p in PACKAGE.glob("*.py") if p.name not in SAMPLE_MODULES | {"__init__.py"}]
SAMPLE_READERS = {"load_sample", "sample_catalog", "describe_sample", "list_samples", "demo_file", "files", "sample_indicator_system"}


def sample_reads(source: str) -> list[tuple[int, str]]:
    """Calls that read the sample files, and imports of the sample modules, in Python source (docstrings excluded)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in SAMPLE_READERS:
                found.append((node.lineno, f"{name}(...)"))
        if isinstance(node, ast.ImportFrom):
            module = ("." * node.level) + (node.module or "")
            if module.lstrip(".") in {"datasets", "database", "data", "logilab.datasets", "logilab.data"}:
                found.append((node.lineno, f"from {module} import ..."))
        if isinstance(node, ast.Constant) and node.value in ("logilab.data", "catalog.json"):
            found.append((node.lineno, repr(node.value)))
    return found


def test_the_sample_read_finder_sees_calls_and_imports():
    source = '''
def f():
    """ll.load_sample("orders") in a docstring is an example, not a read."""
    from .datasets import sample_catalog
    return sample_catalog(), resources.files("logilab.data")
'''
    assert sorted(what for _, what in sample_reads(source)) == [
        "'logilab.data'",
        "files(...)",
        "from .datasets import ...",
        "sample_catalog(...)",
    ]


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_modules_take_data_as_arguments_and_never_read_the_samples(path):
    reads = sample_reads(path.read_text(encoding="utf-8"))
    assert not reads, f"{path.name} reads the sample data itself ({reads}); take the data as an argument, or build it in datasets.py."
