"""TOPSIS on Hwang & Yoon's published fighter-aircraft example, the min-max option, invariants and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import logilab as ll
from logilab import LogilabInputError

# Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and Applications.
# Lecture Notes in Economics and Mathematical Systems 186, Springer, pp. 133-134 (TOPSIS, fighter aircraft):
# max speed (Mach), ferry range (NM), max payload (lb), acquisition cost ($10^6, cost), reliability,
# maneuverability (qualitative ratings scored 3 / 5 / 7 / 9); weights (.2, .1, .1, .1, .2, .3).
# Published: S* = (.0545, .1197, .0580, .1009), S- = (.0983, .0439, .0920, .0458),
# C* = (.643, .268, .613, .312), rank A1 > A3 > A4 > A2.
# The book's normalised cost column (.5063, .5983, .4143, .4603) is slightly off the exact values
# (.5069, .5990, .4147, .4608), so its A3 closeness is .613 against the exact .6133; values are
# therefore compared to within 0.001.
AIRCRAFT = pd.DataFrame(
    [[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5], [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]],
    index=["A1", "A2", "A3", "A4"],
    columns=["speed", "range", "payload", "cost", "reliability", "maneuverability"],
)
WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
BENEFIT = {
    "speed": "benefit",
    "range": "benefit",
    "payload": "benefit",
    "cost": "cost",
    "reliability": "benefit",
    "maneuverability": "benefit",
}


def test_hwang_yoon_fighter_aircraft_example():
    result = ll.topsis(AIRCRAFT, WEIGHTS, benefit=BENEFIT)
    np.testing.assert_allclose(result.table["d_plus"], [0.0545, 0.1197, 0.0580, 0.1009], atol=1e-3)
    np.testing.assert_allclose(result.table["d_minus"], [0.0983, 0.0439, 0.0920, 0.0458], atol=1e-3)
    np.testing.assert_allclose(result.closeness, [0.643, 0.268, 0.613, 0.312], atol=1e-3)
    assert result.table["rank"].tolist() == [1, 4, 2, 3]
    assert result.best == "A1"
    # published ideal and negative-ideal points of the weighted normalised matrix
    np.testing.assert_allclose(result.ideal, [0.1168, 0.0659, 0.0531, 0.0414, 0.1347, 0.2012], atol=2e-4)
    np.testing.assert_allclose(result.anti_ideal, [0.0841, 0.0366, 0.0455, 0.0598, 0.0577, 0.1118], atol=2e-4)
    assert list(result.table.columns) == ["d_plus", "d_minus", "closeness", "rank"]


def test_vector_normalisation_written_out():
    result = ll.topsis(AIRCRAFT, WEIGHTS, benefit=BENEFIT)
    speed = AIRCRAFT["speed"]
    norm = np.sqrt(2.0**2 + 2.5**2 + 1.8**2 + 2.2**2)  # 4.2825
    np.testing.assert_allclose(result.normalized["speed"], speed / norm)
    np.testing.assert_allclose(result.weighted["speed"], 0.2 * speed / norm)


def test_minmax_option_has_ideal_one_and_anti_ideal_zero():
    X = pd.DataFrame({"otif": [0.9, 0.8, 0.85], "cost": [30.0, 20.0, 25.0]}, index=["a", "b", "c"])
    result = ll.topsis(X, [0.5, 0.5], benefit=["benefit", "cost"], normalization="minmax")
    np.testing.assert_allclose(result.ideal, [0.5, 0.5])
    np.testing.assert_allclose(result.anti_ideal, [0, 0])
    # a = (1, 0), b = (0, 1), c = (0.5, 0.5) after normalisation: a and b tie, c is halfway
    np.testing.assert_allclose(result.closeness, [0.5, 0.5, 0.5])


def test_dominating_alternative_is_closest_to_the_ideal():
    X = [[3, 3, 1], [2, 2, 2], [1, 1, 3]]
    result = ll.topsis(X, [1 / 3] * 3, benefit=["benefit", "benefit", "cost"])
    assert result.table["closeness"].tolist() == [1.0, pytest.approx(0.5), 0.0]


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (4, 3), elements=st.floats(0.5, 100)), st.lists(st.floats(0.05, 1), min_size=3, max_size=3))
def test_closeness_lies_in_zero_one_and_input_is_unchanged(values, weights):
    X = pd.DataFrame(values, columns=["a", "b", "c"])
    before = X.copy()
    result = ll.topsis(X, np.array(weights) / sum(weights), benefit=["benefit", "cost", "benefit"])
    assert ((result.closeness >= 0) & (result.closeness <= 1)).all()
    pd.testing.assert_frame_equal(X, before)


def test_bad_input():
    with pytest.raises(LogilabInputError, match="expected 6 weights"):
        ll.topsis(AIRCRAFT, [0.5, 0.5], benefit=BENEFIT)
    with pytest.raises(LogilabInputError, match="normalization: expected one of \\['vector', 'minmax'\\]"):
        ll.topsis(AIRCRAFT, WEIGHTS, normalization="sum")
    with pytest.raises(LogilabInputError, match="missing \\['cost'\\]"):
        ll.topsis(AIRCRAFT, WEIGHTS, benefit={k: v for k, v in BENEFIT.items() if k != "cost"})
    with pytest.warns(UserWarning, match="sum to 2"):
        ll.topsis(AIRCRAFT, [2 * w for w in WEIGHTS], benefit=BENEFIT)
