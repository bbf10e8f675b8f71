"""Make or buy, break-even volume, the six 3PL business models."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import logilab as ll
from logilab import LogilabInputError

CASE = {"fixed_cost": 1_200_000, "variable_cost": 18, "per_order": 25, "pallet_days": 2, "per_pallet_day": 1.5, "minimum_charge": 500_000}


def test_break_even_volume_by_hand():
    # 3PL cost per order u = 25 + 2 * 1.5 = 28; v* = 1,200,000 / (28 - 18) = 120,000 orders
    assert ll.break_even_volume(**CASE) == pytest.approx(120_000)
    # at v*: in house 1,200,000 + 18 * 120,000 = 3,360,000 = 28 * 120,000
    assert ll.in_house_cost(120_000, fixed_cost=1_200_000, variable_cost=18) == pytest.approx(3_360_000)
    tariff = {k: CASE[k] for k in ("per_order", "pallet_days", "per_pallet_day", "minimum_charge")}
    assert ll.outsourced_cost(120_000, **tariff) == pytest.approx(3_360_000)


def test_break_even_volume_edge_cases():
    # the 3PL charges no more per order than in house costs: buying stays cheaper at every volume
    assert math.isinf(ll.break_even_volume(fixed_cost=1_000, variable_cost=30, per_order=25))
    # minimum charge 1,000,000 above a small fixed cost: 100 + 1 * v < max(1,000,000, 2 v) for every v, making is always cheaper
    # (the linear crossing 100 / (2 - 1) = 100 lies below 1,000,000 / 2 = 500,000)
    assert ll.break_even_volume(fixed_cost=100, variable_cost=1, per_order=2, minimum_charge=1_000_000) == 0.0
    # minimum charge binds only below 500,000 / 28 = 17,857 orders, far below v* = 120,000
    assert ll.outsourced_cost(10_000, **{k: CASE[k] for k in ("per_order", "pallet_days", "per_pallet_day", "minimum_charge")}) == 500_000


@settings(max_examples=200, deadline=None)
@example(fixed=2_241_110.0, c=65.0, extra=74.0, minimum=4_189_986.0)  # two crossings: the minimum charge binds below v*
@given(
    fixed=st.floats(1, 1e7),
    c=st.floats(0, 100),
    extra=st.floats(0.01, 100),
    minimum=st.floats(0, 1e7),
)
def test_at_the_break_even_volume_both_costs_are_equal(fixed, c, extra, minimum):
    u = c + extra
    v = ll.break_even_volume(fixed_cost=fixed, variable_cost=c, per_order=u, minimum_charge=minimum)
    assume(v > 0)
    made = ll.in_house_cost(v, fixed_cost=fixed, variable_cost=c)
    bought = ll.outsourced_cost(v, per_order=u, minimum_charge=minimum)
    assert made == pytest.approx(bought, rel=1e-9)
    # above it making is cheaper; below it buying is no dearer (a tie where the minimum charge equals the fixed cost),
    # except where the minimum charge exceeds the whole in-house cost: there making is cheaper too
    assert ll.in_house_cost(v * 1.01, fixed_cost=fixed, variable_cost=c) < ll.outsourced_cost(v * 1.01, per_order=u, minimum_charge=minimum)
    low = v * 0.99
    made_low = ll.in_house_cost(low, fixed_cost=fixed, variable_cost=c)
    bought_low = ll.outsourced_cost(low, per_order=u, minimum_charge=minimum)
    assert made_low < bought_low if minimum > made_low else made_low >= bought_low


def test_a_minimum_charge_above_the_fixed_cost_makes_small_volumes_cheaper_in_house():
    """Worked by hand (a case the property test above found): fixed 2,241,110, c = 65, u = 139, minimum 4,189,986.
    v* = 2,241,110 / (139 - 65) = 30,285.27 >= 4,189,986 / 139 = 30,143.9, so v* is the break-even volume; but below
    (4,189,986 - 2,241,110) / 65 = 29,982.71 the in-house cost is under the minimum charge: at 29,000 orders
    2,241,110 + 65 * 29,000 = 4,126,110 < 4,189,986; at 30,100, 4,197,610 > 4,189,986 (buying cheaper)."""
    tariff = {"per_order": 139, "minimum_charge": 4_189_986}
    assert ll.break_even_volume(fixed_cost=2_241_110, variable_cost=65, **tariff) == pytest.approx(30_285.27027, rel=1e-9)
    assert ll.in_house_cost(29_000, fixed_cost=2_241_110, variable_cost=65) == 4_126_110 < ll.outsourced_cost(29_000, **tariff)
    assert ll.in_house_cost(30_100, fixed_cost=2_241_110, variable_cost=65) == 4_197_610 > ll.outsourced_cost(30_100, **tariff)


def test_make_or_buy_by_hand():
    r = ll.make_or_buy(100_000, **CASE, in_house_service=0.90, outsourced_service=0.924, target=0.95)
    # in house 1,200,000 + 18 * 100,000 = 3,000,000; 3PL 28 * 100,000 = 2,800,000
    assert r.table.loc["in_house", "cost"] == pytest.approx(3_000_000)
    assert r.table.loc["outsourced", "cost"] == pytest.approx(2_800_000)
    assert r.table["cost_per_order"].tolist() == pytest.approx([30.0, 28.0])
    assert r.table["service_gap"].tolist() == pytest.approx([-0.05, -0.026])
    s = r.summary()
    assert s["cheaper"] == "outsourced" and s["saving"] == pytest.approx(200_000) and s["break_even_volume"] == pytest.approx(120_000)
    assert ll.make_or_buy(150_000, **CASE).cheaper == "in_house"  # 3,900,000 < 4,200,000
    assert "MakeOrBuy(volume=100,000" in repr(r)


def test_make_or_buy_names_bad_arguments():
    with pytest.raises(LogilabInputError, match="volume: expected a number > 0"):
        ll.make_or_buy(0, **CASE)
    with pytest.raises(LogilabInputError, match="target: expected a number >= 0 and <= 1"):
        ll.make_or_buy(100, **CASE, target=95)
    with pytest.raises(LogilabInputError, match="per_order: expected a number >= 0"):
        ll.break_even_volume(fixed_cost=1, variable_cost=1, per_order=-2)


def test_three_pl_models_follow_the_course():
    # course: 综合物流 = many assets, high integration, few industries; 功能代理 = no assets, low integration, many industries
    assert ll.three_pl_model(True, True, False) == "综合物流"
    assert ll.three_pl_model(False, True, False) == "综合代理"
    assert ll.three_pl_model(True, False, True) == "功能物流"
    assert ll.three_pl_model(False, False, True) == "功能代理"
    assert ll.three_pl_model(True, False, False) == "集中物流"
    assert ll.three_pl_model(False, False, False) == "缝隙物流"
    assert len(ll.THREE_PL_MODELS) == 6
    with pytest.raises(LogilabInputError, match="high_integration: expected high integration only for a few industries"):
        ll.three_pl_model(True, True, True)


def test_sample_providers_cover_the_six_models_and_input_is_unchanged():
    profiles = ll.load_sample("provider_profiles")
    before = profiles.copy()
    placed = ll.classify_providers(profiles)
    pd.testing.assert_frame_equal(profiles, before)
    assert placed.set_index("provider_id")["model"].to_dict() == {
        "P01": "综合物流",  # 0.80 >= 0.5, 8 >= 6, 2 < 4
        "P02": "综合代理",
        "P03": "功能物流",
        "P04": "功能代理",
        "P05": "集中物流",
        "P06": "综合物流",
        "P07": "缝隙物流",
        "P08": "功能物流",
    }
    with pytest.raises(LogilabInputError, match="asset_share"):
        ll.classify_providers(profiles.drop(columns="asset_share"))
