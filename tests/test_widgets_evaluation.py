"""Evaluation explorers driven through their controls, without a browser."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll


def test_ahp_builder_has_one_saaty_slider_per_pair():
    builder = ll.ahp_builder(lang="zh")
    assert len(builder.controls) == 6  # four criteria -> 4 * 3 / 2 pairs
    assert ll.ahp_builder(lang="en").labels == ["timeliness", "completeness", "reliability", "flexibility"]
    slider = builder.controls[("及时性", "完整性")]
    assert [label for label, _ in slider.options][:2] == ["1/9", "1/8"] and slider.options[-1][0] == "9"
    assert len(slider.options) == 17
    # all judgements 1: equal weights, perfectly consistent
    np.testing.assert_allclose(builder.figure.data[0].y, [0.25] * 4)
    assert "CR = 0.000" in builder.summary.value and "一致性可以接受" in builder.summary.value


def test_ahp_builder_updates_weights_and_cr_live():
    builder = ll.ahp_builder(["a", "b", "c"], lang="en")
    builder.controls[("a", "b")].value = 2
    builder.controls[("b", "c")].value = 2
    builder.controls[("a", "c")].value = 4
    np.testing.assert_allclose(builder.figure.data[0].y, [4 / 7, 2 / 7, 1 / 7])
    assert "consistency acceptable" in builder.summary.value
    assert builder.matrix.loc["c", "a"] == pytest.approx(0.25)


def test_ahp_builder_warns_and_names_the_most_inconsistent_pair():
    builder = ll.ahp_builder(["a", "b", "c"], judgements={("a", "b"): 3, ("b", "c"): 3, ("c", "a"): 3}, lang="en")
    # a > b > c but c > a: a cycle, CR far above 0.10
    assert builder.result.cr >= 0.10
    assert "CR ≥ 0.10" in builder.summary.value
    worst = ll.inconsistency_table(builder.result).iloc[0]
    assert f"{worst['first']} : {worst['second']} = {worst['judgement']}" in builder.summary.value
    assert builder.figure.data[0].marker.color == "#d62728"
    # repair the cycle: the warning goes away
    builder.controls[("a", "c")].value = 9
    assert builder.result.cr < 0.10 and "consistency acceptable" in builder.summary.value


def test_weights_explorer_switches_combination():
    X = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [3.0, 3.5, 3.2], "c": [10.0, 30.0, 20.0]})
    subjective = pd.Series({"a": 0.5, "b": 0.3, "c": 0.2})
    explorer = ll.weights_explorer(X, subjective, lang="en")
    objective = ll.entropy_weights(X).weights
    np.testing.assert_allclose(explorer.figure.data[1].y, objective)
    np.testing.assert_allclose(explorer.figure.data[2].y, ll.combine_weights(subjective, objective))
    explorer.controls["method"].value = "linear"
    explorer.controls["alpha"].value = 0.0
    np.testing.assert_allclose(explorer.figure.data[2].y, objective)


def test_fuzzy_explorer_follows_operator_alternative_and_weights():
    R1 = pd.DataFrame([[0.4, 0.3, 0.2, 0.1], [0.1, 0.4, 0.4, 0.1]], index=["x", "y"], columns=["优", "良", "中", "差"])
    R2 = pd.DataFrame([[0.0, 0.1, 0.2, 0.7], [0.1, 0.1, 0.2, 0.6]], index=["x", "y"], columns=["优", "良", "中", "差"])
    explorer = ll.fuzzy_explorer({"WH-SH": R1, "WH-CD": R2}, pd.Series({"x": 0.5, "y": 0.5}), grade_values=[95, 85, 75, 60], lang="en")
    np.testing.assert_allclose(explorer.figure.data[0].y, [0.25, 0.35, 0.3, 0.1])
    assert "<b>良</b>" in explorer.summary.value
    explorer.controls["operator"].value = "M(min,max)"
    np.testing.assert_allclose(explorer.figure.data[1].y, [0.4, 0.4, 0.4, 0.1])
    explorer.controls["alternative"].value = "WH-CD"
    assert "<b>差</b>" in explorer.summary.value
    explorer.controls["operator"].value = "M(*,+)"
    explorer.controls["w_y"].value = 0.0
    np.testing.assert_allclose(explorer.figure.data[0].y, [0.0, 0.1, 0.2, 0.7])


def test_topsis_explorer_ranks_the_sample_providers():
    explorer = ll.topsis_explorer(lang="en")
    providers = ll.load_sample("providers").set_index("name")
    directions = ll.sample_directions("providers")
    expected = ll.topsis(providers[list(directions)], [1 / 8] * 8, benefit=directions)
    assert explorer.figure.data[0].y[-1] == expected.best
    assert f"<b>{expected.best}</b>" in explorer.summary.value
    for name in directions:
        explorer.controls[name].value = 10 if name == "response_hours" else 0
    fastest = providers["response_hours"].idxmin()
    assert explorer.figure.data[0].y[-1] == fastest


def test_kpi_dashboard_counts_months_on_target():
    dash = ll.kpi_dashboard(lang="en")
    dash.controls["indicator"].value = "response_hours"
    kpi = ll.load_sample("kpi_monthly")
    on_target = int((kpi.loc[kpi["warehouse"] == "WH-SH", "response_hours"] <= 3.0).sum())
    assert f"WH-SH <b>{on_target}</b>/24" in dash.summary.value
    assert dash.figure.layout.shapes[0].y0 == 3.0
    dash.controls["warehouse"].value = "WH-WH"
    assert [t.opacity for t in dash.figure.data] == [0.3, 0.3, 0.3, 0.3, 1.0]


def test_explorers_of_notebook_05_speak_chinese_and_disable_what_has_no_effect():
    # issue 14: sliders read on_time_rate / price, buttons vector / minmax, and alpha moved nothing in product mode
    explorer = ll.topsis_explorer(lang="zh")
    assert explorer.controls["on_time_rate"].description == "准时交付率" and explorer.controls["price"].description == "运价"
    assert [text for text, _ in explorer.controls["normalization"].options] == ["向量归一化", "极差归一化"]
    assert "起始为等权" in explorer.summary.value
    X = pd.DataFrame({"on_time_rate": [0.9, 0.95, 0.97], "avg_cycle_days": [3.0, 2.5, 2.8]})
    weights = ll.weights_explorer(
        X, pd.Series({"on_time_rate": 0.6, "avg_cycle_days": 0.4}), benefit={"on_time_rate": "benefit", "avg_cycle_days": "cost"}
    )
    assert list(weights.figure.data[0].x) == ["准时交付率", "平均订单周期"]
    assert weights.controls["alpha"].disabled and not weights.controls["method"].disabled
    weights.controls["method"].value = "linear"
    assert not weights.controls["alpha"].disabled
