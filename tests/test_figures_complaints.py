"""Complaint figures: the traces carry the numbers of the core functions."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll


@pytest.fixture(scope="module")
def sample():
    orders, complaints = ll.load_sample("orders"), ll.load_sample("complaints")
    return orders, complaints


def test_rates_figure_has_one_line_per_warehouse(sample):
    orders, complaints = sample
    rates = ll.complaint_rates(orders, complaints)
    fig = ll.plot_complaint_rates(rates, lang="en")
    assert [t.name for t in fig.data] == ["WH-BJ", "WH-CD", "WH-GZ", "WH-SH", "WH-WH"]
    cd = rates[rates["warehouse"] == "WH-CD"]
    assert list(fig.data[1].y) == cd["rate"].tolist() and len(fig.data[1].x) == 24


def test_pareto_figure_bars_and_cumulative_line(sample):
    _, complaints = sample
    pareto = ll.complaint_pareto(complaints)
    fig = ll.plot_complaint_pareto(pareto, lang="zh")
    assert list(fig.data[0].x) == ["少发", "延误", "破损", "服务态度", "费用争议", "错发", "信息不准"]
    assert list(fig.data[0].y) == [380, 270, 174, 167, 151, 119, 91]
    assert fig.data[1].y[-1] == pytest.approx(1.0)
    # vital few in red, the rest grey
    assert list(fig.data[0].marker.color).count("#d62728") == int(pareto["vital_few"].sum()) == 5
    highlighted = ll.plot_complaint_pareto(pareto, highlight="破损", lang="en")
    assert list(highlighted.data[0].marker.color) == ["#c7c7c7"] * 2 + ["#d62728"] + ["#c7c7c7"] * 4


def test_response_histogram_counts_every_complaint_and_draws_the_target(sample):
    _, complaints = sample
    result = ll.response_times(complaints, target_hours=6)
    fig = ll.plot_response_times(result, lang="en")
    assert len(fig.data[0].x) == len(complaints)
    assert max(fig.data[0].x) < 48  # long waits are drawn in the last bin
    assert fig.layout.shapes[0].x0 == 6
    assert f"{result.summary()['same_day_share']:.1%}" in fig.layout.title.text


def test_recovery_figure_shows_rates_with_their_intervals(sample):
    orders, complaints = sample
    table = ll.recovery_comparison(orders, complaints)
    fig = ll.plot_recovery(table, lang="en")
    assert list(fig.data[0].x) == ["orders without complaint", "complaints resolved fast", "complaints resolved slowly"]
    assert list(fig.data[0].y) == table["rate"].tolist()
    assert list(fig.data[0].error_y.array) == pytest.approx((table["ci_high"] - table["rate"]).tolist())


def test_overview_labels_follow_the_language():
    c = pd.DataFrame(
        {
            "cause": ["延误"],
            "received_at": pd.to_datetime(["2025-03-03 09:00"]),
            "first_response_at": pd.to_datetime(["2025-03-03 10:00"]),
            "resolved_at": pd.to_datetime([None]),
        }
    )
    zh = ll.plot_complaint_overview(ll.complaint_pareto(c), ll.response_times(c), lang="zh")
    en = ll.plot_complaint_overview(ll.complaint_pareto(c), ll.response_times(c), lang="en")
    assert zh.layout.annotations[0].text == "投诉原因帕累托图" and en.layout.annotations[0].text == "Pareto of complaint causes"
