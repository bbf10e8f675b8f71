"""Indicator systems, normalisation, indicator means and target attainment."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import logilab as ll
from logilab import LogilabInputError


def test_system_from_dict_and_from_table_agree():
    spec = {"及时性": {"otif": "benefit", "cycle": {"direction": "cost", "unit": "days"}}, "灵活性": {"urgent": "正向"}}
    from_dict = ll.indicator_system(spec, goal="质量")
    table = pd.DataFrame(
        {"criterion": ["及时性", "及时性", "灵活性"], "indicator": ["otif", "cycle", "urgent"], "direction": ["benefit", "cost", "benefit"]}
    )
    from_table = ll.indicator_system(table)
    assert from_dict.indicators == from_table.indicators == ["otif", "cycle", "urgent"]
    assert from_dict.groups() == {"及时性": ["otif", "cycle"], "灵活性": ["urgent"]}
    assert from_dict.benefit == {"otif": True, "cycle": False, "urgent": True}
    assert from_dict.table.loc[1, "unit"] == "days"


def test_sample_system_follows_the_catalogue():
    system = ll.sample_indicator_system()
    assert system.criteria == ["及时性", "完整性", "可靠性", "灵活性"]
    catalogue = {c["name"]: c for c in ll.sample_catalog()["datasets"]["kpi_monthly"]["columns"]}
    for name, is_benefit in system.benefit.items():
        assert is_benefit == (catalogue[name]["direction"] == "benefit")
    assert ll.sample_directions("providers") == {
        c["name"]: c["direction"] for c in ll.sample_catalog()["datasets"]["providers"]["columns"] if "direction" in c
    }
    assert ll.sample_indicator_system("en").criteria == ["timeliness", "completeness", "reliability", "flexibility"]


def test_normalize_by_hand():
    X = pd.DataFrame({"up": [1.0, 3.0, 5.0], "down": [4.0, 2.0, 6.0]})
    minmax = ll.normalize(X, benefit=["benefit", "cost"])
    np.testing.assert_allclose(minmax["up"], [0, 0.5, 1])
    np.testing.assert_allclose(minmax["down"], [0.5, 1, 0])  # (max - x) / (max - min)
    np.testing.assert_allclose(ll.normalize(X, method="vector")["up"], np.array([1, 3, 5]) / np.sqrt(35))
    np.testing.assert_allclose(ll.normalize(X, method="sum")["down"], np.array([4, 2, 6]) / 12)
    constant = ll.normalize(pd.DataFrame({"c": [2.0, 2.0]}))
    assert constant["c"].tolist() == [1.0, 1.0]


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (5, 2), elements=st.floats(-100, 100)))
def test_minmax_lies_in_zero_one_and_keeps_the_input(values):
    X = pd.DataFrame(values, columns=["a", "b"])
    before = X.copy()
    scaled = ll.normalize(X, benefit=["benefit", "cost"])
    assert ((scaled >= 0) & (scaled <= 1)).all().all()
    pd.testing.assert_frame_equal(X, before)


def test_indicator_means_and_target_attainment_on_the_sample():
    kpi = ll.load_sample("kpi_monthly")
    means = ll.indicator_means(kpi, ["otif", "complaint_rate"])
    assert means.loc["WH-SH", "otif"] == pytest.approx(kpi.loc[kpi["warehouse"] == "WH-SH", "otif"].mean())
    share = ll.target_attainment(kpi, {"order_fill_rate": 0.9}, benefit="benefit")
    by_hand = (kpi["order_fill_rate"] >= 0.9).groupby(kpi["warehouse"]).mean()
    pd.testing.assert_series_equal(share["order_fill_rate"], by_hand, check_names=False)
    # the planted truth: Shanghai meets the fill-rate target more often than Chengdu
    assert share.loc["WH-SH", "order_fill_rate"] > share.loc["WH-CD", "order_fill_rate"]


def test_bad_input():
    with pytest.raises(LogilabInputError, match="'benefit' or 'cost'"):
        ll.indicator_system({"及时性": {"otif": "up"}})
    with pytest.raises(LogilabInputError, match="more than once"):
        ll.indicator_system({"a": {"x": "cost"}, "b": {"x": "cost"}})
    with pytest.raises(LogilabInputError, match="method: expected one of"):
        ll.normalize([[1, 2]], method="zscore")
    with pytest.raises(LogilabInputError, match="expected a 2-D table"):
        ll.normalize([1, 2, 3])
    with pytest.raises(LogilabInputError, match="found text such as 'n/a'"):
        ll.normalize(pd.DataFrame({"a": [1, "n/a"]}))


def test_indicator_means_and_target_attainment_refuse_rows_without_a_group():
    # a group-by would leave row 1 out of every mean without a word
    kpi = pd.DataFrame({"warehouse": ["A", None, "B"], "otif": [0.8, 0.9, 0.7]})
    message = r"data: expected column 'warehouse' \(used in by\) without missing values, found missing values in rows \[1\]"
    with pytest.raises(LogilabInputError, match=message):
        ll.indicator_means(kpi, ["otif"])
    with pytest.raises(LogilabInputError, match=message):
        ll.target_attainment(kpi, {"otif": 0.75})
