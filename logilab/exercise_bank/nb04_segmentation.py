"""Exercises of notebooks/04_segmentation.ipynb: RFM, the eight RFM classes, ABC and k-means on the sample."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..datasets import load_sample
from ..segmentation import abc_classify, kmeans_segments, rfm_segments, rfm_table
from .types import Exercise, Mistake

__all__ = ["EXERCISES"]


@cache
def _rfm() -> pd.DataFrame:
    return rfm_table(load_sample("order_lines"), order="order_id").table


def _mean_recency() -> float:
    return float(_rfm()["recency"].mean())


def _important_value_count() -> int:
    return int(rfm_segments(_rfm()).by_segment.loc["important_value", "customers"])


def _important_value_count_by_lines() -> int:
    return int(rfm_segments(rfm_table(load_sample("order_lines"))).by_segment.loc["important_value", "customers"])


def _a_customer_share() -> float:
    return float(abc_classify(_rfm()["monetary"]).by_class.loc["A", "item_share"])


def _a_value_share() -> float:
    return float(abc_classify(_rfm()["monetary"]).by_class.loc["A", "value_share"])


@cache
def _selection() -> pd.DataFrame:
    # the k-selection is the slow step of this notebook's checks: run it once per session
    return kmeans_segments(_rfm()).selection


def _best_k() -> int:
    return int(_selection()["silhouette"].idxmax())


def _worst_k() -> int:
    return int(_selection()["silhouette"].idxmin())


def _lowest_inertia_k() -> int:
    return int(_selection()["inertia"].idxmin())


EXERCISES = [
    Exercise(
        id="04.mean_recency",
        title_zh="样本客户最近一次消费距今平均多少天？",
        title_en="On average, how many days ago did a sample customer last order?",
        expected=_mean_recency,
        rtol=0.0,
        atol=0.05,
        hint_zh="先用 ll.rfm_table 算出每个客户的 recency(基准日取默认值)，再求平均。",
        hint_en="Compute each customer's recency with ll.rfm_table (default analysis date), then take the mean.",
        mistakes=(
            Mistake(
                lambda: float(_rfm()["recency"].median()),
                "这是中位数；题目问的是平均数。",
                "That is the median; the question asks for the mean.",
            ),
        ),
    ),
    Exercise(
        id="04.important_value_count",
        title_zh="以平均值为分界，有多少个重要价值客户？",
        title_en="With the mean as threshold, how many important value customers are there?",
        expected=_important_value_count,
        rtol=0.0,
        atol=0.5,
        hint_zh="ll.rfm_segments(rfm) 的 summary 表按类别列出了客户数；频率按不同订单计数(order='order_id')。",
        hint_en="The summary of ll.rfm_segments(rfm) counts customers per class; frequency counts distinct orders (order='order_id').",
        mistakes=(
            Mistake(
                _important_value_count_by_lines,
                "这里的消费频率数的是订单行；一张订单有好几行，频率应当按不同的订单计数。",
                "Here frequency counts order lines; an order has several lines, so count distinct orders.",
            ),
        ),
    ),
    Exercise(
        id="04.a_customer_share",
        title_zh="A 类客户占全部客户的比例是多少？",
        title_en="What share of all customers is class A?",
        expected=_a_customer_share,
        rtol=0.0,
        atol=0.0005,
        hint_zh="对每个客户的消费金额做 ll.abc_classify，再用 ll.abc_summary 看各类的客户占比；用小数回答。",
        hint_en="Run ll.abc_classify on each customer's monetary value, then ll.abc_summary shows the share of items per class; answer as a fraction.",
        mistakes=(
            Mistake(
                _a_value_share,
                "这是 A 类客户占消费金额的比例；题目问的是它们占客户数的比例。",
                "That is class A's share of the money spent; the question asks for its share of the customers.",
            ),
        ),
    ),
    Exercise(
        id="04.best_k",
        title_zh="按轮廓系数，k-means 在 2 到 8 之间选出的聚类数 k 是多少？",
        title_en="Which number of clusters k (2 to 8) has the highest silhouette?",
        expected=_best_k,
        rtol=0.0,
        atol=0.5,
        hint_zh="ll.kmeans_segments(rfm) 的 selection 表列出了每个 k 的轮廓系数（silhouette）。",
        hint_en="The selection table of ll.kmeans_segments(rfm) lists the silhouette of every k.",
        mistakes=(
            Mistake(
                _worst_k,
                "这是轮廓系数最小的 k；轮廓系数越大，聚类分得越清楚。",
                "That k has the lowest silhouette; the larger the silhouette, the better separated the clusters.",
            ),
            Mistake(
                _lowest_inertia_k,
                "组内平方和（inertia）随 k 增大总会下降，不能直接取最小的那个；按轮廓系数选。",
                "The inertia always falls as k grows, so its minimum says nothing; choose by the silhouette.",
            ),
        ),
    ),
]
