"""Group AHP: aggregation of judgments (AIJ) and of priorities (AIP), consistency and consensus of the panel."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import logilab as ll
from logilab import LogilabInputError
from logilab.ahp import SAATY_SCALE

LABELS = ["on_time", "accuracy", "cost"]


def panel() -> dict[str, pd.DataFrame]:
    return {
        "ops": ll.reciprocal_matrix([2, 4, 2], labels=LABELS),
        "sales": ll.reciprocal_matrix([3, 5, 2], labels=LABELS),
        "finance": ll.reciprocal_matrix([1, 1 / 2, 1 / 2], labels=LABELS),
    }


def test_identical_experts_equal_individual_ahp():
    A = ll.reciprocal_matrix([3, 5, 2], labels=LABELS)
    single = ll.ahp(A)
    for method in ("aij", "aip"):
        result = ll.group_ahp([A, A.copy(), A.copy()], method=method)
        np.testing.assert_allclose(result.weights.to_numpy(), single.weights.to_numpy(), rtol=1e-10)
        assert result.kendall_w == pytest.approx(1.0)
        assert result.group_cr == pytest.approx(single.cr)


def test_aij_is_the_geometric_mean_of_judgments_and_stays_reciprocal():
    # Aczél & Saaty (1983); Saaty's illustration: judgments 2, 3 and 4 combine to (2 * 3 * 4)^(1/3) = 24^(1/3),
    # and the reciprocals 1/2, 1/3, 1/4 combine to (1/24)^(1/3), its reciprocal (the arithmetic mean, 3 and 13/36, is not)
    experts = [ll.reciprocal_matrix([j], labels=["apple", "orange"]) for j in (2, 3, 4)]
    result = ll.group_ahp(experts)
    g = result.group_matrix
    assert g.loc["apple", "orange"] == pytest.approx(24 ** (1 / 3))
    assert g.loc["orange", "apple"] == pytest.approx(24 ** (-1 / 3))
    # a 3 x 3 panel: g_ij * g_ji = 1 everywhere
    g3 = ll.group_ahp(panel()).group_matrix.to_numpy()
    np.testing.assert_allclose(g3 * g3.T, np.ones((3, 3)), rtol=1e-12)
    # on_time vs accuracy: (2 * 3 * 1)^(1/3); on_time vs cost: (4 * 5 * 1/2)^(1/3) = 10^(1/3)
    assert g3[0, 1] == pytest.approx(6 ** (1 / 3)) and g3[0, 2] == pytest.approx(10 ** (1 / 3))


def test_weighted_experts_by_hand():
    # expert weights 0.75 / 0.25 on judgments 9 and 1: g = 9^0.75 * 1^0.25 = 5.196
    experts = {"senior": ll.reciprocal_matrix([9], labels=["a", "b"]), "junior": ll.reciprocal_matrix([1], labels=["a", "b"])}
    result = ll.group_ahp(experts, expert_weights={"senior": 0.75, "junior": 0.25})
    assert result.group_matrix.loc["a", "b"] == pytest.approx(9**0.75)
    # 2 x 2: weights g / (1 + g)
    assert result.weights["a"] == pytest.approx(9**0.75 / (1 + 9**0.75))


def test_aij_equals_aip_with_the_geometric_mean_method():
    # Barzilai & Golany (1994): with row geometric means (the root method) AIJ and AIP give the same priorities
    aij = ll.group_ahp(panel(), method="aij", weighting="root")
    aip = ll.group_ahp(panel(), method="aip", weighting="root")
    np.testing.assert_allclose(aij.weights.to_numpy(), aip.weights.to_numpy(), rtol=1e-12)
    # AIP by hand: normalised product of the experts' root-method weights, each to the power 1/3
    w = aip.table[["ops", "sales", "finance"]].to_numpy()
    hand = np.prod(w, axis=1) ** (1 / 3)
    np.testing.assert_allclose(aip.weights.to_numpy(), hand / hand.sum())


def test_inconsistent_experts_are_flagged_or_left_out():
    matrices = panel()
    # cyclic judgments: on_time > accuracy > cost > on_time, CR far above 0.10
    matrices["rogue"] = ll.reciprocal_matrix([5, 1 / 5, 5], labels=LABELS)
    with pytest.warns(UserWarning, match="'rogue'"):
        flagged = ll.group_ahp(matrices)
    assert flagged.experts.loc["rogue", ["consistent", "used"]].tolist() == [False, True]
    with pytest.warns(UserWarning, match="left out"):
        excluded = ll.group_ahp(matrices, inconsistent="exclude")
    assert not excluded.experts.loc["rogue", "used"] and excluded.experts.loc["rogue", "expert_weight"] == 0
    np.testing.assert_allclose(excluded.weights.to_numpy(), ll.group_ahp(panel()).weights.to_numpy())
    with pytest.raises(LogilabInputError, match="'rogue' \\(CR = "):
        ll.group_ahp(matrices, inconsistent="raise")


def test_kendall_w_by_hand():
    # 3 judges rank 4 items: rank sums 4, 7, 8, 11 (mean 7.5); S = 12.25 + 0.25 + 0.25 + 12.25 = 25
    # W = 12 * 25 / (3^2 * (4^3 - 4)) = 300 / 540 = 0.5556
    ranks = [[1, 2, 3, 4], [2, 1, 3, 4], [1, 4, 2, 3]]
    scores = [[-r for r in row] for row in ranks]  # larger score = better rank
    assert ll.kendall_w(scores) == pytest.approx(300 / 540)


def test_kendall_w_with_ties_by_hand():
    # judge 1 ranks 1, 2, 3; judge 2 ranks 1, 2.5, 2.5 (a tie of two: T = 2^3 - 2 = 6)
    # rank sums 2, 4.5, 5.5 (mean 4): S = 4 + 0.25 + 2.25 = 6.5; W = 12 * 6.5 / (2^2 (3^3 - 3) - 2 * 6) = 78 / 84
    assert ll.kendall_w([[3, 2, 1], [3, 1, 1]]) == pytest.approx(78 / 84)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SAATY_SCALE), min_size=3, max_size=3), min_size=2, max_size=5))
def test_aij_group_matrix_is_reciprocal_and_weights_sum_to_one(uppers):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = ll.group_ahp([ll.reciprocal_matrix(u, labels=LABELS) for u in uppers])
        aip = ll.group_ahp([ll.reciprocal_matrix(u, labels=LABELS) for u in uppers], method="aip")
    g = result.group_matrix.to_numpy()
    np.testing.assert_allclose(g * g.T, 1.0, rtol=1e-12)
    assert result.weights.sum() == pytest.approx(1.0) and aip.weights.sum() == pytest.approx(1.0)
    assert 0 <= result.kendall_w <= 1 or np.isnan(result.kendall_w)


def test_geometric_consistency_index_by_hand():
    # row geometric means of [[1, 3, 1], [1/3, 1, 3], [1, 1/3, 1]]: ln w = (ln 3 / 3, 0, -ln 3 / 3)
    # e12 = ln 3 - ln 3/3, e13 = -2 ln 3/3, e23 = ln 3 - ln 3/3: each squared (2 ln 3 / 3)^2; GCI = 2/(2*1) * 3 * that
    expected = 3 * (2 * np.log(3) / 3) ** 2
    assert ll.geometric_consistency_index([[1, 3, 1], [1 / 3, 1, 3], [1, 1 / 3, 1]]) == pytest.approx(expected)


def test_bad_panels():
    with pytest.raises(LogilabInputError, match="at least 2 experts"):
        ll.group_ahp([ll.reciprocal_matrix([3], labels=["a", "b"])])
    with pytest.raises(LogilabInputError, match="same labels in the same order"):
        ll.group_ahp([ll.reciprocal_matrix([3], labels=["a", "b"]), ll.reciprocal_matrix([3], labels=["b", "a"])])


def test_result_protocol():
    result = ll.group_ahp(panel())
    text = repr(result)
    assert len(result.table) == 3 and "\n" not in text and text.startswith("GroupAHPResult(") and "<table" in result._repr_html_()
    assert result.summary()["experts"] == 3 and result.summary()["best"] == "on_time"
