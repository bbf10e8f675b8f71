"""Explorers of KPI evaluation: AHP pairwise builder, weights comparison, FCE, TOPSIS provider choice, KPI dashboard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ..ahp import SAATY_SCALE, ahp, inconsistency_table, reciprocal_matrix, saaty_label
from ..datasets import describe_sample, load_sample, sample_catalog, sample_directions, sample_indicator_system
from ..entropy import combine_weights, entropy_weights
from ..figures.evaluation import plot_fuzzy_evaluation, plot_kpi_dashboard, plot_topsis, plot_weights, plot_weights_comparison
from ..fuzzy import OPERATORS, fuzzy_evaluate
from ..i18n import LABELS, get_language, label
from ..indicators import target_attainment
from ..topsis import topsis
from ._base import Explorer

__all__ = ["AHPBuilder", "ahp_builder", "weights_explorer", "fuzzy_explorer", "topsis_explorer", "kpi_dashboard"]

_SCALE_OPTIONS = [(saaty_label(v), v) for v in SAATY_SCALE]
_WIDE = {"description_width": "initial"}


def _snap(value: float) -> float:
    """The Saaty-scale value nearest to ``value`` (on a log scale)."""
    return min(SAATY_SCALE, key=lambda s: abs(np.log(s) - np.log(float(value))))


class AHPBuilder(Explorer):
    """An :class:`Explorer` whose controls are pairwise judgements; ``matrix`` and ``result`` give the current AHP.

    Attributes
    ----------
    labels : list of str
        The elements compared, in order.
    matrix : DataFrame
        The reciprocal matrix of the current judgements.
    result : AHPResult
        :func:`logilab.ahp` of the current matrix.
    controls, figure, summary, values
        As for :class:`Explorer`; one control per pair ``(a, b)``.

    Examples
    --------
    >>> builder = ahp_builder(["time", "cost"], judgements={("time", "cost"): 3}, lang="en")
    >>> builder.result.weights.round(2).tolist()
    [0.75, 0.25]
    """

    def __init__(self, controls: Mapping[Any, widgets.Widget], build: Any, *, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        super().__init__(controls, build)

    @property
    def matrix(self) -> pd.DataFrame:
        """The reciprocal matrix of the current judgements."""
        return reciprocal_matrix(self.values, labels=self.labels)

    @property
    def result(self):
        """``ll.ahp`` of the current matrix."""
        return ahp(self.matrix)


def _ahp_summary(result, lang: str | None) -> str:
    numbers = f"λ<sub>max</sub> = {result.lambda_max:.3f} · CI = {result.ci:.3f} · RI = {result.ri:.2f} · <b>CR = {result.cr:.3f}</b>"
    if result.consistent:
        return f"{numbers}<br><span style='color:green'>{label('cr_acceptable', lang)}</span>"
    worst = inconsistency_table(result).iloc[0]
    hint = (
        f"{label('most_inconsistent_pair', lang)}{label('colon', lang)}"
        f"<b>{label('pair_versus', lang).format(first=worst['first'], second=worst['second'])} = {worst['judgement']}</b>"
        f"{label('comma', lang)}{label('implied_value', lang)} {worst['implied']}"
    )
    return f"{numbers}<br><span style='color:#d62728'><b>{label('cr_warning', lang)}</b></span><br>{hint}"


def ahp_builder(
    criteria: Sequence[str] | None = None, *, judgements: Mapping[tuple[str, str], float] | None = None, lang: str | None = None
) -> AHPBuilder:
    """Build a pairwise-comparison matrix with one Saaty-scale slider per pair; weights and CR update live.

    Each slider answers "how much more important is the left element than
    the right one?" (1/9 ... 9). When CR >= 0.10 the summary turns red and
    names the most inconsistent judgement: the pair whose judgement
    ``a_ij`` departs most from the ratio of the current weights ``w_i / w_j``
    (largest ``max(e, 1/e)`` with ``e = a_ij w_j / w_i``, see
    :func:`logilab.inconsistency_table`), with the scale value the weights imply.

    Parameters
    ----------
    criteria : list of str, optional
        The elements compared; by default those named in ``judgements`` (in the order
        they first appear), else the course's four quality criteria.
    judgements : dict, optional
        Starting values ``{(a, b): value}`` (snapped to the scale); others start at 1.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    AHPBuilder
        One slider per pair; ``.matrix`` and ``.result`` give the current AHP.

    Examples
    --------
    >>> builder = ahp_builder(["质量", "价格", "服务"], lang="en")
    >>> builder.controls[("质量", "价格")].value = 3
    >>> builder.controls[("质量", "服务")].value = 5
    >>> builder.controls[("价格", "服务")].value = 2
    >>> [round(w, 3) for w in builder.figure.data[0].y]
    [0.648, 0.23, 0.122]
    >>> round(builder.result.cr, 4)
    0.0032

    The judgements name the elements, in English as in Chinese:

    >>> ahp_builder(judgements={("及时性", "完整性"): 2, ("及时性", "可靠性"): 1 / 2}, lang="en").labels
    ['及时性', '完整性', '可靠性']
    """
    lang = lang or get_language()
    if criteria is None and judgements:
        criteria = list(dict.fromkeys(str(name) for pair in judgements for name in pair))
    if criteria is None:
        criteria = sample_indicator_system(lang).criteria
    labels = [str(c) for c in criteria]
    start = {tuple(k): _snap(v) for k, v in (judgements or {}).items()}
    controls = {}
    for a, b in combinations(labels, 2):
        value = start.get((a, b), 1 / start[(b, a)] if (b, a) in start else 1.0)
        controls[(a, b)] = widgets.SelectionSlider(
            options=_SCALE_OPTIONS,
            value=_snap(value),
            description=label("pair_versus", lang).format(first=a, second=b),
            style=_WIDE,
            layout=widgets.Layout(width="420px"),
            continuous_update=False,
        )

    def build(values: dict[Any, Any]):
        result = ahp(reciprocal_matrix(values, labels=labels))
        figure = plot_weights(result.weights, lang=lang, warn=not result.consistent)
        return figure, _ahp_summary(result, lang)

    return AHPBuilder(controls, build, labels=labels)


def _with_unit(name: str, unit: str, lang: str | None) -> str:
    """An indicator's name with its unit in brackets (平均订单周期（天）); a ratio and a unit the name already holds are not repeated."""
    key = {"days": "unit_day", "hours": "unit_hour"}.get(unit)
    if key is None or label(key, lang) in name:
        return name
    return name + label("in_brackets", lang).format(label(key, lang))


