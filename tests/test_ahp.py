"""AHP: published examples (Saaty 1990; 姜启源《数学模型》), the hand methods, consistency and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import logilab as ll
from logilab import LogilabInputError
from logilab.ahp import SAATY_SCALE

# Saaty, T. L. (1990). How to make a decision: The analytic hierarchy process. European Journal of
# Operational Research 48(1), 9-26 -- the house example: eight criteria (size of house, transportation,
# neighbourhood, age, yard space, modern facilities, general condition, financing). Published:
# priorities .173 .054 .188 .018 .031 .036 .167 .333, lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169.
SAATY_HOUSE_UPPER = [
    5,
    3,
    7,
    6,
    6,
    1 / 3,
    1 / 4,
    1 / 3,
    5,
    3,
    3,
    1 / 5,
    1 / 7,
    6,
    3,
    4,
    6,
    1 / 5,
    1 / 3,
    1 / 4,
    1 / 7,
    1 / 8,
    1 / 2,
    1 / 5,
    1 / 6,
]
SAATY_HOUSE_UPPER += [1 / 5, 1 / 6, 1 / 2]

# 姜启源, 谢金星, 叶俊《数学模型》(高等教育出版社, 第3版), 第8章 层次分析模型, "选择旅游地":
# criteria 景色, 费用, 居住, 饮食, 旅途. Published: lambda = 5.073, w = (0.263, 0.475, 0.055, 0.099, 0.110),
# CI = 0.018, RI = 1.12, CR = 0.016; level 3 composite weights of the three places (0.300, 0.246, 0.456).
# The book rounds loosely: the exact principal eigenvector is (0.2636, 0.4758, 0.0538, 0.0981, 0.1087)
# with lambda_max = 5.0723, so weights are compared to within 0.0015 (one unit in the third decimal
# plus rounding) and lambda_max to within 0.001.
JIANG_CRITERIA = [[1, 1 / 2, 4, 3, 3], [2, 1, 7, 5, 5], [1 / 4, 1 / 7, 1, 1 / 2, 1 / 3], [1 / 3, 1 / 5, 2, 1, 1], [1 / 3, 1 / 5, 3, 1, 1]]
JIANG_PLACES = {
    "景色": [[1, 2, 5], [1 / 2, 1, 2], [1 / 5, 1 / 2, 1]],
    "费用": [[1, 1 / 3, 1 / 8], [3, 1, 1 / 3], [8, 3, 1]],
    "居住": [[1, 1, 3], [1, 1, 3], [1 / 3, 1 / 3, 1]],
    "饮食": [[1, 3, 4], [1 / 3, 1, 1], [1 / 4, 1, 1]],
    "旅途": [[1, 1, 1 / 4], [1, 1, 1 / 4], [4, 4, 1]],
}
CRITERIA = ["景色", "费用", "居住", "饮食", "旅途"]
PLACES = ["P1", "P2", "P3"]


def _frame(rows, labels):
    return pd.DataFrame(rows, index=labels, columns=labels, dtype=float)


def test_saaty_1990_house_example_matches_published_values():
    result = ll.ahp(ll.reciprocal_matrix(SAATY_HOUSE_UPPER))
    np.testing.assert_allclose(result.weights, [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], atol=5e-4)
    assert round(result.lambda_max, 3) == 9.669
    assert round(result.ci, 3) == 0.238
    assert result.ri == 1.41
    assert round(result.cr, 3) == 0.169
    assert not result.consistent


def test_eigen_method_agrees_with_numpy_eigenvector():
    matrix = ll.reciprocal_matrix(SAATY_HOUSE_UPPER).to_numpy()
    values, vectors = np.linalg.eig(matrix)
    k = np.argmax(values.real)
    expected = np.abs(vectors[:, k].real) / np.abs(vectors[:, k].real).sum()
    result = ll.ahp(matrix)
    np.testing.assert_allclose(result.weights, expected, atol=1e-10)
    assert result.lambda_max == pytest.approx(values[k].real, abs=1e-9)
    # the power iteration starts from equal weights and ends at the eigenvector
    np.testing.assert_allclose(result.iterations.iloc[0], 1 / 8)
    np.testing.assert_allclose(result.iterations.iloc[-1], expected, atol=1e-10)


def test_jiang_travel_example_criteria_weights():
    result = ll.ahp(_frame(JIANG_CRITERIA, CRITERIA))
    np.testing.assert_allclose(result.weights, [0.263, 0.475, 0.055, 0.099, 0.110], atol=1.5e-3)
    assert result.lambda_max == pytest.approx(5.073, abs=1e-3)
    assert round(result.ci, 3) == 0.018
    assert result.ri == 1.12
    assert round(result.cr, 3) == 0.016
    assert result.consistent


def test_jiang_travel_example_composite_weights_of_the_places():
    criteria = ll.ahp(_frame(JIANG_CRITERIA, CRITERIA))
    places = {c: ll.ahp(_frame(m, PLACES)) for c, m in JIANG_PLACES.items()}
    # published per-criterion weights, e.g. 景色 (0.595, 0.277, 0.129), 费用 (0.082, 0.236, 0.682)
    np.testing.assert_allclose(places["景色"].weights, [0.595, 0.277, 0.129], atol=1.5e-3)
    np.testing.assert_allclose(places["费用"].weights, [0.082, 0.236, 0.682], atol=1.5e-3)
    hierarchy = ll.ahp_hierarchy(criteria, places)
    np.testing.assert_allclose(hierarchy.weights.loc[PLACES], [0.300, 0.246, 0.456], atol=1.5e-3)
    assert hierarchy.weights.sum() == pytest.approx(1)
    # level CR = sum w_k CI_k / sum w_k RI_k, all RI_k = 0.58 for n = 3
    expected_level = sum(criteria.weights[c] * places[c].ci for c in CRITERIA) / 0.58
    assert hierarchy.level_cr == pytest.approx(expected_level)
    assert hierarchy.overall_cr == pytest.approx(criteria.cr + expected_level)
    assert hierarchy.consistent


def test_sum_and_root_methods_by_hand():
    # A = [[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]] is consistent: every method gives w = (4, 2, 1) / 7.
    A = ll.reciprocal_matrix([2, 4, 2])
    for method in ("eigen", "sum", "root"):
        result = ll.ahp(A, method=method)
        np.testing.assert_allclose(result.weights, [4 / 7, 2 / 7, 1 / 7])
        assert result.lambda_max == pytest.approx(3)
        assert result.cr == pytest.approx(0, abs=1e-12)
    # 和积法 on an inconsistent matrix, written out: A = [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]
    B = ll.reciprocal_matrix([3, 5, 3])
    col = [1 + 1 / 3 + 1 / 5, 3 + 1 + 1 / 3, 5 + 3 + 1]  # column sums 1.5333, 4.3333, 9
    rows = [
        [1 / col[0], 3 / col[1], 5 / col[2]],
        [(1 / 3) / col[0], 1 / col[1], 3 / col[2]],
        [(1 / 5) / col[0], (1 / 3) / col[1], 1 / col[2]],
    ]
    w_sum = np.array([sum(r) / 3 for r in rows])
    result = ll.ahp(B, method="sum")
    np.testing.assert_allclose(result.normalized_matrix, rows)
    np.testing.assert_allclose(result.weights, w_sum)
    aw = B.to_numpy() @ w_sum
    assert result.lambda_max == pytest.approx(np.mean(aw / w_sum))
    # 方根法: geometric means of the rows (15^(1/3), 1, (1/15)^(1/3)), normalised
    g = np.array([15 ** (1 / 3), 1.0, (1 / 15) ** (1 / 3)])
    np.testing.assert_allclose(ll.ahp(B, method="root").weights, g / g.sum())
    np.testing.assert_allclose(ll.ahp(B, method="root").table["geometric_mean"], g)


def test_cr_is_zero_for_two_elements_and_ri_tables_are_selectable():
    result = ll.ahp(ll.reciprocal_matrix([7]))
    assert result.cr == 0 and result.consistent
    np.testing.assert_allclose(result.weights, [7 / 8, 1 / 8])
    jiang = _frame(JIANG_CRITERIA, CRITERIA)
    assert ll.ahp(jiang, ri_table="chinese").ri == 1.12
    assert ll.ahp(jiang, ri_table="alonso_lamata").ri == 1.1086
    assert ll.RANDOM_INDEX["saaty"] == {1: 0, 2: 0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}


def test_reciprocal_matrix_from_a_dict_and_the_inconsistency_hint():
    m = ll.reciprocal_matrix({("a", "b"): 2, ("b", "c"): 2, ("a", "c"): 9})
    assert m.loc["c", "a"] == pytest.approx(1 / 9)
    table = ll.inconsistency_table(ll.ahp(m))
    first = table.iloc[0]
    # a/c = 9 contradicts a = 2b, b = 2c (which imply a/c = 4); the weights put it near 6
    assert (first["first"], first["second"], first["judgement"]) == ("a", "c", "9")
    assert first["deviation"] == pytest.approx(table["deviation"].max())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SAATY_SCALE), min_size=6, max_size=6), st.sampled_from(["eigen", "sum", "root"]))
def test_weights_are_positive_sum_to_one_and_lambda_is_at_least_n(upper, method):
    result = ll.ahp(ll.reciprocal_matrix(upper), method=method)
    assert (result.weights > 0).all()
    assert result.weights.sum() == pytest.approx(1)
    if method == "eigen":
        assert result.lambda_max >= 4 - 1e-9  # Saaty: lambda_max >= n, equal only when consistent


@pytest.mark.parametrize(
    "matrix, message",
    [
        ([[1, 2, 3], [0.5, 1, 2]], "expected a square n x n matrix, found shape (2, 3)"),
        ([[1, -2], [-0.5, 1]], "expected positive numbers"),
        ([[1, 3, 2], [1 / 3, 1, 4], [2, 1 / 4, 1]], "found a['C1', 'C3'] = 2 but a['C3', 'C1'] = 2"),
        ([[2, 1], [1, 1]], "expected 1 on the diagonal"),
    ],
)
def test_bad_matrices_are_refused_with_the_place(matrix, message):
    with pytest.raises(LogilabInputError) as error:
        ll.ahp(matrix)
    assert message in str(error.value)


def test_other_bad_input():
    with pytest.raises(LogilabInputError, match="Did you mean 'eigen'"):
        ll.ahp([[1]], method="eigne")
    with pytest.raises(LogilabInputError, match="expected n \\(n - 1\\) / 2 values"):
        ll.reciprocal_matrix([1, 2])
    with pytest.raises(LogilabInputError, match="expected at most 10 elements"):
        ll.ahp(np.ones((11, 11)))
    with pytest.raises(LogilabInputError, match="missing \\['b'\\]"):
        ll.ahp_hierarchy(ll.ahp(ll.reciprocal_matrix([2], labels=["a", "b"])), {"a": ll.ahp([[1]])})


def test_input_matrix_is_not_modified():
    matrix = _frame(JIANG_CRITERIA, CRITERIA)
    before = matrix.copy()
    ll.ahp(matrix, method="sum")
    pd.testing.assert_frame_equal(matrix, before)


def test_two_decimal_reciprocals_are_read_as_fractions_with_a_note():
    from logilab.ahp import RoundedJudgementWarning

    with pytest.warns(RoundedJudgementWarning, match=r"a\['C2', 'C1'\] = 0.33 as 1/3"):
        A = ll.ahp([[1, 3, 7], [0.33, 1, 3], [0.14, 0.33, 1]]).matrix
    exact = ll.ahp([[1, 3, 7], [1 / 3, 1, 3], [1 / 7, 1 / 3, 1]]).matrix
    pd.testing.assert_frame_equal(A, exact)
    with pytest.warns(RoundedJudgementWarning, match=r"\('b', 'a'\) = 0.33 as 1/3"):
        M = ll.reciprocal_matrix({("b", "a"): 0.33})
    assert M.loc["a", "b"] == 3.0


def test_judgements_typed_as_text():
    rows = [["1", "3", "7"], ["1/3", "1", "3"], ["1/7", "1/3", "1"]]
    exact = ll.ahp([[1, 3, 7], [1 / 3, 1, 3], [1 / 7, 1 / 3, 1]])
    assert ll.ahp(rows).cr == pytest.approx(exact.cr)
    assert ll.reciprocal_matrix(["3", "7", "3"]).loc["C2", "C1"] == pytest.approx(1 / 3)
    with pytest.raises(
        LogilabInputError, match=r"matrix: expected a number or a fraction such as 3 or 1/3 in a\['C2', 'C1'\], found 'one third'"
    ):
        ll.ahp([["1", "3"], ["one third", "1"]])


def test_a_real_inconsistency_is_still_refused():
    with pytest.raises(LogilabInputError, match=r"a\['C1', 'C2'\] = 3 but a\['C2', 'C1'\] = 0.3 "):
        ll.ahp([[1, 3], [0.3, 1]])
