"""Exercises of notebooks/00_start_here.ipynb: a first look at the sample data."""

from __future__ import annotations

from ..datasets import load_sample
from ..exercises import Exercise

__all__ = ["EXERCISES"]

WAREHOUSE_CITY = {"WH-SH": "上海", "WH-GZ": "广州", "WH-BJ": "北京", "WH-WH": "武汉", "WH-CD": "成都"}


def _customers() -> int:
    return int(load_sample("customers")["customer_id"].nunique())


def _busiest_warehouse() -> tuple[str, ...]:
    code = str(load_sample("orders")["warehouse"].value_counts().idxmax())
    city = WAREHOUSE_CITY[code]
    return (code, city, f"{city}仓", f"{city}仓库")


def _late_share() -> float:
    orders = load_sample("orders")
    return float((orders["delivered_date"] > orders["promised_date"]).mean())


EXERCISES = [
    Exercise(
        id="00.customers",
        title_zh="样本公司有多少个客户?",
        title_en="How many customers does the sample company have?",
        expected=_customers,
        rtol=0.0,
        atol=0.5,
        hint_zh="数一数客户表的行数,或者 customer_id 有多少个不同的值。",
        hint_en="Count the rows of the customers table, or the distinct customer_id values.",
    ),
    Exercise(
        id="00.busiest_warehouse",
        title_zh="哪个仓库发出的订单最多?",
        title_en="Which warehouse ships the most orders?",
        expected=_busiest_warehouse,
        kind="text",
        hint_zh="对订单表的 warehouse 列用 value_counts()。",
        hint_en="Use value_counts() on the warehouse column of the orders table.",
    ),
    Exercise(
        id="00.late_share",
        title_zh="有多大比例的订单晚于承诺日期送达?",
        title_en="What share of orders arrived after the promised date?",
        expected=_late_share,
        rtol=0.0,
        atol=0.0005,
        hint_zh="比较 delivered_date 和 promised_date,再对得到的真/假值求平均。",
        hint_en="Compare delivered_date with promised_date, then take the mean of the True/False values.",
    ),
]