def _indicator_name(code: Any, lang: str | None) -> str:
    """The glossary name of a sample indicator code (准时交付率 for ``on_time_rate``), else the name as given."""
    text = str(code)
    if text in LABELS:
        return label(text, lang)
    system = sample_indicator_system().table.set_index("indicator")
    if text in system.index and (lang or get_language()) == "zh":
        return str(system.loc[text, "label"])
    return text


def weights_explorer(X: pd.DataFrame, subjective: pd.Series, *, benefit: Any = None, lang: str | None = None) -> Explorer:
    """Subjective (AHP) against objective (entropy) weights and their combination.

    The entropy weights are computed once from ``X``; the controls choose the
    combination (product, or linear with the subjective share alpha).

    Parameters
    ----------
    X : DataFrame
        Alternatives in rows, indicators in columns, for the entropy weights.
    subjective : Series
        Subjective weights per indicator, e.g. ``ahp(...).weights``.
    benefit : None, str, list or dict
        Direction of each indicator, as in :func:`logilab.entropy_weights`.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_weights_comparison` and a
        summary line.

    Examples
    --------
    >>> X = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [3.0, 3.5, 3.2]})
    >>> explorer = weights_explorer(X, pd.Series({"a": 0.2, "b": 0.8}), lang="en")
    >>> explorer.controls["alpha"].disabled  # the product combination has no share alpha
    True
    >>> explorer.controls["method"].value = "linear"; explorer.controls["alpha"].value = 1.0
    >>> [round(v, 3) for v in explorer.figure.data[2].y], explorer.controls["alpha"].disabled
    ([0.2, 0.8], False)
    """
    objective = entropy_weights(X, benefit=benefit).weights
    controls = {
        "method": widgets.ToggleButtons(
            options=[(label("product_combination", lang), "product"), (label("linear_combination", lang), "linear")],
            value="product",
            description=label("combination", lang),
            style=_WIDE,
        ),
        "alpha": widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05, description=label("subjective_share", lang), style=_WIDE),
    }

    def build(values: dict[str, Any]):
        combined = combine_weights(subjective, objective, method=values["method"], alpha=values["alpha"])
        table = pd.DataFrame(
            {"ahp_weights": subjective.reindex(objective.index), "entropy_weights": objective, "combined_weights": combined}
        )
        top = combined.idxmax()
        sep = label("colon", lang)
        summary = (
            f"{label('combined_weights', lang)}{sep}"
            + " · ".join(f"{_indicator_name(k, lang)} {v:.3f}" for k, v in combined.items())
            + f" — {label('largest_weight', lang)}{sep}<b>{_indicator_name(top, lang)}</b>"
        )
        return plot_weights_comparison(table.rename(index=lambda code: _indicator_name(code, lang)), lang=lang), summary

    # the subjective share alpha only enters the linear combination
    return Explorer(controls, build, inactive=lambda values: ["alpha"] if values["method"] == "product" else [])


