"""The expert-panel explorer driven through its controls."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import logilab as ll
from logilab.ahp import RoundedJudgementWarning

# a fully consistent matrix: weights 4/7, 2/7, 1/7 by hand
CONSISTENT = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]


def _group(**kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ll.group_ahp(ll.sample_expert_panel(), **kwargs)


def test_identical_experts_give_the_individual_ahp_weights_whatever_the_controls():
    explorer = ll.group_ahp_explorer({"A": CONSISTENT, "B": CONSISTENT}, lang="en")
    for method in ("aij", "aip"):
        explorer.controls["method"].value = method
        explorer.controls["expert_0"].value = 5
        assert list(explorer.figure.data[-1].y) == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert "group weight (AIP, CR 0.000)" == explorer.figure.data[-1].name
    assert "Kendall's W 1.000 (very strong agreement)" in explorer.summary.value
    assert "inconsistent" not in explorer.summary.value


def test_sample_panel_flags_the_consultant_and_leaving_him_out_changes_the_top_criterion():
    explorer = ll.group_ahp_explorer()
    assert [c.description for k, c in explorer.controls.items() if k.startswith("expert_")] == ["运营总监", "客服经理", "外部顾问"]
    assert "[注意] 不一致：外部顾问（CR 0.448）" in explorer.summary.value
    assert "权重最大：及时性" in explorer.summary.value  # with the consultant, timeliness comes first
    explorer.controls["include_inconsistent"].value = False
    assert "权重最大：可靠性" in explorer.summary.value
    # AIJ of the two consistent experts: weights of the element-wise geometric mean sqrt(A1 * A2)
    panel = ll.sample_expert_panel()
    mean = np.sqrt(panel["运营总监"].to_numpy() * panel["客服经理"].to_numpy())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoundedJudgementWarning)  # geometric means are not scale values
        expected = ll.ahp(mean).weights.tolist()
    assert list(explorer.figure.data[-1].y) == pytest.approx(expected)
    assert explorer.figure.data[2].opacity == 0.35


def test_a_zero_expert_weight_is_the_same_as_leaving_the_expert_out():
    explorer = ll.group_ahp_explorer(lang="en")
    explorer.controls["expert_2"].value = 0  # the consultant's judgments get exponent 0 in the geometric mean
    assert list(explorer.figure.data[-1].y) == pytest.approx(_group(inconsistent="exclude").weights.tolist())
    explorer.controls["method"].value = "aip"
    assert list(explorer.figure.data[-1].y) == pytest.approx(_group(method="aip", inconsistent="exclude").weights.tolist())


def test_expert_weights_reach_the_aggregation():
    explorer = ll.group_ahp_explorer(lang="en")
    explorer.controls["expert_0"].value = 3  # 3 : 1 : 1 -> expert weights 0.6, 0.2, 0.2
    assert list(explorer.figure.data[-1].y) == pytest.approx(_group(expert_weights=[0.6, 0.2, 0.2]).weights.tolist())


def test_all_weights_zero_falls_back_to_equal_weights_and_says_so():
    explorer = ll.group_ahp_explorer(lang="en")
    for i in range(3):
        explorer.controls[f"expert_{i}"].value = 0
    assert list(explorer.figure.data[-1].y) == pytest.approx(_group().weights.tolist())
    assert "equal weights used" in explorer.summary.value
