"""Survey statistics: Cronbach's alpha with Feldt's interval, Net Promoter Score and its comparison."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import logilab as ll
from logilab import LogilabInputError

DATA = Path(__file__).parent / "data"


def test_alpha_interval_reproduces_pingouin_documented_example():
    # pingouin.cronbach_alpha docstring: pg.cronbach_alpha(data=pg.read_dataset("cronbach_alpha"), items="Items",
    # scores="Scores", subject="Subj") -> (0.5917188485995826, array([0.195, 0.84 ]))
    long = pd.read_csv(DATA / "pingouin_cronbach_alpha.csv")
    wide = long.pivot(index="Subj", columns="Items", values="Scores")
    result = ll.cronbach_alpha_ci(wide)
    assert result.alpha == pytest.approx(0.5917188485995826, abs=1e-12)
    assert [round(result.lower, 3), round(result.upper, 3)] == [0.195, 0.84]
    assert (result.respondents, result.items) == (15, 10)
    assert result.alpha == pytest.approx(ll.cronbach_alpha(wide))


def test_alpha_interval_by_hand():
    answers = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [2, 2, 3, 5, 5], "q3": [1, 3, 3, 4, 4]})
    before = answers.copy()
    result = ll.cronbach_alpha_ci(answers, ci=0.90)
    pd.testing.assert_frame_equal(answers, before)
    # item variances 2.5, 2.3, 1.5 (sum 6.3); totals 4, 7, 9, 13, 14 have variance 17.3
    # alpha = 3/2 (1 - 6.3/17.3) = 0.953757; F quantiles with 4 and 8 df at 0.95 and 0.05
    alpha = 1.5 * (1 - 6.3 / 17.3)
    assert result.alpha == pytest.approx(alpha)
    assert result.lower == pytest.approx(1 - (1 - alpha) * stats.f.ppf(0.95, 4, 8))
    assert result.upper == pytest.approx(1 - (1 - alpha) * stats.f.ppf(0.05, 4, 8))
    assert result.table["variance"].tolist() == pytest.approx([2.5, 2.3, 1.5])
    with pytest.raises(LogilabInputError, match="ci: expected a number > 0 and < 1"):
        ll.cronbach_alpha_ci(answers, ci=95)


def test_nps_by_hand_counts():
    # 40 promoters, 35 passives, 25 detractors out of 100: NPS = 100 (0.40 - 0.25) = 15
    # Var = (0.40 + 0.25 - 0.15^2) / 100 = 0.006275, se = 7.9215 points, 95 %: 15 +- 1.959964 * 7.9215
    scores = pd.Series([9] * 20 + [10] * 20 + [7] * 15 + [8] * 20 + [0] * 5 + [6] * 20)
    result = ll.nps(scores)
    assert result.table["count"].tolist() == [40, 35, 25]
    assert result.nps == pytest.approx(15.0)
    assert result.se == pytest.approx(100 * math.sqrt(0.006275))
    assert result.lower == pytest.approx(15 - 1.959964 * 7.921490, abs=1e-4)
    assert result.upper == pytest.approx(15 + 1.959964 * 7.921490, abs=1e-4)
    assert result.summary()["respondents"] == 100


def test_nps_limits_and_bad_answers():
    assert ll.nps([10, 9, 10]).nps == 100.0 and ll.nps([10, 9, 10]).upper == 100.0
    assert ll.nps([0, 3, 6]).nps == -100.0
    with pytest.raises(LogilabInputError, match="whole numbers from 0 to 10"):
        ll.nps([10, 11, 5])
    with pytest.raises(LogilabInputError, match="missing='drop'"):
        ll.nps([10, np.nan, 5])
    assert ll.nps([10, np.nan, 5], missing="drop").respondents == 2
    with pytest.raises(LogilabInputError, match="found text"):
        ll.nps(["10", "很好", "5"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=1, max_size=200))
def test_nps_is_bounded_and_inside_its_interval(scores):
    result = ll.nps(scores)
    assert -100 <= result.lower <= result.nps <= result.upper <= 100
    assert result.table["count"].sum() == len(scores)


def test_nps_compare_by_hand():
    north = [10] * 50 + [8] * 30 + [4] * 20  # NPS 30, Var = (0.5 + 0.2 - 0.09) / 100 = 0.0061
    south = [10] * 30 + [8] * 40 + [4] * 30  # NPS 0,  Var = (0.3 + 0.3 - 0) / 100 = 0.006
    result = ll.nps_compare(north, south, labels=("north", "south"))
    se = 100 * math.sqrt(0.0061 + 0.006)  # 11.0
    assert result.difference == pytest.approx(30.0)
    assert result.se == pytest.approx(se)
    assert result.z == pytest.approx(30 / 11)
    assert result.p_value == pytest.approx(2 * stats.norm.sf(30 / 11))
    assert result.table.loc["north", ["promoter", "passive", "detractor"]].tolist() == [50, 30, 20]


@pytest.mark.parametrize(
    "name, build",
    [
        ("AlphaInterval", lambda: ll.cronbach_alpha_ci(np.array([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]]))),
        ("NPSResult", lambda: ll.nps([10, 9, 7, 3])),
        ("NPSComparison", lambda: ll.nps_compare([10, 9, 7, 3], [6, 9, 7, 3])),
    ],
)
def test_result_protocol(name, build):
    result = build()
    assert type(result).__name__ == name and len(result.table) > 0
    text = repr(result)
    assert "\n" not in text and text.startswith(name + "(") and "<table" in result._repr_html_()
