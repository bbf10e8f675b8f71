"""Fuzzy comprehensive evaluation: each operator on a hand example, two levels, counts, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import logilab as ll
from logilab import LogilabInputError
from logilab.fuzzy import OPERATORS

# Hand example: three factors, four grades (优 良 中 差), A = (0.5, 0.3, 0.2).
A = pd.Series({"准时": 0.5, "完好": 0.3, "响应": 0.2})
R = pd.DataFrame(
    [[0.4, 0.3, 0.2, 0.1], [0.1, 0.4, 0.4, 0.1], [0.2, 0.2, 0.3, 0.3]],
    index=["准时", "完好", "响应"],
    columns=["优", "良", "中", "差"],
)


def test_weighted_average_operator_by_hand():
    # M(*,+): b_j = sum_i a_i r_ij
    # 优 0.5*0.4 + 0.3*0.1 + 0.2*0.2 = 0.27;  良 0.15 + 0.12 + 0.04 = 0.31
    # 中 0.10 + 0.12 + 0.06 = 0.28;          差 0.05 + 0.03 + 0.06 = 0.14
    result = ll.fuzzy_evaluate(A, R, grade_values=[95, 85, 75, 60])
    np.testing.assert_allclose(result.vector, [0.27, 0.31, 0.28, 0.14])
    np.testing.assert_allclose(result.normalized_vector, [0.27, 0.31, 0.28, 0.14])  # already sums to 1
    assert result.grade == "良"
    assert result.score == pytest.approx(0.27 * 95 + 0.31 * 85 + 0.28 * 75 + 0.14 * 60)  # 81.3
    np.testing.assert_allclose(result.composition.loc["准时"], [0.20, 0.15, 0.10, 0.05])
    assert ll.fuzzy_evaluate(A, R, operator="M(.,+)").vector.tolist() == result.vector.tolist()


def test_min_max_operator_by_hand():
    # M(min,max): b_j = max_i min(a_i, r_ij)
    # 优 max(min(.5,.4), min(.3,.1), min(.2,.2)) = 0.4;  良 max(.3, .3, .2) = 0.3
    # 中 max(.2, .3, .2) = 0.3;                           差 max(.1, .1, .2) = 0.2
    result = ll.fuzzy_evaluate(A, R, operator="M(min,max)")
    np.testing.assert_allclose(result.vector, [0.4, 0.3, 0.3, 0.2])
    np.testing.assert_allclose(result.normalized_vector, np.array([0.4, 0.3, 0.3, 0.2]) / 1.2)
    assert result.grade == "优"
    assert ll.fuzzy_evaluate(A, R, operator="M(∧,∨)").vector.tolist() == result.vector.tolist()


def test_product_max_operator_by_hand():
    # M(*,max): b_j = max_i a_i r_ij
    # 优 max(.20, .03, .04) = .20;  良 max(.15, .12, .04) = .15;  中 max(.10, .12, .06) = .12;  差 max(.05, .03, .06) = .06
    result = ll.fuzzy_evaluate(A, R, operator="M(*,max)")
    np.testing.assert_allclose(result.vector, [0.20, 0.15, 0.12, 0.06])
    np.testing.assert_allclose(result.normalized_vector, np.array([0.20, 0.15, 0.12, 0.06]) / 0.53)
    assert result.grade == "优"


def test_min_bounded_sum_operator_by_hand():
    # M(min,+): b_j = min(1, sum_i min(a_i, r_ij))
    # 优 .4 + .1 + .2 = .7;  良 .3 + .3 + .2 = .8;  中 .2 + .3 + .2 = .7;  差 .1 + .1 + .2 = .4
    result = ll.fuzzy_evaluate(A, R, operator="M(min,+)")
    np.testing.assert_allclose(result.vector, [0.7, 0.8, 0.7, 0.4])
    np.testing.assert_allclose(result.normalized_vector, np.array([0.7, 0.8, 0.7, 0.4]) / 2.6)
    assert result.grade == "良"
    # the bound min(1, .) never binds once A sums to 1: sum_i min(a_i, r_ij) <= sum_i a_i = 1


def test_array_membership_takes_the_names_of_labelled_weights():
    result = ll.fuzzy_evaluate({"准时": 0.5, "完好": 0.3, "响应": 0.2}, R.to_numpy(), grades=["优", "良", "中", "差"])
    assert list(result.membership.index) == ["准时", "完好", "响应"]
    np.testing.assert_allclose(result.vector, [0.27, 0.31, 0.28, 0.14])


def test_two_level_evaluation_by_hand():
    groups = {"及时性": ["准时", "响应"], "完整性": ["完好"]}
    result = ll.fuzzy_evaluate_two_level(R, groups=groups, indicator_weights=A, criterion_weights={"及时性": 0.6, "完整性": 0.4})
    # 及时性: local weights 0.5/0.7 and 0.2/0.7 -> B1 = (5*[.4,.3,.2,.1] + 2*[.2,.2,.3,.3]) / 7
    b1 = (5 * np.array([0.4, 0.3, 0.2, 0.1]) + 2 * np.array([0.2, 0.2, 0.3, 0.3])) / 7
    np.testing.assert_allclose(result.criteria["及时性"].vector, b1)
    np.testing.assert_allclose(result.table.loc["完整性"], [0.1, 0.4, 0.4, 0.1])
    np.testing.assert_allclose(result.overall.vector, 0.6 * b1 + 0.4 * np.array([0.1, 0.4, 0.4, 0.1]))


def test_membership_from_counts_and_grade_counts():
    # 20 respondents judged 准时: 8 优, 6 良, 4 中, 2 差
    counts = pd.DataFrame({"优": [8], "良": [6], "中": [4], "差": [2]}, index=["准时"])
    np.testing.assert_allclose(ll.membership_from_counts(counts), [[0.4, 0.3, 0.2, 0.1]])
    data = pd.DataFrame({"wh": ["A"] * 4 + ["B"] * 4, "otif": [0.95, 0.94, 0.90, 0.89, 0.80, 0.82, 0.85, 0.86]})
    counted = ll.grade_counts(data, indicators=["otif"], by="wh")
    # pooled quartiles of the eight values: the top two values earn 优, the bottom two 差
    assert counted.loc[("A", "otif")].tolist() == [2, 2, 0, 0]
    assert counted.loc[("B", "otif")].tolist() == [0, 0, 2, 2]
    assert counted.to_numpy().sum() == 8


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (3, 4), elements=st.floats(0.01, 1)), st.sampled_from(OPERATORS))
def test_every_operator_stays_in_zero_one(values, operator):
    membership = values / values.sum(axis=1, keepdims=True)
    result = ll.fuzzy_evaluate([0.2, 0.3, 0.5], membership, operator=operator)
    assert ((result.vector >= 0) & (result.vector <= 1 + 1e-12)).all()
    assert result.normalized_vector.sum() == pytest.approx(1)


@pytest.mark.parametrize(
    ("spelling", "operator"),
    [
        ("M(∧,∨)", "M(min,max)"),
        ("M(·,∨)", "M(*,max)"),
        ("M(.,max)", "M(*,max)"),
        ("M(∧,⊕)", "M(min,+)"),
        ("M(·,⊕)", "M(*,+)"),
        ("M(·,+)", "M(*,+)"),
        ("M(.,+)", "M(*,+)"),
        ("M（·，+）", "M(*,+)"),
        ("M(min, +)", "M(min,+)"),
    ],
)
def test_textbook_spellings_of_the_operators(spelling, operator):
    result = ll.fuzzy_evaluate(A, R, operator=spelling)
    assert result.operator == operator
    assert result.vector.tolist() == ll.fuzzy_evaluate(A, R, operator=operator).vector.tolist()


def test_bad_input():
    with pytest.raises(LogilabInputError, match="row sums \\[0.9\\] in rows \\['完好'\\]"):
        ll.fuzzy_evaluate(A, R.assign(差=[0.1, 0.0, 0.3]))
    with pytest.raises(LogilabInputError, match="operator: expected one of"):
        ll.fuzzy_evaluate(A, R, operator="M(max,min)")
    with pytest.raises(LogilabInputError, match="expected 3 weights"):
        ll.fuzzy_evaluate([0.5, 0.5], R.to_numpy())
    with pytest.raises(LogilabInputError, match="missing \\['响应'\\]"):
        ll.fuzzy_evaluate({"准时": 0.5, "完好": 0.5}, R)
    with pytest.raises(LogilabInputError, match="values outside \\[0, 1\\]"):
        ll.fuzzy_evaluate([1.0], [[1.5, -0.5]])
    with pytest.raises(LogilabInputError, match="at least one judgement per row"):
        ll.membership_from_counts([[0, 0], [1, 2]])
    with pytest.warns(UserWarning, match="sum to 2"):
        ll.fuzzy_evaluate([1.0, 0.6, 0.4], R)


def test_a_tie_is_reported_not_decided_by_rounding_noise():
    # M(min,+): b_优 = min(.3, 0) + min(.3, .6) + min(.4, .3) = 0 + .3 + .3 = 0.6
    #           b_良 = min(.3, 0) + min(.3, .2) + min(.4, .7) = 0 + .2 + .4 = 0.6 (0.6000000000000001 in floating point)
    #           b_中 = min(.3, 1) + min(.3, .2) + min(.4, 0) = .3 + .2 + 0 = 0.5
    R = [[0.0, 0.0, 1.0], [0.6, 0.2, 0.2], [0.3, 0.7, 0.0]]
    result = ll.fuzzy_evaluate([0.3, 0.3, 0.4], R, grades=["优", "良", "中"], operator="M(∧,+)")
    assert result.vector.iloc[1] > result.vector.iloc[0]  # the noise that used to pick 良
    assert result.tie and result.tied_grades == ("优", "良") and result.grade == "优"
    clear = ll.fuzzy_evaluate([0.3, 0.3, 0.4], [[0.0, 0.0, 1.0], [0.6, 0.2, 0.2], [0.2, 0.8, 0.0]], grades=["优", "良", "中"])
    assert not clear.tie and clear.tied_grades == (clear.grade,)
