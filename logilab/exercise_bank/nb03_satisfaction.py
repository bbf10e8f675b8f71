"""Exercises of notebooks/03_satisfaction_gap.ipynb: reliability, SERVQUAL gaps, IPA and Kano on the sample survey."""

from __future__ import annotations

from ..datasets import load_sample
from ..i18n import label
from ..kano import KANO_CATEGORY_NAMES, kano_table
from ..satisfaction import LSQ_DIMENSIONS, cronbach_alpha, ipa, servqual
from ..survey_stats import nps, nps_compare
from .types import Exercise, Mistake, Part

__all__ = ["EXERCISES", "EXERCISE_WEIGHTS"]

# the 100 points a manager gives the five dimensions in exercise 03.servqual_gaps
EXERCISE_WEIGHTS = {"tangibles": 10, "reliability": 30, "responsiveness": 25, "assurance": 20, "empathy": 15}
# dimension -> (Chinese name, item-code prefix of the survey)
DIMENSION_NAMES = {
    dimension: (label(f"sq_{dimension}", "zh"), prefix)
    for dimension, prefix in (
        ("tangibles", "tan"),
        ("reliability", "rel"),
        ("responsiveness", "res"),
        ("assurance", "ass"),
        ("empathy", "emp"),
    )
}


def _alpha_information() -> float:
    items = load_sample("survey")[[f"{item}_p" for item in LSQ_DIMENSIONS["information_quality"]]]
    return cronbach_alpha(items, missing="listwise")


def _largest_gap() -> tuple[str, ...]:
    gaps = servqual(load_sample("survey"), missing="listwise").dimensions["gap"]
    key = str(gaps.idxmin())
    return (key, *DIMENSION_NAMES[key])


def _largest_positive_gap() -> tuple[str, ...]:
    gaps = servqual(load_sample("survey"), missing="listwise").dimensions["gap"]
    key = str(gaps.idxmax())
    return (key, *DIMENSION_NAMES[key])


def _alpha_expectation_items() -> float:
    items = load_sample("survey")[[f"{item}_e" for item in LSQ_DIMENSIONS["information_quality"]]]
    return cronbach_alpha(items, missing="listwise")


def _unweighted_gap() -> float:
    return float(servqual(load_sample("survey"), missing="listwise").dimensions["gap"].mean())


def _quadrant_count(quadrant: str) -> int:
    items = servqual(load_sample("survey"), missing="listwise").table
    return int((ipa(items["importance"], items["perception"]).table["quadrant"] == quadrant).sum())


def _weighted_score() -> float:
    return servqual(load_sample("survey"), weights=EXERCISE_WEIGHTS, missing="listwise").weighted_score


def _concentrate_here() -> int:
    items = servqual(load_sample("survey"), missing="listwise").table
    return int((ipa(items["importance"], items["perception"]).table["quadrant"] == "concentrate_here").sum())


def _kano_k3() -> tuple[str, ...]:
    category = str(kano_table(load_sample("survey")).loc["k3", "category"])
    zh, en = KANO_CATEGORY_NAMES[category]
    return (category, zh, en, f"{zh}属性", f"{zh}型", en.replace("-", " "))


def _recommend(contract: str | None = None):
    survey = load_sample("survey")
    return survey["recommend"] if contract is None else survey.loc[survey["contract_type"] == contract, "recommend"]


def _nps_annual() -> float:
    return nps(_recommend("年度合同")).nps


def _nps_annual_detractors_0_to_5() -> float:
    answers = _recommend("年度合同")
    return 100 * float((answers >= 9).mean() - (answers <= 5).mean())


def _long_vs_annual_detectable() -> bool:
    return bool(nps_compare(_recommend("长期合同"), _recommend("年度合同")).p_value < 0.05)


