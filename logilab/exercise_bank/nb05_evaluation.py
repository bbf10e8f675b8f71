"""Exercises of notebooks/05_kpi_evaluation.ipynb: AHP consistency, entropy weights, FCE and TOPSIS."""

from __future__ import annotations

import warnings

from ..ahp import METHODS, RANDOM_INDEX, ahp, reciprocal_matrix
from ..datasets import load_sample, sample_directions, sample_expert_panel, sample_indicator_system
from ..entropy import entropy_weights
from ..fuzzy import fuzzy_evaluate, grade_counts, membership_from_counts
from ..group_ahp import group_ahp
from ..indicators import indicator_means
from ..topsis import topsis
from .types import Exercise, Mistake, Part

__all__ = ["EXERCISES", "EXERCISE_JUDGEMENTS", "GRADE_VALUES", "PRICE_FIRST_WEIGHTS", "PANEL_EXPERT_WEIGHTS"]

# The judgements of exercise 1 (价格 price, 准时 punctuality, 安全 safety, 信息 information), as printed in the notebook.
# Chosen so that CR is clearly above 0.10 whatever the method (eigen 0.160, sum-product 0.165, root 0.157 with
# Saaty's RI; 0.161, 0.167, 0.159 with the Chinese table): the verdict does not depend on the method.
EXERCISE_JUDGEMENTS = {
    ("价格", "准时"): 1 / 3,
    ("价格", "安全"): 2,
    ("价格", "信息"): 2,
    ("准时", "安全"): 2,
    ("准时", "信息"): 5,
    ("安全", "信息"): 1 / 3,
}
GRADE_VALUES = [95, 85, 75, 60]
# Exercise 4: a shipper for whom price counts three times as much as each other criterion.
PRICE_FIRST_WEIGHTS = {
    "price": 0.3,
    "on_time_rate": 0.1,
    "damage_rate": 0.1,
    "coverage_cities": 0.1,
    "it_score": 0.1,
    "flexibility_score": 0.1,
    "financial_score": 0.1,
    "response_hours": 0.1,
}

# Exercise 5: the operations director counts twice as much as each of the other two experts.
PANEL_EXPERT_WEIGHTS = {"运营总监": 2, "客服经理": 1, "外部顾问": 1}


def _panel(weighted: bool = True, inconsistent: str = "exclude"):
    weights = [PANEL_EXPERT_WEIGHTS[name] / 4 for name in sample_expert_panel()] if weighted else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the consultant is flagged on purpose
        return group_ahp(sample_expert_panel(), expert_weights=weights, inconsistent=inconsistent)


def _panel_reliability(weighted: bool = True, inconsistent: str = "exclude") -> float:
    return float(_panel(weighted, inconsistent).weights["可靠性"])


def _panel_director_weight() -> float:
    return float(_panel().experts.loc["运营总监", "expert_weight"])


def _results(ri_tables: tuple[str, ...]) -> list:
    matrix = reciprocal_matrix(EXERCISE_JUDGEMENTS)
    return [ahp(matrix, method=method, ri_table=table) for method in METHODS for table in ri_tables]


def _ahp_cr() -> tuple[float, ...]:
    # every correct CR: eigenvector, sum-product or root method, with Saaty's or the Chinese RI table
    return tuple(result.cr for result in _results(("saaty", "chinese")))


def _ahp_passes() -> bool:
    verdicts = {result.consistent for result in _results(("saaty", "chinese"))}
    if len(verdicts) != 1:  # the exercise's matrix is chosen so that this cannot happen
        raise ValueError("05.ahp_cr: the verdict depends on the method; choose judgements with a clear CR.")
    return verdicts.pop()


def _ahp_ci() -> tuple[float, ...]:
    return tuple(result.ci for result in _results(("saaty",)))


def _ahp_cr_wrong_n() -> tuple[float, ...]:
    # CI divided by the RI of a 3 x 3 matrix
    return tuple(result.ci / RANDOM_INDEX["saaty"][3] for result in _results(("saaty",)))


def _entropy_weights():
    system = sample_indicator_system()
    return system, entropy_weights(indicator_means(load_sample("kpi_monthly"), system.indicators), benefit=system.benefit).weights


def _entropy_top() -> tuple[str, ...]:
    system, weights = _entropy_weights()
    name = str(weights.idxmax())
    label = system.table.set_index("indicator").loc[name, "label"]
    return (name, label)


def _entropy_bottom() -> tuple[str, ...]:
    system, weights = _entropy_weights()
    name = str(weights.idxmin())
    label = system.table.set_index("indicator").loc[name, "label"]
    return (name, label)


