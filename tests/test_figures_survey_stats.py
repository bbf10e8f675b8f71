"""The NPS figure: the three groups' shares as stacked bars and each group's NPS with its interval."""

from __future__ import annotations

import math

import pytest

import logilab as ll
from logilab import LogilabInputError

# north: 5 promoters, 3 passives, 2 detractors of 10 -> NPS = 100 (0.5 - 0.2) = 30,
# se = 100 sqrt((0.5 + 0.2 - 0.3^2) / 10) = 100 sqrt(0.061) = 24.698, half-width 1.959964 * 24.698 = 48.407
NORTH = [10, 9, 10, 9, 10, 8, 7, 8, 4, 6]
# south: 9 promoters and 1 detractor -> NPS 80, se = 100 sqrt((1.0 - 0.64) / 10) = 18.974, 80 + 37.19 is cut at 100
SOUTH = [10] * 9 + [0]


def test_stacked_shares_and_nps_with_interval_on_hand_counts():
    fig = ll.plot_nps({"north": ll.nps(NORTH), "south": ll.nps(SOUTH)}, lang="en")
    detractors, passives, promoters, score = fig.data
    assert [t.name for t in (detractors, passives, promoters)] == ["detractors (0-6)", "passives (7-8)", "promoters (9-10)"]
    assert list(detractors.y) == ["north", "south"]
    assert list(promoters.x) == pytest.approx([50.0, 90.0])
    assert list(passives.x) == pytest.approx([30.0, 0.0])
    assert list(detractors.x) == pytest.approx([20.0, 10.0])
    assert list(score.x) == pytest.approx([30.0, 80.0])
    half = 1.959964 * 100 * math.sqrt(0.061)
    assert score.error_x.array[0] == pytest.approx(half, abs=1e-3) and score.error_x.arrayminus[0] == pytest.approx(half, abs=1e-3)
    # the interval is cut at +100: 20 points above, 1.959964 * 18.974 = 37.19 below
    assert score.error_x.array[1] == pytest.approx(20.0)
    assert score.error_x.arrayminus[1] == pytest.approx(1.959964 * 100 * math.sqrt(0.036), abs=1e-3)


def test_chinese_labels_and_a_legend_below_the_axis_titles():
    fig = ll.plot_nps(ll.nps(NORTH))
    assert [t.name for t in fig.data[:3]] == ["贬损者（0-6 分）", "被动者（7-8 分）", "推荐者（9-10 分）"]
    assert list(fig.data[0].y) == ["全部"]
    assert fig.layout.title.text == "各组的净推荐值：推荐者、被动者与贬损者"
    assert fig.layout.xaxis2.title.text == "净推荐值 NPS" and list(fig.layout.xaxis2.range) == [-100, 100]
    assert fig.layout.legend.y < -0.3 and fig.layout.legend.yanchor == "top"
    assert fig.layout.legend.traceorder == "normal"  # detractors, passives, promoters: the order of the bars


def test_sample_survey_by_contract_type():
    survey = ll.load_sample("survey")
    groups = {name: ll.nps(part["recommend"]) for name, part in survey.groupby("contract_type")}
    fig = ll.plot_nps(groups)
    for i, (name, part) in enumerate(survey.groupby("contract_type")):
        answers = part["recommend"]
        assert fig.data[2].y[i] == name
        assert fig.data[2].x[i] == pytest.approx(100 * (answers >= 9).mean())  # promoters counted by hand
        assert fig.data[3].x[i] == pytest.approx(100 * ((answers >= 9).mean() - (answers <= 6).mean()))


def test_anything_but_nps_results_is_refused():
    with pytest.raises(LogilabInputError, match=r"results: expected ll.nps\(\.\.\.\) or a dict of group -> ll.nps\(\.\.\.\), found list"):
        ll.plot_nps([9, 10])
    with pytest.raises(LogilabInputError, match="found list for 'a'"):
        ll.plot_nps({"a": [9, 10]})
