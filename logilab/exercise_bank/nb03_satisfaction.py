"""Exercises of notebooks/03_satisfaction_gap.ipynb: reliability, SERVQUAL gaps, IPA and Kano on the sample survey."""

from __future__ import annotations

from ..datasets import load_sample
from ..exercises import Exercise
from ..kano import KANO_CATEGORY_NAMES, kano_table
from ..satisfaction import LSQ_DIMENSIONS, cronbach_alpha, ipa, servqual

__all__ = ["EXERCISES", "EXERCISE_WEIGHTS"]

# the 100 points a manager gives the five dimensions in exercise 03.weighted_score
EXERCISE_WEIGHTS = {"tangibles": 10, "reliability": 30, "responsiveness": 25, "assurance": 20, "empathy": 15}
DIMENSION_NAMES = {
    "tangibles": ("有形性", "tan"),
    "reliability": ("可靠性", "rel"),
    "responsiveness": ("响应性", "res"),
    "assurance": ("保证性", "ass"),
    "empathy": ("移情性", "emp"),
}


def _alpha_information() -> float:
    items = load_sample("survey")[[f"{item}_p" for item in LSQ_DIMENSIONS["information_quality"]]]
    return cronbach_alpha(items, missing="listwise")


def _largest_gap() -> tuple[str, ...]:
    gaps = servqual(load_sample("survey"), missing="listwise").dimensions["gap"]
    key = str(gaps.idxmin())
    return (key, *DIMENSION_NAMES[key])


def _weighted_score() -> float:
    return servqual(load_sample("survey"), weights=EXERCISE_WEIGHTS, missing="listwise").weighted_score


def _concentrate_here() -> int:
    items = servqual(load_sample("survey"), missing="listwise").items
    return int((ipa(items["importance"], items["perception"]).table["quadrant"] == "concentrate_here").sum())


def _kano_k3() -> tuple[str, ...]:
    category = str(kano_table(load_sample("survey")).loc["k3", "category"])
    zh, en = KANO_CATEGORY_NAMES[category]
    return (category, zh, en, f"{zh}属性", f"{zh}型", en.replace("-", " "))


EXERCISES = [
    Exercise(
        id="03.alpha_information",
        title_zh="信息质量维度两个感知题项 (inf1_p、inf2_p) 的克朗巴哈系数是多少?",
        title_en="What is Cronbach's alpha of the two information quality perception items (inf1_p, inf2_p)?",
        expected=_alpha_information,
        rtol=0.0,
        atol=0.0005,
        hint_zh="取出 inf1_p 和 inf2_p 两列,用 ll.cronbach_alpha;其中有一个答案缺失,需要选定缺失值处理方式 missing=...。",
        hint_en="Take the columns inf1_p and inf2_p and use ll.cronbach_alpha; one answer is missing, so choose a missing=... policy.",
    ),
    Exercise(
        id="03.largest_gap",
        title_zh="SERVQUAL 五个维度中,哪个维度的差距 (P − E) 最大(最负)?",
        title_en="Which SERVQUAL dimension has the largest (most negative) gap P − E?",
        expected=_largest_gap,
        kind="text",
        hint_zh="看 ll.servqual(...) 结果中 dimensions 表的 gap 列,找最小值所在的行。",
        hint_en="Look at the gap column of the dimensions table of ll.servqual(...) and find the row of the smallest value.",
    ),
    Exercise(
        id="03.weighted_score",
        title_zh="按给定的 100 分权重,SERVQUAL 加权得分是多少?",
        title_en="What is the weighted SERVQUAL score with the given 100-point weights?",
        expected=_weighted_score,
        rtol=0.0,
        atol=0.005,
        hint_zh="把权重字典传给 ll.servqual 的 weights=,读取结果的 weighted_score;权重不必先换算成小数。",
        hint_en="Pass the weights dict as weights= to ll.servqual and read weighted_score; the points need no conversion.",
    ),
    Exercise(
        id="03.concentrate_here",
        title_zh="在题项层面的 IPA(十字线取平均值)中,有几个 SERVQUAL 题项落在“重点改进区”?",
        title_en="In the item-level IPA (crosshair at the means), how many SERVQUAL items fall in 'concentrate here'?",
        expected=_concentrate_here,
        rtol=0.0,
        atol=0.5,
        hint_zh="用 servqual 结果的 items 表中的 importance 和 perception 两列调用 ll.ipa,再数 quadrant 列。",
        hint_en="Call ll.ipa with the importance and perception columns of the items table, then count the quadrant column.",
    ),
    Exercise(
        id="03.kano_k3",
        title_zh="“延误主动通知”(k3) 属于 Kano 模型的哪一类?",
        title_en="Which Kano category does 'proactive delay notice' (k3) belong to?",
        expected=_kano_k3,
        kind="text",
        hint_zh="用 ll.kano_table 统计每项功能的 A、O、M、I、R、Q 次数,看 category 列;回答字母或中文名称均可。",
        hint_en="Count A, O, M, I, R, Q per feature with ll.kano_table and read the category column; a letter or the name both work.",
    ),
]
