"""Exercises of notebooks/02_customer_value.ipynb: delivered value, CLV, the customer value matrix."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..datasets import load_sample
from ..i18n import label
from ..value import EXAMPLE_COSTS, EXAMPLE_VALUES, clv, convert_rate, customer_clv, delivered_value, value_matrix
from .types import Exercise, Mistake, Part

__all__ = ["EXERCISES"]


def _cheaper_table() -> pd.DataFrame:
    costs = EXAMPLE_COSTS.copy()
    costs.loc["C", "money"] = 30
    return delivered_value(EXAMPLE_VALUES, costs).table


def _cheaper_c() -> float:
    return float(_cheaper_table().loc["C", "delivered_value"])


def _cheaper_choice() -> tuple[str, ...]:
    best = str(_cheaper_table()["delivered_value"].idxmax())
    return (best, f"{label('provider', 'zh')}{best}", f"{label('provider', 'en')} {best}")


def _runner_up() -> tuple[str, ...]:
    table = _cheaper_table()
    second = str(table["delivered_value"].drop(table["delivered_value"].idxmax()).idxmax())
    return (second, f"{label('provider', 'zh')}{second}", f"{label('provider', 'en')} {second}")


def _clv_five_years() -> float:
    return clv(200, 0.75, 0.10, periods=5)


@cache
def _retention(period: str) -> float:
    return customer_clv(load_sample("order_lines"), period=period).retention


def _yearly_retention() -> float:
    return _retention("year")


@cache
def _keep_share(split: str = "median") -> float:
    result = customer_clv(load_sample("order_lines"), period="quarter")
    potential = load_sample("customers").set_index("customer_id")["potential_spend"]
    current = result.table["clv"]
    return float(value_matrix(current, potential.reindex(current.index), split=split).by_quadrant.loc["keep", "current_share"])


@cache
def _keep_customer_share() -> float:
    result = customer_clv(load_sample("order_lines"), period="quarter")
    potential = load_sample("customers").set_index("customer_id")["potential_spend"]
    current = result.table["clv"]
    return float(value_matrix(current, potential.reindex(current.index)).by_quadrant.loc["keep", "share"])


EXERCISES = [
    Exercise(
        id="02.cheaper_provider",
        title_zh="服务商 C 把货币成本从 38 降到 30 后，它的客户价值是多少？客户会选择哪一家？",
        title_en="Provider C cuts its money cost from 38 to 30: what is its delivered value now, and which provider does the customer choose?",
        parts=(
            Part(
                "value",
                "C 的客户价值",
                "C's delivered value",
                _cheaper_c,
                rtol=0.0,
                atol=0.05,
                hint_zh="客户价值 = 客户总价值 − 客户总成本；只有货币成本变了，其余各项照旧相加。",
                hint_en="Delivered value = total customer value - total customer cost; only the money cost changes, add up the rest as before.",
            ),
            Part(
                "choice",
                "客户的选择",
                "the customer's choice",
                _cheaper_choice,
                kind="text",
                hint_zh="客户选择让它得到的客户价值（差值）最大的服务商；把 C 的新值和另外两家比较。",
                hint_en="The customer picks the provider with the largest delivered value (the difference); compare C's new value with the other two.",
            ),
        ),
        mistakes=(
            Mistake(
                lambda: float(delivered_value(EXAMPLE_VALUES, EXAMPLE_COSTS).table.loc["C", "delivered_value"]),
                "这是降价之前的客户价值；把 C 的货币成本改成 30 再算。",
                "That is the value before the price cut; set C's money cost to 30 and compute again.",
                part="value",
            ),
            Mistake(
                lambda: float(_cheaper_table().loc["C", "value_ratio"]),
                "这是价值比 TV / TC；题目问的是客户价值，即两者之差。",
                "That is the value ratio TV / TC; the question asks for the delivered value, their difference.",
                part="value",
            ),
            Mistake(
                lambda: float(_cheaper_table().loc["C", "total_cost"]),
                "这是 C 的客户总成本；还要用客户总价值减去它。",
                "That is C's total customer cost; subtract it from the total customer value.",
                part="value",
            ),
            Mistake(
                _runner_up,
                "降价之后排名变了：比较三家的新客户价值，选最大的一家。",
                "The price cut changes the ranking: compare the three new delivered values and take the largest.",
                part="choice",
            ),
        ),
    ),
    Exercise(
        id="02.clv_five_years",
        title_zh="每年利润 200、保留率 0.75、折现率 10%，只算 5 年的 CLV 是多少？",
        title_en="Margin 200 per year, retention 0.75, discount rate 10 %: what is the CLV over 5 years?",
        expected=_clv_five_years,
        rtol=1e-3,
        hint_zh="第 t 年的现值是 m·r^t / (1+i)^t,t 从 1 到 5；也可以用 ll.clv 的 periods 参数。",
        hint_en="Year t contributes m r^t / (1 + i)^t for t = 1 .. 5; ll.clv takes periods= as well.",
        mistakes=(
            Mistake(
                lambda: clv(200, 0.75, 0.10),
                "这是无限期的 CLV；题目只算 5 年。",
                "That is the CLV over an unlimited horizon; the question stops after 5 years.",
            ),
            Mistake(
                lambda: clv(200, 0.75, 0.10, periods=5, upfront=True),
                "你多算了一笔第 0 年的利润；本题约定第一笔利润在第 1 年末、客户被保留一次之后到账。",
                "You added a margin at year 0; here the first margin arrives at the end of year 1, after the customer was retained once.",
            ),
            Mistake(
                lambda: clv(200, 0.75, 0.0, periods=5),
                "这个结果没有折现；每一年的利润还要除以 (1 + i)^t。",
                "This result is not discounted; divide each year's margin by (1 + i)^t.",
            ),
        ),
    ),
    Exercise(
        id="02.yearly_retention",
        title_zh="按年估计，样本公司的客户保留率是多少？它能和季度保留率直接比较吗？",
        title_en="Estimated per year, what is the sample company's retention rate, and can it be compared directly with the quarterly rate?",
        parts=(
            Part(
                "rate",
                "按年的保留率",
                "the yearly retention",
                _yearly_retention,
                rtol=0.0,
                atol=0.0005,
                hint_zh="用订单行调用 ll.customer_clv，并把 period 设为按年；保留率在结果的 retention 属性里。",
                hint_en="Call ll.customer_clv on the order lines with a yearly period; the rate is the result's retention attribute.",
            ),
            Part(
                "comparable",
                "能否直接比较",
                "directly comparable",
                lambda: False,
                kind="yesno",
                hint_zh="两个保留率说的是不同长度的期间：“一年后还在”和“一个季度后还在”不是同一件事。",
                hint_en="The two rates describe periods of different length: 'still here a year later' and 'still here a quarter later' are different events.",
            ),
        ),
        mistakes=(
            Mistake(
                lambda: _retention("quarter"),
                "这是按季度估计的保留率；把期间改成按年。",
                "That is the quarterly estimate; switch the period to a year.",
                part="rate",
            ),
            Mistake(
                lambda: convert_rate(_retention("quarter"), kind="retention", from_period="quarter", to_period="year"),
                "这是把季度保留率按 r⁴ 换算成的年保留率；这种换算假定流失的客户再也不回来，而样本客户常常隔一个季度又下单。题目要你直接从数据按年估计。",
                "That is the quarterly rate converted as r^4; the conversion assumes lost customers never return, while the sample customers often come back after a quiet quarter. Estimate the rate from the data per year instead.",
                part="rate",
            ),
        ),
    ),
    Exercise(
        id="02.keep_share",
        title_zh="按季度 CLV 和潜在支出（中位数分界），核心客户占全部 CLV 的比例是多少？",
        title_en="With quarterly CLV and potential spend (median split), what share of all CLV do the keep customers hold?",
        expected=_keep_share,
        rtol=0.0,
        atol=0.0005,
        hint_zh="ll.value_matrix 的 summary 表按象限汇总了当前价值；用小数回答。",
        hint_en="The summary table of ll.value_matrix adds up current value per quadrant; answer as a fraction.",
        mistakes=(
            Mistake(
                _keep_customer_share,
                "这是这类客户占客户数的比例；题目问的是它们占全部 CLV 的比例。",
                "That is their share of the customers; the question asks for their share of all CLV.",
            ),
            Mistake(
                lambda: _keep_share("mean"),
                "这是用平均数分界的结果；题目要求按中位数分高低。",
                "That is the result of a split at the mean; the question splits at the median.",
            ),
        ),
    ),
]
