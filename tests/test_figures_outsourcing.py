"""Figures of the service-concepts and 3PL notebook: the data they draw."""

from __future__ import annotations

import pytest

import logilab as ll
from logilab import LogilabInputError

CASE = {"fixed_cost": 1_200_000, "variable_cost": 18, "per_order": 25, "pallet_days": 2, "per_pallet_day": 1.5, "minimum_charge": 500_000}


def test_seven_r_bars_show_the_judged_standards_and_the_perfect_order_rate():
    lines = ll.load_sample("order_lines")
    fig = ll.plot_seven_r(ll.seven_r(lines, by="warehouse"), by="warehouse", lang="zh")
    assert [t.name for t in fig.data] == ["适当的产品", "适当的数量", "适当的状态", "适当的时间", "全部达成（完美订单）"]
    assert list(fig.data[-1].x) == ["WH-BJ", "WH-CD", "WH-GZ", "WH-SH", "WH-WH"]
    assert fig.data[-1].y[1] == pytest.approx(ll.perfect_order_rate(lines[lines["warehouse"] == "WH-CD"]))
    with pytest.raises(LogilabInputError, match="result: expected the result of ll.seven_r"):
        ll.plot_seven_r(ll.perfect_order_breakdown(lines))


def test_service_variables_chart_colours_the_chances_to_differentiate():
    ranking = ll.service_variable_ranking(ll.load_sample("service_importance"))
    fig = ll.plot_service_variables(ranking, lang="zh")
    assert fig.data[0].y[0] == "按承诺日期交货" and fig.data[0].x[0] == pytest.approx(ranking["importance"].iloc[0])
    coloured = [name for name, colour in zip(fig.data[0].y, fig.data[0].marker.color) if colour != "#c7c7c7"]
    assert coloured == [ll.label(v, "zh") for v in ranking.index[ranking["differentiate"]]]
    # issue 14: the score axis was titled "1–7" alone, without a Chinese word
    assert fig.layout.xaxis.title.text == "评分（1–7 分）"
    assert ll.plot_service_variables(ranking, lang="en").layout.xaxis.title.text == "score (1–7)"


def test_three_pl_models_figure_places_every_provider_in_its_box():
    placed = ll.classify_providers(ll.load_sample("provider_profiles").merge(ll.load_sample("providers")[["provider_id", "name"]]))
    fig = ll.plot_three_pl_models(placed, lang="zh")
    assert len(fig.layout.shapes) == 6 and len(fig.data[0].x) == 8
    boxes = {a.text.split("<br>")[0]: shape for a, shape in zip(fig.layout.annotations, fig.layout.shapes)}
    for x, y, name in zip(fig.data[0].x, fig.data[0].y, fig.data[0].text):
        model = placed.set_index("name").loc[name, "model"]
        box = boxes[model]
        assert box.x0 < x < box.x1 and box.y0 < y < box.y1, name


def test_make_or_buy_figure_marks_break_even_and_current_volume():
    result = ll.make_or_buy(100_000, **CASE)
    fig = ll.plot_make_or_buy(result, **CASE, lang="en")
    assert fig.data[2].x[0] == pytest.approx(120_000) and fig.data[2].y[0] == pytest.approx(3_360_000)
    assert list(fig.data[3].y) == pytest.approx([3_000_000, 2_800_000])
    # no break-even when the 3PL is cheaper per order: the marker is left out
    cheap = {**CASE, "per_order": 10, "pallet_days": 0}
    assert len(ll.plot_make_or_buy(ll.make_or_buy(100_000, **cheap), **cheap).data[2].x) == 0
