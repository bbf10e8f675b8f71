"""Exercises of notebooks/02_customer_value.ipynb: delivered value, CLV, the customer value matrix."""

from __future__ import annotations

from ..datasets import load_sample
from ..exercises import Exercise
from ..value import EXAMPLE_COSTS, EXAMPLE_VALUES, clv, customer_clv, delivered_value, value_matrix

__all__ = ["EXERCISES"]


def _cheaper_c() -> float:
    costs = EXAMPLE_COSTS.copy()
    costs.loc["C", "money"] = 30
    return float(delivered_value(EXAMPLE_VALUES, costs).loc["C", "delivered_value"])


def _clv_five_years() -> float:
    return clv(200, 0.75, 0.10, periods=5)


def _yearly_retention() -> float:
    return customer_clv(load_sample("order_lines"), period="year").retention


def _keep_share() -> float:
    result = customer_clv(load_sample("order_lines"), period="quarter")
    potential = load_sample("customers").set_index("customer_id")["potential_spend"]
    current = result.customers["clv"]
    return float(value_matrix(current, potential.reindex(current.index)).summary.loc["keep", "current_share"])


EXERCISES = [
    Exercise(
        id="02.cheaper_provider",
        title_zh="服务商 C 把货币成本从 38 降到 30 后,它的客户价值是多少?",
        title_en="Provider C cuts its money cost from 38 to 30: what is its delivered value now?",
        expected=_cheaper_c,
        rtol=0.0,
        atol=0.05,
        hint_zh="客户价值 = 客户总价值 − 客户总成本;只有货币成本变了,其余各项照旧相加。",
        hint_en="Delivered value = total customer value - total customer cost; only the money cost changes, add up the rest as before.",
    ),
    Exercise(
        id="02.clv_five_years",
        title_zh="每年利润 200、保留率 0.75、折现率 10%,只算 5 年的 CLV 是多少?",
        title_en="Margin 200 per year, retention 0.75, discount rate 10 %: what is the CLV over 5 years?",
        expected=_clv_five_years,
        rtol=1e-3,
        hint_zh="第 t 年的现值是 m·r^t / (1+i)^t,t 从 1 到 5;也可以用 ll.clv 的 periods 参数。",
        hint_en="Year t contributes m r^t / (1 + i)^t for t = 1 .. 5; ll.clv takes periods= as well.",
    ),
    Exercise(
        id="02.yearly_retention",
        title_zh="按年估计,样本公司的客户保留率是多少?",
        title_en="Estimated per year, what is the sample company's retention rate?",
        expected=_yearly_retention,
        rtol=0.0,
        atol=0.0005,
        hint_zh="用订单行调用 ll.customer_clv,并把 period 设为按年;保留率在结果的 retention 属性里。",
        hint_en="Call ll.customer_clv on the order lines with a yearly period; the rate is the result's retention attribute.",
    ),
    Exercise(
        id="02.keep_share",
        title_zh="按季度 CLV 和潜在支出(中位数分界),重点保持客户占全部 CLV 的比例是多少?",
        title_en="With quarterly CLV and potential spend (median split), what share of all CLV do the keep customers hold?",
        expected=_keep_share,
        rtol=0.0,
        atol=0.0005,
        hint_zh="ll.value_matrix 的 summary 表按象限汇总了当前价值;用小数回答。",
        hint_en="The summary table of ll.value_matrix adds up current value per quadrant; answer as a fraction.",
    ),
]
