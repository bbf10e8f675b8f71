"""Exercises of notebooks/01_service_level.ipynb: service KPIs, fill rate vs safety stock, optimal service level."""

from __future__ import annotations

from ..datasets import load_sample
from ..inventory import optimal_service_level, safety_factor, safety_factor_for_csl, safety_stock
from ..metrics import line_fill_rate, order_fill_rate, service_kpis, unit_fill_rate
from .nb00_start import WAREHOUSE_CITY
from .types import Exercise, Mistake

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


def _kpi_extreme(kpi: str, how: str) -> tuple[str, ...]:
    kpis = service_kpis(load_sample("order_lines"), by="warehouse", kpis=kpi)
    row = kpis[kpi].idxmax() if how == "max" else kpis[kpi].idxmin()
    code = str(kpis.loc[row, "warehouse"])
    city = WAREHOUSE_CITY[code]
    return (code, city, f"{city}仓", f"{city}仓库")


def _cd_kpi(kpi: str) -> float:
    lines = load_sample("order_lines")
    return float(service_kpis(lines[lines["warehouse"] == "WH-CD"], kpis=kpi)[kpi].iloc[0])


def _csl_safety_stock() -> float:
    case = SAFETY_STOCK_CASE
    return float(safety_stock(safety_factor_for_csl(case["target_fill_rate"]), case["sigma"]))


def _safety_factor_only() -> float:
    case = SAFETY_STOCK_CASE
    return float(safety_factor(case["target_fill_rate"], case["order_qty"], case["sigma"]))