def fuzzy_explorer(
    memberships: Mapping[str, pd.DataFrame],
    weights: pd.Series,
    *,
    grade_values: Any = None,
    lang: str | None = None,
) -> Explorer:
    """Fuzzy comprehensive evaluation of one alternative: choose it, the operator and the factor weights.

    Parameters
    ----------
    memberships : dict
        ``{alternative: membership matrix}`` (factors x grades), e.g. one per warehouse.
    weights : Series
        Starting weight of each factor (sliders; rescaled to sum 1).
    grade_values : list or dict, optional
        Values of the grades for the score.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_fuzzy_evaluation` and a
        summary line.

    Examples
    --------
    >>> R = pd.DataFrame([[0.6, 0.4], [0.1, 0.9]], index=["x", "y"], columns=["好", "差"])
    >>> explorer = fuzzy_explorer({"A": R}, pd.Series({"x": 0.5, "y": 0.5}), lang="en")
    >>> explorer.controls["w_x"].value = 1.0; explorer.controls["w_y"].value = 0.0
    >>> list(explorer.figure.data[0].y), "好" in explorer.summary.value
    ([0.6, 0.4], True)
    """
    names = list(memberships)
    factors = list(weights.index)
    controls: dict[str, widgets.Widget] = {
        "alternative": widgets.Dropdown(options=names, value=names[0], description=label("alternative", lang), style=_WIDE),
        "operator": widgets.ToggleButtons(options=list(OPERATORS), value="M(*,+)", description=label("fce_operator", lang), style=_WIDE),
    }
    for factor in factors:
        controls[f"w_{factor}"] = widgets.FloatSlider(
            value=round(float(weights[factor]), 3),
            min=0.0,
            max=1.0,
            step=0.01,
            description=_indicator_name(factor, lang),
            style=_WIDE,
            continuous_update=False,
        )

    def build(values: dict[str, Any]):
        raw = pd.Series({f: values[f"w_{f}"] for f in factors}, dtype=float)
        w = raw / raw.sum() if raw.sum() > 0 else pd.Series(1 / len(factors), index=factors)
        result = fuzzy_evaluate(w, memberships[values["alternative"]].loc[factors], operator=values["operator"], grade_values=grade_values)
        vector = " · ".join(f"{g} {b:.3f}" for g, b in result.normalized_vector.items())
        score = "" if np.isnan(result.score) else f" · {label('score', lang)} <b>{result.score:.1f}</b>"
        colon, brackets = label("colon", lang), label("in_brackets", lang)
        tie = brackets.format(f"{label('tied_grades', lang)}{colon}{' / '.join(result.tied_grades)}") if result.tie else ""
        summary = f"B' ={brackets.format(vector)} · {label('grade', lang)}{colon}<b>{result.grade}</b>{tie}{score}"
        return plot_fuzzy_evaluation(result, lang=lang), summary

    return Explorer(controls, build, columns=3)


