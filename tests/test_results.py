"""Every result object follows one protocol: ``.table``, ``summary()``, a one-line repr and an HTML repr."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll
from logilab._results import Result


def _lines() -> pd.DataFrame:
    return ll.load_sample("order_lines")


# one call per public result class; each entry builds a small real result
FACTORIES = {
    "Segmentation": lambda: ll.segment_customers(_lines(), order="order_id", clusters=False),
    "RFMScores": lambda: ll.rfm_scores(ll.rfm_table(_lines(), order="order_id")),
    "RFMSegments": lambda: ll.rfm_segments(ll.rfm_table(_lines(), order="order_id")),
    "KMeansResult": lambda: ll.kmeans_segments(ll.rfm_table(_lines(), order="order_id"), k=3),
    "CustomerCLV": lambda: ll.customer_clv(_lines(), period="quarter"),
}


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_result_protocol(name):
    result = FACTORIES[name]()
    assert isinstance(result, Result) and type(result).__name__ == name
    assert isinstance(result.table, (pd.DataFrame, pd.Series)) and len(result.table) > 0
    numbers = result.summary()
    assert isinstance(numbers, dict) and numbers
    text = repr(result)
    assert "\n" not in text and len(text) < 240 and text.startswith(name + "(")
    page = result._repr_html_()
    assert name in page and "<table" in page
