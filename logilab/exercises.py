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
    percent instead of as a fraction (``6.7`` or the text ``"6.7%"``) gets a
    hint to that effect. Numbers typed as text (``"0.067"``) count as numbers.
    The expected value may be a tuple of numbers that are all correct.
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
``"yesno"``
    a yes / no answer: ``True`` / ``False`` or a word such as 是, 否, 能,
    不能, 通过, yes, no.

Several parts and typical mistakes
----------------------------------
An exercise with ``parts`` asks several questions at once ("what is the
value, and which provider wins?"); the student answers them together, as
named answers ``ll.check(id, value=36, choice="C")`` or as a tuple in the
order of the parts, and every part is judged. ``mistakes`` list the wrong
answers students typically reach (the complement of a share, CI instead of
CR, ...): an answer that matches one gets the hint written for that mistake.

Recording for the gradebook
---------------------------
When the environment variable ``LOGILAB_CHECK_LOG`` names a file, every
check appends one JSON line (exercise id, whether it was correct, the answer
given) to it. ``logilab grade`` uses this to build the gradebook.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._validation import LogilabInputError, is_missing
from .exercise_bank import all_exercises
from .exercise_bank.types import Exercise, Mistake, Part
from .i18n import bilingual_pair, get_language

__all__ = ["Exercise", "Part", "Mistake", "CheckResult", "check", "evaluate", "list_exercises", "student", "CHECK_LOG_VARIABLE"]

CHECK_LOG_VARIABLE = "LOGILAB_CHECK_LOG"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: ``correct``, a message for the student and, per part, whether it was right.

    A result is true when the answer is correct (``if evaluate(...):``).

    Attributes
    ----------
    exercise_id : str
        The exercise checked.
    correct : bool
        Whether every part was answered correctly.
    message : str
        What :func:`check` prints: the verdict and, if wrong, hints (never the answer).
    parts : mapping of str to bool
        Per part name, whether it was right (one part: ``{"answer": ...}``).

    Examples
    --------
    >>> result = evaluate("00.customers", 3000)
    >>> bool(result), result.exercise_id, dict(result.parts)
    (True, '00.customers', {'answer': True})
    """

    exercise_id: str
    correct: bool
    message: str
    parts: Mapping[str, bool] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.correct


# the feedback messages: key -> (中文, English), from logilab.i18n ("check_<key>")
_MESSAGES = {
    key: bilingual_pair(f"check_{key}")
    for key in (
        "correct",
        "not_yet",
        "missing",
        "percent",
        "not_number",
        "not_yesno",
        "not_table",
        "labels",
        "columns",
        "entries",
        "where",
        "hint",
        "part_ok",
        "part_wrong",
        "part_missing",
        "how_parts",
        "unknown_parts",
        "too_many",
    )
}


def _text(key: str, lang: str, **values: Any) -> str:
    zh, en = _MESSAGES[key]
    return (zh if lang == "zh" else en).format(**values)


def _registry() -> dict[str, Exercise]:

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


_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _text_number(value: str) -> tuple[float, bool] | None:
    """``"0.067"`` -> (0.067, False); ``"6.7%"`` -> (6.7, True); other text -> None."""
    text = "".join(value.split()).replace("%", "%").replace(",", "")
    percent = text.endswith("%")
    text = text.rstrip("%")
    if _NUMBER_TEXT.match(text):
        return float(text), percent
    return None


def _as_number(value: Any) -> float | None:
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, str):
        parsed = _text_number(value)
        return None if parsed is None or parsed[1] else parsed[0]
    if isinstance(value, (pd.Series, np.ndarray)) and np.size(value) == 1:
        return _as_number(np.asarray(value).ravel()[0].item())
    return None


def _close(number: float, expected: Any, part: Part) -> bool:
    options = expected if isinstance(expected, (tuple, list)) else (expected,)
    return any(math.isclose(number, float(option), rel_tol=part.rtol, abs_tol=part.atol) for option in options)


def _compare_number(answer: Any, expected: Any, part: Part, lang: str) -> tuple[bool, str]:
    if isinstance(answer, str) and (parsed := _text_number(answer)) is not None and parsed[1]:
        return False, _text("percent", lang)
    number = _as_number(answer)
    if number is None:
        return False, _text("not_number", lang)
    if _close(number, expected, part):
        return True, ""
    options = expected if isinstance(expected, (tuple, list)) else (expected,)
    if any(0 < abs(float(o)) <= 1 for o in options) and _close(number / 100, expected, part):
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


def _compare_table(answer: Any, expected: Any, part: Part, lang: str) -> tuple[bool, str]:
    got, want = _as_table(answer), _as_table(expected)
    if got is None:
        return False, _text("not_table", lang)
    if isinstance(expected, pd.DataFrame) and isinstance(answer, pd.DataFrame):
        missing = [c for c in want.columns if c not in got.columns]
        extra = [c for c in got.columns if c not in want.columns]
        if missing or extra:
            return False, _text("columns", lang, missing=missing, extra=extra)
        got = got[list(want.columns)]
        if part.key:
            keys = list(part.key)
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
                ok = g_num is not None and math.isclose(g_num, float(w), rel_tol=part.rtol, abs_tol=part.atol)
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


def _compare_text(answer: Any, expected: Any, part: Part, lang: str) -> tuple[bool, str]:
    spellings = expected if isinstance(expected, (tuple, list, set, frozenset)) else (expected,)
    accepted = {_normalise_text(s) for s in (*spellings, *part.accept)}
    return _normalise_text(answer) in accepted, ""


_YES = {"yes", "y", "true", "是", "对", "能", "可以", "通过", "能通过", "可以比较", "能比较", "会", "接受", "可以接受", "一致"}
_NO = {
    "no",
    "n",
    "false",
    "否",
    "不",
    "不对",
    "不能",
    "不可以",
    "不通过",
    "不能通过",
    "未通过",
    "没有通过",
    "不能比较",
    "不会",
    "不接受",
    "不一致",
}


def _as_yesno(value: Any) -> bool | None:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, str):
        word = re.sub(r"[。.!!]+$", "", _normalise_text(value))
        if word in _YES:
            return True
        if word in _NO:
            return False
    return None


def _compare_yesno(answer: Any, expected: Any, part: Part, lang: str) -> tuple[bool, str]:
    value = _as_yesno(answer)
    if value is None:
        return False, _text("not_yesno", lang)
    return value == bool(expected), ""


_COMPARERS = {"number": _compare_number, "table": _compare_table, "text": _compare_text, "yesno": _compare_yesno}


def _is_empty(answer: Any) -> bool:
    if answer is Ellipsis:
        return True
    if isinstance(answer, (pd.Series, pd.DataFrame, list, tuple, dict, np.ndarray)):
        return False
    return is_missing(answer)


def _fits(part: Part, answer: Any) -> bool:
    """Whether a lone answer looks like an answer to ``part`` (used when one value is given for several parts)."""
    if part.kind == "number":
        return _as_number(answer) is not None or (isinstance(answer, str) and _text_number(answer) is not None)
    if part.kind == "yesno":
        return _as_yesno(answer) is not None
    if part.kind == "text":
        return isinstance(answer, str) and _text_number(answer) is None
    return _as_table(answer) is not None


def _split_answer(exercise: Exercise, answer: Any, named: Mapping[str, Any], lang: str) -> tuple[dict[str, Any], str]:
    """Map the student's answer(s) onto the parts; return the answers by part and a message about the form, if any."""
    parts = exercise.all_parts()
    names = [p.name for p in parts]
    if len(parts) == 1:
        value = named.get(names[0], answer) if named else answer
        return {names[0]: value}, ""
    given: dict[str, Any] = {}
    note = ""
    if isinstance(answer, Mapping) and not named and set(answer) <= set(names) and answer:
        given.update(answer)
    elif isinstance(answer, tuple):
        if len(answer) > len(parts):
            note = _text("too_many", lang, found=len(answer), n=len(parts))
        given.update({name: value for name, value in zip(names, answer)})
    elif not _is_empty(answer):
        target = next((p.name for p in parts if _fits(p, answer)), names[0])
        given[target] = answer
    unknown = [key for key in named if key not in names]
    if unknown:
        note = _text("unknown_parts", lang, names=unknown, known=names)
    given.update({key: value for key, value in named.items() if key in names})
    if any(name not in given or _is_empty(given[name]) for name in names) and any(not _is_empty(v) for v in given.values()):
        call = ", ".join(f"{name}=..." for name in names)
        note = " ".join(n for n in (note, _text("how_parts", lang, n=len(parts), id=exercise.id, call=call)) if n)
    return given, note


def _mistake_hint(exercise: Exercise, part: Part, answer: Any, lang: str) -> str:
    """The hints of every typical mistake ``answer`` matches (several mistakes may lead to the same answer)."""
    hints = []
    for mistake in exercise.mistakes:
        if (mistake.part or exercise.all_parts()[0].name) != part.name:
            continue
        wrong = mistake.answer()
        if part.kind == "number":
            number = _as_number(answer)
            hit = number is not None and _close(number, wrong, part)
        elif part.kind == "yesno":
            hit = _as_yesno(answer) is not None and _as_yesno(answer) == bool(wrong)
        else:
            hit, _ = _COMPARERS[part.kind](answer, wrong, part, lang)
        if hit:
            hints.append(mistake.hint_zh if lang == "zh" else mistake.hint_en)
    return " ".join(hints)


def _record(exercise_id: str, answer: Any, named: Mapping[str, Any], result: CheckResult) -> None:
    path = os.environ.get(CHECK_LOG_VARIABLE)
    if not path:
        return

    def plain(value: Any) -> Any:
        if isinstance(value, (pd.Series, pd.DataFrame)):
            return {"__table__": value.to_json(force_ascii=False)}
        if isinstance(value, np.generic):
            return value.item()
        if isinstance(value, tuple):
            return {"__tuple__": [plain(v) for v in value]}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in value.items()}
        if value is Ellipsis:
            return None
        if isinstance(value, (str, int, float, bool)) or value is None:
            return value
        return repr(value)

    line = {"exercise": exercise_id, "correct": result.correct, "answer": plain(answer), "named": plain(dict(named))}
    try:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False, allow_nan=True) + "\n")
    except OSError:
        pass  # recording is a service to the grader; a check never fails because of it


