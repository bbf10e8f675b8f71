"""The expert-panel figure: each expert's weights beside the group's, with the CRs and flags."""

from __future__ import annotations

import warnings

import pytest

import logilab as ll
from logilab import LogilabInputError

# a fully consistent matrix (a_ik = a_ij a_jk): its weights are 4/7, 2/7, 1/7 by hand (any column, normalised)
CONSISTENT = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]


def _panel(**kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ll.group_ahp(ll.sample_expert_panel(), **kwargs)


def test_identical_experts_show_the_individual_weights_three_times():
    fig = ll.plot_group_ahp(ll.group_ahp({"A": CONSISTENT, "B": CONSISTENT}), lang="en")
    assert [trace.name for trace in fig.data] == ["A (CR 0.000)", "B (CR 0.000)", "group weight (AIJ, CR 0.000)"]
    for trace in fig.data:
        assert list(trace.y) == pytest.approx([4 / 7, 2 / 7, 1 / 7])


def test_the_inconsistent_expert_is_hatched_and_named_and_faint_when_left_out():
    flagged = ll.plot_group_ahp(_panel(), lang="zh")
    consultant = flagged.data[2]
    assert consultant.name.startswith("外部顾问（CR 0.448，不一致")
    assert consultant.marker.pattern.shape == "/" and consultant.opacity == 1.0
    assert flagged.data[0].marker.pattern.shape == "" and "（CR 0.011）" in flagged.data[0].name
    excluded = ll.plot_group_ahp(_panel(inconsistent="exclude"), lang="en")
    assert excluded.data[2].name == "外部顾问 (CR 0.448, inconsistent, left out)" and excluded.data[2].opacity == 0.35
    # left out, the two consistent experts' AIJ weights (hand-checkable as the geometric mean of two matrices)
    assert list(excluded.data[3].y) == pytest.approx(_panel(inconsistent="exclude").weights.tolist())
    assert max(excluded.data[3].y) == excluded.data[3].y[2]  # reliability (可靠性) first without the consultant


def test_labels_come_from_i18n_and_the_legend_sits_below_the_plot():
    fig = ll.plot_group_ahp(_panel(method="aip"))
    assert fig.layout.title.text == "专家群组层次分析：各专家与群组的权重"
    assert fig.layout.xaxis.title.text == "准则" and fig.layout.yaxis.title.text == "权重"
    assert fig.data[-1].name.startswith("群组权重（AIP，CR ")
    assert fig.layout.legend.y < 0 and fig.layout.legend.yanchor == "top"


def test_agreement_reading_in_both_languages():
    result = _panel(inconsistent="exclude")
    # by hand: ranks of (及时性, 完整性, 可靠性, 灵活性) are (2, 3, 1, 4) and (1, 3, 2, 4); rank sums 3, 6, 3, 8, mean 5,
    # S = 4 + 1 + 4 + 9 = 18, W = 12 S / (m^2 (n^3 - n)) = 216 / (4 * 60) = 0.9 (Schmidt 1997: very strong, >= 0.7)
    assert result.kendall_w == pytest.approx(0.9)
    assert result.agreement == "very strong agreement"
    assert ll.agreement_label(result, lang="zh") == "专家意见高度一致"
    assert ll.agreement_label(result, lang="en") == "very strong agreement"


def test_not_a_group_result_is_refused():
    with pytest.raises(LogilabInputError, match=r"result: expected the result of ll.group_ahp\(\.\.\.\), found AHPResult"):
        ll.plot_group_ahp(ll.ahp(CONSISTENT))
