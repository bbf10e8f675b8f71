"""Explorers of the satisfaction notebook: the gap model, SERVQUAL weights, IPA and Kano."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..datasets import load_sample, sample_catalog
from ..figures.satisfaction import _sample_item_names, dimension_label, plot_gap_model, plot_ipa, plot_kano, plot_servqual
from ..i18n import LABELS, get_language, label
from ..kano import kano_table
from ..satisfaction import DIMENSION_SETS, IPA_QUADRANTS, gap_model, ipa, servqual
from ._base import Explorer

__all__ = ["gap_model_explorer", "servqual_explorer", "ipa_explorer", "kano_explorer"]

_STYLE = {"description_width": "initial"}
_LAYOUT = widgets.Layout(width="360px")


def _segment_dropdown(survey: pd.DataFrame, segment: str, lang: str | None) -> widgets.Dropdown:
    options = [(label("all", lang), "")] + [(str(v), str(v)) for v in sorted(survey[segment].dropna().unique())]
    return widgets.Dropdown(options=options, value="", description=label(segment, lang) if segment in LABELS else segment)


def gap_model_explorer(*, lang: str | None = None) -> Explorer:
    """Sliders for gaps 1-4 (and the customers' starting expectation); the diagram and gap 5 follow.

    The summary names gap 5 and the largest of gaps 1-4 with its typical remedies.

    Parameters
    ----------
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_gap_model` and a summary
        line.

    Examples
    --------
    >>> explorer = gap_model_explorer(lang="en")
    >>> explorer.controls["delivery"].value = 1.0
    >>> round(explorer.figure.data[1].y[-1], 2)
    -1.7
    """
    names = gap_model(lang=lang).table.set_index("key")["name"]
    start = {"knowledge": 0.3, "standards": 0.2, "delivery": 0.5, "communication": 0.2}
    controls: dict[str, widgets.Widget] = {
        "expected": widgets.FloatSlider(
            value=6.0, min=4.0, max=7.0, step=0.1, description=label("base_expectation", lang), style=_STYLE, layout=_LAYOUT
        )
    }
    for number, (key, value) in enumerate(start.items(), start=1):
        controls[key] = widgets.FloatSlider(
            value=value, min=0.0, max=1.5, step=0.1, description=f"{number}. {names[key]}", style=_STYLE, layout=_LAYOUT
        )

    def build(values: dict[str, Any]):
        model = gap_model(**values, lang=lang)
        first_four = model.table.iloc[:4]
        largest = first_four.loc[first_four["size"].idxmax()]
        colon, brackets = label("colon", lang), label("in_brackets", lang)
        summary = f"{model.table.loc[5, 'name']}{brackets.format(5)} = <b>{model.service_quality_gap:+.2f}</b>"
        if largest["size"] > 0:
            size = f"{largest['size']:.2f}"
            summary += (
                f" · {label('largest_gap', lang)}{colon}{largest['name']}{brackets.format(size)}"
                f" · {label('remedies', lang)}{colon}{largest['remedies']}"
            )
        return plot_gap_model(model, lang=lang), summary

    return Explorer(controls, build, columns=2)


def servqual_explorer(
    survey: pd.DataFrame | None = None, *, dimensions: str = "servqual", segment: str = "region", lang: str | None = None
) -> Explorer:
    """Expectation vs perception by dimension for all respondents or one segment; importance weights on sliders.

    Respondents with a missing answer are left out (``missing="listwise"``)
    and the summary says how many. The sliders start at the mean importance
    ratings, in points out of 100.

    Parameters
    ----------
    survey : DataFrame, optional
        One row per respondent as for :func:`logilab.servqual`; the sample survey by default.
    dimensions : {"servqual", "logistics"} or mapping, default "servqual"
        The dimensions and their items.
    segment : str, default "region"
        The column whose groups the segment control offers.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_servqual` and a summary
        line.

    Examples
    --------
    >>> explorer = servqual_explorer(lang="en")
    >>> explorer.controls["region"].value = "西南"
    >>> round(explorer.figure.data[2].x[-2], 2)  # reliability gap in the south-west (second bar from the top)
    -1.89
    >>> for key in ("w_tangibles", "w_responsiveness", "w_assurance", "w_empathy"):
    ...     explorer.controls[key].value = 0
    >>> "-1.89" in explorer.summary.value  # all weight on reliability
    True
    """
    survey = load_sample("survey") if survey is None else survey
    mapping = DIMENSION_SETS[dimensions] if isinstance(dimensions, str) else dimensions
    overall = servqual(survey, dimensions=mapping, missing="listwise")
    results = {"": overall}
    for value in sorted(survey[segment].dropna().unique()):
        results[str(value)] = servqual(survey[survey[segment] == value], dimensions=mapping, missing="listwise")
    points = (overall.weights * 100).round().astype(int)
    controls: dict[str, widgets.Widget] = {segment: _segment_dropdown(survey, segment, lang)}
    for dimension in mapping:
        controls[f"w_{dimension}"] = widgets.IntSlider(
            value=int(points[dimension]),
            min=0,
            max=100,
            description=f"{label('weight', lang)}{label('colon', lang)}{dimension_label(dimension, lang)}",
            style=_STYLE,
            layout=_LAYOUT,
        )

    dropped = label("in_brackets", lang).format(f"{label('rows_dropped', lang)}{label('colon', lang)}{{}}")

    def build(values: dict[str, Any]):
        result = results[values[segment]]
        weights = {d: values[f"w_{d}"] for d in mapping}
        note = ""
        if sum(weights.values()) == 0:
            weights, note = dict.fromkeys(mapping, 1), f" · {label('equal_weights_used', lang)}"
        result = result.reweight(weights)
        summary = (
            f"{label('unweighted_score', lang)} <b>{result.unweighted_score:+.2f}</b> · "
            f"{label('weighted_score', lang)} <b>{result.weighted_score:+.2f}</b> · "
            f"{label('respondents', lang)} {result.missing.rows_used}{dropped.format(result.missing.rows_dropped)}{note}"
        )
        return plot_servqual(result, lang=lang), summary

    return Explorer(controls, build, columns=2)


def ipa_explorer(survey: pd.DataFrame | None = None, *, lang: str | None = None) -> Explorer:
    """Importance-performance grid of the SERVQUAL or logistics items or dimensions; the crosshair can move.

    Performance is the mean perception score, importance the mean importance rating.

    Parameters
    ----------
    survey : DataFrame, optional
        One row per respondent with expectation, perception and importance items; the sample survey
        by default.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_ipa` and a summary line.

    Examples
    --------
    >>> explorer = ipa_explorer(lang="en")
    >>> explorer.controls["dimensions"].value = "logistics"
    >>> explorer.controls["level"].value = "dimension"
    >>> sorted(explorer.figure.data[0].text)  # the "concentrate here" quadrant
    ['timeliness']
    """
    item_names = _sample_item_names(lang) if survey is None else {}
    survey = load_sample("survey") if survey is None else survey
    results = {name: servqual(survey, dimensions=name, missing="listwise") for name in DIMENSION_SETS}
    lang_index = 0 if (lang or get_language()) == "zh" else 1
    controls = {
        "dimensions": widgets.ToggleButtons(
            options=[(label("servqual_set", lang), "servqual"), (label("logistics_set", lang), "logistics")],
            value="servqual",
            description=label("dimension_set", lang),
        ),
        "level": widgets.ToggleButtons(
            options=[(label("item", lang), "item"), (label("dimension", lang), "dimension")],
            value="item",
            description=label("analysis_level", lang),
        ),
        "center": widgets.ToggleButtons(
            options=[
                (label("mean", lang), "mean"),
                (label("median", lang), "median"),
                (label("scale_midpoint", lang), "midpoint"),
            ],
            value="mean",
            description=label("ipa_center", lang),
        ),
    }

    def build(values: dict[str, Any]):
        result = results[values["dimensions"]]
        table = result.table if values["level"] == "item" else result.dimensions
        center = (4, 4) if values["center"] == "midpoint" else values["center"]
        grid = ipa(table["importance"], table["perception"], center=center)
        if values["level"] == "item":  # the sample's items by name (有形性1), not by code (tan1)
            names = {k: item_names[k] for k in table.index if k in item_names} or None
        else:
            names = {d: dimension_label(d, lang) for d in table.index}
        focus = grid.table.index[grid.table["quadrant"] == "concentrate_here"]
        shown = [names.get(k, str(k)) if names else str(k) for k in focus]
        summary = (
            f"{IPA_QUADRANTS['concentrate_here'][lang_index]}{label('colon', lang)}<b>{label('list_sep', lang).join(shown) or '—'}</b>"
        )
        return plot_ipa(grid, names=names, lang=lang), summary

    return Explorer(controls, build, columns=3)


def kano_explorer(survey: pd.DataFrame | None = None, *, segment: str = "industry", lang: str | None = None) -> Explorer:
    """Kano Better-Worse diagram for all respondents or one segment (industry, region, contract type).

    Parameters
    ----------
    survey : DataFrame, optional
        One row per respondent with the Kano question pairs; the sample survey by default.
    segment : str, default "industry"
        The column whose groups the segment control offers.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, the live figure of :func:`logilab.plot_kano` and a summary line.

    Examples
    --------
    >>> explorer = kano_explorer(lang="en")
    >>> explorer.controls["segment"].value = "医药"
    >>> [t.name for t in explorer.figure.data]
    ['A attractive', 'O one-dimensional', 'M must-be', 'I indifferent']
    """
    survey = load_sample("survey") if survey is None else survey
    lang_key = 0 if (lang or get_language()) == "zh" else 1
    names = None
    features = sample_catalog()["datasets"]["survey"]["kano_features"]
    if all(f"{k}_func" in survey.columns for k in features):
        names = {k: v[["zh", "en"][lang_key]] for k, v in features.items()}
    tables = {"": kano_table(survey, missing="listwise")}
    for value in sorted(survey[segment].dropna().unique()):
        tables[str(value)] = kano_table(survey[survey[segment] == value], missing="listwise")
    controls = {"segment": _segment_dropdown(survey, segment, lang)}

    def build(values: dict[str, Any]):
        table = tables[values["segment"]]
        counts = table["category"].value_counts()
        summary = " · ".join(f"{c}: {int(counts.get(c, 0))}" for c in ("A", "O", "M", "I")) + f" · n = {int(table['n'].max())}"
        return plot_kano(table, names=names, lang=lang), summary

    return Explorer(controls, build, columns=1)
