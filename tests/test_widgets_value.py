"""The customer value explorers, driven without a browser: move a control, read the figure."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll


def test_delivered_value_explorer_follows_its_sliders():
    explorer = ll.delivered_value_explorer(lang="en")
    assert len(explorer.controls) == 3 * 8 + 1
    assert list(explorer.figure.data[-1].y) == [30, 35, 28]
    assert "the customer would choose: <b>B</b>" in explorer.summary.value
    # C improves its service from 18 to 30: TV 92, TC 52, delivered value 40 -> C is chosen
    explorer.controls["C_service"].value = 30
    assert list(explorer.figure.data[-1].y) == [30, 35, 40]
    assert "the customer would choose: <b>C</b>" in explorer.summary.value
    assert explorer.figure.layout.annotations[0].x == "delivered<br><b>C</b>"
    # B halves its time cost (6 -> 3) and becomes best by ratio as well: 108 / 70 = 1.543 < C's 92 / 52 = 1.769
    explorer.controls["B_time"].value = 3
    explorer.controls["rank_by"].value = "ratio"
    assert "<b>C</b>" in explorer.summary.value and "B: delivered value 38.0, value ratio TV/TC 1.54" in explorer.summary.value


def test_delivered_value_explorer_lays_its_sliders_out_in_a_grid_per_provider():
    explorer = ll.delivered_value_explorer(lang="zh")
    panel = explorer.children[0]
    headers, value_title, value_grid, cost_title, cost_grid, rank_row = panel.children
    # three providers -> three equal columns, the same template for the headers and both grids
    assert {g.layout.grid_template_columns for g in (headers, value_grid, cost_grid)} == {"repeat(3, minmax(0, 1fr))"}
    assert [cell.value for cell in headers.children] == ["<b>服务商 A</b>", "<b>服务商 B</b>", "<b>服务商 C</b>"]
    assert (value_title.value, cost_title.value) == ("<b>客户总价值</b>", "<b>客户总成本</b>")
    # row by row: one component, its three providers (A, B, C) side by side
    assert [cell.description for cell in value_grid.children[:6]] == [
        "A 产品价值",
        "B 产品价值",
        "C 产品价值",
        "A 服务价值",
        "B 服务价值",
        "C 服务价值",
    ]
    assert [cell.description for cell in cost_grid.children[:3]] == ["A 货币成本", "B 货币成本", "C 货币成本"]
    # every slider is in a grid once and fills its column; rank_by sits below
    sliders = [*value_grid.children, *cost_grid.children]
    assert len(sliders) == 24 and {id(s) for s in sliders} == {id(c) for k, c in explorer.controls.items() if k != "rank_by"}
    assert all(s.layout.width == "auto" and s.style.description_width == "initial" for s in sliders)
    assert rank_row.children == (explorer.controls["rank_by"],)
    # a slider in the grid still drives the figure: C's service 18 -> 30, delivered value 28 -> 40
    value_grid.children[5].value = 30  # row 服务价值, column C
    assert list(explorer.figure.data[-1].y) == [30, 35, 40]


def test_delivered_value_explorer_with_two_own_providers():
    values = pd.DataFrame({"product": [50, 40], "service": [10, 30]}, index=["甲", "乙"])
    costs = pd.DataFrame({"money": [30, 35], "time": [5, 5]}, index=["甲", "乙"])
    explorer = ll.delivered_value_explorer(values, costs, lang="zh")
    assert list(explorer.figure.data[-1].y) == [25, 30]
    assert explorer.controls["乙_money"].min == 1 and explorer.controls["乙_time"].min == 0
    explorer.controls["乙_money"].value = 45
    assert list(explorer.figure.data[-1].y) == [25, 20] and "客户会选择：<b>甲</b>" in explorer.summary.value


def test_delivered_value_explorer_reports_a_tie_as_a_tie():
    explorer = ll.delivered_value_explorer(lang="zh")
    # A's product value 60 -> 65: TV 110 - TC 75 = 35, B: 108 - 73 = 35 -> A and B tie, neither is "the choice"
    explorer.controls["A_product"].value = 65
    assert list(explorer.figure.data[-1].y) == [35, 35, 28]
    assert explorer.summary.value.startswith("并列最优，客户在这几家之间无明显偏好：<b>A、B</b>")
    assert "客户会选择" not in explorer.summary.value
    assert [a.text for a in explorer.figure.layout.annotations] == ["并列最优", "并列最优"]
    english = ll.delivered_value_explorer(lang="en")
    english.controls["A_product"].value = 65
    assert "tie, no clear preference between: <b>A, B</b>" in english.summary.value


def test_delivered_value_explorer_refuses_bad_starting_amounts():
    with pytest.raises(ll._validation.LogilabInputError, match="found negative values"):
        ll.delivered_value_explorer(pd.DataFrame({"product": [-1]}, index=["A"]), pd.DataFrame({"money": [1]}, index=["A"]))


def test_clv_explorer_summary_reads_as_a_sentence():
    # 158.89 / 250 = 63.6 % of the infinite-horizon CLV (see test_clv_explorer_moves_curve_and_limit)
    zh = ll.clv_explorer(periods=3, lang="zh").summary.value
    assert "T 期 CLV（T = 3）：<b>158.89</b>" in zh and zh.endswith("已达到无限期 CLV 的：<b>63.6%</b>")
    en = ll.clv_explorer(periods=3, lang="en").summary.value
    assert en.endswith("share of the infinite-horizon CLV reached: <b>63.6%</b>")


def test_clv_explorer_moves_curve_and_limit():
    explorer = ll.clv_explorer(periods=3, lang="en")
    assert [round(v, 2) for v in explorer.figure.data[1].y] == [71.43, 122.45, 158.89]
    assert "CLV over T periods (T = 3): <b>158.89</b>" in explorer.summary.value and "margin multiple 2.50" in explorer.summary.value
    # i = 0.2: limit 100 * 0.8 / (1.2 - 0.8) = 200
    explorer.controls["discount_rate"].value = 0.2
    assert explorer.figure.data[2].y[0] == pytest.approx(200.0)
    # a margin at time 0: limit 100 * 1.2 / 0.4 = 300; the curve now starts at t = 0 with 100
    explorer.controls["upfront"].value = True
    assert explorer.figure.data[2].y[0] == pytest.approx(300.0) and explorer.figure.data[0].x[0] == 0
    assert explorer.figure.data[0].y[0] == pytest.approx(100.0)
    explorer.controls["periods"].value = 40
    assert len(explorer.figure.data[0].x) == 41
    explorer.controls["margin"].value = 0
    assert "infinite-horizon CLV: <b>0.00</b>" in explorer.summary.value and "–" in explorer.summary.value


def test_value_matrix_explorer_names_a_missing_customer_column():
    with pytest.raises(ll._validation.LogilabInputError, match=r"customers: expected a column 'potential_spend' \(for potential\)"):
        ll.value_matrix_explorer(customers=pd.DataFrame({"customer_id": ["C1"], "name": ["甲"]}))


def test_value_matrix_explorer_on_a_small_history():
    lines = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C2", "C1", "C3", "C4", "C4"],
            "order_date": ["2025-01-10", "2025-04-02", "2025-01-20", "2025-07-15", "2025-07-01", "2025-01-05", "2025-04-09"],
            "revenue": [500.0, 300.0, 200.0, 400.0, 100.0, 80.0, 90.0],
            "cost": [300.0, 200.0, 150.0, 250.0, 60.0, 70.0, 70.0],
        }
    )
    customers = pd.DataFrame(
        {"customer_id": ["C1", "C2", "C3", "C4"], "name": ["甲", "乙", "丙", "丁"], "potential_spend": [50.0, 80.0, 10.0, 5.0]}
    )
    explorer = ll.value_matrix_explorer(lines, customers, lang="en")
    # pooled: CLV proportional to margin per quarter C1 150, C2 16.7, C3 40, C4 10 -> median cut 28.3
    # potential median 30: C1 keep, C2 grow, C3 maintain, C4 reduce
    assert explorer.summary.value == "keep: <b>1</b> · grow: <b>1</b> · maintain: <b>1</b> · reduce: <b>1</b>"
    assert explorer.figure.data[0].customdata[0, 1] == "C1 甲"
    # by the mean (current 54.2, potential 36.25): C3 drops to reduce
    explorer.controls["split"].value = "mean"
    assert explorer.summary.value == "keep: <b>1</b> · grow: <b>1</b> · maintain: <b>0</b> · reduce: <b>2</b>"
    # per-customer retention: C1 (2 of 2 retained) rises, the others fall, the split by mean stays the same here
    explorer.controls["retention"].value = "customer"
    x_keep = explorer.figure.data[0].x[0]
    explorer.controls["retention"].value = "pooled"
    assert x_keep > explorer.figure.data[0].x[0]
