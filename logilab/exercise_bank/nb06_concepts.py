"""Exercises of notebooks/06_service_concepts_3pl.ipynb: 7R, the sunset rule, kinds of service, 3PL models, make or buy."""

from __future__ import annotations

import pandas as pd

from ..complaints import response_times
from ..datasets import load_sample
from ..i18n import bilingual_pair, label
from ..metrics import service_kpis
from ..outsourcing import break_even_volume, three_pl_model
from ..service_concepts import SEVEN_R, seven_r
from .types import Exercise, Mistake, Part

__all__ = ["EXERCISES", "PEAK", "LATE_HOUR", "SERVICES", "FIRMS", "BREAK_EVEN_CASE", "CASE_VOLUME"]

# the numbers and descriptions given in the exercise prompts
PEAK = {"warehouse": "WH-GZ", "month": "2024-11"}
LATE_HOUR = 16
SERVICES = {
    "A": ("按合同约定把货物准时运到客户的仓库", "基本服务"),
    "B": ("为重点客户指定专人跟单，每天推送在途信息", "精细服务"),
    "C": ("在仓库里替客户贴中文标签、组装促销礼盒", "增值服务"),
    "D": ("替客户设计补货方案，并代管供应商库存（VMI）", "增值服务"),
}
# firm: (description, own assets, high integration, many industries)
FIRMS = {
    "甲": ("拥有数百辆货车和多座仓库，只为汽车和家电两个行业做从采购到配送的一体化服务", True, True, False),
    "乙": ("不买车也不建仓，整合多家合作承运商和仓储商，为医药行业提供一体化供应链方案", False, True, False),
    "丙": ("拥有全国干线车队，承接各行各业客户的整车运输", True, False, True),
    "丁": ("没有车辆和仓库，把各行业客户的零担货物转包给承运商", False, False, True),
    "戊": ("自有一些冷库和覆盖较广的冷链网络，只做生鲜食品的冷链运输", True, False, False),
    "己": ("几乎没有资产，只在本市为高校学生托运行李", False, False, False),
}
BREAK_EVEN_CASE = {
    "fixed_cost": 800_000,
    "variable_cost": 12,
    "per_order": 16,
    "pallet_days": 1.5,
    "per_pallet_day": 2,
    "minimum_charge": 300_000,
}
CASE_VOLUME = 90_000


def _peak_lines() -> pd.DataFrame:
    lines = load_sample("order_lines")
    return lines[(lines["warehouse"] == PEAK["warehouse"]) & (lines["order_date"].dt.strftime("%Y-%m") == PEAK["month"])]


def _peak_all_met() -> float:
    return float(seven_r(_peak_lines()).table.loc[0, "all_met"])


def _peak_weakest() -> tuple[str, ...]:
    weakest = seven_r(_peak_lines()).summary()["weakest_r"]
    return (
        weakest,
        SEVEN_R.loc[weakest, "name_zh"],
        SEVEN_R.loc[weakest, "name_en"],
        SEVEN_R.loc[weakest, "name_zh"].replace("适当的", ""),
    )


def _peak_product() -> float:
    return float(service_kpis(_peak_lines(), kpis="perfect_order_product")["perfect_order_product"].iloc[0])


def _late_complaints() -> pd.DataFrame:
    complaints = load_sample("complaints")
    return complaints[complaints["received_at"].dt.hour >= LATE_HOUR]


def _late_same_day() -> float:
    return float(response_times(_late_complaints()).summary()["same_day_share"])


def _all_same_day() -> float:
    return float(response_times(load_sample("complaints")).summary()["same_day_share"])


def _firm_models() -> dict[str, str]:
    return {firm: three_pl_model(*attributes) for firm, (_, *attributes) in FIRMS.items()}


def _break_even() -> float:
    return break_even_volume(**BREAK_EVEN_CASE)


def _choice_at_case_volume() -> tuple[str, ...]:
    c = BREAK_EVEN_CASE
    made = c["fixed_cost"] + c["variable_cost"] * CASE_VOLUME
    bought = max(c["minimum_charge"], CASE_VOLUME * (c["per_order"] + c["pallet_days"] * c["per_pallet_day"]))
    if made <= bought:
        return (*bilingual_pair("in_house"), "make")
    return (*bilingual_pair("outsourced_short"), "buy", "3PL", label("pl_3pl", "zh"))


