"""Speed of the probabilistic customer-value fits at analyst scale (run with `make bench-micro`; nothing is asserted about time).

100,000 customers are simulated from BG/NBD with the CDNOW estimates (seeded),
with continuous purchase times, so almost every customer has its own (x, t_x, T):
the fit cannot lean on repeated rows. The floor is the same likelihood written
plainly and maximised by Nelder-Mead over every customer, as a first
implementation would do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special

import logilab as ll

N_CUSTOMERS = 100_000


@pytest.fixture(scope="module")
def summary() -> pd.DataFrame:
    rng = np.random.default_rng(20260101)
    r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
    T = rng.uniform(30, 40, N_CUSTOMERS)
    lam = rng.gamma(r, 1 / alpha, N_CUSTOMERS)
    p = rng.beta(a, b, N_CUSTOMERS)
    x = np.zeros(N_CUSTOMERS, dtype=int)
    t_x = np.zeros(N_CUSTOMERS)
    for i in range(N_CUSTOMERS):
        t = 0.0
        while True:
            t += rng.exponential(1 / lam[i]) if lam[i] > 0 else np.inf
            if t > T[i]:
                break
            x[i] += 1
            t_x[i] = t
            if rng.random() < p[i]:
                break
    spend = rng.gamma(6.25, 1 / rng.gamma(3.74, 1 / 15.44, N_CUSTOMERS))
    return pd.DataFrame({"frequency": x, "recency": t_x, "T": T, "monetary_value": np.where(x > 0, spend, 0.0)})


def _floor_fit(summary: pd.DataFrame) -> np.ndarray:
    x, t_x, T = (summary[c].to_numpy(float) for c in ("frequency", "recency", "T"))

    def negll(log_params: np.ndarray) -> float:
        r, alpha, a, b = np.exp(log_params)
        with np.errstate(all="ignore"):
            a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
            a2 = special.betaln(a, b + x) - special.betaln(a, b)
            alive = np.exp(a1 + a2 - (r + x) * np.log(alpha + T))
            dead = np.where(x > 0, np.exp(a1 + special.betaln(a + 1, b + x - 1) - special.betaln(a, b) - (r + x) * np.log(alpha + t_x)), 0)
            return -np.log(alive + dead).sum()

    return np.exp(optimize.minimize(negll, np.zeros(4), method="Nelder-Mead", options={"maxiter": 4000}).x)


def test_bench_bgnbd_100k_customers(benchmark, summary):
    """BG/NBD by maximum likelihood on 100,000 customers, standard errors included."""
    result = benchmark.pedantic(ll.fit_bgnbd, args=(summary,), kwargs={"time_unit": "week"}, rounds=3)
    assert 0.15 < result.r < 0.35


def test_bench_bgnbd_100k_customers_floor(benchmark, summary):
    """The floor: the plain likelihood over every customer, Nelder-Mead, no standard errors."""
    params = benchmark.pedantic(_floor_fit, args=(summary,), rounds=1, iterations=1)
    assert 0.15 < params[0] < 0.35


def test_bench_gamma_gamma_100k_customers(benchmark, summary):
    """Gamma-Gamma on the repeat buyers among 100,000 customers."""
    result = benchmark.pedantic(ll.fit_gamma_gamma, args=(summary,), rounds=3)
    assert 4 < result.p < 9


@pytest.fixture(scope="module")
def lines() -> pd.DataFrame:
    rng = np.random.default_rng(20240901)
    n_lines, n_customers = 1_000_000, 100_000
    customer = rng.integers(0, n_customers, n_lines)
    days = rng.integers(0, 731, n_lines)
    return pd.DataFrame(
        {
            "customer_id": np.char.add("C", np.char.zfill(customer.astype(str), 6)),
            "order_date": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D"),
            "revenue": np.round(rng.lognormal(6.0, 1.0, n_lines), 2),
        }
    )


def _floor_summary(lines: pd.DataFrame) -> pd.DataFrame:
    """The floor: plain pandas, one groupby per quantity, no refunds, no holdout."""
    days = lines.groupby(["customer_id", "order_date"], as_index=False)["revenue"].sum()
    grouped = days.groupby("customer_id")
    first, last = grouped["order_date"].min(), grouped["order_date"].max()
    end = lines["order_date"].max()
    return pd.DataFrame({"frequency": grouped.size() - 1, "recency": (last - first).dt.days / 7, "T": (end - first).dt.days / 7})


def test_bench_rfm_summary_1m_lines(benchmark, lines):
    """The purchase summary of 1,000,000 order lines (100,000 customers), with a calibration / holdout split."""
    result = benchmark.pedantic(ll.rfm_summary, args=(lines,), kwargs={"calibration_end": "2025-06-30"}, rounds=3)
    assert len(result.table) > 90_000


def test_bench_rfm_summary_1m_lines_floor(benchmark, lines):
    result = benchmark.pedantic(_floor_summary, args=(lines,), rounds=3)
    assert len(result) > 90_000