def evaluate(exercise_id: str, answer: Any = None, *, lang: str | None = None, **named: Any) -> CheckResult:
    """Check an answer and return a :class:`CheckResult` (nothing is printed).

    Parameters
    ----------
    exercise_id : str
        The id printed in the exercise's cell, e.g. ``"00.customers"``.
    answer : any
        The answer; for an exercise with several parts a tuple in the order
        of the parts (or give the parts as named answers instead).
    lang : {"zh", "en"}, optional
        The language of the message (default: the workbook's language).
    **named
        The parts of a several-part exercise by name, e.g. ``value=36, choice="C"``.

    Returns
    -------
    CheckResult
        The verdict, the message in ``lang`` and the verdict per part.

    Examples
    --------
    >>> evaluate("00.customers", 3000).correct
    True
    >>> evaluate("00.customers", 2999).message
    '[错] 还不对。 提示：数一数客户表的行数，或者 customer_id 有多少个不同的值。'
    >>> evaluate("00.late_share", "6.7%", lang="en").message.split(" Hint")[0]
    "[X] Not yet. This looks like a percentage; give rates as fractions (0.95, not 95 or '95%')."
    """
    lang = lang or get_language()
    exercise = _exercise(exercise_id)
    parts = exercise.all_parts()
    given, note = _split_answer(exercise, answer, named, lang)
    if all(_is_empty(value) for value in given.values()) or not given:
        result = CheckResult(exercise_id, False, _text("missing", lang), {p.name: False for p in parts})
        _record(exercise_id, answer, named, result)
        return result
    verdicts: dict[str, bool] = {}
    lines: list[str] = []
    for part in parts:
        label = (part.label_zh if lang == "zh" else part.label_en) or part.name
        if part.name not in given or _is_empty(given[part.name]):
            verdicts[part.name] = False
            lines.append(_text("part_missing", lang, label=label))
            continue
        value = given[part.name]
        ok, detail = _COMPARERS[part.kind](value, part.expected(), part, lang)
        verdicts[part.name] = ok
        if ok:
            if len(parts) > 1:
                lines.append(_text("part_ok", lang, label=label))
            continue
        mistake = _mistake_hint(exercise, part, value, lang)
        if mistake:
            detail = ""
        hint = mistake or (part.hint_zh if lang == "zh" else part.hint_en)
        if not hint and len(parts) == 1:
            hint = exercise.hint_zh if lang == "zh" else exercise.hint_en
        pieces = [detail, f"{_text('hint', lang)}{hint}" if hint else ""]
        if len(parts) > 1:
            pieces.insert(0, _text("part_wrong", lang, label=label))
        lines.append(" ".join(p for p in pieces if p))
    too_many = isinstance(answer, tuple) and len(parts) > 1 and len(answer) > len(parts)
    correct = all(verdicts.values()) and not too_many
    if correct:
        message = _text("correct", lang)
    else:
        separator = "\n" if len(parts) > 1 else " "
        message = separator.join(p for p in [_text("not_yet", lang), *lines, note] if p)
    result = CheckResult(exercise_id, correct, message, verdicts)
    _record(exercise_id, answer, named, result)
    return result


