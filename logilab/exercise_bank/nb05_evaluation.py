"""Exercises of notebooks/05_kpi_evaluation.ipynb: AHP consistency, entropy weights, FCE and TOPSIS."""

from __future__ import annotations

from ..ahp import ahp, reciprocal_matrix
from ..datasets import load_sample
from ..entropy import entropy_weights
from ..exercises import Exercise
from ..fuzzy import fuzzy_evaluate, grade_counts, membership_from_counts
from ..indicators import indicator_means, sample_directions, sample_indicator_system
from ..topsis import topsis

__all__ = ["EXERCISES", "EXERCISE_JUDGEMENTS", "GRADE_VALUES"]

# The judgements of exercise 1 (价格 price, 准时 punctuality, 安全 safety, 信息 information), as printed in the notebook.
EXERCISE_JUDGEMENTS = {
    ("价格", "准时"): 1 / 3,
    ("价格", "安全"): 2,
    ("价格", "信息"): 2,
    ("准时", "安全"): 2,
    ("准时", "信息"): 5,
    ("安全", "信息"): 1 / 2,
}
GRADE_VALUES = [95, 85, 75, 60]


def _ahp_cr() -> float:
    return ahp(reciprocal_matrix(EXERCISE_JUDGEMENTS)).cr


def _entropy_top() -> tuple[str, ...]:
    system = sample_indicator_system()
    weights = entropy_weights(indicator_means(load_sample("kpi_monthly"), system.indicators), benefit=system.benefit).weights
    name = str(weights.idxmax())
    label = system.table.set_index("indicator").loc[name, "label"]
    return (name, label)


def _fce_score_cd() -> float:
    system = sample_indicator_system()
    counts = grade_counts(load_sample("kpi_monthly"), indicators=system.indicators, benefit=system.benefit)
    membership = membership_from_counts(counts.loc["WH-CD"])
    equal = {name: 1 / len(system.indicators) for name in system.indicators}
    return fuzzy_evaluate(equal, membership, grade_values=GRADE_VALUES).score


def _topsis_best() -> tuple[str, ...]:
    providers = load_sample("providers")
    directions = sample_directions("providers")
    result = topsis(providers.set_index("name")[list(directions)], [1 / len(directions)] * len(directions), benefit=directions)
    best = str(result.best)
    return (best, str(providers.loc[providers["name"] == best, "provider_id"].iloc[0]))


EXERCISES = [
    Exercise(
        id="05.ahp_cr",
        title_zh="练习题中的判断矩阵的一致性比率 CR 是多少?",
        title_en="What is the consistency ratio CR of the exercise's judgement matrix?",
        expected=_ahp_cr,
        rtol=0.0,
        atol=0.0015,
        hint_zh="先用 ll.reciprocal_matrix 由上三角判断构造矩阵,再看 ll.ahp(...) 结果的 cr 属性。",
        hint_en="Build the matrix from the upper-triangle judgements with ll.reciprocal_matrix, then read the cr of ll.ahp(...).",
    ),
    Exercise(
        id="05.entropy_top",
        title_zh="按熵权法,五个仓库的哪个指标权重最大?",
        title_en="Which indicator gets the largest entropy weight across the five warehouses?",
        expected=_entropy_top,
        kind="text",
        hint_zh="对各仓库的指标均值(ll.indicator_means)调用 ll.entropy_weights,别忘了 benefit 参数;看 weights 的 idxmax()。",
        hint_en="Call ll.entropy_weights on the warehouse means (ll.indicator_means) with the benefit directions; take idxmax() of the weights.",
    ),
    Exercise(
        id="05.fce_score",
        title_zh="九个指标等权时,成都仓 (WH-CD) 的模糊综合评价得分是多少?",
        title_en="With equal weights on the nine indicators, what is Chengdu's (WH-CD) fuzzy evaluation score?",
        expected=_fce_score_cd,
        rtol=0.0,
        atol=0.05,
        hint_zh="隶属度矩阵用 ll.grade_counts 与 ll.membership_from_counts 构造;算子用 M(*,+),等级分值 95、85、75、60。",
        hint_en="Build the membership matrix with ll.grade_counts and ll.membership_from_counts; use M(*,+) and grade values 95, 85, 75, 60.",
    ),
    Exercise(
        id="05.topsis_best",
        title_zh="八项指标等权时,TOPSIS 选出的第三方物流服务商是哪一家?",
        title_en="With equal weights on the eight criteria, which 3PL provider does TOPSIS rank first?",
        expected=_topsis_best,
        kind="text",
        hint_zh='指标方向可以用 ll.sample_directions("providers") 取得;看 ll.topsis(...) 的 best 属性。',
        hint_en='Get the directions with ll.sample_directions("providers"); use the best attribute of ll.topsis(...).',
    ),
]
