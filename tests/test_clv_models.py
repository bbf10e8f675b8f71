"""Probabilistic customer value: the purchase summary, BG/NBD, Gamma-Gamma and predicted CLV.

The published values come from the CDNOW customer summary in tests/data (see its .md file).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

import logilab as ll
from logilab import LogilabInputError
from logilab.clv_models import BGNBDResult, GammaGammaResult

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return pd.read_csv(DATA / "cdnow_customers_summary.csv", index_col="ID")


@pytest.fixture(scope="module")
def bgnbd(cdnow) -> BGNBDResult:
    return ll.fit_bgnbd(cdnow, time_unit="week")


# --- the purchase summary ---------------------------------------------------------------


def lines_example() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "A", "A", "B", "B", "C", "C", "D"],
            "order_id": ["o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10"],
            "order_date": pd.to_datetime(
                [
                    "2026-01-01",
                    "2026-01-01",  # same day as o1: one purchase
                    "2026-01-15",
                    "2026-01-29",
                    "2026-02-12",  # after the calibration end: holdout
                    "2026-01-08",
                    "2026-01-22",  # a refund of half of B's purchases
                    "2026-01-01",
                    "2026-01-22",  # refund cancels C's purchase
                    "2026-02-19",  # D first buys in the holdout: not in the table
                ]
            ),
            "revenue": [50.0, 10.0, 40.0, 80.0, 25.0, 30.0, -15.0, 100.0, -100.0, 70.0],
        }
    )


def test_rfm_summary_by_hand_with_refunds_and_holdout():
    lines = lines_example()
    before = lines.copy()
    result = ll.rfm_summary(lines, order="order_id", calibration_end="2026-02-05", observation_end="2026-02-26", time_unit="week")
    pd.testing.assert_frame_equal(lines, before)  # the caller's frame is left alone
    t = result.table
    assert list(t.index) == ["A", "B"]
    # A: purchase days Jan 1 (60), Jan 15 (40), Jan 29 (80) -> x = 2, t_x = 28 days = 4 weeks,
    # T = Jan 1 .. Feb 5 = 35 days = 5 weeks, mean repeat value (40 + 80) / 2 = 60; holdout: 1 purchase of 25
    assert t.loc["A", ["frequency", "recency", "T", "monetary_value"]].tolist() == [2, 4.0, 5.0, 60.0]
    assert t.loc["A", ["frequency_holdout", "monetary_holdout", "duration_holdout"]].tolist() == [1, 25.0, 3.0]
    # B: one purchase day (the refund is no purchase), T = Jan 8 .. Feb 5 = 28 days = 4 weeks
    assert t.loc["B", ["frequency", "recency", "T", "monetary_value"]].tolist() == [0, 0.0, 4.0, 0.0]
    # C's refund brings the net to 0: left out and listed, as rfm_table does
    assert result.excluded.loc["C"].tolist() == [100.0, -100.0, 0.0]
    assert result.summary()["time_unit"] == "week" and result.summary()["customers"] == 2


def test_rfm_summary_rebuilds_the_published_cdnow_summary_from_its_transactions(cdnow):
    # the raw CDNOW sample (6,919 records) with the 39-week calibration period of FHL (2005) gives, for all 2,357
    # customers, the x, t_x and T of the published summary (two decimals) and its zbar (the mean repeat value)
    raw = pd.read_csv(
        DATA / "cdnow_sample_transactions.txt",
        sep=r"\s+",
        header=None,
        names=["master_id", "customer_id", "date", "cds", "revenue"],
        dtype={"date": str},
    )
    raw["order_date"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    summary = ll.rfm_summary(raw, calibration_end="1997-09-30", observation_end="1998-06-30", time_unit="week")
    table = summary.table
    assert list(table.index) == list(cdnow.index)
    assert (table["frequency"] == cdnow["x"]).all()
    np.testing.assert_allclose(table["recency"], cdnow["t_x"], atol=0.005 + 1e-9)
    np.testing.assert_allclose(table["T"], cdnow["T"], atol=0.005 + 1e-9)
    np.testing.assert_allclose(table["monetary_value"], cdnow["zbar"], atol=0.005 + 1e-9)
    # the holdout: 39 weeks (1997-10-01 .. 1998-06-30 is 273 days)
    assert table["duration_holdout"].iloc[0] == pytest.approx(273 / 7)


def test_rfm_summary_nets_refunds_in_proportion():
    lines = pd.DataFrame(
        {
            "customer_id": ["A"] * 4,
            "order_date": pd.to_datetime(["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-16"]),
            "revenue": [100.0, 100.0, 200.0, -80.0],
        }
    )
    t = ll.rfm_summary(lines, time_unit="day").table
    # gross 400, net 320: every purchase counts at 320 / 400 = 0.8 of its value; repeat mean (100 + 200) / 2 * 0.8 = 120
    assert t.loc["A", "monetary_value"] == pytest.approx(120.0)
    assert t.loc["A", ["frequency", "recency", "T"]].tolist() == [2, 14.0, 15.0]


def test_rfm_summary_time_units():
    lines = lines_example()
    weeks = ll.rfm_summary(lines, calibration_end="2026-02-05", time_unit="W").table
    days = ll.rfm_summary(lines, calibration_end="2026-02-05", time_unit="day").table
    months = ll.rfm_summary(lines, calibration_end="2026-02-05", time_unit="month").table
    assert days.loc["A", "T"] == 35 and weeks.loc["A", "T"] == 5
    assert months.loc["A", "T"] == pytest.approx(35 / (365.25 / 12))
    with pytest.raises(LogilabInputError, match="time_unit: expected one of"):
        ll.rfm_summary(lines, time_unit="fortnight")
    with pytest.raises(LogilabInputError, match="calibration_end: expected a date"):
        ll.rfm_summary(lines, calibration_end="end of January")
    with pytest.raises(LogilabInputError, match="calibration_end: expected a date on or before observation_end"):
        ll.rfm_summary(lines, calibration_end="2026-03-01", observation_end="2026-02-26")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C", "D"]), st.integers(0, 120), st.floats(-50, 500, allow_nan=False)),
        min_size=1,
        max_size=30,
    )
)
def test_rfm_summary_invariants(rows):
    lines = pd.DataFrame(rows, columns=["customer_id", "day", "revenue"])
    lines["order_date"] = pd.Timestamp("2026-01-01") + pd.to_timedelta(lines.pop("day"), unit="D")
    if (lines["revenue"] >= 0).sum() == 0:
        return
    before = lines.copy()
    table = ll.rfm_summary(lines, time_unit="day").table
    pd.testing.assert_frame_equal(lines, before)
    assert ((table["recency"] >= 0) & (table["recency"] <= table["T"])).all()
    assert ((table["frequency"] == 0) == (table["recency"] == 0)).all()
    days = lines[lines["revenue"] >= 0].groupby("customer_id")["order_date"].nunique()
    assert (table["frequency"] == days[table.index] - 1).all()


# --- BG/NBD --------------------------------------------------------------------------


def test_bgnbd_reproduces_fader_hardie_lee_2005_cdnow(bgnbd):
    # Fader, Hardie & Lee (2005), Marketing Science 24(2), p. 280: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    assert round(bgnbd.r, 3) == 0.243
    assert round(bgnbd.alpha, 3) == 4.414
    assert round(bgnbd.a, 3) == 0.793
    assert round(bgnbd.b, 3) == 2.426
    assert round(bgnbd.log_likelihood, 1) == -9582.4
    # standard errors as lifetimes documents them (docs/Quickstart.md, BetaGeoFitter.summary):
    # r 0.012557, alpha 0.378221, a 0.185719, b 0.705345
    np.testing.assert_allclose(bgnbd.table["se"].to_numpy(), [0.012557, 0.378221, 0.185719, 0.705345], rtol=2e-3)
    assert bgnbd.time_unit == "week" and bgnbd.customers == 2357 and bgnbd.converged


def test_bgnbd_predictions_match_the_paper(bgnbd):
    # FHL (2005), section 4: a customer with x = 2, t_x = 30.43, T = 38.86 is expected to make 1.226 purchases in the next 39 weeks
    one = pd.DataFrame({"frequency": [2], "recency": [30.43], "T": [38.86]})
    assert round(float(bgnbd.expected_purchases(39, one).iloc[0]), 3) == 1.226
    # E[X(t)] of a new customer, Hardie's BG/NBD spreadsheet (as tested in lifetimes' test_estimation.py)
    times = np.array([0.1429, 1.0, 3.00, 31.8571, 32.00, 78.00])
    np.testing.assert_allclose(bgnbd.expected_purchases_new(times), [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576], atol=5e-4)


def test_bgnbd_loglikelihood_equals_a_direct_sum_on_a_hand_example():
    from logilab.clv_models import _bgnbd_loglik

    r, alpha, a, b = 0.5, 3.0, 0.8, 2.0
    x, t_x, T = np.array([0.0, 1.0, 3.0]), np.array([0.0, 2.0, 5.0]), np.array([6.0, 6.0, 8.0])
    # FHL (2005) eq. (3) written as products: L = B(a, b + x)/B(a, b) * G(r + x) alpha^r / (G(r) (alpha + T)^(r + x))
    #   + [x > 0] B(a + 1, b + x - 1)/B(a, b) * G(r + x) alpha^r / (G(r) (alpha + t_x)^(r + x))
    expected = []
    for xi, ti, Ti in zip(x, t_x, T, strict=True):
        common = special.gamma(r + xi) * alpha**r / special.gamma(r)
        alive = special.beta(a, b + xi) / special.beta(a, b) * common / (alpha + Ti) ** (r + xi)
        dead = special.beta(a + 1, b + xi - 1) / special.beta(a, b) * common / (alpha + ti) ** (r + xi) if xi > 0 else 0.0
        expected.append(np.log(alive + dead))
    np.testing.assert_allclose(_bgnbd_loglik(np.array([r, alpha, a, b]), x, t_x, T), expected, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.floats(0.0, 1.0), st.floats(0.1, 100.0))
def test_p_alive_is_a_probability_and_falls_with_time_since_the_last_purchase(x, share, T):
    model = BGNBDResult(pd.DataFrame(), 0.243, 4.414, 0.793, 2.426, 0.0, 0, "week")
    t_x = 0.0 if x == 0 else max(share * T, 1e-6)
    one = pd.DataFrame({"frequency": [x, x], "recency": [t_x, t_x], "T": [T, T + 10]})
    p = model.p_alive(one).to_numpy()
    assert (p > 0).all() and (p <= 1).all()
    assert p[1] <= p[0] + 1e-12  # ten more weeks without a purchase never make a customer more likely alive


def test_p_alive_is_one_without_repeat_purchases(bgnbd, cdnow):
    p = bgnbd.p_alive(cdnow)
    assert (p[cdnow["x"] == 0] == 1.0).all()
    assert ((p > 0) & (p <= 1)).all()
    # customer 1 (x = 2, t_x = 30.43, T = 38.86): 1 / (1 + a/(b + x - 1) ((alpha + T)/(alpha + t_x))^(r + x))
    a, b, r, alpha = bgnbd.a, bgnbd.b, bgnbd.r, bgnbd.alpha
    hand = 1 / (1 + a / (b + 1) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2))
    assert p.loc[1] == pytest.approx(hand)


def test_daily_and_weekly_fits_give_the_same_predictions(cdnow):
    subset = cdnow.iloc[::3]
    weekly = ll.fit_bgnbd(subset, time_unit="week")
    daily_table = subset.assign(t_x=subset["t_x"] * 7, T=subset["T"] * 7)
    daily = ll.fit_bgnbd(daily_table, time_unit="day")
    # alpha is a time scale: 7 times larger in days; r, a, b do not change
    assert daily.alpha == pytest.approx(7 * weekly.alpha, rel=1e-3)
    assert [daily.r, daily.a, daily.b] == pytest.approx([weekly.r, weekly.a, weekly.b], rel=1e-3)
    np.testing.assert_allclose(daily.expected_purchases(39 * 7, daily_table), weekly.expected_purchases(39, subset), rtol=1e-3)


def test_bad_summaries_give_clear_errors(cdnow):
    with pytest.raises(LogilabInputError, match="'T'"):
        ll.fit_bgnbd(pd.DataFrame({"x": [0, 1], "t_x": [0.0, 1.0], "T": [-1.0, 2.0]}), time_unit="week")
    with pytest.raises(LogilabInputError, match="recency > 0 when frequency > 0"):
        ll.fit_bgnbd(pd.DataFrame({"x": [0, 2], "t_x": [0.0, 0.0], "T": [3.0, 2.0]}), time_unit="week")
    with pytest.raises(LogilabInputError, match="time_unit: expected one of"):
        ll.fit_bgnbd(cdnow, time_unit="fortnight")
    with pytest.raises(LogilabInputError, match="time_unit: expected the unit"):
        ll.fit_bgnbd(cdnow)
    with pytest.raises(LogilabInputError, match="0 <= recency <= T"):
        ll.fit_bgnbd(pd.DataFrame({"x": [1, 2], "t_x": [5.0, 1.0], "T": [3.0, 2.0]}), time_unit="week")


# --- Gamma-Gamma ---------------------------------------------------------------------


def test_gamma_gamma_reproduces_fader_hardie_2013_cdnow(cdnow):
    result = ll.fit_gamma_gamma(cdnow)
    # Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", p. 4: p = 6.25, q = 3.74, gamma = 15.44 (946 repeat buyers)
    assert [round(result.p, 2), round(result.q, 2)] == [6.25, 3.74]
    assert result.gamma == pytest.approx(15.44, abs=0.01)
    assert result.customers == 946
    # lifetimes docs/Quickstart.md: corr(monetary_value, frequency) = 0.113884
    assert round(result.frequency_spend_correlation, 6) == 0.113884
    # conditional expected spend of the first ten customers, Hardie's spreadsheet (note 025), as lifetimes tests it
    fixed = GammaGammaResult(pd.DataFrame(), 6.25, 3.74, 15.44, 0.0, 0, 0.0)
    np.testing.assert_allclose(
        fixed.expected_spend(cdnow.head(10)).to_numpy(), [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17], atol=0.1
    )


def test_gamma_gamma_rejects_non_positive_spend():
    data = pd.DataFrame({"frequency": [1, 2, 3, 1], "monetary_value": [10.0, 0.0, 20.0, 15.0]})
    with pytest.raises(LogilabInputError, match="nonpositive='drop'"):
        ll.fit_gamma_gamma(data)
    with pytest.warns(UserWarning, match="left 1 repeat customer"):
        assert ll.fit_gamma_gamma(data, nonpositive="drop").customers == 3


def test_the_sample_company_end_to_end():
    lines = ll.load_sample("order_lines")
    before = lines.copy()
    summary = ll.rfm_summary(lines, order="order_id", calibration_end="2025-06-30", time_unit="week")
    pd.testing.assert_frame_equal(lines, before)
    # holdout purchases counted directly: distinct (customer, day) after 2025-06-30 of customers who bought before it
    dates = pd.to_datetime(lines["order_date"]).dt.normalize()
    known = set(lines.loc[dates <= "2025-06-30", "customer_id"])
    later = lines[(dates > "2025-06-30") & lines["customer_id"].isin(known)]
    direct = later.assign(day=dates[later.index]).drop_duplicates(["customer_id", "day"]).groupby("customer_id").size()
    counted = summary.table["frequency_holdout"]
    assert counted.sum() == direct.sum() and counted[direct.index].tolist() == direct.tolist()
    bg = ll.fit_bgnbd(summary)
    assert bg.time_unit == "week" and bg.customers == len(known)
    with pytest.warns(UserWarning, match="mean spend <= 0"):
        gg = ll.fit_gamma_gamma(summary, nonpositive="drop")
    clv = ll.predicted_clv(bg, gg, summary, horizon=4, discount_rate=0.025, time_unit="quarter")
    assert len(clv.table) == summary.summary()["customers"] and (clv.table["clv"] >= 0).all()


@pytest.mark.parametrize("name", ["RFMSummary", "BGNBDResult", "GammaGammaResult", "PredictedCLV"])
def test_result_protocol(cdnow, bgnbd, name):
    gg = ll.fit_gamma_gamma(cdnow)
    lines = lines_example()
    results = {
        "RFMSummary": ll.rfm_summary(lines),
        "BGNBDResult": bgnbd,
        "GammaGammaResult": gg,
        "PredictedCLV": ll.predicted_clv(bgnbd, gg, cdnow.head(20), horizon=3, discount_rate=0.01, time_unit="month"),
    }
    result = results[name]
    assert type(result).__name__ == name and len(result.table) > 0
    text = repr(result)
    assert "\n" not in text and text.startswith(name + "(") and "<table" in result._repr_html_()


# --- predicted CLV -------------------------------------------------------------------


def test_predicted_clv_by_hand(bgnbd, cdnow):
    gg = GammaGammaResult(pd.DataFrame(), 6.25, 3.74, 15.44, 0.0, 0, 0.0)
    one = cdnow.head(1).rename(columns={"x": "frequency", "t_x": "recency", "zbar": "monetary_value"})
    result = ll.predicted_clv(bgnbd, gg, one, horizon=3, discount_rate=0.01, time_unit="month")
    # month = 365.25 / 12 / 7 weeks; CLV = E[Z] * sum_k (E[Y(k m)] - E[Y((k - 1) m)]) / 1.01^k
    m = 365.25 / 12 / 7
    cumulative = [0.0] + [float(bgnbd.expected_purchases(k * m, one).iloc[0]) for k in (1, 2, 3)]
    spend = (15.44 + 22.35 * 2) * 6.25 / (6.25 * 2 + 3.74 - 1)
    hand = spend * sum((cumulative[k] - cumulative[k - 1]) / 1.01**k for k in (1, 2, 3))
    assert result.table["clv"].iloc[0] == pytest.approx(hand)
    assert result.summary()["time_unit"] == "month"
    assert result.periods.shape == (1, 3)


def test_predicted_clv_checks_units(bgnbd, cdnow):
    gg = GammaGammaResult(pd.DataFrame(), 6.25, 3.74, 15.44, 0.0, 0, 0.0)
    with pytest.raises(LogilabInputError, match="time_unit"):
        ll.predicted_clv(bgnbd, gg, cdnow, horizon=12, discount_rate=0.01, time_unit="fortnight")
    with pytest.raises(LogilabInputError, match="rate per month"):
        ll.predicted_clv(bgnbd, gg, cdnow, horizon=12, discount_rate=12, time_unit="month")
    with pytest.raises(LogilabInputError, match="horizon"):
        ll.predicted_clv(bgnbd, gg, cdnow, horizon=1.5, discount_rate=0.01, time_unit="month")


def test_predicted_clv_from_order_lines_end_to_end():
    rng = np.random.default_rng(7)
    rows = []
    for c in range(60):
        n = rng.integers(1, 6)
        days = np.sort(rng.choice(300, size=n, replace=False))
        rows += [(f"C{c:03d}", pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(d)), float(rng.gamma(5, 10))) for d in days]
    lines = pd.DataFrame(rows, columns=["customer_id", "order_date", "revenue"])
    summary = ll.rfm_summary(lines, time_unit="week", observation_end="2025-11-01")
    bg = ll.fit_bgnbd(summary)
    gg = ll.fit_gamma_gamma(summary)
    result = ll.predicted_clv(bg, gg, summary, horizon=4, discount_rate=0.02, time_unit="quarter")
    assert len(result.table) == 60 and (result.table["clv"] > 0).all()
    # over a longer horizon the expected purchases grow
    longer = ll.predicted_clv(bg, gg, summary, horizon=8, discount_rate=0.02, time_unit="quarter")
    assert (longer.table["expected_purchases"] > result.table["expected_purchases"]).all()


def test_holdout_comparison_by_hand(bgnbd):
    lines = lines_example()
    summary = ll.rfm_summary(lines, calibration_end="2026-02-05", observation_end="2026-02-26", time_unit="week")
    result = ll.holdout_comparison(bgnbd, summary, max_frequency=1)
    # A (x = 2, collected in the group "1 and more") bought once in the holdout; B (x = 0) did not
    assert result.table["customers"].tolist() == [1, 1]
    assert result.table["actual"].tolist() == [0.0, 1.0]
    # predicted: E[Y(3 weeks) | x, t_x, T] of each customer
    expected = bgnbd.expected_purchases(3.0, summary)
    assert result.table["predicted"].tolist() == pytest.approx([expected["B"], expected["A"]])
    assert result.summary()["actual_purchases"] == 1.0
    with pytest.raises(LogilabInputError, match="without a holdout period"):
        ll.holdout_comparison(bgnbd, ll.rfm_summary(lines))


def test_a_summary_in_another_time_unit_than_the_model_is_refused(bgnbd):
    days = ll.rfm_summary(lines_example(), time_unit="day")
    with pytest.raises(LogilabInputError, match="time_unit: expected the summary's unit 'day', found 'week'"):
        bgnbd.p_alive(days)
    gg = GammaGammaResult(pd.DataFrame(), 6.25, 3.74, 15.44, 0.0, 0, 0.0)
    with pytest.raises(LogilabInputError, match="rebuild the summary"):
        ll.predicted_clv(bgnbd, gg, days, horizon=3, discount_rate=0.01, time_unit="month")
