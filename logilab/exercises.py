"""Exercise checks: ``ll.check(exercise_id, answer)`` tells a student whether an answer is right.

Every exercise lives in ``logilab/exercise_bank/`` (one module per notebook)
as an :class:`Exercise`: its id, what kind of answer it expects, a tolerance
and a hint. The expected answer is computed from the package's own functions
on the sample data when the exercise is checked, so it always agrees with the
notebook; it is never printed.

Kinds of answers
----------------
``"number"``
    compared with a relative and an absolute tolerance; a rate given in
    percent instead of as a fraction gets a hint to that effect.
``"table"``
    a pandas Series, DataFrame, dict or list, compared entry by entry after
    aligning the labels; the message says how many entries differ and in
    which rows and columns. With ``key`` (column names), a DataFrame answer,
    such as the result of a SQL query, is aligned on those columns, so the
    order of its rows does not matter.
``"text"``
    a word or a category, compared without regard to case or spaces; the
    expected value may be a tuple of equally good spellings (a code, its
    Chinese and its English name), and ``accept`` adds fixed synonyms.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._validation import LogilabInputError, is_missing
from .i18n import get_language

__all__ = ["Exercise", "CheckResult", "check", "evaluate", "list_exercises"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: id, expected answer (computed on demand), kind, tolerance and hint."""

    id: str
    title_zh: str
    title_en: str
    expected: Callable[[], Any]
    kind: str = "number"
    rtol: float = 1e-3
    atol: float = 1e-9
    hint_zh: str = ""
    hint_en: str = ""
    accept: tuple[str, ...] = field(default_factory=tuple)
    key: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: ``correct`` and a message for the student."""

    exercise_id: str
    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct


_MESSAGES = {
    "correct": ("✅ 正确!", "✅ Correct!"),
    "not_yet": ("❌ 还不对。", "❌ Not yet."),
    "missing": (
        "✍️ 还没有作答:把 ... 或 None 换成你的答案,再运行这个单元格。",
        "✍️ No answer yet: replace ... or None with your answer and run the cell again.",
    ),
    "percent": (
        "看起来你给的是百分数;请用小数表示比率(例如 0.95 而不是 95)。",
        "This looks like a percentage; give rates as fractions (0.95, not 95).",
    ),
    "not_number": ("答案应该是一个数。", "The answer should be a single number."),
    "not_table": ("答案应该是一个表(Series、DataFrame 或 dict)。", "The answer should be a table (Series, DataFrame or dict)."),
    "labels": ("标签不一致:缺少 {missing},多出 {extra}。", "Labels differ: missing {missing}, unexpected {extra}."),
    "columns": ("列不一致:缺少 {missing},多出 {extra}。", "Columns differ: missing {missing}, unexpected {extra}."),
    "entries": ("{bad} / {total} 个数值不对。", "{bad} of {total} values are off."),
    "where": ("不一致的行：{rows}；列：{columns}。", "Rows that differ: {rows}; columns: {columns}."),
    "hint": ("提示:", "Hint: "),
}


def _text(key: str, lang: str, **values: Any) -> str:
    zh, en = _MESSAGES[key]
    return (zh if lang == "zh" else en).format(**values)


def _registry() -> dict[str, Exercise]:
    from .exercise_bank import all_exercises

    return {exercise.id: exercise for exercise in all_exercises()}


def _exercise(exercise_id: str) -> Exercise:
    registry = _registry()
    if exercise_id not in registry:
        import difflib

        close = difflib.get_close_matches(str(exercise_id), registry, n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        raise LogilabInputError(
            f"exercise_id: expected the id of an exercise, found {exercise_id!r}. {hint}"
            "Copy the id from the exercise's cell or see ll.list_exercises()."
        )
    return registry[exercise_id]


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, (pd.Series, np.ndarray)) and np.size(value) == 1:
        return _as_number(np.asarray(value).ravel()[0].item())
    return None


def _compare_number(answer: Any, expected: float, exercise: Exercise, lang: str) -> tuple[bool, str]:
    number = _as_number(answer)
    if number is None:
        return False, _text("not_number", lang)
    if math.isclose(number, expected, rel_tol=exercise.rtol, abs_tol=exercise.atol):
        return True, ""
    if 0 < abs(expected) <= 1 and math.isclose(number / 100, expected, rel_tol=exercise.rtol, abs_tol=exercise.atol):
        return False, _text("percent", lang)
    return False, ""


def _as_table(value: Any) -> pd.DataFrame | None:
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, pd.Series):
        return value.to_frame(name="value")
    if isinstance(value, Mapping):
        return pd.Series(value).to_frame(name="value")
    if isinstance(value, (list, tuple, np.ndarray)):
        return pd.Series(list(value)).to_frame(name="value")
    return None


def _compare_table(answer: Any, expected: Any, exercise: Exercise, lang: str) -> tuple[bool, str]:
    got, want = _as_table(answer), _as_table(expected)
    if got is None:
        return False, _text("not_table", lang)
    if isinstance(expected, pd.DataFrame) and isinstance(answer, pd.DataFrame):
        missing = [c for c in want.columns if c not in got.columns]
        extra = [c for c in got.columns if c not in want.columns]
        if missing or extra:
            return False, _text("columns", lang, missing=missing, extra=extra)
        got = got[list(want.columns)]
        if exercise.key:
            keys = list(exercise.key)
            if got[keys].duplicated().any():
                return False, _text("labels", lang, missing=[], extra=["(duplicate " + ", ".join(keys) + ")"])
            got, want = got.set_index(keys), want.set_index(keys)
    else:
        got = got.iloc[:, :1].set_axis(["value"], axis=1)
        want = want.iloc[:, :1].set_axis(["value"], axis=1)
    got_labels = {str(i) for i in got.index}
    want_labels = {str(i) for i in want.index}
    if got_labels != want_labels:
        return False, _text("labels", lang, missing=sorted(want_labels - got_labels)[:5], extra=sorted(got_labels - want_labels)[:5])
    got = got.set_axis([str(i) for i in got.index]).loc[[str(i) for i in want.index]]
    bad, bad_rows, bad_columns = 0, [], []
    for column in want.columns:
        for row, g, w in zip(want.index, got[column], want[column]):
            if isinstance(w, (int, float, np.integer, np.floating)) and not isinstance(w, bool):
                g_num = _as_number(g)
                ok = g_num is not None and math.isclose(g_num, float(w), rel_tol=exercise.rtol, abs_tol=exercise.atol)
            else:
                ok = _normalise_text(g) == _normalise_text(w)
            if not ok:
                bad += 1
                bad_rows += [] if row in bad_rows else [row]
                bad_columns += [] if column in bad_columns else [column]
    if bad:
        message = _text("entries", lang, bad=bad, total=want.size)
        if list(want.columns) != ["value"]:
            rows = [str(r) for r in bad_rows[:5]] + (["..."] if len(bad_rows) > 5 else [])
            message += " " + _text("where", lang, rows=", ".join(rows), columns=", ".join(str(c) for c in bad_columns))
        return False, message
    return True, ""


def _normalise_text(value: Any) -> str:
    return "".join(str(value).split()).casefold()


def _compare_text(answer: Any, expected: Any, exercise: Exercise, lang: str) -> tuple[bool, str]:
    spellings = expected if isinstance(expected, (tuple, list, set, frozenset)) else (expected,)
    accepted = {_normalise_text(s) for s in (*spellings, *exercise.accept)}
    return _normalise_text(answer) in accepted, ""


_COMPARERS = {"number": _compare_number, "table": _compare_table, "text": _compare_text}


def evaluate(exercise_id: str, answer: Any, *, lang: str | None = None) -> CheckResult:
    """Check an answer and return a :class:`CheckResult` (nothing is printed).

    Examples
    --------
    >>> evaluate("00.customers", 3000).correct
    True
    >>> evaluate("00.customers", 2999).message
    '❌ 还不对。 提示:数一数客户表的行数,或者 customer_id 有多少个不同的值。'
    """
    lang = lang or get_language()
    exercise = _exercise(exercise_id)
    if answer is Ellipsis or (not isinstance(answer, (pd.Series, pd.DataFrame, list, tuple, dict, np.ndarray)) and is_missing(answer)):
        return CheckResult(exercise_id, False, _text("missing", lang))
    correct, detail = _COMPARERS[exercise.kind](answer, exercise.expected(), exercise, lang)
    if correct:
        return CheckResult(exercise_id, True, _text("correct", lang))
    hint = exercise.hint_zh if lang == "zh" else exercise.hint_en
    parts = [_text("not_yet", lang), detail, f"{_text('hint', lang)}{hint}" if hint else ""]
    return CheckResult(exercise_id, False, " ".join(p for p in parts if p))


def check(exercise_id: str, answer: Any, *, lang: str | None = None) -> None:
    """Print whether ``answer`` solves the exercise, with a hint if it does not.

    The expected answer is never shown.

    Examples
    --------
    >>> check("00.customers", 3000)
    ✅ 正确!
    >>> check("00.customers", None, lang="en")
    ✍️ No answer yet: replace ... or None with your answer and run the cell again.
    """
    print(evaluate(exercise_id, answer, lang=lang).message)


def list_exercises(notebook: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
    """The exercises (id and title), optionally only those of one notebook (``"01"``).

    Examples
    --------
    >>> list_exercises("00")["id"].tolist()
    ['00.customers', '00.busiest_warehouse', '00.late_share']
    """
    lang = lang or get_language()
    rows = [
        {"id": e.id, "title": e.title_zh if lang == "zh" else e.title_en, "kind": e.kind}
        for e in _registry().values()
        if notebook is None or e.id.split(".")[0] == notebook
    ]
    return pd.DataFrame(rows, columns=["id", "title", "kind"])
