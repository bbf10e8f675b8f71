"""The Explorer pattern and the order-volume explorer, driven without a browser."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

import logilab as ll
from logilab.widgets import Explorer

ORDERS = pd.DataFrame(
    {
        "order_date": pd.to_datetime(["2025-01-02", "2025-01-20", "2025-02-10", "2025-04-01", "2025-04-02"]),
        "warehouse": ["WH-A", "WH-B", "WH-A", "WH-A", "WH-B"],
    }
)


def test_order_volume_explorer_follows_its_controls():
    explorer = ll.order_volume_explorer(ORDERS, lang="en")
    assert list(explorer.figure.data[0].y) == [2, 1, 0, 2]  # Jan, Feb, Mar, Apr
    assert "orders: <b>5</b>" in explorer.summary.value
    explorer.controls["warehouse"].value = "WH-B"
    assert list(explorer.figure.data[0].y) == [1, 0, 0, 1]
    explorer.period.value = "quarter"
    assert list(explorer.figure.data[0].y) == [1, 1]
    assert explorer.values == {"warehouse": "WH-B", "period": "quarter"}


def test_explorer_replaces_traces_when_their_number_changes():
    slider = widgets.IntSlider(value=1, min=1, max=3)

    def build(values):
        fig = go.Figure([go.Bar(x=[i], y=[i]) for i in range(values["n"])])
        return fig, f"n = {values['n']}"

    explorer = Explorer({"n": slider}, build)
    assert len(explorer.figure.data) == 1
    slider.value = 3
    assert [list(t.y) for t in explorer.figure.data] == [[0], [1], [2]]
    assert explorer.summary.value == "n = 3"
    assert explorer.n is slider
