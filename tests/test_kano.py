"""Tests of logilab.kano: the evaluation table, answer spellings, Better / Worse coefficients."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import logilab as ll
from logilab import LogilabInputError
from logilab.kano import KANO_ANSWERS, KANO_ANSWERS_ZH, kano_category, kano_table

# Berger et al. (1993), "Kano's methods for understanding customer-defined quality",
# Center for Quality Management Journal 2(4), the Kano evaluation table:
# rows = functional answer, columns = dysfunctional answer, both in the order
# like, must-be, neutral, live-with, dislike.
BERGER_TABLE = [
    "Q A A A O".split(),
    "R I I I M".split(),
    "R I I I M".split(),
    "R I I I M".split(),
    "R R R R Q".split(),
]


@pytest.mark.parametrize("func", range(5))
@pytest.mark.parametrize("dysf", range(5))
def test_evaluation_table_cell_by_cell(func, dysf):
    expected = BERGER_TABLE[func][dysf]
    assert kano_category(func + 1, dysf + 1) == expected
    assert kano_category(KANO_ANSWERS[func], KANO_ANSWERS[dysf]) == expected
    assert kano_category(KANO_ANSWERS_ZH[func], KANO_ANSWERS_ZH[dysf]) == expected


def test_spellings_are_forgiving():
    assert kano_category(" Like ", "Live with") == "A"
    assert kano_category("MUST BE", "dislike") == "M"
    assert kano_category("1", 5.0) == "O"


def test_vectorised_keeps_the_index():
    func = pd.Series([1, 2, 5], index=["r1", "r2", "r3"])
    dysf = pd.Series(["dislike", "不喜欢", "喜欢"], index=["r1", "r2", "r3"])
    assert kano_category(func, dysf).to_dict() == {"r1": "O", "r2": "M", "r3": "R"}


def test_unknown_answers_are_named():
    with pytest.raises(LogilabInputError, match=r"functional: expected Kano answers .* found 6 in rows \[2\]"):
        kano_category([1, 2, 6], [5, 5, 5])
    with pytest.raises(LogilabInputError, match=r"dysfunctional: expected Kano answers .* found 'meh' in rows \[0\]"):
        kano_category("like", "meh")
    with pytest.raises(LogilabInputError, match="found 2"):
        kano_category([1, 2, 3], [5, 5])


HAND = pd.DataFrame(
    {
        # pairs -> categories: (1,5) O, (1,5) O, (1,3) A, (3,5) M, (2,3) I, (5,1) R, (1,1) Q, (1,4) A
        "x_func": [1, 1, 1, 3, 2, 5, 1, 1],
        "x_dysf": [5, 5, 3, 5, 3, 1, 1, 4],
    }
)


def test_better_worse_by_hand():
    row = kano_table(HAND).loc["x"]
    assert row[["A", "O", "M", "I", "R", "Q", "n"]].tolist() == [2, 2, 1, 1, 1, 1, 8]
    # Better = (A + O) / (A + O + M + I) = 4 / 6; Worse = -(O + M) / (A + O + M + I) = -3 / 6
    assert row["better"] == pytest.approx(4 / 6)
    assert row["worse"] == pytest.approx(-3 / 6)


def test_ties_are_broken_m_before_o_before_a_before_i():
    # A and O both twice -> O (Berger et al. 1993: M > O > A > I)
    assert kano_table(HAND).loc["x", "category"] == "O"
    tie = pd.DataFrame({"y_func": [1, 1, 2, 3], "y_dysf": [3, 3, 5, 5]})  # A twice, M twice -> M
    assert kano_table(tie).loc["y", "category"] == "M"


def test_missing_answers_raise_or_are_dropped_per_feature():
    answers = HAND.astype(float)
    answers.loc[4, "x_dysf"] = np.nan
    with pytest.raises(LogilabInputError, match=r"1 missing answer\(s\) in rows \[4\]. Pass missing='listwise'"):
        kano_table(answers)
    row = kano_table(answers, missing="listwise").loc["x"]
    assert (row["n"], row["dropped"], row["I"]) == (7, 1, 0)


def test_missing_columns_and_own_suffixes():
    with pytest.raises(LogilabInputError, match="Kano columns named <feature>_func"):
        kano_table(pd.DataFrame({"a": [1]}))
    with pytest.raises(LogilabInputError, match=r"a column 'x_dysf' \(for x \(dysfunctional\)\)"):
        kano_table(HAND.drop(columns=["x_dysf"]))
    mine = HAND.rename(columns={"x_func": "x_正向", "x_dysf": "x_反向"})
    assert kano_table(mine, suffixes=("_正向", "_反向")).loc["x", "category"] == "O"


def test_sample_survey_recovers_the_planted_categories():
    table = kano_table(ll.load_sample("survey"))
    planted = {"k1": "O", "k2": "A", "k3": "M", "k4": "I", "k5": "O", "k6": "I", "k7": "A", "k8": "M"}
    assert table["category"].to_dict() == planted
    assert (table["n"] == 400).all()
    assert table.loc["k2", "better"] == pytest.approx(323 / 371)
    assert table.loc["k3", "worse"] == pytest.approx(-334 / 381)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=40))
def test_coefficients_stay_in_range(pairs):
    answers = pd.DataFrame(pairs, columns=["f_func", "f_dysf"])
    row = kano_table(answers).loc["f"]
    assert row[["A", "O", "M", "I", "R", "Q"]].sum() == len(pairs)
    if not np.isnan(row["better"]):
        assert 0 <= row["better"] <= 1 and -1 <= row["worse"] <= 0