def topsis_explorer(
    providers: pd.DataFrame | None = None,
    *,
    benefit: Mapping[str, Any] | None = None,
    weights: Mapping[str, float] | None = None,
    lang: str | None = None,
) -> Explorer:
    """Choose a 3PL provider by TOPSIS: one importance slider (0-10) per criterion, the ranking updates.

    Parameters
    ----------
    providers : DataFrame, optional
        Alternatives in rows, criteria in columns; the sample's eight
        providers (indexed by name) by default.
    benefit : dict, optional
        Direction per criterion; from the catalogue for the sample.
    weights : dict, optional
        Starting importance per criterion (0-10; rescaled to weights summing to 1). Equal by default.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_topsis` and a summary
        line.

    Examples
    --------
    >>> explorer = topsis_explorer(lang="en")
    >>> for name, slider in explorer.controls.items():
    ...     if name != "normalization":
    ...         slider.value = 10 if name == "price" else 0
    >>> explorer.figure.data[0].y[-1]      # price alone: the cheapest provider wins
    '捷链物流'
    """
    names: dict[str, str] = {}
    if providers is None:
        sample = load_sample("providers").set_index("name")
        directions = sample_directions("providers")
        providers = sample[list(directions)]
        benefit = directions if benefit is None else benefit
        # the catalogue's names of the sample's criteria (准时交付率, not on_time_rate)
        catalogue = describe_sample("providers").set_index("column")
        names = catalogue[(lang or get_language())].to_dict()
    criteria = list(providers.columns)
    start = dict(weights or {c: 5 for c in criteria})
    controls: dict[str, widgets.Widget] = {
        "normalization": widgets.ToggleButtons(
            options=[(label("vector_normalization", lang), "vector"), (label("scale_minmax", lang), "minmax")],
            value="vector",
            description=label("normalization", lang),
            style=_WIDE,
        )
    }
    for criterion in criteria:
        controls[criterion] = widgets.IntSlider(
            value=int(start.get(criterion, 5)),
            min=0,
            max=10,
            description=names.get(criterion, str(criterion)),
            style=_WIDE,
            continuous_update=False,
        )

    def build(values: dict[str, Any]):
        points = pd.Series({c: float(values[c]) for c in criteria})
        w = points / points.sum() if points.sum() > 0 else pd.Series(1 / len(criteria), index=criteria)
        result = topsis(providers, w, benefit=benefit, normalization=values["normalization"])
        best = result.best
        # the sliders weigh by importance points (equal at the start), so C differs from a table with other weights
        summary = f"{label('best', lang)}{label('colon', lang)}<b>{best}</b> · C = {result.closeness[best]:.3f} · {label('topsis_weights_note', lang)}"
        return plot_topsis(result, lang=lang), summary

    return Explorer(controls, build, columns=3)


def kpi_dashboard(kpi: pd.DataFrame | None = None, *, lang: str | None = None) -> Explorer:
    """Monthly KPIs per warehouse against their targets; pick the KPI and a warehouse to highlight.

    Parameters
    ----------
    kpi : DataFrame, optional
        Monthly KPIs per warehouse; the sample ``kpi_monthly`` by default.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_kpi_dashboard` and a
        summary line.

    Examples
    --------
    >>> dash = kpi_dashboard(lang="en")
    >>> dash.controls["indicator"].value = "order_fill_rate"
    >>> len(dash.figure.data), dash.figure.layout.shapes[0].y0
    (5, 0.9)
    """
    lang = lang or get_language()
    kpi = load_sample("kpi_monthly") if kpi is None else kpi
    columns = {c["name"]: c for c in sample_catalog()["datasets"]["kpi_monthly"]["columns"] if "target" in c and c["name"] in kpi}
    warehouses = sorted(kpi["warehouse"].unique())
    controls = {
        "indicator": widgets.Dropdown(
            options=[(c[lang], name) for name, c in columns.items()],
            description=label("indicator", lang),
            style=_WIDE,
            layout=widgets.Layout(width="520px"),  # the longest English name, "urgent order acceptance rate (flexibility)", uncut
        ),
        "warehouse": widgets.Dropdown(
            options=[(label("all", lang), "")] + [(w, w) for w in warehouses], value="", description=label("warehouse", lang), style=_WIDE
        ),
    }

    def build(values: dict[str, Any]):
        info = columns[values["indicator"]]
        figure = plot_kpi_dashboard(
            kpi,
            indicator=values["indicator"],
            target=info["target"],
            highlight=values["warehouse"] or None,
            indicator_label=_with_unit(info[lang], info["unit"], lang),
            lang=lang,
        )
        share = target_attainment(kpi, {values["indicator"]: info["target"]}, benefit=[info["direction"]])[values["indicator"]]
        months = kpi.groupby("warehouse")["month"].nunique()
        summary = f"{label('months_on_target', lang)}{label('colon', lang)}" + " · ".join(
            f"{w} <b>{round(share[w] * months[w])}</b>/{months[w]}" for w in share.index
        )
        return figure, summary

    return Explorer(controls, build)
