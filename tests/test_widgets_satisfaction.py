"""Tests of logilab.widgets.satisfaction: move the controls, check the figure and the summary."""

from __future__ import annotations

import pytest

import logilab as ll
from logilab.kano import kano_table
from logilab.satisfaction import servqual
from logilab.widgets.satisfaction import gap_model_explorer, ipa_explorer, kano_explorer, servqual_explorer


@pytest.fixture(scope="module")
def survey():
    return ll.load_sample("survey")


def test_gap_model_explorer_sliders_move_gap_5():
    explorer = gap_model_explorer(lang="en")
    # start: 0.3 + 0.2 + 0.5 + 0.2 = 1.2
    assert explorer.figure.data[1].y[-1] == pytest.approx(-1.2)
    explorer.controls["communication"].value = 1.0
    assert explorer.figure.data[1].y[-1] == pytest.approx(-2.0)
    assert "<b>-2.00</b>" in explorer.summary.value
    assert "largest gap: communication gap (1.00)" in explorer.summary.value
    for key in ("knowledge", "standards", "delivery", "communication"):
        explorer.controls[key].value = 0.0
    assert explorer.figure.data[1].y[-1] == pytest.approx(0.0)
    assert "largest gap" not in explorer.summary.value
    explorer.controls["expected"].value = 5.0
    assert explorer.figure.data[0].text[0].endswith("<b>5.00</b>")


def test_servqual_explorer_segment_and_weights(survey):
    explorer = servqual_explorer(lang="en")
    overall = servqual(survey, missing="listwise")
    assert list(explorer.figure.data[2].x)[::-1] == pytest.approx(overall.dimensions["gap"].tolist())
    assert explorer.controls["w_reliability"].value == round(100 * overall.weights["reliability"])
    assert "rows dropped (missing answers): 9" in explorer.summary.value

    # the notebook's servqual cell: 9 of 400 rows dropped (missing='listwise'), 391 used
    zh = servqual_explorer(lang="zh")
    assert "受访者数 391（因缺失剔除的问卷：9）" in zh.summary.value
    assert "respondents 391 (rows dropped (missing answers): 9)" in explorer.summary.value

    explorer.controls["region"].value = "华南"
    south = servqual(survey[survey["region"] == "华南"], missing="listwise")
    assert list(explorer.figure.data[2].x)[::-1] == pytest.approx(south.dimensions["gap"].tolist())

    for key in ("w_tangibles", "w_responsiveness", "w_assurance", "w_empathy"):
        explorer.controls[key].value = 0
    assert f"weighted score <b>{south.dimensions.loc['reliability', 'gap']:+.2f}</b>" in explorer.summary.value
    explorer.controls["w_reliability"].value = 0
    assert "equal weights used" in explorer.summary.value
    assert f"weighted score <b>{south.unweighted_score:+.2f}</b>" in explorer.summary.value


def test_ipa_explorer_controls(survey):
    explorer = ipa_explorer(lang="en")
    assert sum(len(t.x) for t in explorer.figure.data) == 22  # the SERVQUAL items
    explorer.controls["level"].value = "dimension"
    assert explorer.figure.data[0].name == "concentrate here"
    assert sorted(explorer.figure.data[0].text) == ["reliability", "responsiveness"]
    assert "concentrate here: <b>reliability, responsiveness</b>" in explorer.summary.value
    explorer.controls["center"].value = "midpoint"  # every dimension is above 4 on both axes
    assert [t.name for t in explorer.figure.data] == ["keep up the good work"]
    assert explorer.figure.layout.shapes[0].x0 == 4


def test_kano_explorer_segment(survey):
    explorer = kano_explorer(lang="en")
    assert "A: 2 · O: 2 · M: 2 · I: 2 · n = 400" in explorer.summary.value
    explorer.controls["segment"].value = "医药"
    pharma = kano_table(survey[survey["industry"] == "医药"])
    assert f"n = {int(pharma['n'].max())}" in explorer.summary.value
    must_be = next(t for t in explorer.figure.data if t.name == "M must-be")
    assert sorted(must_be.text) == ["fast damage claims", "proactive delay notice"]
    assert sorted(must_be.y) == pytest.approx(sorted(pharma.loc[pharma["category"] == "M", "better"]))


def test_ipa_explorer_labels_the_sample_items_by_name_not_by_code():
    # issue 14: the points read rel4, emp1; the catalogue names them 可靠性4 (survey.csv column rel4_p "可靠性4 感知:...")
    explorer = ll.ipa_explorer(lang="zh")
    labels = [text for trace in explorer.figure.data for text in (trace.text or ())]
    assert "可靠性4" in labels and not any(text.startswith(("rel", "emp", "tan")) for text in labels)
    assert "可靠性1" in explorer.summary.value
    english = ll.ipa_explorer(lang="en")
    # in English the crowded items are shortened on the plot (reli. 4, see test_figures_satisfaction); the hover has the name
    assert "reliability 4" in [text for trace in english.figure.data for text in (trace.hovertext or ())]
    assert "reli. 4" in [text for trace in english.figure.data for text in (trace.text or ())]
