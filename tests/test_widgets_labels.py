"""Every explorer that opens on the sample data speaks Chinese by default: controls and axis titles (issue 14).

The browser test (tests/browser) checks the same on the rendered page; this is the fast check
without a browser, on the widget and figure objects.
"""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest
from explorer_cases import EXPLORERS

import logilab as ll

CJK = re.compile(r"[\u3400-\u9fff]")
# a code name as a label: on_time_rate, minmax, vector (three or more lower-case letters, or an underscore)
CODE_NAME = re.compile(r"^(?=.*[a-z]{3})[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$|_")


# every explorer of logilab.widgets, as the notebooks build it (shared with the punctuation test)
def _texts(control: widgets.Widget) -> list[str]:
    options = getattr(control, "options", ()) or ()
    return [str(option[0]) if isinstance(option, tuple) else str(option) for option in options]


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_explorer_controls_and_axes_are_labelled_in_chinese(name):
    with ll.language("zh"):
        explorer = EXPLORERS[name]()
    for key, control in explorer.controls.items():
        description = getattr(control, "description", "")
        if re.search(r"[A-Za-z]{2,}|_", description):
            assert CJK.search(description), f"{name}: control {key!r} is described as {description!r}, without Chinese"
        for text in _texts(control):
            assert not CODE_NAME.search(text), f"{name}: control {key!r} offers {text!r}, a code name"
    layout = explorer.figure.layout
    titles = [axis.title.text for axis in [*explorer.figure.select_xaxes(), *explorer.figure.select_yaxes()] if axis.title.text]
    assert titles, f"{name}: no axis title at all"
    for title in titles:
        assert CJK.search(title), f"{name}: axis title {title!r} has no Chinese"
    # the legend never sits above the plot area on the title (right of the plot, or in the top margin under the title)
    assert layout.legend.orientation == "v" or layout.legend.yref == "container"


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_explorer_controls_name_no_code_in_english(name):
    # ll.set_language("en"): the controls read as English words, never column codes such as avg_cycle_days
    with ll.language("en"):
        explorer = EXPLORERS[name]()
    for key, control in explorer.controls.items():
        texts = [getattr(control, "description", ""), *_texts(control)]
        for text in texts:
            assert "_" not in text, f"{name}: control {key!r} reads {text!r} in English, a code name"


def test_a_slider_with_a_long_description_keeps_its_track():
    # "urgent-order acceptance rate" is 28 letters, about 7 px each: 196 px of label + 190 px of track and readout,
    # more than the default 300 px, so the slider is widened to 386 px instead of squeezing its track to nothing
    with ll.language("en"):
        explorer = EXPLORERS["fuzzy_explorer"]()
    slider = explorer.controls["w_urgent_acceptance_rate"]
    assert slider.description == "urgent-order acceptance rate"
    assert slider.layout.width == "386px"
    # a short label keeps the default width: "damage rate" is 77 px + 190 px < 300 px
    assert explorer.controls["w_damage_rate"].layout.width is None
    # rows wrap instead of running past the page's edge
    rows = [child for child in explorer.children if isinstance(child, widgets.HBox)]
    assert rows and all(row.layout.flex_flow == "row wrap" for row in rows)
