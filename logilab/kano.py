"""Kano analysis: which service features delight, which are expected, which nobody misses.

Each feature is asked twice: the functional question ("how do you feel if the
feature is there?") and the dysfunctional one ("... if it is not there?").
Both are answered on the same five-point list; the pair gives a category
through the Kano evaluation table (Berger et al. 1993, "Kano's methods for
understanding customer-defined quality", *Center for Quality Management
Journal* 2(4), 3-36):

==========  ====  =======  =======  =========  =======
functional  like  must-be  neutral  live-with  dislike
==========  ====  =======  =======  =========  =======
like        Q     A        A        A          O
must-be     R     I        I        I          M
neutral     R     I        I        I          M
live-with   R     I        I        I          M
dislike     R     R        R        R          Q
==========  ====  =======  =======  =========  =======

(rows: functional answer, columns: dysfunctional answer). A attractive, O
one-dimensional, M must-be, I indifferent, R reverse, Q questionable.

Answers may be given as codes 1-5, as the English labels or as the Chinese
ones (喜欢, 理所当然, 无所谓, 能忍受, 不喜欢).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._validation import LogilabInputError, check_choice, check_dataframe, format_rows, require_columns, rows_with_missing
from .i18n import bilingual_pair

__all__ = [
    "KANO_ANSWERS",
    "KANO_ANSWERS_ZH",
    "KANO_CATEGORIES",
    "KANO_CATEGORY_NAMES",
    "KANO_EVALUATION_TABLE",
    "kano_answer_codes",
    "kano_category",
    "kano_table",
]

KANO_ANSWERS = ("like", "must-be", "neutral", "live-with", "dislike")
KANO_ANSWERS_ZH = ("喜欢", "理所当然", "无所谓", "能忍受", "不喜欢")
KANO_CATEGORIES = ("A", "O", "M", "I", "R", "Q")
# category code -> (中文, English), from logilab.i18n ("kano_<code>")
KANO_CATEGORY_NAMES: dict[str, tuple[str, str]] = {category: bilingual_pair(f"kano_{category}") for category in KANO_CATEGORIES}
KANO_EVALUATION_TABLE = pd.DataFrame(
    [
        ["Q", "A", "A", "A", "O"],
        ["R", "I", "I", "I", "M"],
        ["R", "I", "I", "I", "M"],
        ["R", "I", "I", "I", "M"],
        ["R", "R", "R", "R", "Q"],
    ],
    index=pd.Index(KANO_ANSWERS, name="functional"),
    columns=pd.Index(KANO_ANSWERS, name="dysfunctional"),
)
# When two categories are equally frequent, Berger et al. (1993) advise M > O > A > I:
# the category that hurts most if neglected wins. R and Q come last.
TIE_ORDER = ("M", "O", "A", "I", "R", "Q")

_SPELLINGS: dict[str, int] = {}
for _code, (_en, _zh) in enumerate(zip(KANO_ANSWERS, KANO_ANSWERS_ZH), start=1):
    for _spelling in (_en, _en.replace("-", " "), _en.replace("-", ""), _zh, str(_code)):
        _SPELLINGS[_spelling] = _code
_SPELLINGS.update({"i like it": 1, "expect": 2, "i expect it": 2, "i am neutral": 3, "i can live with it": 4, "i dislike it": 5})


def _code_of(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
        return int(value) if 1 <= int(value) <= 5 else None
    if isinstance(value, str):
        return _SPELLINGS.get(" ".join(value.strip().casefold().split()))
    return None


def kano_answer_codes(answers: Any, name: str = "answers") -> np.ndarray:
    """Answers as codes 1-5 (1 like ... 5 dislike); unknown answers raise, naming the rows.

    Parameters
    ----------
    answers : sequence, array or Series
        Answers as codes 1-5, English labels (like, must-be, neutral, live-with,
        dislike) or Chinese ones (喜欢, 理所当然, 无所谓, 能忍受, 不喜欢); case
        and spaces do not matter.
    name : str, default "answers"
        The name used in error messages.

    Returns
    -------
    ndarray of int
        One code per answer, 1 (like) to 5 (dislike).

    Examples
    --------
    >>> kano_answer_codes(["like", "理所当然", 3, "Live with", "5"]).tolist()
    [1, 2, 3, 4, 5]
    >>> kano_answer_codes(["like", "love it"])
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: answers: expected Kano answers (codes 1-5, like / must-be / neutral / live-with / dislike, or 喜欢 / 理所当然 / 无所谓 / 能忍受 / 不喜欢), found 'love it' in rows [1]. Recode those answers.
    """
    values = answers if isinstance(answers, pd.Series) else pd.Series(list(answers) if np.ndim(answers) else [answers], dtype=object)
    codes = [_code_of(v) for v in values]
    bad = [i for i, c in enumerate(codes) if c is None]
    if bad:
        shown = values.iloc[bad[0]]
        shown = shown.item() if isinstance(shown, np.generic) else shown
        raise LogilabInputError(
            f"{name}: expected Kano answers (codes 1-5, {' / '.join(KANO_ANSWERS)}, or {' / '.join(KANO_ANSWERS_ZH)}), "
            f"found {shown!r} in {format_rows(values.index[bad])}. Recode those answers."
        )
    return np.asarray(codes, dtype=int)


def kano_category(functional: Any, dysfunctional: Any) -> str | pd.Series:
    """The Kano category (A, O, M, I, R or Q) of a functional / dysfunctional answer pair.

    Scalars give one letter; arrays or Series give a Series (with the index of
    ``functional`` when it is a Series).

    Parameters
    ----------
    functional : answer, sequence or Series
        The answer(s) to the functional question ("if the feature is there").
    dysfunctional : answer, sequence or Series
        The answer(s) to the dysfunctional question ("if it is not there"), as many as ``functional``.

    Returns
    -------
    str or Series
        ``"A"`` attractive, ``"O"`` one-dimensional, ``"M"`` must-be, ``"I"``
        indifferent, ``"R"`` reverse or ``"Q"`` questionable.

    References
    ----------
    .. [1] Kano, N., Seraku, N., Takahashi, F., & Tsuji, S. (1984). Attractive quality and must-be
       quality. *Journal of the Japanese Society for Quality Control*, 14(2), 39-48.
    .. [2] Berger, C., Blauth, R., Boger, D., et al. (1993). Kano's methods for understanding
       customer-defined quality. *Center for Quality Management Journal*, 2(4), 3-36.

    Examples
    --------
    >>> kano_category("like", "dislike")
    'O'
    >>> kano_category(1, 3)
    'A'
    >>> kano_category("无所谓", "不喜欢")
    'M'
    >>> kano_category(pd.Series([1, 3, 5]), pd.Series([5, 3, 1])).tolist()
    ['O', 'I', 'R']
    """
    scalar = np.ndim(functional) == 0 and np.ndim(dysfunctional) == 0
    func = kano_answer_codes(functional, "functional")
    dysf = kano_answer_codes(dysfunctional, "dysfunctional")
    if len(func) != len(dysf):
        raise LogilabInputError(
            f"dysfunctional: expected as many answers as functional ({len(func)}), found {len(dysf)}. Pass the two answers of the same respondents."
        )
    categories = KANO_EVALUATION_TABLE.to_numpy()[func - 1, dysf - 1]
    if scalar:
        return str(categories[0])
    index = functional.index if isinstance(functional, pd.Series) else None
    return pd.Series(categories, index=index, name="category", dtype=object)


def _features(answers: pd.DataFrame, suffixes: tuple[str, str]) -> list[str]:
    func_sfx, dysf_sfx = suffixes
    found = [str(c)[: -len(func_sfx)] for c in answers.columns if str(c).endswith(func_sfx)]
    if not found:
        raise LogilabInputError(
            f"answers: expected Kano columns named <feature>{func_sfx} and <feature>{dysf_sfx}, found none among {list(answers.columns)[:8]}. "
            "Pass features=[...] and suffixes=(functional, dysfunctional) to match your column names."
        )
    return found


def kano_table(
    answers: pd.DataFrame,
    *,
    features: list[str] | None = None,
    suffixes: tuple[str, str] = ("_func", "_dysf"),
    missing: str = "raise",
) -> pd.DataFrame:
    """Kano category counts per feature, the resulting category and the Better / Worse coefficients.

    The category of a feature is the most frequent one; ties are broken in
    the order M > O > A > I > R > Q (Berger et al. 1993). The customer
    satisfaction coefficients (Berger et al. 1993) are

    * Better = (A + O) / (A + O + M + I): how much satisfaction rises when the feature is offered;
    * Worse = -(O + M) / (A + O + M + I): how much it falls when the feature is missing.

    R and Q answers are counted but left out of both coefficients.

    Parameters
    ----------
    answers : DataFrame
        One row per respondent, columns ``<feature><functional suffix>`` and ``<feature><dysfunctional suffix>``.
    features : list of str, optional
        The features to analyse; by default every column ending in the functional suffix.
    suffixes : (str, str), default ("_func", "_dysf")
    missing : {"raise", "listwise"}, default "raise"
        ``"listwise"`` leaves out, feature by feature, respondents who skipped
        either question; the column ``dropped`` says how many.

    Returns
    -------
    DataFrame
        Per feature: counts ``A O M I R Q``, ``n`` (answers used), ``dropped``,
        ``category``, ``better`` and ``worse``.

    References
    ----------
    .. [1] Kano, N., Seraku, N., Takahashi, F., & Tsuji, S. (1984). Attractive quality and must-be
       quality. *Journal of the Japanese Society for Quality Control*, 14(2), 39-48.
    .. [2] Berger, C., Blauth, R., Boger, D., et al. (1993). Kano's methods for understanding
       customer-defined quality. *Center for Quality Management Journal*, 2(4), 3-36.

    Examples
    --------
    >>> answers = pd.DataFrame({"f_func": [1, 1, 1, 3, 2], "f_dysf": [5, 5, 3, 5, 3]})
    >>> kano_table(answers)[["A", "O", "M", "I", "n", "category", "better", "worse"]]
         A  O  M  I  n category  better  worse
    f    1  2  1  1  5        O     0.6   -0.6
    """
    answers = check_dataframe(answers, "answers")
    check_choice(missing, "missing", ("raise", "listwise"))
    func_sfx, dysf_sfx = suffixes
    features = list(features) if features is not None else _features(answers, suffixes)
    rows = []
    for feature in features:
        func_col, dysf_col = f"{feature}{func_sfx}", f"{feature}{dysf_sfx}"
        require_columns(answers, {f"{feature} (functional)": func_col, f"{feature} (dysfunctional)": dysf_col}, "answers")
        skipped = rows_with_missing(answers, [func_col, dysf_col], "answers", missing=missing)
        pair = answers.loc[~skipped, [func_col, dysf_col]]
        categories = kano_category(pair[func_col], pair[dysf_col]) if len(pair) else pd.Series([], dtype=object)
        counts = categories.value_counts().reindex(list(KANO_CATEGORIES), fill_value=0).astype(int)
        best = max(TIE_ORDER, key=lambda c: (counts[c], -TIE_ORDER.index(c))) if len(pair) else None
        core = counts[["A", "O", "M", "I"]].sum()
        rows.append(
            {
                "feature": feature,
                **counts.to_dict(),
                "n": int(len(pair)),
                "dropped": int(skipped.sum()),
                "category": best,
                "better": (counts["A"] + counts["O"]) / core if core else np.nan,
                "worse": -(counts["O"] + counts["M"]) / core if core else np.nan,
            }
        )
    table = pd.DataFrame(rows).set_index("feature")
    table.index.name = None
    return table
