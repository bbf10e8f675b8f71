"""Every explorer of ``logilab.widgets``, built on the sample data as the notebooks build it.

Shared by the label test and the punctuation test, so both cover the same list; a test
checks that the list names every public factory of ``logilab.widgets``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

import logilab as ll

__all__ = ["EXPLORERS", "NOT_EXPLORERS", "allowed", "figures_of", "moves", "texts_of", "upload_sample"]


def _weights_explorer(lang: str | None = None):
    system = ll.sample_indicator_system()
    X = ll.indicator_means(ll.load_sample("kpi_monthly"), system.indicators)
    subjective = pd.Series(1 / X.shape[1], index=X.columns)  # equal AHP weights stand in for notebook 05's hierarchy
    return ll.weights_explorer(X, subjective, benefit=system.benefit, lang=lang)


def _fuzzy_explorer(lang: str | None = None):
    system = ll.sample_indicator_system()
    kpi = ll.load_sample("kpi_monthly")
    X = ll.indicator_means(kpi, system.indicators)
    combined = ll.entropy_weights(X, benefit=system.benefit).weights
    counts = ll.grade_counts(kpi, indicators=system.indicators, benefit=system.benefit, by="warehouse")
    memberships = {wh: ll.membership_from_counts(counts.loc[wh]) for wh in X.index}
    return ll.fuzzy_explorer(memberships, combined, grade_values=[95, 85, 75, 60], lang=lang)


def _sensitivity_explorer(lang: str | None = None):
    # as notebook 05 calls it: the providers' criteria as columns
    providers = ll.load_sample("providers").set_index("name")
    directions = ll.sample_directions("providers")
    P = providers[list(directions)]
    return ll.sensitivity_explorer(P, ll.entropy_weights(P, benefit=directions).weights, benefit=directions, lang=lang)


def _p_alive_explorer(lang: str | None = None):
    summary = ll.rfm_summary(ll.load_sample("order_lines"), calibration_end="2025-06-30")
    return ll.p_alive_explorer(ll.fit_bgnbd(summary), lang=lang)


def _upload_widget(lang: str | None = None):
    uploader = ll.segment_upload_widget(lang=lang)
    uploader.upload.value = upload_sample()
    return uploader


def upload_sample() -> Any:
    """A small export with Chinese headers, as the upload widget receives it."""
    rows = ["客户编号,下单日期,金额,订单号"]
    rows += [f"C{n % 7:03d},2025-{1 + n % 12:02d}-{1 + n % 27:02d},{100 + 37 * n},O{n}" for n in range(60)]
    return ll.upload_value("订单.csv", ("\n".join(rows) + "\n").encode("utf-8"))


# name -> factory(lang); every public factory of logilab.widgets that returns something to show
EXPLORERS: dict[str, Callable[..., widgets.Widget]] = {
    "order_volume_explorer": lambda lang=None: ll.order_volume_explorer(lang=lang),
    "fill_rate_explorer": lambda lang=None: ll.fill_rate_explorer(lang=lang),
    "service_level_explorer": lambda lang=None: ll.service_level_explorer(lang=lang),
    "kpi_trend_explorer": lambda lang=None: ll.kpi_trend_explorer(lang=lang),
    "delivered_value_explorer": lambda lang=None: ll.delivered_value_explorer(lang=lang),
    "clv_explorer": lambda lang=None: ll.clv_explorer(lang=lang),
    "value_matrix_explorer": lambda lang=None: ll.value_matrix_explorer(lang=lang),
    "p_alive_explorer": _p_alive_explorer,
    "gap_model_explorer": lambda lang=None: ll.gap_model_explorer(lang=lang),
    "servqual_explorer": lambda lang=None: ll.servqual_explorer(lang=lang),
    "ipa_explorer": lambda lang=None: ll.ipa_explorer(lang=lang),
    "kano_explorer": lambda lang=None: ll.kano_explorer(lang=lang),
    "segmentation_explorer": lambda lang=None: ll.segmentation_explorer(lang=lang),
    "segment_upload_widget": _upload_widget,
    "ahp_builder": lambda lang=None: ll.ahp_builder(lang=lang),
    "group_ahp_explorer": lambda lang=None: ll.group_ahp_explorer(lang=lang),
    "weights_explorer": _weights_explorer,
    "fuzzy_explorer": _fuzzy_explorer,
    "kpi_dashboard": lambda lang=None: ll.kpi_dashboard(lang=lang),
    "topsis_explorer": lambda lang=None: ll.topsis_explorer(lang=lang),
    "sensitivity_explorer": _sensitivity_explorer,
    "make_or_buy_explorer": lambda lang=None: ll.make_or_buy_explorer(lang=lang),
    "complaint_explorer": lambda lang=None: ll.complaint_explorer(lang=lang),
}

# public names of logilab.widgets that are not explorers (the base class, helpers, the uploader's class)
NOT_EXPLORERS = {
    "Explorer",
    "sync_figure",
    "AHPBuilder",
    "SegmentUploader",
    "upload_value",
    "read_upload",
    "guess_columns",
    "download_link",
}


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def figures_of(widget: widgets.Widget) -> list[go.FigureWidget]:
    """Every plotly figure shown inside ``widget``."""
    return [w for w in _walk(widget) if isinstance(w, go.FigureWidget)]


def _option_texts(control: Any) -> list[str]:
    options = getattr(control, "options", ()) or ()
    if isinstance(options, dict):
        options = list(options)
    return [str(option[0]) if isinstance(option, tuple) else str(option) for option in options]


def texts_of(widget: widgets.Widget) -> list[tuple[str, str]]:
    """``(where, text)`` of every text a reader sees: descriptions, option labels, HTML and label widgets, figure texts."""
    found: list[tuple[str, str]] = []
    for w in _walk(widget):
        if isinstance(w, go.FigureWidget):
            continue
        kind = type(w).__name__
        for attribute in ("description", "tooltip", "placeholder"):
            text = getattr(w, attribute, None)
            if isinstance(text, str) and text:
                found.append((f"{kind}.{attribute}", text))
        if isinstance(w, widgets.HTML | widgets.Label | widgets.HTMLMath):
            found.append((f"{kind}.value", str(w.value)))
        found += [(f"{kind} option", text) for text in _option_texts(w)]
    for figure in figures_of(widget):
        layout = figure.layout
        if layout.title.text:
            found.append(("figure title", layout.title.text))
        if layout.legend.title.text:
            found.append(("legend title", layout.legend.title.text))
        for axis in [*figure.select_xaxes(), *figure.select_yaxes()]:
            if axis.title.text:
                found.append(("axis title", axis.title.text))
        found += [("annotation", a.text) for a in layout.annotations if a.text]
        found += [("trace name", t.name) for t in figure.data if t.name]
    return found


def moves(control: Any) -> list[Any]:
    """A few values to move ``control`` through: the ends and the middle of a slider, up to four options, both of a checkbox."""
    if getattr(control, "disabled", False):
        return []
    if isinstance(control, widgets.Checkbox | widgets.ToggleButton):
        return [not control.value, control.value]
    options = getattr(control, "options", None)
    if options is not None and not isinstance(control, widgets.SelectMultiple):
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        if isinstance(options, dict):
            values = list(options.values())
        if isinstance(control, widgets.SelectionRangeSlider):  # a range of options: the first half, then the second
            middle = len(values) // 2
            return [(values[0], values[middle]), (values[middle], values[-1]), control.value]
        return [v for v in values if v != control.value][:3] + [control.value]
    if hasattr(control, "min") and hasattr(control, "max") and not isinstance(control.value, tuple):
        middle = control.min + (control.max - control.min) / 2
        if isinstance(control.value, int):
            middle = int(middle)
        return [control.min, control.max, middle, control.value]
    return []


def allowed(control: Any, value: Any) -> bool:
    """Whether ``value`` is still a choice of ``control`` (an earlier move may have changed its options)."""
    options = getattr(control, "options", None)
    if options is None or isinstance(control, widgets.SelectionRangeSlider):
        return True
    values = list(options.values()) if isinstance(options, dict) else [o[1] if isinstance(o, tuple) else o for o in options]
    return value in values
