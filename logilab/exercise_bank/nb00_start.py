"""Exercises of notebooks/00_start_here.ipynb: a first look at the sample data."""

from __future__ import annotations

from ..datasets import load_sample
from .types import Exercise, Mistake

__all__ = ["EXERCISES"]

WAREHOUSE_CITY = {"WH-SH": "上海", "WH-GZ": "广州", "WH-BJ": "北京", "WH-WH": "武汉", "WH-CD": "成都"}


def _customers() -> int:
    return int(load_sample("customers")["customer_id"].nunique())


def _busiest_warehouse() -> tuple[str, ...]:
    code = str(load_sample("orders")["warehouse"].value_counts().idxmax())
    city = WAREHOUSE_CITY[code]
    return (code, city, f"{city}仓", f"{city}仓库")


def _quietest_warehouse() -> tuple[str, ...]:
    code = str(load_sample("orders")["warehouse"].value_counts().idxmin())
    city = WAREHOUSE_CITY[code]
    return (code, city, f"{city}仓", f"{city}仓库")


def _late_share() -> float:
    orders = load_sample("orders")
    return float((orders["delivered_date"] > orders["promised_date"]).mean())


def _on_time_share() -> float:
    return 1 - _late_share()


def _late_share_of_lines() -> float:
    lines = load_sample("order_lines")
    return float((lines["delivered_date"] > lines["promised_date"]).mean())


def _late_or_on_the_day() -> float:
    orders = load_sample("orders")
    return float((orders["delivered_date"] >= orders["promised_date"]).mean())


EXERCISES = [
    Exercise(
        id="00.customers",
        title_zh="样本公司有多少个客户？",
        title_en="How many customers does the sample company have?",
        expected=_customers,
        rtol=0.0,
        atol=0.5,
        hint_zh="数一数客户表的行数，或者 customer_id 有多少个不同的值。",
        hint_en="Count the rows of the customers table, or the distinct customer_id values.",
        mistakes=(
            Mistake(
                lambda: len(load_sample("orders")),
                "这是订单的个数；一个客户会下很多张订单，请数客户表。",
                "That is the number of orders; a customer places many orders, so count the customers table.",
            ),
            Mistake(
                lambda: len(load_sample("order_lines")),
                "这是订单行的个数；请数客户，而不是订单行。",
                "That is the number of order lines; count customers, not lines.",
            ),
        ),
    ),
    Exercise(
        id="00.busiest_warehouse",
        title_zh="哪个仓库发出的订单最多？",
        title_en="Which warehouse ships the most orders?",
        expected=_busiest_warehouse,
        kind="text",
        hint_zh="对订单表的 warehouse 列用 value_counts()。",
        hint_en="Use value_counts() on the warehouse column of the orders table.",
        mistakes=(
            Mistake(
                _quietest_warehouse,
                "这是订单最少的仓库；value_counts() 把最多的排在第一行。",
                "That warehouse ships the fewest orders; value_counts() puts the largest count first.",
            ),
        ),
    ),
    Exercise(
        id="00.late_share",
        title_zh="有多大比例的订单晚于承诺日期送达？",
        title_en="What share of orders arrived after the promised date?",
        expected=_late_share,
        rtol=0.0,
        atol=0.0005,
        hint_zh="比较 delivered_date 和 promised_date，再对得到的真/假值求平均。",
        hint_en="Compare delivered_date with promised_date, then take the mean of the True/False values.",
        mistakes=(
            Mistake(
                _on_time_share,
                "这是准时送达的比例；题目问的是晚到的比例，两者相加等于 1。",
                "That is the on-time share; the question asks for the late share (the two add up to 1).",
            ),
            Mistake(
                _late_share_of_lines,
                "这是按订单行算的比例；一张订单有好几行，请在订单表上按订单计算。",
                "That share counts order lines; an order has several lines, so compute it on the orders table.",
            ),
            Mistake(
                _late_or_on_the_day,
                "在承诺日期当天送达不算晚到；比较时用“晚于”，不要包含等于。",
                "Arriving on the promised date is not late; use 'later than', not 'on or after'.",
            ),
        ),
    ),
]