def check(exercise_id: str, answer: Any = None, *, lang: str | None = None, **named: Any) -> None:
    """Print whether ``answer`` solves the exercise, with a hint if it does not.

    The expected answer is never shown. An exercise with several parts takes
    them as named answers (``ll.check(id, value=..., choice=...)``) or as a
    tuple in the order of its parts.

    Parameters
    ----------
    exercise_id : str
        The id printed in the exercise's cell, e.g. ``"00.customers"``.
    answer : any, optional
        The answer (``None`` or ``...``: not answered yet); for a several-part
        exercise a tuple in the order of the parts.
    lang : {"zh", "en"}, optional
        The language of the message (default: the workbook's language).
    **named
        The parts of a several-part exercise by name.

    Returns
    -------
    None
        The message of :func:`evaluate` is printed.

    Examples
    --------
    >>> check("00.customers", 3000)
    [对] 正确！
    >>> check("00.customers", None, lang="en")
    [to do] No answer yet: replace ... or None with your answer and run the cell again.
    """
    print(evaluate(exercise_id, answer, lang=lang, **named).message)


def student(学号: str = "", 姓名: str = "") -> None:  # noqa: PLC2401 - the names students see in the cell
    """Name the student of this notebook (学号 student number, 姓名 name) for the gradebook.

    The student copies of the notebooks start with a cell calling this; the
    instructor's ``logilab grade`` reads it, and falls back to the file name
    when it is left empty.

    Parameters
    ----------
    学号 : str, default ""
        The student number.
    姓名 : str, default ""
        The student's name.

    Returns
    -------
    None
        A confirmation is printed; when the grader runs the notebook, the names
        are also written to its check log.

    Examples
    --------
    >>> student(学号="2023001", 姓名="张三")
    已记录：学号 2023001，姓名 张三
    >>> student()
    [待填] 请在引号里填上你的学号和姓名，再运行这个单元格。
    """
    number, name = str(学号 or "").strip(), str(姓名 or "").strip()
    if not number and not name:
        print("[待填] 请在引号里填上你的学号和姓名，再运行这个单元格。")
        return
    path = os.environ.get(CHECK_LOG_VARIABLE)
    if path:
        try:
            with open(path, "a", encoding="utf-8") as log:
                log.write(json.dumps({"student": number, "name": name}, ensure_ascii=False) + "\n")
        except OSError:
            pass
    print(f"已记录：学号 {number or '（空）'}，姓名 {name or '（空）'}")


def list_exercises(notebook: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
    """The exercises (id, title, kind and the names of their parts), optionally only those of one notebook (``"01"``).

    Parameters
    ----------
    notebook : str, optional
        A notebook number such as ``"01"``; default every exercise.
    lang : {"zh", "en"}, optional
        The language of the titles (default: the workbook's language).

    Returns
    -------
    DataFrame
        One row per exercise, in notebook order: ``id``, ``title``, ``kind``
        (``"+"``-joined for several parts) and ``parts`` (their names).

    Examples
    --------
    >>> list_exercises("00")["id"].tolist()
    ['00.customers', '00.busiest_warehouse', '00.late_share']
    """
    lang = lang or get_language()
    rows = [
        {
            "id": e.id,
            "title": e.title_zh if lang == "zh" else e.title_en,
            "kind": "+".join(p.kind for p in e.all_parts()),
            "parts": ", ".join(p.name for p in e.all_parts()),
        }
        for e in _registry().values()
        if notebook is None or e.id.split(".")[0] == notebook
    ]
    return pd.DataFrame(rows, columns=["id", "title", "kind", "parts"])