def _fce_cd(operator: str = "M(*,+)", grade_values=None) -> float:
    system = sample_indicator_system()
    counts = grade_counts(load_sample("kpi_monthly"), indicators=system.indicators, benefit=system.benefit)
    membership = membership_from_counts(counts.loc["WH-CD"])
    equal = {name: 1 / len(system.indicators) for name in system.indicators}
    return fuzzy_evaluate(equal, membership, operator=operator, grade_values=grade_values or GRADE_VALUES).score


def _provider_answer(name: str) -> tuple[str, ...]:
    providers = load_sample("providers")
    return (name, str(providers.loc[providers["name"] == name, "provider_id"].iloc[0]))


def _topsis_table(weights, directions=None):
    providers = load_sample("providers")
    directions = directions or sample_directions("providers")
    return topsis(providers.set_index("name")[list(directions)], [weights[c] for c in directions], benefit=directions)


def _topsis_best() -> tuple[str, ...]:
    return _provider_answer(str(_topsis_table(PRICE_FIRST_WEIGHTS).best))


def _topsis_equal_best() -> tuple[str, ...]:
    return _provider_answer(str(_topsis_table(dict.fromkeys(PRICE_FIRST_WEIGHTS, 1 / 8)).best))


def _topsis_price_as_benefit() -> tuple[str, ...]:
    directions = {**sample_directions("providers"), "price": "benefit"}
    return _provider_answer(str(_topsis_table(PRICE_FIRST_WEIGHTS, directions).best))


def _topsis_last() -> tuple[str, ...]:
    table = _topsis_table(PRICE_FIRST_WEIGHTS).table
    return _provider_answer(str(table["closeness"].idxmin()))


