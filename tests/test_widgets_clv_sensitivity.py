"""Explorers of P(alive) and weight sensitivity driven through their controls."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import logilab as ll
from logilab.clv_models import BGNBDResult

CDNOW = BGNBDResult(None, 0.243, 4.414, 0.793, 2.426, -9582.4, 2357, "week")


def test_p_alive_explorer_follows_the_age_slider():
    explorer = ll.p_alive_explorer(CDNOW, lang="en")
    explorer.controls["T"].value = 60
    explorer.controls["max_frequency"].value = 4
    heat = explorer.figure.data[0]
    assert float(heat.x[-1]) == 60 and len(heat.y) == 5
    z = np.array(heat.z, dtype=float)
    # x = 1 bought at t_x = T = 60: 1 / (1 + a / b)
    assert z[1, -1] == pytest.approx(1 / (1 + 0.793 / 2.426))
    assert "T = 60 weeks" in explorer.summary.value


def test_sensitivity_explorer_switches_criterion_and_method():
    X = pd.DataFrame({"otif": [10, 0, 5], "speed": [0, 10, 5], "care": [0, 10, 0]}, index=["A", "B", "C"])
    explorer = ll.sensitivity_explorer(X, [0.6, 0.3, 0.1], lang="en")
    explorer.controls["method"].value = "weighted_score"
    explorer.controls["criterion"].value = "otif"
    # current otif weight 0.6, critical weight 1/2 (B -> A)
    assert [round(s.x0, 4) for s in explorer.figure.layout.shapes] == [0.6, 0.5]
    assert "critical weight 0.500: B → A" in explorer.summary.value
    explorer.controls["criterion"].value = "speed"
    assert "0.417: A → B" in explorer.summary.value


def test_sensitivity_explorer_names_the_sample_criteria_in_chinese():
    providers = ll.load_sample("providers").set_index("name")[["price", "on_time_rate", "damage_rate"]]
    explorer = ll.sensitivity_explorer(providers, [0.5, 0.3, 0.2], benefit=[False, True, False], lang="zh")
    # menu labels from the sample catalogue (data/catalog.json), values stay the column codes
    assert explorer.controls["criterion"].options == (("运价", "price"), ("准时交付率", "on_time_rate"), ("货损率", "damage_rate"))
    assert explorer.figure.layout.xaxis.title.text == "该指标的权重：运价"
    assert explorer.summary.value.startswith("最优：")
    explorer.controls["criterion"].value = "on_time_rate"
    assert explorer.figure.layout.xaxis.title.text == "该指标的权重：准时交付率"
    named = ll.sensitivity_explorer(providers, [0.5, 0.3, 0.2], names={"price": "price per tonne-km"}, lang="en")
    assert named.controls["criterion"].options[:2] == (("price per tonne-km", "price"), ("on-time delivery rate", "on_time_rate"))
