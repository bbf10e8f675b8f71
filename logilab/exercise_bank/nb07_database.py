"""Exercises of notebooks/07_customer_database_complaints.ipynb: SQL on the customer database, masking, complaint handling."""

from __future__ import annotations

import pandas as pd

from ..complaints import complaint_rates, response_times
from ..database import mask_phone
from ..datasets import load_sample
from .types import Exercise

__all__ = ["EXERCISES", "MASK_CASE", "SAME_DAY_WAREHOUSE"]

# the values given in the exercise prompts
MASK_CASE = "0755-86123456"
SAME_DAY_WAREHOUSE = "WH-CD"


def _rates_by_warehouse() -> pd.DataFrame:
    rates = complaint_rates(load_sample("orders"), load_sample("complaints"), by="warehouse")
    return rates[["warehouse", "orders", "complaints", "rate"]]


def _cost_by_cause() -> pd.DataFrame:
    complaints = load_sample("complaints")
    hours = (complaints["first_response_at"] - complaints["received_at"]).dt.total_seconds() / 3600
    table = complaints.assign(response_hours=hours).groupby("cause", sort=True)
    return table.agg(
        complaints=("complaint_id", "size"), compensation=("compensation", "sum"), avg_response_hours=("response_hours", "mean")
    ).reset_index()


def _same_day_share() -> float:
    complaints = load_sample("complaints").merge(load_sample("orders")[["order_id", "warehouse"]], on="order_id")
    return response_times(complaints[complaints["warehouse"] == SAME_DAY_WAREHOUSE]).summary()["same_day_share"]


def _masked_landline() -> str:
    return mask_phone(MASK_CASE)


EXERCISES = [
    Exercise(
        id="07.rates_sql",
        title_zh="用 SQL 查询每个仓库的订单数、投诉数和每千单投诉数（列名 warehouse, orders, complaints, rate）。",
        title_en="With SQL, list per warehouse the orders, the complaints and complaints per 1,000 orders (columns warehouse, orders, complaints, rate).",
        expected=_rates_by_warehouse,
        kind="table",
        key=("warehouse",),
        rtol=0.0,
        atol=0.05,
        hint_zh="从 orders 出发 LEFT JOIN complaints（ON order_id），按 warehouse 分组：count(DISTINCT o.order_id) 是订单数，count(c.complaint_id) 是投诉数，rate = 1000.0 * 投诉数 / 订单数。",
        hint_en="Start from orders, LEFT JOIN complaints ON order_id, GROUP BY warehouse: count(DISTINCT o.order_id) orders, count(c.complaint_id) complaints, rate = 1000.0 * complaints / orders.",
    ),
    Exercise(
        id="07.cause_cost_sql",
        title_zh="用 SQL 查询每个投诉原因的投诉数、赔偿总额和平均首次响应小时数（列名 cause, complaints, compensation, avg_response_hours）。",
        title_en="With SQL, list per cause the complaints, the total compensation and the mean first-response hours (columns cause, complaints, compensation, avg_response_hours).",
        expected=_cost_by_cause,
        kind="table",
        key=("cause",),
        rtol=0.0,
        atol=0.01,
        hint_zh="视图 complaint_facts 已有 response_hours 一列；按 cause 分组，用 count(*)、sum(compensation) 和 avg(response_hours)。",
        hint_en="The view complaint_facts has a response_hours column; GROUP BY cause with count(*), sum(compensation) and avg(response_hours).",
    ),
    Exercise(
        id="07.same_day_cd",
        title_zh="成都仓（WH-CD）的投诉中，有多大比例在受理当天得到首次响应（日落原则）？",
        title_en="What share of the complaints about Chengdu (WH-CD) orders got a first response on the day they arrived (sunset rule)?",
        expected=_same_day_share,
        rtol=0.0,
        atol=0.0005,
        hint_zh="把 complaints 与 orders 按 order_id 连接取出仓库，再用 ll.response_times(...).summary() 的 same_day_share；或在 SQL 中比较两个时间戳的日期。",
        hint_en="Join complaints to orders on order_id for the warehouse, then use same_day_share of ll.response_times(...).summary(); or compare the dates of the two timestamps in SQL.",
    ),
    Exercise(
        id="07.mask_landline",
        title_zh="深圳座机 0755-86123456 按本笔记本的规则掩码后是什么？",
        title_en="What does the Shenzhen landline 0755-86123456 look like after masking by this notebook's rule?",
        expected=_masked_landline,
        kind="text",
        hint_zh="座机保留区号和最后四位，中间每一位换成一个 *；深圳的区号是四位。",
        hint_en="A landline keeps its area code and its last four digits; every digit in between becomes one *. Shenzhen's area code has four digits.",
    ),
]
