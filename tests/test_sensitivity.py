"""Stability of rankings: weight sensitivity (critical weights) and rank reversal."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError


def hand_topsis(M: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """TOPSIS written out (Hwang & Yoon 1981, vector normalisation), independent of ll.topsis."""
    V = M / np.sqrt((M**2).sum(axis=0)) * w
    ideal = np.where(benefit, V.max(axis=0), V.min(axis=0))
    anti = np.where(benefit, V.min(axis=0), V.max(axis=0))
    d_plus = np.sqrt(((V - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((V - anti) ** 2).sum(axis=1))
    return d_minus / (d_plus + d_minus)


X3 = pd.DataFrame({"otif": [10, 0, 5], "speed": [0, 10, 5], "care": [0, 10, 0]}, index=["A", "B", "C"])


def test_critical_weights_of_the_weighted_score_by_hand():
    # min-max normalised: A = (1, 0, 0), B = (0, 1, 1), C = (0.5, 0.5, 0); weights (0.6, 0.3, 0.1): A 60, B 40, C 45.
    # otif = v, speed = 0.75 (1 - v), care = 0.25 (1 - v): A = v, B = 1 - v, C = 0.375 + 0.125 v -> A = B at v = 1/2
    #   (C is below both there: 0.4375 < 0.5).
    # speed = v, otif = 6/7 (1 - v), care = 1/7 (1 - v): A = 6/7 (1 - v), B = v + 1/7 (1 - v) -> 5/7 (1 - v) = v, v = 5/12
    # care = v, otif = 2/3 (1 - v), speed = 1/3 (1 - v): A = 2/3 (1 - v), B = 1/3 (1 - v) + v -> v = 1/4
    before = X3.copy()
    result = ll.weight_sensitivity(X3, [0.6, 0.3, 0.1], method="weighted_score")
    pd.testing.assert_frame_equal(X3, before)
    critical = result.critical.set_index("criterion")
    assert critical["weight"].to_dict() == pytest.approx({"otif": 0.5, "speed": 5 / 12, "care": 0.25}, abs=1e-9)
    assert critical.loc["otif", ["from", "to"]].tolist() == ["B", "A"]
    assert critical.loc["speed", ["from", "to"]].tolist() == ["A", "B"]
    assert result.best == "A"
    assert result.summary()["smallest_change"] == pytest.approx(0.1)  # otif: 0.6 -> 0.5
    # the grid: at otif = 0.2, B = 80 is first, C = 0.375 + 0.025 = 40 ... A = 20 last
    at = result.table[(result.table["criterion"] == "otif") & np.isclose(result.table["weight"], 0.2)].set_index("alternative")
    assert at["score"].to_dict() == pytest.approx({"A": 20.0, "B": 80.0, "C": 40.0})
    assert at["rank"].to_dict() == {"A": 3, "B": 1, "C": 2}


def test_critical_weight_of_topsis_matches_hand_topsis():
    result = ll.weight_sensitivity(X3, [0.6, 0.3, 0.1], method="topsis")
    assert len(result.critical) >= 1
    for _, row in result.critical.iterrows():
        j = list(X3.columns).index(row["criterion"])
        base = np.array([0.6, 0.3, 0.1])
        w = base * (1 - row["weight"]) / (1 - base[j])
        w[j] = row["weight"]
        c = pd.Series(hand_topsis(X3.to_numpy(float), w, np.array([True, True, True])), index=X3.index)
        # at a critical weight the two alternatives tie
        assert c[row["from"]] == pytest.approx(c[row["to"]], abs=1e-9)


def test_topsis_reverses_when_an_alternative_is_removed():
    X = pd.DataFrame({"cost": [6, 1, 8, 8], "otif": [5, 1, 7, 5]}, index=["A", "B", "C", "D"])
    benefit = np.array([False, True])
    # closeness by hand, all four: A 0.4952, B 0.4760, C 0.5240, D 0.4080 -> C, A, B, D
    # without C:                 A 0.5444, B 0.5543, D 0.4457 -> B, A, D: A and B swap
    np.testing.assert_allclose(hand_topsis(X.to_numpy(float), np.array([0.5, 0.5]), benefit), [0.4952, 0.4760, 0.5240, 0.4080], atol=5e-5)
    np.testing.assert_allclose(
        hand_topsis(X.to_numpy(float)[[0, 1, 3]], np.array([0.5, 0.5]), benefit), [0.5444, 0.5543, 0.4457], atol=5e-5
    )
    result = ll.rank_reversal(X, [0.5, 0.5], benefit=["cost", "benefit"])
    row = result.table.set_index(["scenario", "alternative"]).loc[("remove", "C")]
    assert row["reversed"] and row["order"] == "B, A, D" and row["original_order"] == "A, B, D"
    assert not result.table.set_index(["scenario", "alternative"]).loc[("remove", "B"), "reversed"]


def test_topsis_reverses_when_a_copy_of_a_dominated_alternative_is_added():
    X = pd.DataFrame({"cost": [8, 5, 2, 2], "otif": [3, 8, 3, 5]}, index=["A", "B", "C", "D"])
    # A is dominated (highest cost, lowest otif), C too (by D: same cost, lower otif). Closeness by hand: A 0, B 0.6523, C 0.5576, D 0.6879 -> D first;
    # with a second A: B 0.6878, C 0.5046, D 0.6459 -> B first, although nothing about B or D changed
    M = X.to_numpy(float)
    benefit = np.array([False, True])
    np.testing.assert_allclose(hand_topsis(np.vstack([M, M[0]]), np.array([0.5, 0.5]), benefit)[1:4], [0.6878, 0.5046, 0.6459], atol=5e-5)
    result = ll.rank_reversal(X, [0.5, 0.5], benefit=["cost", "benefit"])
    copy = result.table[result.table["scenario"] == "add copy"].set_index("alternative")
    assert list(copy.index) == ["A", "C"]
    assert copy.loc["A", "reversed"] and copy.loc["A", "order"] == "B, D, C, A"
    assert result.summary()["best"] == "D"


def test_weighted_sum_keeps_the_order_when_a_copy_is_added():
    X = pd.DataFrame({"cost": [8, 5, 2, 2], "otif": [3, 8, 3, 5]}, index=["A", "B", "C", "D"])
    result = ll.rank_reversal(X, [0.5, 0.5], method="weighted_score", benefit=["cost", "benefit"])
    # a copy leaves every column's minimum and maximum as they were: min-max scores do not move
    assert not result.table.loc[result.table["scenario"] == "add copy", "reversed"].any()


def test_bad_inputs():
    with pytest.raises(LogilabInputError, match="method"):
        ll.weight_sensitivity(X3, [0.6, 0.3, 0.1], method="vikor")
    with pytest.raises(LogilabInputError, match="at least 3 alternatives"):
        ll.rank_reversal(X3.iloc[:2], [0.6, 0.3, 0.1])


def test_a_scenario_that_cannot_be_ranked_is_reported():
    # without B, 'care' holds only zeros: vector normalisation has nothing to divide by
    result = ll.rank_reversal(X3, [0.6, 0.3, 0.1])
    row = result.table.set_index(["scenario", "alternative"]).loc[("remove", "B")]
    assert "only zeros" in row["note"] and not row["reversed"]
    assert result.summary()["not_ranked"] == 1


def test_result_protocol():
    for result in (ll.weight_sensitivity(X3, [0.6, 0.3, 0.1]), ll.rank_reversal(X3, [0.6, 0.3, 0.1])):
        name = type(result).__name__
        text = repr(result)
        assert len(result.table) > 0 and "\n" not in text and text.startswith(name + "(") and "<table" in result._repr_html_()


@pytest.mark.parametrize("method, normalization", [("topsis", "vector"), ("topsis", "minmax"), ("weighted_score", "minmax")])
def test_grid_scores_equal_the_ranking_functions(method, normalization):
    from logilab.datasets import sample_directions
    from logilab.sensitivity import _grid_scorer

    directions = sample_directions("providers")
    X = ll.load_sample("providers").set_index("name")[list(directions)]
    score = _grid_scorer(method, X.astype(float), directions, normalization)
    rng = np.random.default_rng(19)
    W = rng.dirichlet(np.ones(len(directions)), size=5)
    for w, row in zip(W, score(W), strict=True):
        if method == "topsis":
            expected = ll.topsis(X, w, benefit=directions, normalization=normalization).table["closeness"]
        else:
            expected = ll.weighted_score(X, w, benefit=directions, method=normalization)["score"]
        np.testing.assert_allclose(row, expected.to_numpy(), rtol=1e-12, atol=1e-12)
