"""Tests of logilab.satisfaction: gap model, SERVQUAL, Cronbach's alpha, IPA, satisfaction index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

import logilab as ll
from logilab import LogilabInputError, LogilabTypeError
from logilab.satisfaction import (
    LSQ_DIMENSIONS,
    SERVQUAL_DIMENSIONS,
    cronbach_alpha,
    gap_model,
    ipa,
    item_analysis,
    reliability,
    satisfaction_index,
    servqual,
)

# mtcars (R datasets, Henderson & Velleman 1981), columns cyl, gear, carb, hp, rows in R's order.
MTCARS = pd.DataFrame(
    {
        "cyl": [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4],
        "gear": [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 5, 4],
        "carb": [4, 4, 1, 1, 2, 1, 4, 2, 2, 4, 4, 3, 3, 3, 4, 4, 4, 1, 2, 1, 1, 2, 2, 4, 2, 1, 2, 2, 4, 6, 8, 2],
        "hp": [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230,
               66, 52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109],
    }
)  # fmt: skip


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return ll.load_sample("survey")


def _alpha_from_covariance(items: pd.DataFrame) -> float:
    """Second, independent formula: alpha = k/(k-1) * (1 - trace(C) / sum(C)) with C the covariance matrix."""
    cov = np.cov(items.to_numpy(dtype=float), rowvar=False)
    k = cov.shape[0]
    return k / (k - 1) * (1 - np.trace(cov) / cov.sum())


# --- Cronbach's alpha -------------------------------------------------------------------------


def test_alpha_matches_r_performance_package_on_mtcars():
    # R: performance::cronbachs_alpha(mtcars[, c("cyl", "gear", "carb", "hp")]) = 0.09463206
    # (easystats/performance, tests/testthat/test-cronbachs_alpha.R)
    assert cronbach_alpha(MTCARS) == pytest.approx(0.09463206, abs=1e-8)


def test_alpha_hand_calculation():
    answers = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [2, 2, 3, 5, 5], "q3": [1, 3, 3, 4, 4]})
    # item variances (ddof=1): q1 2.5, q2 2.3, q3 1.5 -> sum 6.3
    # totals 4, 7, 9, 13, 14: mean 9.4, variance (29.16+5.76+0.16+12.96+21.16)/4 = 17.3
    # alpha = 3/2 * (1 - 6.3/17.3) = 0.95376...
    assert cronbach_alpha(answers) == pytest.approx(1.5 * (1 - 6.3 / 17.3))


def test_alpha_agrees_with_covariance_formula_on_the_sample(survey):
    items = survey[[f"rel{i}_p" for i in range(1, 6)]].dropna()
    assert cronbach_alpha(items) == pytest.approx(_alpha_from_covariance(items))
    assert cronbach_alpha(items) == pytest.approx(0.9069, abs=5e-5)


def test_alpha_accepts_a_numpy_array():
    assert cronbach_alpha(MTCARS.to_numpy()) == pytest.approx(0.09463206, abs=1e-8)


def test_item_analysis_alpha_if_deleted_and_corrected_item_total():
    result = item_analysis(MTCARS)
    for item in MTCARS.columns:
        rest = MTCARS.drop(columns=item)
        assert result.table.loc[item, "alpha_if_deleted"] == pytest.approx(_alpha_from_covariance(rest))
        r = np.corrcoef(MTCARS[item], rest.sum(axis=1))[0, 1]
        assert result.table.loc[item, "item_total_r"] == pytest.approx(r)
    assert result.alpha == pytest.approx(0.09463206, abs=1e-8)
    assert result.n_respondents == 32 and result.missing.rows_dropped == 0


def test_item_analysis_of_two_items_has_no_alpha_if_deleted():
    result = item_analysis(MTCARS[["cyl", "hp"]])
    assert result.table["alpha_if_deleted"].isna().all()


def test_alpha_needs_two_items():
    with pytest.raises(LogilabInputError, match=r"items: expected at least 2 items \(columns\), found 1 \['hp'\]"):
        cronbach_alpha(MTCARS[["hp"]])


def test_alpha_refuses_a_zero_variance_item():
    answers = MTCARS.assign(constant=5)
    with pytest.raises(LogilabInputError, match=r"zero variance .* in \['constant'\]"):
        cronbach_alpha(answers)


def test_alpha_refuses_text_answers():
    answers = pd.DataFrame({"q1": [1, 2, 3], "q2": [2, "agree", 3]})
    with pytest.raises(LogilabInputError, match=r"column 'q2' to hold numbers, found text such as 'agree' in rows \[1\]"):
        cronbach_alpha(answers)


def test_alpha_missing_answers_raise_or_are_dropped_and_reported():
    answers = MTCARS.astype(float)
    answers.loc[[3, 7], "hp"] = np.nan
    with pytest.raises(LogilabInputError, match=r"2 missing answer\(s\) in rows \[3, 7\]. Pass missing='listwise'"):
        cronbach_alpha(answers)
    result = item_analysis(answers, missing="listwise")
    assert (result.n_respondents, result.missing.rows_dropped, result.missing.answers_missing) == (30, 2, 2)
    assert result.alpha == pytest.approx(_alpha_from_covariance(MTCARS.drop(index=[3, 7])))


def test_reliability_per_dimension(survey):
    table = reliability(survey, missing="listwise")
    assert list(table.index) == list(SERVQUAL_DIMENSIONS)
    assert (table["rows_used"] == 395).all()  # 5 respondents skipped an expectation or perception answer
    kept = survey.dropna(subset=[f"{i}{s}" for its in SERVQUAL_DIMENSIONS.values() for i in its for s in ("_e", "_p")])
    expected = cronbach_alpha(kept[[f"rel{i}_p" for i in range(1, 6)]])
    assert table.loc["reliability", "perception"] == pytest.approx(expected)
    assert (table["perception"] > 0.8).all()


# --- SERVQUAL -------------------------------------------------------------------------------

HAND = pd.DataFrame(
    {
        # respondent:  r0 r1 r2
        "a1_e": [7, 6, 5],
        "a1_p": [5, 6, 4],
        "a2_e": [6, 6, 7],
        "a2_p": [6, 4, 4],
        "b1_e": [5, 5, 6],
        "b1_p": [6, 6, 6],
        "a1_i": [7, 6, 7],
        "a2_i": [7, 7, 5],
        "b1_i": [3, 4, 2],
        "grp": ["x", "x", "y"],
    }
)
HAND_DIMS = {"A": ["a1", "a2"], "B": ["b1"]}


def test_servqual_dimension_gaps_by_hand():
    result = servqual(HAND, dimensions=HAND_DIMS)
    # item gaps: a1 = (-2, 0, -1) mean -1; a2 = (0, -2, -3) mean -5/3; b1 = (1, 1, 0) mean 2/3
    assert result.table["gap"].tolist() == pytest.approx([-1, -5 / 3, 2 / 3])
    # dimension A: expectation (6 + 19/3)/2 = 37/6, perception (5 + 14/3)/2 = 29/6, gap -8/6
    assert result.dimensions.loc["A", ["expectation", "perception", "gap"]].tolist() == pytest.approx([37 / 6, 29 / 6, -4 / 3])
    assert result.dimensions.loc["B", ["expectation", "perception", "gap"]].tolist() == pytest.approx([16 / 3, 6, 2 / 3])
    # importance: A = (20/3 + 19/3)/2 = 6.5, B = 3 -> weights 6.5/9.5 and 3/9.5
    assert result.weights_source == "importance"
    assert result.weights.tolist() == pytest.approx([6.5 / 9.5, 3 / 9.5])
    assert result.unweighted_score == pytest.approx((-4 / 3 + 2 / 3) / 2)
    assert result.weighted_score == pytest.approx(-4 / 3 * 6.5 / 9.5 + 2 / 3 * 3 / 9.5)


def test_servqual_weights_as_points_out_of_100():
    result = servqual(HAND, dimensions=HAND_DIMS, weights={"A": 80, "B": 20})
    assert result.weights_source == "given"
    assert result.weighted_score == pytest.approx(0.8 * -4 / 3 + 0.2 * 2 / 3)
    equal = servqual(HAND, dimensions=HAND_DIMS, weights="equal")
    assert equal.weighted_score == pytest.approx(equal.unweighted_score)


def test_servqual_without_importance_questions_uses_equal_weights():
    result = servqual(HAND.drop(columns=["a1_i", "a2_i", "b1_i"]), dimensions=HAND_DIMS)
    assert result.weights_source == "equal"
    assert "importance" not in result.dimensions
    with pytest.raises(LogilabInputError, match="a1 \\(importance\\)"):
        servqual(HAND.drop(columns=["a1_i"]), dimensions=HAND_DIMS, weights="importance")
    # some importance columns but not all: an error, not a silent switch to equal weights
    with pytest.raises(LogilabInputError, match=r"expected a column 'a1_i' \(for a1 \(importance\)\)"):
        servqual(HAND.drop(columns=["a1_i"]), dimensions=HAND_DIMS)


def test_servqual_respondents_and_segments_by_hand():
    result = servqual(HAND, dimensions=HAND_DIMS, segment="grp", weights="equal")
    # r0: A = (-2 + 0)/2 = -1, B = 1; r1: A = -1, B = 1; r2: A = -2, B = 0
    assert result.respondents["A"].tolist() == [-1, -1, -2]
    assert result.respondents["unweighted"].tolist() == [0, 0, -1]
    assert result.segments.loc["x", ["A", "B", "n"]].tolist() == [-1, 1, 2]
    assert result.segments.loc["y", ["A", "B", "n"]].tolist() == [-2, 0, 1]
    assert result.respondents["unweighted"].mean() == pytest.approx(result.unweighted_score)


def test_servqual_own_suffixes():
    mine = HAND.rename(columns=lambda c: c.replace("_e", "_期望").replace("_p", "_感知").replace("_i", "_重要性"))
    result = servqual(mine, dimensions=HAND_DIMS, suffixes=("_期望", "_感知", "_重要性"))
    assert result.dimensions.loc["A", "gap"] == pytest.approx(-4 / 3)


def test_servqual_leaves_the_input_unchanged(survey):
    before = survey.copy()
    servqual(survey, missing="listwise", segment="region")
    pd.testing.assert_frame_equal(survey, before)


def test_servqual_on_the_sample_finds_the_planted_gaps(survey):
    result = servqual(survey, missing="listwise", segment="region")
    assert (result.missing.rows_total, result.missing.rows_dropped, result.missing.answers_missing) == (400, 9, 9)
    gaps = result.dimensions["gap"]
    assert gaps.nsmallest(2).index.tolist() == ["reliability", "responsiveness"]
    assert 0 < gaps["tangibles"] < 0.2
    assert gaps["reliability"] == pytest.approx(-1.357, abs=5e-4)
    assert result.weighted_score == pytest.approx(-0.700, abs=5e-4)
    reliability_gap = result.segments["reliability"]
    for weak in ("西南", "西北", "华南"):  # served by WH-CD and WH-GZ
        assert reliability_gap[weak] < reliability_gap["华东"] - 0.4
    logistics = servqual(survey, dimensions="logistics", missing="listwise")
    assert set(logistics.dimensions["gap"].nsmallest(2).index) == {"discrepancy_handling", "timeliness"}
    assert logistics.missing.rows_dropped == 3


def test_dimension_sets_match_the_sample_catalogue():
    catalogue = ll.sample_catalog()["datasets"]["survey"]["dimensions"]
    for group, dims in (("servqual", SERVQUAL_DIMENSIONS), ("logistics", LSQ_DIMENSIONS)):
        from_catalogue = {d["en"].replace(" ", "_"): tuple(d["items"]) for d in catalogue.values() if d["group"] == group}
        assert from_catalogue == dims


# --- bad input --------------------------------------------------------------------------------


def test_missing_answers_raise_by_default(survey):
    with pytest.raises(
        LogilabInputError, match=r"found 9 missing answer\(s\) in 9 rows, first \[27, 53, 102, 140, 178\]. Pass missing='listwise'"
    ):
        servqual(survey)


def test_answer_outside_the_scale():
    bad = HAND.copy()
    bad.loc[2, "a2_p"] = 9
    with pytest.raises(
        LogilabInputError, match=r"column 'a2_p' to hold answers from 1 to 7, found values outside the scale such as 9 in rows \[2\]"
    ):
        servqual(bad, dimensions=HAND_DIMS)
    assert servqual(bad, dimensions=HAND_DIMS, scale=(1, 10)).table.loc["a2", "perception"] == pytest.approx(19 / 3)


def test_non_numeric_answer():
    bad = HAND.astype({"b1_e": object})
    bad.loc[1, "b1_e"] = "很好"
    with pytest.raises(LogilabInputError, match=r"column 'b1_e' to hold numbers, found text such as '很好' in rows \[1\]"):
        servqual(bad, dimensions=HAND_DIMS)


def test_item_of_the_mapping_missing_from_the_survey():
    with pytest.raises(LogilabInputError, match=r"expected a column 'a3_e' \(for a3 \(expectation\)\), found no such column"):
        servqual(HAND, dimensions={"A": ["a1", "a2", "a3"], "B": ["b1"]})


def test_bad_mappings_and_weights():
    with pytest.raises(
        LogilabInputError, match=r"dimensions: expected one of \['servqual', 'logistics'\], found 'servqal'. Did you mean 'servqual'"
    ):
        servqual(HAND, dimensions="servqal")
    with pytest.raises(LogilabInputError, match="every item in one group only, found 'a1' in 'A' and 'B'"):
        servqual(HAND, dimensions={"A": ["a1", "a2"], "B": ["a1", "b1"]})
    with pytest.raises(LogilabInputError, match=r"at least one item for 'B'"):
        servqual(HAND, dimensions={"A": ["a1", "a2"], "B": []})
    with pytest.raises(LogilabInputError, match=r"found no weight for \['B'\]"):
        servqual(HAND, dimensions=HAND_DIMS, weights={"A": 100})
    with pytest.raises(LogilabInputError, match=r"weights\['B'\]: expected a number >= 0, found -5"):
        servqual(HAND, dimensions=HAND_DIMS, weights={"A": 100, "B": -5})
    with pytest.raises(LogilabTypeError, match="suffixes: expected three column suffixes"):
        servqual(HAND, dimensions=HAND_DIMS, suffixes=("_e", "_p"))


def test_missing_segment_column():
    with pytest.raises(LogilabInputError, match=r"a column 'area' \(for segment\)"):
        servqual(HAND, dimensions=HAND_DIMS, segment="area")


# --- gap model --------------------------------------------------------------------------------


def test_gap_model_by_hand():
    model = gap_model(expected=6, knowledge=0.5, standards=0.25, delivery=1.0, communication=0.25, lang="en")
    # management 5.5, standards 5.25, delivered 4.25, promised 4.5, expected 6.25, perceived 4.25
    assert model.levels.tolist() == [6.25, 5.5, 5.25, 4.25, 4.5, 4.25]
    assert model.service_quality_gap == pytest.approx(-2.0)
    assert model.table["size"].tolist() == [0.5, 0.25, 1.0, 0.25, -2.0]
    assert model.table.loc[5, "name"] == "service quality gap"
    assert gap_model(lang="zh").table.loc[1, "name"] == "认知差距"
    with pytest.raises(LogilabInputError, match="delivery: expected a number >= 0, found -1"):
        gap_model(delivery=-1)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 3), min_size=4, max_size=4))
def test_gap5_is_minus_the_sum_of_gaps_1_to_4(sizes):
    model = gap_model(knowledge=sizes[0], standards=sizes[1], delivery=sizes[2], communication=sizes[3])
    assert model.service_quality_gap == pytest.approx(-sum(sizes))
    assert model.levels["perceived_service"] - model.levels["expected_service"] == pytest.approx(model.service_quality_gap)


# --- IPA --------------------------------------------------------------------------------------

IMPORTANCE = pd.Series({"on time": 6.5, "accuracy": 6.0, "packaging": 4.0, "website": 4.5, "hotline": 5.0})
PERFORMANCE = pd.Series({"on time": 4.8, "accuracy": 6.1, "packaging": 4.9, "website": 6.2, "hotline": 5.5})


def test_ipa_quadrants_at_the_mean():
    result = ipa(IMPORTANCE, PERFORMANCE)
    # mean importance 26/5 = 5.2, mean performance 27.5/5 = 5.5
    assert (result.importance_center, result.performance_center) == pytest.approx((5.2, 5.5))
    assert result.table["quadrant"].to_dict() == {
        "on time": "concentrate_here",
        "accuracy": "keep_up",
        "packaging": "low_priority",
        "website": "possible_overkill",
        "hotline": "possible_overkill",  # performance exactly on the line counts as high
    }
    assert result.table.loc["on time", "quadrant_zh"] == "重点改进区"
    assert result.table.loc["website", "quadrant_en"] == "possible overkill"


def test_ipa_median_and_given_center():
    median = ipa(IMPORTANCE, PERFORMANCE, center="median")
    assert (median.importance_center, median.performance_center) == (5.0, 5.5)
    assert median.table.loc["hotline", "quadrant"] == "keep_up"
    given_ = ipa(IMPORTANCE, PERFORMANCE, center=(4, 4))
    assert (given_.table["quadrant"] == "keep_up").all() and given_.center == "given"


def test_ipa_bad_input():
    with pytest.raises(LogilabInputError, match=r"found \['hotline'\] in only one of them"):
        ipa(IMPORTANCE, PERFORMANCE.drop("hotline"))
    with pytest.raises(LogilabInputError, match="center: expected one of \\['mean', 'median'\\], found 'middle'"):
        ipa(IMPORTANCE, PERFORMANCE, center="middle")
    with pytest.raises(LogilabInputError, match="found missing values"):
        ipa(IMPORTANCE.replace(5.0, np.nan), PERFORMANCE)


# --- satisfaction index ---------------------------------------------------------------------


def test_satisfaction_index_by_hand():
    scores = pd.DataFrame({"speed": [7, 5, 6], "accuracy": [4, 4, 1]})
    # means 6 and 3 -> rescaled (6-1)/6*100 = 83.33, (3-1)/6*100 = 33.33; weights 3:1 -> 0.75*83.33 + 0.25*33.33
    result = satisfaction_index(scores, weights={"speed": 3, "accuracy": 1})
    assert result.index == pytest.approx(0.75 * 500 / 6 + 0.25 * 200 / 6)
    assert result.respondents.tolist() == pytest.approx([0.75 * 100 + 0.25 * 50, 0.75 * 400 / 6 + 0.25 * 50, 0.75 * 500 / 6])
    assert result.respondents.mean() == pytest.approx(result.index)


@settings(max_examples=40, deadline=None)
@given(data_frames([column("a", elements=st.integers(1, 7)), column("b", elements=st.integers(1, 7))]).filter(lambda df: len(df) >= 2))
def test_satisfaction_index_lies_in_0_100_and_rises_with_scores(scores):
    low = satisfaction_index(scores).index
    assert 0 <= low <= 100
    assert satisfaction_index(scores.clip(upper=6) + 1).index >= low


def test_satisfaction_index_bad_input():
    with pytest.raises(LogilabInputError, match="found values outside the scale such as 0"):
        satisfaction_index(pd.DataFrame({"a": [0, 3], "b": [2, 3]}))
    with pytest.raises(LogilabInputError, match=r"scale: expected \(lowest, highest\)"):
        satisfaction_index(pd.DataFrame({"a": [1, 3], "b": [2, 3]}), scale=(7, 1))


def test_reweight_equals_a_fresh_computation_with_those_weights():
    weights = {"A": 1, "B": 3}
    fresh = servqual(HAND, dimensions=HAND_DIMS, segment="grp", weights=weights)
    reweighted = servqual(HAND, dimensions=HAND_DIMS, segment="grp").reweight(weights)
    assert reweighted.weighted_score == pytest.approx(fresh.weighted_score)
    pd.testing.assert_frame_equal(reweighted.dimensions, fresh.dimensions)
    pd.testing.assert_frame_equal(reweighted.respondents, fresh.respondents)
    pd.testing.assert_frame_equal(reweighted.segments, fresh.segments)
