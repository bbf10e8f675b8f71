"""Weighted score, grading into bands and incentive plans."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError
from logilab.scoring import INCENTIVES

X = pd.DataFrame({"otif": [0.90, 0.80, 0.86], "complaints": [0.02, 0.06, 0.03]}, index=["SH", "CD", "WH"])


def test_weighted_score_by_hand():
    # min-max: otif (0.9 -> 1, 0.8 -> 0, 0.86 -> 0.6); complaints are a cost: (0.02 -> 1, 0.06 -> 0, 0.03 -> 0.75)
    result = ll.weighted_score(X, {"otif": 0.7, "complaints": 0.3}, benefit={"otif": "benefit", "complaints": "cost"})
    np.testing.assert_allclose(result["score"], [100, 0, 100 * (0.7 * 0.6 + 0.3 * 0.75)])
    np.testing.assert_allclose(result["otif"], [70, 0, 42])
    assert result["rank"].tolist() == [1, 3, 2]


def test_grade_bands_include_their_lower_bound():
    grades = ll.grade(pd.Series({"a": 90.0, "b": 89.99, "c": 70.0, "d": 10.0}))
    assert grades.tolist() == ["优秀", "良好", "合格", "不合格"]
    custom = ll.grade([0.95, 0.5], bands={"A": 0.9, "B": 0.6})
    assert custom.iloc[0] == "A" and pd.isna(custom.iloc[1])


def test_incentive_plan_internal_and_external():
    plan = ll.incentive_plan(pd.Series({"WH-SH": 92.0, "WH-GZ": 83.0, "WH-BJ": 71.0, "WH-WH": 65.0, "WH-CD": 40.0}))
    assert plan.index.tolist() == ["WH-SH", "WH-GZ", "WH-BJ", "WH-WH", "WH-CD"]
    assert plan["incentive"].tolist() == ["positive", "positive", "none", "negative", "negative"]
    assert plan.loc["WH-SH", "measure"] == INCENTIVES["优秀"][1]
    external = ll.incentive_plan({"P03": 95.0}, audience="external")
    assert external.loc["P03", "measure"] == INCENTIVES["优秀"][2]
    own = ll.incentive_plan(
        {"x": 50.0}, bands={"pass": 60, "fail": 0}, measures={"pass": ("positive", "bonus"), "fail": ("negative", "warning")}
    )
    assert own.loc["x", ["grade", "incentive", "measure"]].tolist() == ["fail", "negative", "warning"]


def test_bad_input():
    with pytest.raises(LogilabInputError, match="audience: expected one of"):
        ll.incentive_plan({"x": 50.0}, audience="partners")
    with pytest.raises(LogilabInputError, match="found none for \\['pass', 'fail'\\]"):
        ll.incentive_plan({"x": 50.0}, bands={"pass": 60, "fail": 0})
    with pytest.raises(LogilabInputError, match="expected 2 weights"):
        ll.weighted_score(X, [1.0])
    with pytest.raises(LogilabInputError, match="negative weights for \\['otif'\\]"):
        ll.weighted_score(X, [-0.5, 1.5])
    before = X.copy()
    ll.weighted_score(X, [0.5, 0.5])
    pd.testing.assert_frame_equal(X, before)