EXERCISES = [
    Exercise(
        id="06.seven_r_peak",
        title_zh="广州仓（WH-GZ）2024 年 11 月的订单中，有多大比例同时达到数据能判断的全部 R？哪一个 R 达成率最低？",
        title_en="Of the Guangzhou (WH-GZ) orders of November 2024, what share met every R the data can judge, and which R was met least often?",
        parts=(
            Part(
                "all_met",
                "全部达成的比例",
                "share meeting every judged R",
                _peak_all_met,
                rtol=0.0,
                atol=0.0005,
                hint_zh="先按 warehouse 和 order_date 的月份筛出订单行，再用 ll.seven_r(...)，读 table 的 all_met。",
                hint_en="Filter the lines by warehouse and the month of order_date, then call ll.seven_r(...) and read all_met from its table.",
            ),
            Part(
                "weakest",
                "达成率最低的 R",
                "the R met least often",
                _peak_weakest,
                kind="text",
                hint_zh="比较 table 里 right_product、right_quantity、right_condition、right_time 四列；summary() 也会给出 weakest_r。",
                hint_en="Compare the four judged columns of the table; summary() also names weakest_r.",
            ),
        ),
        mistakes=(
            Mistake(
                _peak_product,
                "这是四个达成率的乘积；它假设各种差错互不相关。题目问的是逐单判断四项都达成的订单比例（完美订单率）。",
                "That is the product of the four rates, which assumes independent failures; the question asks for the share of orders meeting all four.",
                part="all_met",
            ),
        ),
    ),
    Exercise(
        id="06.sunset_late",
        title_zh="在 16:00 及以后收到的投诉中，有多大比例在当天得到首次响应（日落原则）？",
        title_en="Of the complaints received at 16:00 or later, what share got a first response the same day (sunset rule)?",
        expected=_late_same_day,
        rtol=0.0,
        atol=0.0005,
        hint_zh="用 received_at.dt.hour >= 16 筛选投诉，再把结果交给 ll.response_times(...)，读 summary() 的 same_day_share。",
        hint_en="Keep complaints with received_at.dt.hour >= 16, pass them to ll.response_times(...) and read same_day_share from summary().",
        mistakes=(
            Mistake(
                _all_same_day,
                "这是全部投诉的当天响应率；题目只问 16:00 及以后收到的投诉。",
                "That is the same-day share of all complaints; the question asks only about those received at 16:00 or later.",
            ),
            Mistake(
                lambda: 1 - _late_same_day(),
                "这是当天没有得到响应的比例；题目问的是当天得到首次响应的比例。",
                "That is the share not answered the same day; the question asks for the share that was.",
            ),
        ),
    ),
    Exercise(
        id="06.service_kinds",
        title_zh="把服务 A–D 分为基本服务、精细服务或增值服务；第三方物流的客户服务属于第几类服务产品？",
        title_en="Classify services A-D as basic, refined or value-added service; which kind of service product is 3PL customer service?",
        parts=(
            Part(
                "depth",
                "服务层次",
                "service depth",
                lambda: {key: kind for key, (_, kind) in SERVICES.items()},
                kind="table",
                hint_zh="基本服务是合同里人人都有的；精细服务把基本服务做得更细、更周到；增值服务超出基本服务，满足客户自己的特殊需要。",
                hint_en="Basic: what the contract gives everyone; refined: the basic service done more carefully; value-added: beyond it, for a customer's own needs.",
            ),
            Part(
                "product",
                "服务产品的类别",
                "kind of service product",
                lambda: ("第三类", "第三类产品", "三", "3", "third"),
                kind="text",
                hint_zh="三类服务产品：服务本身是主要利益；服务附着在有形产品上；服务无形但让产品增值。",
                hint_en="Three kinds: the service is the main benefit; it comes with a tangible product; it is intangible but adds value to the product.",
            ),
        ),
    ),
    Exercise(
        id="06.three_pl_models",
        title_zh="按资产、集成度和服务行业，判断企业甲到己各属于哪种第三方物流经营模式。",
        title_en="From assets, integration level and industries served, place firms 甲 to 己 in the six 3PL business models.",
        expected=_firm_models,
        kind="table",
        hint_zh="先问三件事：有没有自有资产？集成度高还是低？服务的行业多还是少？再对照六种模式的特征。",
        hint_en="Ask three questions: own assets or not? high or low integration? many or few industries? Then match the six models.",
    ),
    Exercise(
        id="06.break_even",
        title_zh="自营固定成本 80 万元/年、每单变动成本 12 元；外包每单 16 元，另有每单 1.5 托盘天、每托盘天 2 元的仓储费，最低收费 30 万元/年。盈亏平衡订单量是多少？年订单量 9 万单时选哪一方？",
        title_en="In house: 800,000 yuan a year fixed and 12 yuan per order; the 3PL: 16 yuan per order plus 1.5 pallet-days at 2 yuan, minimum 300,000 a year. What is the break-even volume, and which side is cheaper at 90,000 orders?",
        parts=(
            Part(
                "volume",
                "盈亏平衡订单量",
                "break-even volume",
                _break_even,
                rtol=1e-3,
                hint_zh="外包每单成本 u = 16 + 1.5 × 2；两条成本线相交时 800000 + 12 v = u v。",
                hint_en="The 3PL's cost per order is u = 16 + 1.5 x 2; the lines meet where 800000 + 12 v = u v.",
            ),
            Part(
                "choice",
                "9 万单时的选择（自营或外包）",
                "the choice at 90,000 orders (in house or outsourced)",
                _choice_at_case_volume,
                kind="text",
                hint_zh="订单量低于盈亏平衡点时，固定成本摊不薄，外包更省钱；高于它时自营更省钱。",
                hint_en="Below the break-even volume the fixed cost is spread too thin and buying is cheaper; above it making is.",
            ),
        ),
        mistakes=(
            Mistake(
                lambda: BREAK_EVEN_CASE["fixed_cost"] / (BREAK_EVEN_CASE["per_order"] - BREAK_EVEN_CASE["variable_cost"]),
                "这里漏了仓储费：外包每单成本还要加上 1.5 托盘天 × 2 元。",
                "The storage charge is missing: the 3PL's cost per order also includes 1.5 pallet-days x 2 yuan.",
                part="volume",
            ),
            Mistake(
                lambda: BREAK_EVEN_CASE["fixed_cost"] / 19,
                "这里漏了自营的每单变动成本：固定成本要除以两边每单成本之差 19 − 12。",
                "The in-house cost per order is missing: divide the fixed cost by the difference 19 - 12.",
                part="volume",
            ),
        ),
    ),
]
