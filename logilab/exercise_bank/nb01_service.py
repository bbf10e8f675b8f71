"""Exercises of notebooks/01_service_level.ipynb: service KPIs, fill rate vs safety stock, optimal service level."""

from __future__ import annotations

from ..datasets import load_sample
from ..exercises import Exercise
from ..inventory import optimal_service_level, safety_factor, safety_stock
from ..metrics import service_kpis, unit_fill_rate
from .nb00_start import WAREHOUSE_CITY

__all__ = ["EXERCISES", "SAFETY_STOCK_CASE", "COST_SCALE_CASE"]

# the numbers given in the exercise prompts
SAFETY_STOCK_CASE = {"order_qty": 400, "sigma": 80, "target_fill_rate": 0.99}
COST_SCALE_CASE = 3.0


def _supply_ratio() -> float:
    return unit_fill_rate(load_sample("order_lines"))


def _weakest_otif_warehouse() -> tuple[str, ...]:
    kpis = service_kpis(load_sample("order_lines"), by="warehouse", kpis="otif")
    code = str(kpis.loc[kpis["otif"].idxmin(), "warehouse"])
    city = WAREHOUSE_CITY[code]
    return (code, city, f"{city}仓", f"{city}仓库")


def _perfect_order_rate_cd() -> float:
    lines = load_sample("order_lines")
    return float(service_kpis(lines[lines["warehouse"] == "WH-CD"], kpis="perfect_order_rate")["perfect_order_rate"].iloc[0])


def _safety_stock_for_target() -> float:
    case = SAFETY_STOCK_CASE
    k = safety_factor(case["target_fill_rate"], case["order_qty"], case["sigma"])
    return float(safety_stock(k, case["sigma"]))


def _optimal_level_dearer_service() -> float:
    return optimal_service_level(cost_scale=COST_SCALE_CASE).level


EXERCISES = [
    Exercise(
        id="01.supply_ratio",
        title_zh="样本公司两年的供应比率(单位满足率)是多少?",
        title_en="What is the sample company's supply ratio (unit fill rate) over the two years?",
        expected=_supply_ratio,
        rtol=0.0,
        atol=0.0005,
        hint_zh="供应比率 = 发货数量之和 / 订购数量之和,用 shipped_qty 和 ordered_qty 两列。",
        hint_en="Supply ratio = total shipped units / total ordered units (columns shipped_qty and ordered_qty).",
    ),
    Exercise(
        id="01.weakest_otif",
        title_zh="哪个仓库的准时足量交付率 (OTIF) 最低?",
        title_en="Which warehouse has the lowest OTIF?",
        expected=_weakest_otif_warehouse,
        kind="text",
        hint_zh="用 ll.service_kpis(lines, by=...) 按仓库分组,再找 otif 列最小的一行。",
        hint_en="Group with ll.service_kpis(lines, by=...) per warehouse and find the row with the smallest otif.",
    ),
    Exercise(
        id="01.perfect_order_cd",
        title_zh="成都仓 (WH-CD) 的完美订单率是多少?",
        title_en="What is the perfect order rate of the Chengdu warehouse (WH-CD)?",
        expected=_perfect_order_rate_cd,
        rtol=0.0,
        atol=0.0005,
        hint_zh="先筛选出 warehouse 为 WH-CD 的订单行,再逐单判断:准时、足量、无货损、无单据差错四项同时满足。",
        hint_en="Keep the lines of WH-CD, then judge each order: on time, in full, undamaged and no document error, all at once.",
    ),
    Exercise(
        id="01.safety_stock",
        title_zh="Q = 400,σ = 80,目标供应比率 99% 时需要多少安全库存?",
        title_en="How much safety stock gives a 99 % fill rate with Q = 400 and sigma = 80?",
        expected=_safety_stock_for_target,
        rtol=0.0,
        atol=0.5,
        hint_zh="先由 G(k) = (1 − 目标供应比率) × Q / σ 求出安全系数 k,安全库存 = k × σ。",
        hint_en="First solve G(k) = (1 - target) * Q / sigma for the safety factor k; safety stock = k * sigma.",
    ),
    Exercise(
        id="01.optimal_level",
        title_zh="成本系数提高到 3 时,最优服务水平是多少?",
        title_en="What is the optimal service level when the cost scale rises to 3?",
        expected=_optimal_level_dearer_service,
        rtol=0.0,
        atol=0.0005,
        hint_zh="其他参数保持默认,找利润最大的服务水平,也就是边际收入等于边际成本的地方。",
        hint_en="Keep the other parameters at their defaults; look for the level where marginal revenue equals marginal cost.",
    ),
]
