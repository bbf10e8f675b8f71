"""Entropy weights on published examples and by hand, both normalisation conventions, combination of weights, bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import logilab as ll
from logilab import LogilabInputError

X = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 10.0, 11.0]}, index=["P", "Q", "R"])


def _entropy(p):
    return -sum(x * math.log(x) for x in p if x > 0) / math.log(len(p))


def test_raw_values_by_hand():
    # normalization=None (Hwang & Yoon 1981, Zeleny 1982): p_ij = x_ij / sum_i x_ij on the raw values.
    e_a = _entropy([1 / 6, 2 / 6, 3 / 6])  # = 0.92062
    e_b = _entropy([10 / 31, 10 / 31, 11 / 31])  # = 0.99906
    d = np.array([1 - e_a, 1 - e_b])
    result = ll.entropy_weights(X, normalization=None)
    np.testing.assert_allclose(result.p["a"], [1 / 6, 2 / 6, 3 / 6])
    np.testing.assert_allclose(result.entropy, [e_a, e_b])
    np.testing.assert_allclose(result.table["diversity"], d)
    np.testing.assert_allclose(result.weights, d / d.sum())
    assert round(e_a, 5) == 0.92062 and round(result.weights["a"], 4) == 0.9883


def test_raw_values_agree_with_pymcdm_on_the_fighter_aircraft_matrix():
    # Another package's output: pymcdm 1.4.0 (Kizielewicz, Shekhovtsov & Salabun, SoftwareX 2023),
    #   from pymcdm.weights import entropy_weights
    #   entropy_weights(np.array(AIRCRAFT))  -> rounded to 6 decimals below
    # on the decision matrix of Hwang & Yoon (1981), pp. 133-134. pymcdm sum-normalises the raw
    # values, which is our normalization=None. (On a column holding a 0 the two differ: pymcdm sets
    # that column's entropy to 0, we apply 0 ln 0 = 0 and keep the other terms.)
    aircraft = pd.DataFrame(
        [[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5], [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]]
    )
    result = ll.entropy_weights(aircraft, normalization=None)
    np.testing.assert_allclose(result.weights, [0.06419, 0.206088, 0.013445, 0.081326, 0.35868, 0.276272], atol=5e-7)


def test_raw_values_reproduce_xu_2004():
    # Published example: Xu, X. (2004). A note on the subjective and objective integrated approach
    # to determine attribute weights. European Journal of Operational Research 156(2), 530-532,
    # doi:10.1016/S0377-2217(03)00146-2. Four alternatives, four benefit attributes, entropy on the
    # sum-normalised raw values; published weights 0.4630, 0.3992, 0.1378, 0.0000 (the fourth
    # attribute, 29 / 29 / 28.9 / 29, carries almost no information). The same matrix and weights
    # are the reference case of the objective-weights test suite of pyrepo-mcda (Baczkiewicz).
    matrix = pd.DataFrame([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]], columns=["x1", "x2", "x3", "x4"])
    result = ll.entropy_weights(matrix, normalization=None)
    assert result.weights.round(4).tolist() == [0.4630, 0.3992, 0.1378, 0.0000]
    # the near-constant attribute: p = (29, 29, 28.9, 29) / 115.9, e_4 = 0.999999 to six decimals
    assert round(result.entropy["x4"], 6) == 0.999999


def test_raw_values_reproduce_zavadskas_podvezko_2016():
    # Published example: Zavadskas, E. K. & Podvezko, V. (2016). Integrated determination of
    # objective criteria weights in MCDM. International Journal of Information Technology &
    # Decision Making 15(2), 267-283, doi:10.1142/S0219622016500036. Entropy weights of the
    # four-criterion example (criteria 1 and 3 minimised, 2 and 4 maximised): 0.1146, 0.1981,
    # 0.4185, 0.2689. The paper takes the entropy of the raw values whatever the direction, which
    # is our normalization=None; the direction only matters once values are min-max normalised.
    matrix = pd.DataFrame([[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]])
    benefit = ["cost", "benefit", "cost", "benefit"]
    result = ll.entropy_weights(matrix, benefit=benefit, normalization=None)
    assert result.weights.round(4).tolist() == [0.1146, 0.1981, 0.4185, 0.2689]


def test_minmax_by_hand_with_the_zero_proportion_convention():
    # min-max first (Chinese textbook practice): a -> (0, 0.5, 1), b -> (0, 0, 1).
    # p_a = (0, 1/3, 2/3); 0 ln 0 = 0, so e_a = -(1/3 ln 1/3 + 2/3 ln 2/3) / ln 3 = 0.57938
    # p_b = (0, 0, 1) gives e_b = 0: all the information sits in one alternative.
    e_a = _entropy([0, 1 / 3, 2 / 3])
    result = ll.entropy_weights(X)
    np.testing.assert_allclose(result.normalized["a"], [0, 0.5, 1])
    np.testing.assert_allclose(result.entropy, [e_a, 0.0], atol=1e-12)
    np.testing.assert_allclose(result.weights, [(1 - e_a) / (2 - e_a), 1 / (2 - e_a)])
    assert round(e_a, 5) == 0.57938


def test_cost_indicator_is_turned_around_before_entropy():
    cost = pd.DataFrame({"late_days": [3.0, 2.0, 1.0], "otif": [0.7, 0.8, 0.9]})
    result = ll.entropy_weights(cost, benefit=["cost", "benefit"])
    np.testing.assert_allclose(result.normalized["late_days"], [0, 0.5, 1])
    assert result.weights["late_days"] == pytest.approx(0.5)


def test_combine_weights_product_and_linear_by_hand():
    s = pd.Series({"a": 0.5, "b": 0.3, "c": 0.2})
    o = pd.Series({"a": 0.2, "b": 0.2, "c": 0.6})
    products = np.array([0.10, 0.06, 0.12])
    np.testing.assert_allclose(ll.combine_weights(s, o), products / products.sum())
    np.testing.assert_allclose(
        ll.combine_weights(s, o, method="linear", alpha=0.4), [0.4 * 0.5 + 0.6 * 0.2, 0.4 * 0.3 + 0.6 * 0.2, 0.4 * 0.2 + 0.6 * 0.6]
    )
    # labels are matched, not positions
    np.testing.assert_allclose(ll.combine_weights(s, o[["c", "a", "b"]]), products / products.sum())


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (5, 3), elements=st.floats(0, 50)))
def test_weights_sum_to_one_and_input_is_unchanged(values):
    X = pd.DataFrame(values, columns=["a", "b", "c"])
    if ((X.max() - X.min()) == 0).any():
        return
    before = X.copy()
    result = ll.entropy_weights(X, benefit=["benefit", "cost", "benefit"])
    assert result.weights.sum() == pytest.approx(1)
    assert ((result.entropy >= -1e-12) & (result.entropy <= 1 + 1e-12)).all()
    pd.testing.assert_frame_equal(X, before)


def test_bad_input():
    with pytest.raises(LogilabInputError, match="found the same value in every row for \\['b'\\]"):
        ll.entropy_weights(pd.DataFrame({"a": [1.0, 2.0], "b": [5.0, 5.0]}))
    with pytest.raises(LogilabInputError, match="at least 2 alternatives"):
        ll.entropy_weights([[1.0, 2.0]])
    with pytest.raises(LogilabInputError, match="normalization: expected one of"):
        ll.entropy_weights(X, normalization="zscore")
    with pytest.raises(LogilabInputError, match="missing \\['c'\\]"):
        ll.combine_weights({"a": 0.5, "c": 0.5}, {"a": 0.5, "b": 0.5})
    with pytest.raises(LogilabInputError, match="alpha: expected a number >= 0 and <= 1"):
        ll.combine_weights([0.5, 0.5], [0.5, 0.5], method="linear", alpha=1.5)