EXERCISES = [
    Exercise(
        id="05.ahp_cr",
        title_zh="练习题中的判断矩阵的一致性比率 CR 是多少？能通过一致性检验吗？",
        title_en="What is the consistency ratio CR of the exercise's judgement matrix, and does it pass the consistency check?",
        parts=(
            Part(
                "cr",
                "一致性比率 CR",
                "consistency ratio CR",
                _ahp_cr,
                rtol=0.0,
                atol=0.001,
                hint_zh="先用 ll.reciprocal_matrix 由上三角判断构造矩阵，再看 ll.ahp(...) 结果的 cr 属性；手算时 CR = CI / RI。",
                hint_en="Build the matrix from the upper-triangle judgements with ll.reciprocal_matrix, then read the cr of ll.ahp(...); by hand CR = CI / RI.",
            ),
            Part(
                "passes",
                "是否通过",
                "passes",
                _ahp_passes,
                kind="yesno",
                hint_zh="CR 小于 0.10 才算通过一致性检验。",
                hint_en="The check is passed only when CR is below 0.10.",
            ),
        ),
        mistakes=(
            Mistake(
                _ahp_ci,
                "这是一致性指标 CI；一致性比率 CR 还要除以随机一致性指标 RI(n = 4)。",
                "That is the consistency index CI; the ratio CR divides it by the random index RI for n = 4.",
                part="cr",
            ),
            Mistake(
                _ahp_cr_wrong_n,
                "RI 查错了行：这个矩阵是 4 × 4，要用 n = 4 的 RI。",
                "The RI comes from the wrong row: this matrix is 4 x 4, so use the RI for n = 4.",
                part="cr",
            ),
            Mistake(
                lambda: True,
                "看看 CR 和 0.10 谁大：CR 不小于 0.10 时，判断需要修改。",
                "Compare CR with 0.10: when CR is not below 0.10 the judgements must be revised.",
                part="passes",
            ),
        ),
    ),
    Exercise(
        id="05.entropy_top",
        title_zh="按熵权法，五个仓库的哪个指标权重最大？",
        title_en="Which indicator gets the largest entropy weight across the five warehouses?",
        expected=_entropy_top,
        kind="text",
        hint_zh="对各仓库的指标均值（ll.indicator_means）调用 ll.entropy_weights，别忘了 benefit 参数；看 weights 的 idxmax()。",
        hint_en="Call ll.entropy_weights on the warehouse means (ll.indicator_means) with the benefit directions; take idxmax() of the weights.",
        mistakes=(
            Mistake(
                _entropy_bottom,
                "这是权重最小的指标；熵值越小、差异系数越大，权重才越大。",
                "That indicator has the smallest weight; the lower the entropy (the larger the diversity), the larger the weight.",
            ),
        ),
    ),
    Exercise(
        id="05.fce_score",
        title_zh="九个指标等权时，成都仓（WH-CD）的模糊综合评价得分是多少？",
        title_en="With equal weights on the nine indicators, what is Chengdu's (WH-CD) fuzzy evaluation score?",
        expected=_fce_cd,
        rtol=0.0,
        atol=0.05,
        hint_zh="隶属度矩阵用 ll.grade_counts 与 ll.membership_from_counts 构造；算子用 M(*,+)，等级分值 95、85、75、60。",
        hint_en="Build the membership matrix with ll.grade_counts and ll.membership_from_counts; use M(*,+) and grade values 95, 85, 75, 60.",
        mistakes=(
            Mistake(
                lambda: _fce_cd("M(min,max)"),
                "这是 M(min,max) 算子的结果；题目要求加权平均型的 M(*,+)。",
                "That is the result of the M(min,max) operator; the question uses the weighted-average operator M(*,+).",
            ),
            Mistake(
                lambda: _fce_cd("M(*,max)"),
                "这是 M(*,max) 算子的结果；题目要求 M(*,+)。",
                "That is the result of the M(*,max) operator; the question uses M(*,+).",
            ),
        ),
    ),
    Exercise(
        id="05.topsis_best",
        title_zh="价格权重 0.3、其余七项各 0.1 时，TOPSIS 选出的第三方物流服务商是哪一家？",
        title_en="With weight 0.3 on price and 0.1 on each of the other seven criteria, which 3PL provider does TOPSIS rank first?",
        expected=_topsis_best,
        kind="text",
        hint_zh='指标方向可以用 ll.sample_directions("providers") 取得；权重要和指标一一对应；看 ll.topsis(...) 的 best 属性。',
        hint_en='Get the directions with ll.sample_directions("providers"); give each criterion its own weight; use the best attribute of ll.topsis(...).',
        mistakes=(
            Mistake(
                _topsis_equal_best,
                "这是等权（或熵权）时排第一的服务商；检查价格是否得到了 0.3 的权重，其余各项 0.1。",
                "That provider wins with equal (or entropy) weights; check that price gets 0.3 and every other criterion 0.1.",
            ),
            Mistake(
                _topsis_price_as_benefit,
                "价格是负向指标（越低越好）；检查指标方向。",
                "Price is a cost criterion (lower is better); check the directions.",
            ),
            Mistake(
                _topsis_last,
                "这是贴近度最小、排在最后的服务商；贴近度越接近 1 越好。",
                "That provider has the lowest closeness and ranks last; closeness near 1 is best.",
            ),
        ),
    ),
    Exercise(
        id="05.expert_panel",
        title_zh="运营总监的权重是另两位专家的 2 倍（2:1:1），并剔除一致性检验不通过的专家，用 AIJ 集结：可靠性的群组权重是多少？运营总监实际得到的专家权重是多少？",
        title_en="The operations director counts twice as much as each other expert (2:1:1) and experts failing the consistency check are left out; with AIJ, what is the group weight of reliability (可靠性), and what expert weight does the director end up with?",
        parts=(
            Part(
                "weight",
                "可靠性的群组权重",
                "group weight of reliability",
                _panel_reliability,
                rtol=0.0,
                atol=0.0005,
                hint_zh='ll.group_ahp(ll.sample_expert_panel(), expert_weights=[...], inconsistent="exclude")，读 weights["可靠性"]。',
                hint_en='ll.group_ahp(ll.sample_expert_panel(), expert_weights=[...], inconsistent="exclude"), then weights["可靠性"].',
            ),
            Part(
                "director",
                "运营总监的专家权重",
                "the director's expert weight",
                _panel_director_weight,
                rtol=0.0,
                atol=0.0005,
                hint_zh="看结果的 experts 表的 expert_weight 列：被剔除专家的权重按比例分给了其余的专家。",
                hint_en="Read the expert_weight column of the result's experts table: a left-out expert's weight goes to the others in proportion.",
            ),
        ),
        mistakes=(
            Mistake(
                lambda: _panel_reliability(weighted=False),
                "这是三位专家等权时的结果；运营总监的权重应是其他两位的 2 倍。",
                "That is the result with equal expert weights; the director's weight should be twice each other expert's.",
                part="weight",
            ),
            Mistake(
                lambda: _panel_reliability(inconsistent="flag"),
                '外部顾问的 CR 远高于 0.10，题目要求把他剔除（inconsistent="exclude"）。',
                'The consultant\'s CR is far above 0.10; the question leaves him out (inconsistent="exclude").',
                part="weight",
            ),
            Mistake(
                lambda: 0.5,
                "这是剔除之前的权重 2/4；外部顾问被剔除后，他的权重按比例分给了另两位专家。",
                "That is the weight before leaving anyone out (2/4); the consultant's share goes to the other two in proportion.",
                part="director",
            ),
        ),
    ),
]
