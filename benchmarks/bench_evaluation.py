"""Speed of the evaluation methods (run with `make bench-micro`; nothing is asserted about time).

An analyst may rank a few thousand suppliers; explorer updates are in bench_explorers.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab.ahp import SAATY_SCALE


@pytest.fixture(scope="module")
def suppliers() -> pd.DataFrame:
    rng = np.random.default_rng(20240901)
    return pd.DataFrame(rng.uniform(1, 100, size=(5000, 8)), columns=[f"c{i}" for i in range(8)])


def test_bench_topsis_5000_alternatives(benchmark, suppliers):
    result = benchmark(ll.topsis, suppliers, [1 / 8] * 8, benefit=["benefit", "cost"] * 4)
    assert len(result.table) == 5000


def test_bench_entropy_5000_alternatives(benchmark, suppliers):
    result = benchmark(ll.entropy_weights, suppliers)
    assert result.weights.sum() == pytest.approx(1)


def test_bench_ahp_9_by_9(benchmark):
    matrix = ll.reciprocal_matrix(np.random.default_rng(1).choice(SAATY_SCALE, size=36))
    result = benchmark(ll.ahp, matrix)
    assert len(result.weights) == 9
