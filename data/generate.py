"""Generate the sample data of the fictional 3PL company 启航供应链 (Qihang Supply Chain).

Run ``python -m logilab.data.generate`` to rewrite the CSV files next to this
script; the output is identical byte for byte on every run (one seeded
generator, fixed rounding, fixed row order). ``--check`` regenerates into a
temporary folder and compares instead of writing.

The data are made to carry what the notebooks teach:

* customers belong to hidden value groups (key accounts, growing, steady,
  lapsed, occasional) with distinct order frequency, size and recency, so RFM,
  ABC and k-means find real segments;
* service failures have causes: Chengdu (WH-CD) runs short of stock, Guangzhou
  (WH-GZ) is late in the peak season, Wuhan (WH-WH) starts late and improves,
  Beijing (WH-BJ) damages more goods; stockouts concentrate on erratic SKUs and
  peak months; complaints and claims follow late, short and damaged orders;
* the survey's expectation-perception gaps concentrate in reliability,
  responsiveness, timeliness and discrepancy handling, and are wider for
  customers served by the weaker warehouses; Kano answers come from a planted
  category per feature;
* complaints (``complaints.csv``) and contact persons (``contacts.csv``) come
  from a second, independently seeded generator, derived from the finished
  orders without drawing from the first one, so the other files do not change:
  every order flagged ``complaint`` has one complaint record whose cause follows
  what went wrong with the order (late, short, damaged, document error);
  response times differ by warehouse and channel; complaints of customers who
  ordered again within 90 days were resolved faster; the contact list carries
  the gaps of a real CRM (missing phone numbers, duplicated records);
* the providers' business profiles (``provider_profiles.csv``: owned assets,
  integration level, industries served) are fixed so that the eight providers
  cover the six 3PL business models, and the importance survey of the key
  service variables (``service_importance.csv``) comes from a third generator
  of its own, so no earlier file changes: meeting promised dates and order
  accuracy matter most, the company leads its main rival on delay notices and
  shipping information and trails it on price;
* the survey's likelihood-to-recommend answer (``recommend``, 0-10) comes from
  a fourth generator of its own, added after every other column, so the rest
  of the survey does not change: it follows overall satisfaction, and
  long-term contract customers recommend the company clearly more often than
  spot customers (a planted difference an NPS comparison can detect).
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240901
CRM_SEED = 20241107  # complaints and contacts: a generator of their own
SERVICE_SEED = 20250315  # the importance survey of the key service variables: a third generator
NPS_SEED = 20250620  # the survey's likelihood to recommend (0-10): a fourth generator
START = pd.Timestamp("2024-01-01")
MONTHS = 24
N_CUSTOMERS = 3000
N_SKUS = 400
N_RESPONDENTS = 400
OUTPUT_DIR = Path(__file__).resolve().parent

WAREHOUSES = {
    # code: (city, base stockout prob, base late prob, damage prob, response hours)
    "WH-SH": ("上海", 0.020, 0.040, 0.006, 2.5),
    "WH-GZ": ("广州", 0.030, 0.050, 0.008, 4.0),
    "WH-BJ": ("北京", 0.035, 0.060, 0.022, 3.5),
    "WH-WH": ("武汉", 0.030, 0.060, 0.008, 4.5),
    "WH-CD": ("成都", 0.085, 0.070, 0.010, 5.5),
}
REGIONS = {
    # region: (share of customers, serving warehouse, base transit days)
    "华东": (0.30, "WH-SH", 1),
    "华南": (0.22, "WH-GZ", 1),
    "华北": (0.16, "WH-BJ", 1),
    "华中": (0.12, "WH-WH", 1),
    "西南": (0.10, "WH-CD", 2),
    "西北": (0.05, "WH-CD", 3),
    "东北": (0.05, "WH-BJ", 2),
}
INDUSTRIES = {"快消品": 0.25, "电子产品": 0.15, "医药": 0.10, "汽车配件": 0.12, "服装": 0.13, "家电": 0.10, "食品": 0.15}
CITY_PREFIX = {
    "华东": ["上海", "杭州", "南京", "苏州", "宁波", "合肥"],
    "华南": ["广州", "深圳", "东莞", "佛山", "厦门"],
    "华北": ["北京", "天津", "石家庄", "太原"],
    "华中": ["武汉", "长沙", "郑州", "南昌"],
    "西南": ["成都", "重庆", "昆明", "贵阳"],
    "西北": ["西安", "兰州", "银川"],
    "东北": ["沈阳", "大连", "长春", "哈尔滨"],
}
BRAND_CHARS = "恒远华瑞鑫宏达通盛泰嘉隆兴博安信诚益新康和美锦润丰佳宇航宁欣晟辉"
INDUSTRY_SUFFIX = {
    "快消品": "日化",
    "电子产品": "电子",
    "医药": "医药",
    "汽车配件": "汽配",
    "服装": "服饰",
    "家电": "电器",
    "食品": "食品",
}
CONTRACTS = ("长期合同", "年度合同", "临时订单")
PROMISE_SLACK = {"长期合同": 0, "年度合同": 1, "临时订单": 1}

# hidden value groups: share, contract probabilities, size scale, lines per order
GROUPS = {
    "key": (0.05, (0.70, 0.30, 0.00), 28.0, 2.2),
    "growing": (0.15, (0.20, 0.60, 0.20), 12.0, 1.3),
    "steady": (0.30, (0.25, 0.55, 0.20), 9.0, 1.2),
    "lapsed": (0.20, (0.10, 0.50, 0.40), 8.0, 1.1),
    "occasional": (0.30, (0.00, 0.15, 0.85), 4.0, 0.8),
}
SEASONALITY = np.array([1.0, 0.7, 1.0, 1.0, 1.0, 1.05, 1.0, 1.0, 1.05, 1.1, 1.35, 1.25])
PEAK_MONTHS = {11, 12}
SKU_CATEGORIES = {"常温小件": 0.45, "常温大件": 0.25, "冷链": 0.15, "贵重品": 0.15}

PROVIDERS = [
    # id, name, price (yuan per tonne-km), on-time rate, damage rate, cities covered,
    # IT score, flexibility score, financial score, response hours
    ("P01", "迅达物流", 0.62, 0.962, 0.0040, 210, 8, 7, 8, 2.0),
    ("P02", "安运供应链", 0.55, 0.935, 0.0065, 180, 6, 8, 7, 3.5),
    ("P03", "华通仓配", 0.71, 0.978, 0.0025, 260, 9, 6, 9, 1.5),
    ("P04", "捷链物流", 0.48, 0.902, 0.0090, 150, 5, 9, 6, 4.0),
    ("P05", "远航快运", 0.58, 0.948, 0.0055, 230, 7, 7, 7, 2.5),
    ("P06", "恒信物流", 0.66, 0.955, 0.0035, 190, 7, 5, 9, 3.0),
    ("P07", "云仓科技", 0.60, 0.941, 0.0050, 120, 10, 8, 5, 1.0),
    ("P08", "顺畅联运", 0.52, 0.918, 0.0080, 240, 5, 6, 6, 5.0),
]

SERVQUAL_DIMENSIONS = {
    # prefix: (number of items, expectation mean, perception - expectation, importance mean)
    "tan": (4, 5.4, 0.10, 4.2),
    "rel": (5, 6.4, -1.20, 6.5),
    "res": (4, 6.2, -0.90, 6.0),
    "ass": (4, 6.1, -0.30, 5.8),
    "emp": (5, 5.7, -0.50, 5.0),
    "tim": (2, 6.3, -1.00, 6.4),
    "acc": (2, 6.3, -0.40, 6.2),
    "con": (2, 6.1, -0.20, 5.9),
    "inf": (2, 5.8, -0.80, 5.3),
    "dis": (2, 5.9, -1.10, 5.6),
}
# warehouses whose customers perceive reliability-type items worse, and by how much
WEAK_WAREHOUSE_PENALTY = {"WH-CD": 0.6, "WH-GZ": 0.3}
PENALISED_DIMENSIONS = {"rel", "res", "tim", "dis"}

KANO_FEATURES = {
    # feature code: planted category (A attractive, O one-dimensional, M must-be, I indifferent)
    "k1": "O",  # real-time tracking
    "k2": "A",  # delivery time-window booking
    "k3": "M",  # proactive delay notice
    "k4": "I",  # electronic proof of delivery
    "k5": "O",  # 24-hour service hotline
    "k6": "I",  # green packaging
    "k7": "A",  # same-day delivery
    "k8": "M",  # fast damage claims
}
# answer codes: 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike
KANO_ANSWER_PAIRS = {
    "A": [(1, 2), (1, 3), (1, 4)],
    "O": [(1, 5)],
    "M": [(2, 5), (3, 5), (4, 5)],
    "I": [(f, d) for f in (2, 3, 4) for d in (2, 3, 4)],
    "R": [(5, 1), (5, 2), (5, 3), (5, 4), (3, 1)],
    "Q": [(1, 1), (5, 5)],
}

PROVIDER_PROFILES = [
    # id, share of warehouses and vehicles owned, integration score (1-10: how many of a
    # client's logistics functions run as one system), industries served
    ("P01", 0.80, 8, 2),  # integrated logistics
    ("P02", 0.10, 8, 2),  # integrated agency
    ("P03", 0.90, 4, 6),  # functional logistics
    ("P04", 0.05, 3, 7),  # functional agency
    ("P05", 0.70, 3, 2),  # concentrated logistics
    ("P06", 0.75, 7, 3),  # integrated logistics
    ("P07", 0.15, 4, 1),  # niche logistics
    ("P08", 0.60, 2, 8),  # functional logistics
]

# key service variable: (mean importance, the company's mean performance, its main rival's), 1-7
SERVICE_VARIABLES = {
    "promised_dates": (6.4, 5.3, 5.5),
    "order_accuracy": (6.2, 5.9, 5.6),
    "delay_notice": (5.6, 5.8, 4.9),
    "complaint_handling": (5.5, 5.0, 5.1),
    "shipping_info": (5.2, 5.6, 5.0),
    "lead_time": (5.8, 5.2, 5.4),
    "quality_price": (5.9, 5.5, 5.4),
    "price_competitiveness": (6.0, 4.9, 5.6),
    "sales_follow_up": (4.6, 4.8, 5.0),
}


# likelihood to recommend (0-10): a shift per contract type on top of what overall satisfaction predicts
RECOMMEND_CONTRACT_SHIFT = {"长期合同": 0.6, "年度合同": 0.0, "临时订单": -0.4}


def _recommend(survey: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    satisfaction = survey["overall_satisfaction"].to_numpy(dtype=float)
    shift = survey["contract_type"].map(RECOMMEND_CONTRACT_SHIFT).to_numpy(dtype=float)
    score = 7.8 + 0.8 * (satisfaction - 6.0) + shift + rng.normal(0, 1.3, len(survey))
    return np.clip(np.rint(score), 0, 10).astype(int)


def _service_importance(rng: np.random.Generator) -> pd.DataFrame:
    """Importance of each key service variable and the ratings of the company and its main rival (1-7)."""
    out = pd.DataFrame({"respondent_id": [f"R{i + 1:03d}" for i in range(N_RESPONDENTS)]})
    for variable, means in SERVICE_VARIABLES.items():
        for suffix, mean in zip(("imp", "own", "rival"), means):
            out[f"{variable}_{suffix}"] = np.clip(np.round(rng.normal(mean, 0.9, N_RESPONDENTS)), 1, 7).astype(int)
    return out


def _customers(rng: np.random.Generator) -> pd.DataFrame:
    region_names = list(REGIONS)
    regions = rng.choice(region_names, size=N_CUSTOMERS, p=[REGIONS[r][0] for r in region_names])
    industries = rng.choice(list(INDUSTRIES), size=N_CUSTOMERS, p=list(INDUSTRIES.values()))
    group_names = list(GROUPS)
    groups = rng.choice(group_names, size=N_CUSTOMERS, p=[GROUPS[g][0] for g in group_names])
    names: list[str] = []
    taken: set[str] = set()
    for region, industry in zip(regions, industries):
        while True:
            brand = "".join(rng.choice(list(BRAND_CHARS), size=2))
            name = f"{rng.choice(CITY_PREFIX[region])}{brand}{INDUSTRY_SUFFIX[industry]}有限公司"
            if name not in taken:
                break
        taken.add(name)
        names.append(name)
    contracts = [rng.choice(CONTRACTS, p=GROUPS[g][1]) for g in groups]
    potential_mean = {"key": 6.0, "growing": 5.2, "steady": 4.3, "lapsed": 4.0, "occasional": 3.4}
    potential = np.round(np.exp(rng.normal([potential_mean[g] for g in groups], 0.45)), 1)
    return pd.DataFrame(
        {
            "customer_id": [f"C{i + 1:04d}" for i in range(N_CUSTOMERS)],
            "name": names,
            "industry": industries,
            "region": regions,
            "contract_type": contracts,
            "potential_spend": potential,
            "hidden_group": groups,
        }
    )


def _monthly_rates(group: str, rng: np.random.Generator) -> np.ndarray:
    """Expected orders per month for one customer of a hidden group."""
    months = np.arange(MONTHS)
    if group == "key":
        return np.full(MONTHS, rng.uniform(1.4, 2.2))
    if group == "growing":
        start = rng.integers(6, 18)
        ramp = np.clip((months - start) / 6, 0, 1)
        return np.where(months >= start, 0.3 + 0.8 * ramp, 0.0)
    if group == "steady":
        return np.full(MONTHS, rng.uniform(0.2, 0.4))
    if group == "lapsed":
        stop = rng.integers(5, 14)
        return np.where(months < stop, rng.uniform(0.3, 0.5), 0.0)
    rates = np.zeros(MONTHS)  # occasional: one order, sometimes a second one
    rates[rng.integers(0, MONTHS)] = 1.0
    if rng.random() < 0.35:
        rates[rng.integers(0, MONTHS)] += 1.0
    return rates


def _order_headers(customers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    month_starts = pd.date_range(START, periods=MONTHS, freq="MS")
    for cust in customers.itertuples(index=False):
        rates = _monthly_rates(cust.hidden_group, rng)
        if cust.hidden_group != "occasional":
            rates = rates * SEASONALITY[np.arange(MONTHS) % 12]
            counts = rng.poisson(rates)
        else:
            counts = rates.astype(int)
        if counts.sum() == 0:  # every customer in the file has ordered at least once
            counts[int(np.argmax(rates)) if rates.any() else rng.integers(0, MONTHS)] = 1
        for m in np.flatnonzero(counts):
            days = month_starts[m].days_in_month
            for day in np.sort(rng.integers(0, days, size=counts[m])):
                rows.append(
                    (cust.customer_id, month_starts[m] + pd.Timedelta(days=int(day)), cust.region, cust.contract_type, cust.hidden_group)
                )
    orders = pd.DataFrame(rows, columns=["customer_id", "order_date", "region", "contract_type", "hidden_group"])
    orders = orders.sort_values(["order_date", "customer_id"], kind="stable").reset_index(drop=True)
    orders.insert(0, "order_id", [f"SO{i + 1:06d}" for i in range(len(orders))])
    orders["warehouse"] = orders["region"].map({r: v[1] for r, v in REGIONS.items()})
    return orders


def _late_probability(warehouse: str, month_index: int, month: int) -> float:
    p = WAREHOUSES[warehouse][2]
    if warehouse == "WH-GZ" and month in PEAK_MONTHS:
        p += 0.18
    if warehouse == "WH-WH":  # starts poorly and improves through the two years
        p += 0.12 * max(0.0, 1 - month_index / 18)
    if month in PEAK_MONTHS:
        p += 0.03
    return p


def _schedule(orders: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(orders)
    month_index = (orders["order_date"].dt.year - START.year) * 12 + orders["order_date"].dt.month - 1
    month = orders["order_date"].dt.month.to_numpy()
    transit = orders["region"].map({r: v[2] for r, v in REGIONS.items()}).to_numpy()
    slack = orders["contract_type"].map(PROMISE_SLACK).to_numpy()
    promised_days = 1 + transit + slack
    processing = rng.choice([0, 1, 2], size=n, p=[0.30, 0.65, 0.05])
    late_p = np.array([_late_probability(w, mi, m) for w, mi, m in zip(orders["warehouse"], month_index, month)])
    delay = np.where(rng.random(n) < late_p, rng.integers(1, 4, size=n), 0)
    # early processing or a fast lane absorbs part of the slack
    transit_actual = transit + delay - (rng.random(n) < 0.1).astype(int) * (transit > 1)
    out = orders.copy()
    out["promised_date"] = out["order_date"] + pd.to_timedelta(promised_days, unit="D")
    out["shipped_date"] = out["order_date"] + pd.to_timedelta(processing, unit="D")
    out["delivered_date"] = out["shipped_date"] + pd.to_timedelta(transit_actual, unit="D")
    out["doc_error"] = (rng.random(n) < 0.02).astype(int)
    return out


def _skus(rng: np.random.Generator) -> pd.DataFrame:
    categories = rng.choice(list(SKU_CATEGORIES), size=N_SKUS, p=list(SKU_CATEGORIES.values()))
    price_mu = {"常温小件": 3.2, "常温大件": 5.0, "冷链": 4.0, "贵重品": 6.5}
    prices = np.round(np.exp(rng.normal([price_mu[c] for c in categories], 0.5)), 2)
    popularity = 1.0 / np.arange(1, N_SKUS + 1) ** 0.9
    erratic = rng.random(N_SKUS) < 0.15
    return pd.DataFrame(
        {
            "sku": [f"SKU-{i + 1:04d}" for i in range(N_SKUS)],
            "category": categories,
            "unit_price": prices,
            "weight": popularity / popularity.sum(),
            "erratic": erratic,
        }
    )


def _lines(orders: pd.DataFrame, skus: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    lines_per_order = {g: v[3] for g, v in GROUPS.items()}
    size_scale = {g: v[2] for g, v in GROUPS.items()}
    n_lines = 1 + rng.poisson(orders["hidden_group"].map(lines_per_order).to_numpy())
    order_idx = np.repeat(np.arange(len(orders)), n_lines)
    line_no = np.concatenate([np.arange(1, k + 1) for k in n_lines])
    sku_idx = rng.choice(N_SKUS, size=len(order_idx), p=skus["weight"].to_numpy())
    o = orders.iloc[order_idx].reset_index(drop=True)
    s = skus.iloc[sku_idx].reset_index(drop=True)
    customer_scale = dict(zip(orders["customer_id"].unique(), np.exp(rng.normal(0, 0.35, orders["customer_id"].nunique()))))
    mean_qty = o["hidden_group"].map(size_scale).to_numpy() * o["customer_id"].map(customer_scale).to_numpy()
    mean_qty = np.where(s["category"].to_numpy() == "贵重品", mean_qty / 4, mean_qty)
    ordered = 1 + rng.poisson(mean_qty)
    month = o["order_date"].dt.month.to_numpy()
    stockout_p = o["warehouse"].map({w: v[1] for w, v in WAREHOUSES.items()}).to_numpy()
    stockout_p = stockout_p * np.where(s["erratic"].to_numpy(), 3.0, 1.0) * np.where(np.isin(month, list(PEAK_MONTHS)), 1.8, 1.0)
    short = rng.random(len(o)) < stockout_p
    shipped = np.where(short, np.floor(ordered * rng.uniform(0, 0.9, len(o))).astype(int), ordered)
    damage_p = o["warehouse"].map({w: v[3] for w, v in WAREHOUSES.items()}).to_numpy()
    damage_p = damage_p * np.where(s["category"].to_numpy() == "冷链", 2.0, 1.0)
    damaged = np.where((rng.random(len(o)) < damage_p) & (shipped > 0), np.minimum(shipped, rng.integers(1, 4, len(o))), 0)
    discount = np.where(o["hidden_group"].to_numpy() == "key", 0.88, 1.0)
    revenue = np.round(shipped * s["unit_price"].to_numpy() * discount, 2)
    cost = np.round(revenue * rng.uniform(0.72, 0.86, len(o)) + 12.0 * (shipped > 0), 2)
    return pd.DataFrame(
        {
            "order_id": o["order_id"],
            "line_no": line_no,
            "sku": s["sku"],
            "category": s["category"],
            "ordered_qty": ordered,
            "shipped_qty": shipped,
            "damaged_qty": damaged,
            "unit_price": s["unit_price"],
            "revenue": revenue,
            "cost": cost,
        }
    )


def _order_flags(orders: pd.DataFrame, lines: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    per_order = lines.groupby("order_id", sort=False).agg(
        ordered=("ordered_qty", "sum"), shipped=("shipped_qty", "sum"), damaged=("damaged_qty", "sum")
    )
    per_order["short"] = (per_order["shipped"] < per_order["ordered"]).astype(int)
    flags = orders.join(per_order[["short", "damaged"]], on="order_id")
    late = flags["delivered_date"] > flags["promised_date"]
    p_complaint = 0.01 + 0.22 * late + 0.18 * flags["short"] + 0.35 * (flags["damaged"] > 0) + 0.10 * flags["doc_error"]
    out = orders.copy()
    out["complaint"] = (rng.random(len(out)) < np.minimum(p_complaint, 0.9)).astype(int)
    out["claim"] = ((flags["damaged"] > 0) & (rng.random(len(out)) < 0.55)).astype(int)
    return out


def _kpi_monthly(orders: pd.DataFrame, lines: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    per_order = lines.groupby("order_id", sort=False).agg(
        ordered=("ordered_qty", "sum"), shipped=("shipped_qty", "sum"), damaged=("damaged_qty", "sum"), cost=("cost", "sum")
    )
    line_full = lines.assign(full=lines["shipped_qty"] >= lines["ordered_qty"])
    per_order["lines"] = line_full.groupby("order_id", sort=False).size()
    per_order["full_lines"] = line_full.groupby("order_id", sort=False)["full"].sum()
    o = orders.join(per_order, on="order_id")
    o["month"] = o["order_date"].dt.strftime("%Y-%m")
    o["on_time"] = o["delivered_date"] <= o["promised_date"]
    o["in_full"] = o["full_lines"] == o["lines"]
    o["otif"] = o["on_time"] & o["in_full"]
    o["cycle_days"] = (o["delivered_date"] - o["order_date"]).dt.days
    g = o.groupby(["month", "warehouse"], sort=True)
    kpi = pd.DataFrame(
        {
            "orders": g.size(),
            "unit_fill_rate": g["shipped"].sum() / g["ordered"].sum(),
            "line_fill_rate": g["full_lines"].sum() / g["lines"].sum(),
            "order_fill_rate": g["in_full"].mean(),
            "on_time_rate": g["on_time"].mean(),
            "otif": g["otif"].mean(),
            "damage_rate": g["damaged"].sum() / g["shipped"].sum(),
            "complaint_rate": g["complaint"].mean(),
            "avg_cycle_days": g["cycle_days"].mean(),
            "cost_per_order": g["cost"].sum() / g.size(),
        }
    ).reset_index()
    month_index = np.array([(int(m[:4]) - START.year) * 12 + int(m[5:]) - 1 for m in kpi["month"]])
    base_hours = kpi["warehouse"].map({w: v[4] for w, v in WAREHOUSES.items()}).to_numpy()
    improving = np.where(kpi["warehouse"].to_numpy() == "WH-WH", 1.5 * np.maximum(0, 1 - month_index / 18), 0.0)
    kpi["response_hours"] = np.round(base_hours + improving + rng.normal(0, 0.4, len(kpi)), 2)
    base_accept = kpi["warehouse"].map({"WH-SH": 0.93, "WH-GZ": 0.88, "WH-BJ": 0.90, "WH-WH": 0.85, "WH-CD": 0.78}).to_numpy()
    kpi["urgent_acceptance_rate"] = np.round(np.clip(base_accept + rng.normal(0, 0.025, len(kpi)), 0, 1), 4)
    for column in ["unit_fill_rate", "line_fill_rate", "order_fill_rate", "on_time_rate", "otif", "damage_rate", "complaint_rate"]:
        kpi[column] = kpi[column].round(4)
    kpi["avg_cycle_days"] = kpi["avg_cycle_days"].round(2)
    kpi["cost_per_order"] = kpi["cost_per_order"].round(2)
    return kpi


def _survey(customers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    chosen = np.sort(rng.choice(N_CUSTOMERS, size=N_RESPONDENTS, replace=False))
    resp = customers.iloc[chosen].reset_index(drop=True)
    warehouse = resp["region"].map({r: v[1] for r, v in REGIONS.items()}).to_numpy()
    n = len(resp)
    leniency = rng.normal(0, 0.5, n)
    data: dict[str, object] = {
        "respondent_id": [f"R{i + 1:03d}" for i in range(n)],
        "customer_id": resp["customer_id"],
        "industry": resp["industry"],
        "region": resp["region"],
        "contract_type": resp["contract_type"],
    }
    gap_total = np.zeros(n)
    n_items = 0
    for prefix, (count, e_mean, gap, imp_mean) in SERVQUAL_DIMENSIONS.items():
        factor = rng.normal(0, 0.7, n)
        penalty = np.array([WEAK_WAREHOUSE_PENALTY.get(w, 0.0) for w in warehouse]) if prefix in PENALISED_DIMENSIONS else 0.0
        for item in range(1, count + 1):
            offset = rng.normal(0, 0.15)
            e = e_mean + 0.4 * leniency + rng.normal(0, 0.5, n)
            p = e_mean + gap + offset + leniency + factor - penalty + rng.normal(0, 0.6, n)
            i = imp_mean + rng.normal(0, 0.7, n)
            e, p, i = (np.clip(np.rint(v), 1, 7).astype(int) for v in (e, p, i))
            data[f"{prefix}{item}_e"], data[f"{prefix}{item}_p"], data[f"{prefix}{item}_i"] = e, p, i
            gap_total += p - e
            n_items += 1
    categories = ["A", "O", "M", "I", "R", "Q"]
    for feature, planted in KANO_FEATURES.items():
        probs = np.array([0.06, 0.06, 0.06, 0.06, 0.03, 0.02])
        probs[categories.index(planted)] += 1 - probs.sum()
        cats = rng.choice(categories, size=n, p=probs)
        pairs = [KANO_ANSWER_PAIRS[c][rng.integers(len(KANO_ANSWER_PAIRS[c]))] for c in cats]
        data[f"{feature}_func"] = [f for f, _ in pairs]
        data[f"{feature}_dysf"] = [d for _, d in pairs]
    mean_gap = gap_total / n_items
    data["overall_satisfaction"] = np.clip(np.rint(7.2 + 1.6 * mean_gap + rng.normal(0, 0.9, n)), 1, 10).astype(int)
    survey = pd.DataFrame(data)
    # a few unanswered questions, as in every real survey
    answer_columns = [c for c in survey.columns if c.endswith(("_e", "_p", "_i"))]
    for column in answer_columns:
        survey[column] = survey[column].astype("Int64")
    for row in rng.choice(n, size=12, replace=False):
        survey.loc[row, answer_columns[rng.integers(len(answer_columns))]] = pd.NA
    return survey


COMPLAINT_CAUSES = ("延误", "破损", "错发", "少发", "服务态度", "信息不准", "费用争议")
CHANNELS = {"电话": (0.45, 0.5), "在线": (0.30, 0.8), "邮件": (0.15, 1.8), "上门": (0.10, 1.2)}  # share, response-time factor
SEVERITY_RESOLUTION_HOURS = {1: 20.0, 2: 40.0, 3: 80.0}
REORDER_WINDOW_DAYS = 90
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢")
COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "慕容", "司徒"]
GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞宇晨欣怡浩然子轩雨涵思远佳琪"
TITLES = ("物流经理", "采购主管", "仓储主管", "供应链总监", "客服专员")
AREA_CODES = {
    "上海": "021", "杭州": "0571", "南京": "025", "苏州": "0512", "宁波": "0574", "合肥": "0551", "广州": "020",
    "深圳": "0755", "东莞": "0769", "佛山": "0757", "厦门": "0592", "北京": "010", "天津": "022", "石家庄": "0311",
    "太原": "0351", "武汉": "027", "长沙": "0731", "郑州": "0371", "南昌": "0791", "成都": "028", "重庆": "023",
    "昆明": "0871", "贵阳": "0851", "西安": "029", "兰州": "0931", "银川": "0951", "沈阳": "024", "大连": "0411",
    "长春": "0431", "哈尔滨": "0451",
}  # fmt: skip


def _person_name(rng: np.random.Generator) -> str:
    surname = COMPOUND_SURNAMES[rng.integers(len(COMPOUND_SURNAMES))] if rng.random() < 0.06 else SURNAMES[rng.integers(len(SURNAMES))]
    given = "".join(rng.choice(list(GIVEN_CHARS), size=1 if rng.random() < 0.35 else 2))
    return surname + given


def _phone(city: str, rng: np.random.Generator) -> str:
    if rng.random() < 0.7:
        return f"1{rng.choice(list('3456789'))}{rng.integers(0, 10**9):09d}"
    code = AREA_CODES[city]
    digits = 8 if len(code) == 3 else int(rng.choice([7, 8], p=[0.2, 0.8]))
    return f"{code}-{rng.integers(2, 10)}{rng.integers(0, 10 ** (digits - 1)):0{digits - 1}d}"


def _contacts(customers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Contact persons of the customers, with the gaps and duplicates of a real CRM."""
    rows = []
    for cust in customers.itertuples(index=False):
        city = next(c for c in CITY_PREFIX[cust.region] if cust.name.startswith(c))
        n_contacts = 1 + int(rng.random() < 0.2)
        for k in range(n_contacts):
            name = _person_name(rng)
            phone = _phone(city, rng)
            email = f"contact{len(rows) + 1:04d}@{cust.customer_id.lower()}.example.cn"
            verified = pd.Timestamp(cust.since) + pd.Timedelta(days=int(rng.integers(0, 700)))
            title = TITLES[0] if k == 0 and rng.random() < 0.5 else TITLES[rng.integers(len(TITLES))]
            rows.append([cust.customer_id, name, title, phone, email, min(verified, pd.Timestamp("2025-12-31"))])
            if rng.random() < 0.015:  # the same person entered a second time, phone typed differently
                typed = f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}" if phone.startswith("1") else phone.replace("-", "")
                rows.append([cust.customer_id, name, title, typed, "", rows[-1][5] + pd.Timedelta(days=int(rng.integers(30, 300)))])
    contacts = pd.DataFrame(rows, columns=["customer_id", "contact_name", "title", "phone", "email", "verified_on"])
    contacts.loc[rng.random(len(contacts)) < 0.04, "phone"] = ""
    contacts.loc[rng.random(len(contacts)) < 0.03, "email"] = ""
    contacts["verified_on"] = np.minimum(contacts["verified_on"], pd.Timestamp("2025-12-31")).dt.strftime("%Y-%m-%d")
    contacts.insert(0, "contact_id", [f"CT{i + 1:05d}" for i in range(len(contacts))])
    return contacts


