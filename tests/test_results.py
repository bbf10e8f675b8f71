"""Every result object follows one protocol: ``.table``, ``summary()``, a one-line repr and an HTML repr."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll
from logilab._results import Result
from logilab.ahp import AHPResult
from logilab.database import CustomerProfile
from logilab.fuzzy import FCEResult, TwoLevelFCEResult


def _export_file():
    rows = _lines().head(20)[["order_id", "customer_id", "order_date", "revenue"]]
    return ll.demo_file(
        rows,
        "订单.csv",
        columns={"order_id": "订单号", "customer_id": "客户编号", "order_date": "下单日期", "revenue": "金额"},
        title="订单明细",
        total_label="合计",
    )


def _lines() -> pd.DataFrame:
    return ll.load_sample("order_lines")


def _ahp() -> AHPResult:
    return ll.ahp(ll.reciprocal_matrix([3, 5, 2], labels=["time", "cost", "quality"]))


def _fce() -> FCEResult:
    R = pd.DataFrame([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]], index=["on_time", "damage"], columns=["优", "良", "差"])
    return ll.fuzzy_evaluate([0.4, 0.6], R, grade_values=[90, 75, 50])


def _two_level() -> TwoLevelFCEResult:
    R = pd.DataFrame([[0.5, 0.5], [0.1, 0.9], [0.8, 0.2]], index=["x", "y", "z"], columns=["好", "差"])
    weights = {"x": 0.5, "y": 0.5, "z": 1.0}
    return ll.fuzzy_evaluate_two_level(R, groups={"A": ["x", "y"], "B": ["z"]}, indicator_weights=weights, criterion_weights=[0.5, 0.5])


def _decision_matrix() -> pd.DataFrame:
    return pd.DataFrame({"on_time": [0.95, 0.90, 0.85], "cost": [12.0, 9.0, 10.0]}, index=["P1", "P2", "P3"])


def _survey() -> pd.DataFrame:
    return ll.load_sample("survey")


def _profile() -> CustomerProfile:
    con = ll.connect(":memory:")
    try:
        return ll.customer_profile(con, "C0005")
    finally:
        con.close()


# one call per public result class; each entry builds a small real result
FACTORIES = {
    "Segmentation": lambda: ll.segment_customers(_lines(), order="order_id", clusters=False),
    "RFMTable": lambda: ll.rfm_table(_lines(), order="order_id"),
    "ABCResult": lambda: ll.abc_classify(ll.rfm_table(_lines(), order="order_id").table["monetary"]),
    "DeliveredValue": lambda: ll.delivered_value(ll.EXAMPLE_VALUES, ll.EXAMPLE_COSTS),
    "RFMScores": lambda: ll.rfm_scores(ll.rfm_table(_lines(), order="order_id")),
    "RFMSegments": lambda: ll.rfm_segments(ll.rfm_table(_lines(), order="order_id")),
    "KMeansResult": lambda: ll.kmeans_segments(ll.rfm_table(_lines(), order="order_id"), k=3),
    "CustomerCLV": lambda: ll.customer_clv(_lines(), period="quarter"),
    "ImportedTable": lambda: ll.import_table(_export_file()),
    "OrderExport": lambda: ll.read_orders(_export_file()),
    "CleaningReport": lambda: ll.import_table(_export_file()).report,
    "ValueMatrix": lambda: ll.value_matrix([10.0, 20.0, 30.0, 40.0], [5.0, 1.0, 8.0, 2.0]),
    "AHPResult": _ahp,
    "HierarchyResult": lambda: ll.ahp_hierarchy(
        _ahp(), {"time": _ahp(), "cost": ll.ahp([[1.0]]), "quality": ll.ahp(ll.reciprocal_matrix([2], labels=["a", "b"]))}
    ),
    "TopsisResult": lambda: ll.topsis(_decision_matrix(), [0.6, 0.4], benefit=[True, False]),
    "EntropyResult": lambda: ll.entropy_weights(_decision_matrix(), benefit=[True, False]),
    "FCEResult": _fce,
    "TwoLevelFCEResult": _two_level,
    "MissingReport": lambda: ll.servqual(_survey(), missing="listwise").missing,
    "GapModel": lambda: ll.gap_model(knowledge=0.5, standards=0.25),
    "ServqualResult": lambda: ll.servqual(_survey(), missing="listwise"),
    "ItemAnalysis": lambda: ll.item_analysis(_survey()[["rel1_p", "rel2_p", "rel3_p"]], missing="listwise"),
    "IPAResult": lambda: ll.ipa({"speed": 6.1, "price": 5.2, "care": 4.0}, {"speed": 4.5, "price": 5.9, "care": 5.0}),
    "SatisfactionIndex": lambda: ll.satisfaction_index(pd.DataFrame({"speed": [7, 5], "accuracy": [4, 4]})),
    "IndicatorSystem": ll.sample_indicator_system,
    "ServiceLevelOptimum": ll.optimal_service_level,
    "ResponseTimes": lambda: ll.response_times(ll.load_sample("complaints")),
    "CustomerProfile": _profile,
}


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_result_protocol(name):
    result = FACTORIES[name]()
    assert isinstance(result, Result) and type(result).__name__ == name
    assert isinstance(result.table, (pd.DataFrame, pd.Series)) and len(result.table) > 0
    numbers = result.summary()
    assert isinstance(numbers, dict) and numbers
    text = repr(result)
    assert "\n" not in text and len(text) < 240 and text.startswith(name + "(")
    page = result._repr_html_()
    assert name in page and "<table" in page


def test_metadata_are_fields_of_results_not_frame_attrs():
    # pandas drops DataFrame.attrs in many operations; as_of, cut-offs and components are result fields instead
    rfm = ll.rfm_table(_lines(), order="order_id")
    abc = ll.abc_classify(rfm.table["monetary"], cutoffs=(0.7, 0.9))
    value = ll.delivered_value(ll.EXAMPLE_VALUES, ll.EXAMPLE_COSTS)
    assert rfm.as_of == pd.Timestamp("2026-01-01") and abc.cutoffs == (0.7, 0.9)
    assert value.value_components == ["product", "service", "personnel", "image"]
    for table in (rfm.table, abc.table, value.table):
        assert table.attrs == {}


def test_a_printed_topsis_result_is_one_line_of_key_numbers():
    result = ll.topsis(_decision_matrix(), [0.6, 0.4], benefit=[True, False])
    # vector norms: on_time sqrt(0.95² + 0.90² + 0.85²) = 1.5604, cost sqrt(12² + 9² + 10²) = 18.028
    # weighted: on_time 0.6 * x / 1.5604 = [0.3653, 0.3460, 0.3268], cost 0.4 * x / 18.028 = [0.2662, 0.1997, 0.2219]
    # ideal (0.3653, 0.1997), anti-ideal (0.3268, 0.2662)
    # P2: d+ = 0.3653 - 0.3460 = 0.01923, d- = sqrt(0.01922² + 0.06656²) = 0.06928, C = 0.06928 / 0.08851 = 0.7828
    # P1: d+ = 0.2662 - 0.1997 = 0.06656, d- = 0.3653 - 0.3268 = 0.03845, C = 0.03845 / 0.10501 = 0.3661
    assert repr(result) == (
        "TopsisResult(alternatives=3, best='P2', best_closeness=0.7828, worst='P1', worst_closeness=0.3661; table 3 rows)"
    )


def test_summaries_hold_the_key_numbers():
    ahp = _ahp()
    assert ahp.summary() == {"n": 3, "lambda_max": ahp.lambda_max, "ci": ahp.ci, "ri": 0.58, "cr": ahp.cr, "consistent": True}
    # B = 0.4 * [0.2, 0.5, 0.3] + 0.6 * [0.6, 0.3, 0.1] = [0.44, 0.38, 0.18]; score = 0.44*90 + 0.38*75 + 0.18*50 = 77.1
    fce = _fce().summary()
    assert (fce["grade"], fce["membership"], fce["score"]) == ("优", pytest.approx(0.44), pytest.approx(77.1))
    assert _fce().table["b"].tolist() == pytest.approx([0.44, 0.38, 0.18])
    missing = ll.servqual(_survey(), missing="listwise").missing
    assert missing.table.sum() == missing.answers_missing and missing.summary()["rows_dropped"] == missing.rows_dropped
    # gap 5 = -(0.5 + 0.25) with gaps 3, 4 closed: the largest provider gap is gap 1
    gaps = ll.gap_model(knowledge=0.5, standards=0.25).summary()
    assert gaps == {"service_quality_gap": -0.75, "largest_provider_gap": 1, "largest_provider_gap_size": 0.5}


def test_satisfaction_summaries_by_hand():
    # item means: speed 6, accuracy 4 on 1-7 -> scores (6 - 1) / 6 * 100 = 83.33 and (4 - 1) / 6 * 100 = 50;
    # equal weights -> index (83.33 + 50) / 2 = 66.67, the lowest item is accuracy
    index = ll.satisfaction_index(pd.DataFrame({"speed": [7, 5], "accuracy": [4, 4]})).summary()
    assert index == {
        "index": pytest.approx(200 / 3),
        "respondents": 2,
        "items": 2,
        "lowest_item": "accuracy",
        "lowest_score": pytest.approx(50.0),
    }
    # crosshair at the means: importance (6.1 + 5.2 + 4.0) / 3 = 5.1, performance (4.5 + 5.9 + 5.0) / 3 = 5.133;
    # speed: important, performing low -> concentrate here; price: important, high -> keep up; care: low, low
    grid = ll.ipa({"speed": 6.1, "price": 5.2, "care": 4.0}, {"speed": 4.5, "price": 5.9, "care": 5.0}).summary()
    assert grid["importance_center"] == pytest.approx(5.1) and grid["performance_center"] == pytest.approx(15.4 / 3)
    assert (grid["concentrate_here"], grid["keep_up"], grid["low_priority"], grid["possible_overkill"]) == (1, 1, 1, 0)


def test_summaries_read_the_same_numbers_as_the_fields():
    optimum = ll.optimal_service_level()
    assert optimum.summary() == {
        "level": optimum.level,
        "revenue": optimum.revenue,
        "cost": optimum.cost,
        "profit": optimum.profit,
        "method": "parametric",
    }
    # 4 criteria; the catalogue marks 5 of the 9 monthly KPIs as benefit and 4 as cost indicators
    system = ll.sample_indicator_system().summary()
    assert (system["criteria"], system["indicators"], system["benefit"], system["cost"]) == (4, 9, 5, 4)
    two = _two_level()
    # second level: A = 0.5 * [0.5, 0.5] + 0.5 * [0.1, 0.9] = [0.3, 0.7], B = [0.8, 0.2];
    # overall 0.5 * [0.3, 0.7] + 0.5 * [0.8, 0.2] = [0.55, 0.45] -> 好
    assert two.summary() == {
        "criteria": 2,
        "grade": "好",
        "membership": pytest.approx(0.55),
        "score": pytest.approx(float("nan"), nan_ok=True),
    }
