"""Fill rate <-> safety stock under normal demand, and the optimal service level."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

import logilab as ll
from logilab import LogilabInputError, LogilabTypeError

# Unit normal loss G_u(k), 4 significant digits, as tabulated in Silver, Pyke & Peterson,
# "Inventory Management and Production Planning and Scheduling", 3rd ed. (Wiley, 1998), Appendix B,
# Table B.1 "Some functions of the unit normal distribution" (the same table is Appendix B of the
# 4th ed., Silver, Pyke & Thomas, "Inventory and Production Management in Supply Chains", CRC Press, 2017).
PUBLISHED_G = {0.0: 0.3989, 0.5: 0.1978, 1.0: 0.08332, 1.5: 0.02931, 2.0: 0.008491, 2.5: 0.002004, 3.0: 0.0003822}

# Chopra & Meindl, "Supply Chain Management: Strategy, Planning, and Operation" (Pearson), chapter
# "Managing Uncertainty in a Supply Chain: Safety Inventory", worked examples on weekly demand
# N(2,500, 500), lead time 2 weeks (sigma_L = 500 * sqrt(2) = 707.1), Q = 10,000:
#   "Evaluating cycle service level": reorder point 6,000 (safety inventory 1,000) -> CSL = 0.92
#   "Evaluating fill rate": same policy -> ESC = 25.13 units, fill rate = 0.9975
#   "Evaluating safety inventory given desired fill rate": fill rate 0.975 -> safety inventory = 67 units
SIGMA_L = 500 * math.sqrt(2)


@pytest.mark.parametrize(("k", "published"), sorted(PUBLISHED_G.items()))
def test_normal_loss_matches_the_published_table(k, published):
    assert ll.normal_loss(k) == pytest.approx(published, rel=5e-4)


@pytest.mark.parametrize("k", [-2.0, -0.7, 0.0, 0.3, 1.0, 2.2, 3.5])
def test_normal_loss_equals_the_expected_excess_by_numerical_integration(k):
    # G(k) = E[max(Z - k, 0)] = integral from k to inf of (z - k) phi(z) dz, with scipy.integrate.quad
    integral, _ = integrate.quad(lambda z: (z - k) * stats.norm.pdf(z), k, np.inf)
    assert ll.normal_loss(k) == pytest.approx(integral, rel=1e-9, abs=1e-12)


def test_chopra_meindl_worked_examples():
    k = 1000 / SIGMA_L
    assert round(ll.cycle_service_level(k), 2) == 0.92
    assert round(ll.expected_shortage(k, SIGMA_L), 2) == 25.13
    assert round(ll.fill_rate(10_000, SIGMA_L, k), 4) == 0.9975
    k_target = ll.safety_factor(0.975, 10_000, SIGMA_L)
    assert round(ll.safety_stock(k_target, SIGMA_L)) == 67


def test_fill_rate_by_hand():
    # Q = 500, sigma = 100, k = 1: G(1) = phi(1) - (1 - Phi(1)) = 0.241971 - 0.158655 = 0.083315
    # ESC = 100 * 0.083315 = 8.3315; fill rate = 1 - 8.3315 / 500 = 0.983337
    assert ll.expected_shortage(1.0, 100) == pytest.approx(8.3315, abs=1e-4)
    assert ll.fill_rate(500, 100, 1.0) == pytest.approx(0.983337, abs=1e-6)
    assert ll.safety_stock(1.0, 100) == 100.0
    assert ll.stockout_probability(1.0) == pytest.approx(0.158655, abs=1e-6)
    assert ll.safety_factor_for_csl(0.5) == 0.0


def test_functions_are_vectorised():
    ks = np.array([0.0, 1.0, 2.0])
    np.testing.assert_allclose(ll.normal_loss(ks), [PUBLISHED_G[0.0], PUBLISHED_G[1.0], PUBLISHED_G[2.0]], rtol=5e-4)
    rates = ll.fill_rate(np.array([100, 200]), 50, 0.5)
    assert rates.shape == (2,) and rates[1] > rates[0]
    targets = np.array([0.9, 0.95, 0.99])
    np.testing.assert_allclose(ll.fill_rate(300, 60, ll.safety_factor(targets, 300, 60)), targets, atol=1e-10)
    table = ll.service_table(500, 100, ks)
    np.testing.assert_allclose(table["fill_rate"], ll.fill_rate(500, 100, ks))
    np.testing.assert_allclose(table["expected_shortage"], 100 * ll.normal_loss(ks))


def test_fill_rate_is_zero_when_expected_shortage_exceeds_the_order_quantity():
    # sigma * G(0) = 100 * 0.3989 = 39.9 > Q = 10: the formula would give 1 - 3.99 < 0
    assert ll.fill_rate(10, 100, 0.0) == 0.0


@settings(max_examples=200, deadline=None)
@given(st.floats(0.5, 0.9999), st.floats(1, 1e4), st.floats(0.5, 1e3))
def test_round_trip_fill_rate_of_the_solved_safety_factor(target, order_qty, sigma):
    k = ll.safety_factor(target, order_qty, sigma)
    assert ll.fill_rate(order_qty, sigma, k) == pytest.approx(target, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.floats(-3, 4), st.floats(0.01, 2), st.floats(1, 5000), st.floats(1, 500))
def test_fill_rate_is_a_rate_and_increases_in_k_and_in_q(k, step, order_qty, sigma):
    base = ll.fill_rate(order_qty, sigma, k)
    assert 0.0 <= base <= 1.0
    assert 0.0 <= ll.cycle_service_level(k) <= 1.0
    assert ll.fill_rate(order_qty, sigma, k + step) >= base
    assert ll.fill_rate(order_qty * (1 + step), sigma, k) >= base
    assume(0.0 < base < 1.0 - 1e-9)  # strictly where the rate is not clipped or saturated
    assert ll.fill_rate(order_qty, sigma, k + step) > base
    assert ll.fill_rate(order_qty * (1 + step), sigma, k) > base


@settings(max_examples=100, deadline=None)
@given(st.floats(-4, 6), st.floats(0.01, 3))
def test_normal_loss_is_positive_decreasing_and_convex(k, step):
    g0, g1, g2 = ll.normal_loss(k), ll.normal_loss(k + step), ll.normal_loss(k + 2 * step)
    assert g0 >= g1 >= g2 >= 0.0
    assert g0 - g1 >= g1 - g2 - 1e-12


# --- bad input -----------------------------------------------------------------------


def test_bad_inventory_arguments_are_named():
    with pytest.raises(LogilabInputError, match=r"sigma: expected a number > 0, found 0"):
        ll.fill_rate(100, 0, 1.0)
    with pytest.raises(LogilabInputError, match=r"sigma: expected a number > 0, found -5"):
        ll.expected_shortage(1.0, -5)
    with pytest.raises(LogilabInputError, match=r"order_qty: expected a number > 0, found 0"):
        ll.fill_rate(0, 10, 1.0)
    with pytest.raises(LogilabInputError, match=r"order_qty: expected a number > 0, found 1 value\(s\) out of range, e.g. -1.0"):
        ll.fill_rate([100, -1], 10, 1.0)
    for bad in (0.0, 1.0, 1.2, -0.1):
        with pytest.raises(LogilabInputError, match=rf"target_fill_rate: expected a number > 0 and < 1, found {bad}"):
            ll.safety_factor(bad, 100, 10)
    with pytest.raises(LogilabInputError, match=r"k: expected a finite number, found nan"):
        ll.normal_loss(float("nan"))
    with pytest.raises(LogilabTypeError, match=r"k: expected a real number, found str '1'"):
        ll.cycle_service_level("1")


# --- optimal service level ---------------------------------------------------------------


def test_optimum_has_equal_marginal_revenue_and_cost_by_hand():
    result = ll.optimal_service_level()  # R = 1000 (1 - e^-4s) / (1 - e^-4), C = 300 + s / (1 - s)
    s = result.level
    marginal_revenue = 1000 * 4 * math.exp(-4 * s) / (1 - math.exp(-4))
    marginal_cost = 1 / (1 - s) ** 2
    assert marginal_revenue == pytest.approx(marginal_cost, rel=1e-8)
    assert result.profit == pytest.approx(1000 * (1 - math.exp(-4 * s)) / (1 - math.exp(-4)) - 300 - s / (1 - s))
    # brute force over a fine grid agrees
    grid = np.linspace(0.5, 0.999, 100_000)
    profit = ll.service_revenue(grid) - ll.service_cost(grid)
    assert grid[np.argmax(profit)] == pytest.approx(s, abs=1e-4)
    assert round(s, 4) == 0.9044


def test_marginal_table_by_hand():
    table = ll.optimal_service_level().table.set_index("level")
    # at 90 %: R'(0.9) = 4000 e^-3.6 / (1 - e^-4) = 111.0, C'(0.9) = 1 / 0.1^2 = 100, per point: / 100
    assert table.loc[0.9, "marginal_revenue"] == pytest.approx(4000 * math.exp(-3.6) / (1 - math.exp(-4)) / 100)
    assert table.loc[0.9, "marginal_cost"] == pytest.approx(1.0)
    assert table.loc[0.9, "marginal_profit"] > 0 > table.loc[0.91, "marginal_profit"]


def test_dearer_service_lowers_the_optimum_and_more_responsive_customers_raise_it():
    base = ll.optimal_service_level().level
    assert ll.optimal_service_level(cost_scale=3).level < base
    assert ll.optimal_service_level(max_revenue=3000).level > base
    assert ll.optimal_service_level(steepness=1.5).level != base


def test_curves_given_as_data():
    result = ll.optimal_service_level(levels=[0.90, 0.95, 0.98], revenue=[800, 860, 880], cost=[500, 540, 580])
    # profit 300, 320, 300 -> 95 %
    assert (result.level, result.profit, result.method) == (0.95, 320.0, "data")
    # marginal per point from 90 % to 95 %: revenue 60 / 5 = 12, cost 40 / 5 = 8
    assert result.table["marginal_revenue"].tolist()[1:] == pytest.approx([12.0, 20 / 3])
    assert result.table["marginal_cost"].tolist()[1:] == pytest.approx([8.0, 40 / 3])
    # a data revenue curve combined with the parametric cost curve
    mixed = ll.optimal_service_level(levels=[0.8, 0.9], revenue=[900, 1000])
    assert mixed.table["cost"].tolist() == pytest.approx([300 + 4, 300 + 9])


def test_bad_economics_arguments():
    with pytest.raises(LogilabInputError, match=r"revenue: expected 3 values \(one per level in levels\), found 2"):
        ll.optimal_service_level(levels=[0.9, 0.95, 0.98], revenue=[1, 2])
    with pytest.raises(LogilabInputError, match=r"levels: expected the service levels the revenue / cost data belong to, found None"):
        ll.optimal_service_level(cost=[1, 2])
    with pytest.raises(LogilabInputError, match=r"levels: expected service levels in increasing order"):
        ll.optimal_service_level(levels=[0.95, 0.9])
    with pytest.raises(LogilabInputError, match=r"levels: expected a number >= 0 and < 1, found 1 value\(s\) out of range, e.g. 1.0"):
        ll.optimal_service_level(levels=[0.9, 1.0])
    with pytest.raises(LogilabInputError, match=r"cost_scale: expected a number > 0, found 0"):
        ll.optimal_service_level(cost_scale=0)