EXERCISES = [
    Exercise(
        id="03.alpha_information",
        title_zh="信息质量维度两个感知题项（inf1_p、inf2_p）的克朗巴哈系数是多少？",
        title_en="What is Cronbach's alpha of the two information quality perception items (inf1_p, inf2_p)?",
        expected=_alpha_information,
        rtol=0.0,
        atol=0.0005,
        hint_zh="取出 inf1_p 和 inf2_p 两列，用 ll.cronbach_alpha；其中有一个答案缺失，需要选定缺失值处理方式 missing=...。",
        hint_en="Take the columns inf1_p and inf2_p and use ll.cronbach_alpha; one answer is missing, so choose a missing=... policy.",
        mistakes=(
            Mistake(
                _alpha_expectation_items,
                "这是两个期望题项（_e）的系数；题目问的是感知题项（_p）。",
                "That is the alpha of the two expectation items (_e); the question asks for the perception items (_p).",
            ),
        ),
    ),
    Exercise(
        id="03.servqual_gaps",
        title_zh="SERVQUAL 五个维度中，哪个维度的差距（P − E）最大（最负）？按给定的 100 分权重，SERVQUAL 加权得分是多少？",
        title_en="Which SERVQUAL dimension has the largest (most negative) gap P − E, and what is the weighted SERVQUAL score with the given 100-point weights?",
        parts=(
            Part(
                "dimension",
                "差距最大的维度",
                "dimension with the widest gap",
                _largest_gap,
                kind="text",
                hint_zh="看 ll.servqual(...) 结果中 dimensions 表的 gap 列，找最小值所在的行。",
                hint_en="Look at the gap column of the dimensions table of ll.servqual(...) and find the row of the smallest value.",
            ),
            Part(
                "score",
                "加权得分",
                "weighted score",
                _weighted_score,
                rtol=0.0,
                atol=0.005,
                hint_zh="把权重字典传给 ll.servqual 的 weights=，读取结果的 weighted_score；权重不必先换算成小数。",
                hint_en="Pass the weights dict as weights= to ll.servqual and read weighted_score; the points need no conversion.",
            ),
        ),
        mistakes=(
            Mistake(
                _largest_positive_gap,
                "这是 P − E 最大（感知超过期望最多）的维度；差距 P − E 越负，服务离期望越远。",
                "That dimension has the largest P − E (perception above expectation); the more negative P − E, the further the service falls short.",
                part="dimension",
            ),
            Mistake(
                lambda: -_weighted_score(),
                "符号反了：差距是感知减期望（P − E），不是 E − P。",
                "The sign is reversed: the gap is perception minus expectation (P − E), not E − P.",
                part="score",
            ),
            Mistake(
                _unweighted_gap,
                "这是五个维度差距的简单平均；还要按给定的权重加权。",
                "That is the plain mean of the five gaps; weight them with the given points.",
                part="score",
            ),
            Mistake(
                lambda: 100 * _weighted_score(),
                "权重的 100 分要先换算成占比（总和为 1），否则结果放大了 100 倍。",
                "The 100 points must become shares that sum to 1; otherwise the result is 100 times too large.",
                part="score",
            ),
        ),
    ),
    Exercise(
        id="03.concentrate_here",
        title_zh="在题项层面的 IPA(十字线取平均值)中，有几个 SERVQUAL 题项落在“重点改进区”？",
        title_en="In the item-level IPA (crosshair at the means), how many SERVQUAL items fall in 'concentrate here'?",
        expected=_concentrate_here,
        rtol=0.0,
        atol=0.5,
        hint_zh="用 servqual 结果的 items 表中的 importance 和 perception 两列调用 ll.ipa,再数 quadrant 列。",
        hint_en="Call ll.ipa with the importance and perception columns of the items table, then count the quadrant column.",
        mistakes=(
            Mistake(
                lambda: _quadrant_count("possible_overkill"),
                "这是“过度投入区”（重要性低、表现好）的题项数；重点改进区是重要性高、表现差的那一格。",
                "That is the count of 'possible overkill' (low importance, high performance); 'concentrate here' is high importance with low performance.",
            ),
            Mistake(
                lambda: _quadrant_count("keep_up"),
                "这是“继续保持区”（重要性高、表现好）的题项数；重点改进区的表现低于平均。",
                "That is the count of 'keep up the good work' (high importance, high performance); in 'concentrate here' performance is below the mean.",
            ),
        ),
    ),
    Exercise(
        id="03.kano_k3",
        title_zh="“延误主动通知”（k3）属于 Kano 模型的哪一类？",
        title_en="Which Kano category does 'proactive delay notice' (k3) belong to?",
        expected=_kano_k3,
        kind="text",
        hint_zh="用 ll.kano_table 统计每项功能的 A、O、M、I、R、Q 次数，看 category 列；回答字母或中文名称均可。",
        hint_en="Count A, O, M, I, R, Q per feature with ll.kano_table and read the category column; a letter or the name both work.",
        mistakes=(
            Mistake(
                lambda: ("O", *KANO_CATEGORY_NAMES["O"], f"{KANO_CATEGORY_NAMES['O'][0]}型"),
                "期望型要求“有了更满意、没有就不满”的回答占多数；数一数 k3 的各类回答，看哪一类最多。",
                "One-dimensional needs most answers to say 'more is better, less is worse'; count k3's answers per category and take the largest.",
            ),
            Mistake(
                lambda: ("A", *KANO_CATEGORY_NAMES["A"], f"{KANO_CATEGORY_NAMES['A'][0]}型"),
                "魅力属性是“有了惊喜、没有也无妨”；看 k3 哪一类回答最多，以及没有这项服务时客户的反应。",
                "An attractive feature delights when present and is not missed when absent; see which category k3's answers fall in most and how customers react to its absence.",
            ),
        ),
    ),
    Exercise(
        id="03.nps_annual",
        title_zh="年度合同客户的净推荐值（NPS）是多少？长期合同客户与年度合同客户的 NPS 之差在 95% 的置信水平下能否确认？",
        title_en="What is the NPS of the annual-contract customers, and is the NPS difference between long-term and annual customers detectable at 95%?",
        parts=(
            Part(
                "nps",
                "年度合同客户的 NPS（分）",
                "NPS of the annual-contract customers (points)",
                _nps_annual,
                rtol=0.0,
                atol=0.05,
                hint_zh='取 contract_type 为 "年度合同" 的行的 recommend 列，用 ll.nps，读 nps 属性（单位是分，在 −100 到 100 之间）。',
                hint_en='Take the recommend column of the rows whose contract_type is "年度合同", call ll.nps and read its nps (in points, -100 to 100).',
            ),
            Part(
                "detectable",
                "差异能否确认",
                "detectable",
                _long_vs_annual_detectable,
                kind="yesno",
                hint_zh="用 ll.nps_compare(长期合同的答案，年度合同的答案)：差值的置信区间不含 0（p < 0.05）才算能确认。",
                hint_en="Use ll.nps_compare(long-term answers, annual answers): the difference is detectable when its interval excludes 0 (p < 0.05).",
            ),
        ),
        mistakes=(
            Mistake(
                lambda: _nps_annual() / 100,
                "NPS 习惯上以“分”表示：推荐者占比减贬损者占比再乘以 100，不写成小数。",
                "The NPS is given in points: the share of promoters minus the share of detractors, times 100, not as a fraction.",
                part="nps",
            ),
            Mistake(
                lambda: 100 * float((_recommend("年度合同") >= 9).mean()),
                "这只是推荐者（9-10 分）的占比；还要减去贬损者（0-6 分）的占比。",
                "That is only the share of promoters (9-10); subtract the share of detractors (0-6).",
                part="nps",
            ),
            Mistake(
                _nps_annual_detractors_0_to_5,
                "贬损者是 0-6 分的受访者，6 分也算贬损者，不算被动者。",
                "Detractors answer 0 to 6: a 6 counts as a detractor, not as a passive.",
                part="nps",
            ),
            Mistake(
                lambda: nps(_recommend()).nps,
                "这是全部 400 位受访者的 NPS；题目只问年度合同客户。",
                "That is the NPS of all 400 respondents; the question asks about the annual-contract customers only.",
                part="nps",
            ),
            Mistake(
                lambda: not _long_vs_annual_detectable(),
                "看 ll.nps_compare 结果中差值的置信区间（lower, upper）是否包含 0，或 p_value 是否小于 0.05。",
                "Check whether the interval (lower, upper) of ll.nps_compare's difference contains 0, or whether p_value is below 0.05.",
                part="detectable",
            ),
        ),
    ),
]