def _complaints(orders: pd.DataFrame, lines: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One complaint record per order flagged ``complaint``; causes follow what went wrong with the order."""
    per_order = lines.groupby("order_id", sort=False).agg(
        ordered=("ordered_qty", "sum"), shipped=("shipped_qty", "sum"), damaged=("damaged_qty", "sum")
    )
    unit_value = lines.assign(v=lines["unit_price"] * lines["damaged_qty"]).groupby("order_id", sort=False)["v"].sum()
    short_value = (
        lines.assign(v=lines["unit_price"] * (lines["ordered_qty"] - lines["shipped_qty"])).groupby("order_id", sort=False)["v"].sum()
    )
    o = orders.join(per_order, on="order_id")
    o["damaged_value"], o["short_value"] = o["order_id"].map(unit_value), o["order_id"].map(short_value)
    # did the customer order again within the window after the complaint? (read from the orders, never changed)
    dates_by_customer = {c: g.to_numpy() for c, g in orders.groupby("customer_id")["order_date"]}
    end = orders["order_date"].max()
    rows = []
    for order in o[o["complaint"] == 1].itertuples(index=False):
        late = order.delivered_date > order.promised_date
        weights = np.array(
            [
                3.0 * late,
                4.0 * (order.damaged > 0),
                0.3 + 1.0 * order.doc_error,
                3.0 * (order.shipped < order.ordered),
                0.5,
                0.2 + 1.5 * order.doc_error,
                0.4 + 0.4 * (order.warehouse == "WH-GZ"),
            ],
            dtype=float,
        )
        cause = COMPLAINT_CAUSES[rng.choice(len(COMPLAINT_CAUSES), p=weights / weights.sum())]
        channel = rng.choice(list(CHANNELS), p=[v[0] for v in CHANNELS.values()])
        day = order.delivered_date + pd.Timedelta(days=int(rng.choice([0, 1, 2, 3], p=[0.45, 0.3, 0.15, 0.1])))
        received = day + pd.Timedelta(minutes=int(rng.integers(8 * 60, 20 * 60)))
        hours = WAREHOUSES[order.warehouse][4] * CHANNELS[channel][1] * float(np.exp(rng.normal(0, 0.7)))
        first = received + pd.Timedelta(minutes=int(round(hours * 60)))
        if first.hour >= 20 or first.date() > received.date():  # the desk closes at 20:00: answer next morning
            next_morning = received.normalize() + pd.Timedelta(days=1, hours=8, minutes=30)
            first = max(first, next_morning) if rng.random() < 0.5 else next_morning + pd.Timedelta(minutes=int(rng.integers(0, 180)))
        severity = int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25] if cause in ("破损", "延误", "少发") else [0.6, 0.35, 0.05]))
        later = dates_by_customer[order.customer_id]
        reordered = bool(((later > received) & (later <= received + pd.Timedelta(days=REORDER_WINDOW_DAYS))).any())
        speed = 0.55 if reordered else 1.6  # planted: fast recovery goes with staying
        resolution = SEVERITY_RESOLUTION_HOURS[severity] * speed * float(np.exp(rng.normal(0, 0.6)))
        resolved = first + pd.Timedelta(minutes=int(round(resolution * 60)))
        compensation, outcome = 0.0, "道歉说明"
        if cause == "破损":
            compensation, outcome = round(float(order.damaged_value) * (1.0 if order.claim else rng.uniform(0.3, 0.8)), 2), "赔付"
        elif cause == "少发":
            outcome = "补发" if rng.random() < 0.7 else "退款"
            compensation = 0.0 if outcome == "补发" else round(float(order.short_value), 2)
        elif cause == "延误" and severity >= 2:
            compensation, outcome = float(rng.choice([50, 100, 200, 300])), "赔付"
        elif cause == "费用争议":
            outcome = "退款" if rng.random() < 0.6 else "不予支持"
            compensation = round(float(rng.uniform(50, 800)), 2) if outcome == "退款" else 0.0
        elif cause == "错发":
            outcome = "补发"
        if resolved > end + pd.Timedelta(days=5):  # still open when the data were taken
            resolved, outcome, compensation = pd.NaT, "处理中", 0.0
        rows.append([order.customer_id, order.order_id, received, first, resolved, channel, cause, severity, compensation, outcome])
    complaints = pd.DataFrame(
        rows,
        columns=[
            "customer_id",
            "order_id",
            "received_at",
            "first_response_at",
            "resolved_at",
            "channel",
            "cause",
            "severity",
            "compensation",
            "outcome",
        ],
    )
    complaints = complaints.sort_values(["received_at", "order_id"], kind="stable").reset_index(drop=True)
    complaints.insert(0, "complaint_id", [f"CP{i + 1:05d}" for i in range(len(complaints))])
    for column in ["received_at", "first_response_at", "resolved_at"]:
        complaints[column] = complaints[column].dt.strftime("%Y-%m-%d %H:%M")
    return complaints


def build() -> dict[str, pd.DataFrame]:
    """Build every sample table in memory, in the order the generator draws them."""
    rng = np.random.default_rng(SEED)
    customers = _customers(rng)
    orders = _schedule(_order_headers(customers, rng), rng)
    skus = _skus(rng)
    lines = _lines(orders, skus, rng)
    orders = _order_flags(orders, lines, rng)
    kpi = _kpi_monthly(orders, lines, rng)
    survey = _survey(customers, rng)
    survey["recommend"] = _recommend(survey, np.random.default_rng(NPS_SEED))  # its own generator: the other columns stay as they were
    first_order = orders.groupby("customer_id")["order_date"].min()
    lead = pd.to_timedelta(rng.integers(0, 400, N_CUSTOMERS), unit="D")
    customers["since"] = (customers["customer_id"].map(first_order) - lead).dt.strftime("%Y-%m-%d")
    providers = pd.DataFrame(
        PROVIDERS,
        columns=[
            "provider_id",
            "name",
            "price",
            "on_time_rate",
            "damage_rate",
            "coverage_cities",
            "it_score",
            "flexibility_score",
            "financial_score",
            "response_hours",
        ],
    )
    date_columns = ["order_date", "promised_date", "shipped_date", "delivered_date"]
    orders_out = orders[["order_id", "customer_id", "warehouse", *date_columns, "doc_error", "complaint", "claim"]].copy()
    for column in date_columns:
        orders_out[column] = orders_out[column].dt.strftime("%Y-%m-%d")
    crm = np.random.default_rng(CRM_SEED)  # after every draw of the first generator, and independent of it
    complaints = _complaints(orders, lines, crm)
    contacts = _contacts(customers, crm)
    profiles = pd.DataFrame(PROVIDER_PROFILES, columns=["provider_id", "asset_share", "integration_score", "industries_served"])
    importance = _service_importance(np.random.default_rng(SERVICE_SEED))
    return {
        "customers": customers[["customer_id", "name", "industry", "region", "contract_type", "since", "potential_spend"]],
        "orders": orders_out,
        "order_lines": lines,
        "kpi_monthly": kpi,
        "providers": providers,
        "survey": survey,
        "complaints": complaints,
        "contacts": contacts,
        "provider_profiles": profiles,
        "service_importance": importance,
    }


def write(folder: Path) -> list[Path]:
    """Write every sample table as UTF-8 CSV into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in build().items():
        path = folder / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate logilab's sample data (deterministic).")
    parser.add_argument("--check", action="store_true", help="compare a fresh generation with the committed files instead of writing")
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR, help="folder to write into (default: next to this script)")
    args = parser.parse_args(argv)
    if not args.check:
        for path in write(args.out):
            print(f"wrote {path.name} ({path.stat().st_size:,} bytes)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        differing = [
            p.name
            for p in write(Path(tmp))
            if not (OUTPUT_DIR / p.name).is_file() or not filecmp.cmp(p, OUTPUT_DIR / p.name, shallow=False)
        ]
    if differing:
        print(f"differs from the committed data: {', '.join(differing)}", file=sys.stderr)
        return 1
    print("sample data regenerate identically")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