EXERCISES = [
    Exercise(
        id="01.supply_ratio",
        title_zh="样本公司两年的供应比率（单位满足率）是多少？",
        title_en="What is the sample company's supply ratio (unit fill rate) over the two years?",
        expected=_supply_ratio,
        rtol=0.0,
        atol=0.0005,
        hint_zh="供应比率 = 发货数量之和 / 订购数量之和，用 shipped_qty 和 ordered_qty 两列。",
        hint_en="Supply ratio = total shipped units / total ordered units (columns shipped_qty and ordered_qty).",
        mistakes=(
            Mistake(
                lambda: line_fill_rate(load_sample("order_lines")),
                "这是订单行满足率（足量发出的订单行所占比例）；供应比率按件数算：发出的件数占订购件数的比例。",
                "That is the line fill rate (share of lines shipped in full); the supply ratio counts units: units shipped over units ordered.",
            ),
            Mistake(
                lambda: order_fill_rate(load_sample("order_lines")),
                "这是订单满足率（整单足量发货的订单比例）；供应比率看的是件数。",
                "That is the order fill rate (orders shipped complete); the supply ratio counts units.",
            ),
            Mistake(
                lambda: 1 - unit_fill_rate(load_sample("order_lines")),
                "这是缺发的件数比例；供应比率是发出的那一部分。",
                "That is the share of units not shipped; the supply ratio is the share that was shipped.",
            ),
        ),
    ),
    Exercise(
        id="01.weakest_otif",
        title_zh="哪个仓库的准时足量交付率（OTIF）最低？",
        title_en="Which warehouse has the lowest OTIF?",
        expected=_weakest_otif_warehouse,
        kind="text",
        hint_zh="用 ll.service_kpis(lines, by=...) 按仓库分组，再找 otif 列最小的一行。",
        hint_en="Group with ll.service_kpis(lines, by=...) per warehouse and find the row with the smallest otif.",
        mistakes=(
            Mistake(
                lambda: _kpi_extreme("otif", "max"),
                "这是 OTIF 最高的仓库；题目问的是最低的。",
                "That warehouse has the highest OTIF; the question asks for the lowest.",
            ),
            Mistake(
                lambda: _kpi_extreme("on_time_rate", "min"),
                "这是准时交付率最低的仓库；OTIF 还要求足量，两个条件要同时满足。",
                "That warehouse has the lowest on-time rate; OTIF also requires the order in full, both at once.",
            ),
        ),
    ),
    Exercise(
        id="01.perfect_order_cd",
        title_zh="成都仓（WH-CD）的完美订单率是多少？",
        title_en="What is the perfect order rate of the Chengdu warehouse (WH-CD)?",
        expected=_perfect_order_rate_cd,
        rtol=0.0,
        atol=0.0005,
        hint_zh="先筛选出 warehouse 为 WH-CD 的订单行，再逐单判断：准时、足量、无货损、无单据差错四项同时满足。",
        hint_en="Keep the lines of WH-CD, then judge each order: on time, in full, undamaged and no document error, all at once.",
        mistakes=(
            Mistake(
                lambda: float(service_kpis(load_sample("order_lines"), kpis="perfect_order_rate")["perfect_order_rate"].iloc[0]),
                "这是全部仓库的完美订单率；先只保留成都仓的订单行。",
                "That is the perfect order rate of all warehouses; keep only the Chengdu lines first.",
            ),
            Mistake(
                lambda: _cd_kpi("otif"),
                "这是成都仓的 OTIF；完美订单还要求无货损、无单据差错。",
                "That is Chengdu's OTIF; a perfect order must also be undamaged and free of document errors.",
            ),
            Mistake(
                lambda: _cd_kpi("perfect_order_product"),
                "这是四个比率的乘积，它假定四类差错互不相关；请逐单判断四个条件是否同时满足，再数订单。",
                "That is the product of the four rates, which assumes the four failures are unrelated; judge each order on all four conditions and count orders.",
            ),
        ),
    ),
    Exercise(
        id="01.safety_stock",
        title_zh="Q = 400,σ = 80，目标供应比率 99% 时需要多少安全库存？",
        title_en="How much safety stock gives a 99 % fill rate with Q = 400 and sigma = 80?",
        expected=_safety_stock_for_target,
        rtol=0.0,
        atol=0.5,
        hint_zh="先由 G(k) =（1 − 目标供应比率）× Q / σ 求出安全系数 k，安全库存 = k × σ。",
        hint_en="First solve G(k) = (1 - target) * Q / sigma for the safety factor k; safety stock = k * sigma.",
        mistakes=(
            Mistake(
                _csl_safety_stock,
                "这是按周期服务水平 99%（每个周期不缺货的概率）算的安全库存；题目的目标是供应比率，要用单位正态损失函数 G(k)。",
                "That is the safety stock for a 99 % cycle service level (probability of no stockout per cycle); the target here is a fill rate, which goes through the unit normal loss G(k).",
            ),
            Mistake(
                _safety_factor_only,
                "这是安全系数 k；安全库存还要乘以 σ。",
                "That is the safety factor k; the safety stock is k times sigma.",
            ),
            Mistake(
                lambda: (1 - SAFETY_STOCK_CASE["target_fill_rate"]) * SAFETY_STOCK_CASE["order_qty"] / SAFETY_STOCK_CASE["sigma"],
                "这是 G(k) 的目标值；还要由它反求 k，再乘以 σ。",
                "That is the target value of G(k); solve it for k, then multiply by sigma.",
            ),
        ),
    ),
    Exercise(
        id="01.optimal_level",
        title_zh="成本系数提高到 3 时，最优服务水平是多少？",
        title_en="What is the optimal service level when the cost scale rises to 3?",
        expected=_optimal_level_dearer_service,
        rtol=0.0,
        atol=0.0005,
        hint_zh="其他参数保持默认，找利润最大的服务水平，也就是边际收入等于边际成本的地方。",
        hint_en="Keep the other parameters at their defaults; look for the level where marginal revenue equals marginal cost.",
        mistakes=(
            Mistake(
                lambda: optimal_service_level().level,
                "这是成本系数为 1(默认值)时的最优水平；把成本系数改成 3。",
                "That is the optimum at the default cost scale 1; set the cost scale to 3.",
            ),
        ),
    ),
]
