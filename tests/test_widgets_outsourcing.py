"""The make-or-buy explorer: controls drive the costs, break-even and service gaps."""

from __future__ import annotations

import pytest

import logilab as ll


def test_make_or_buy_explorer_follows_volume_tariff_and_target():
    explorer = ll.make_or_buy_explorer(lang="en")
    assert explorer.figure.data[2].x[0] == pytest.approx(120_000)  # 1,200,000 / (25 + 2 * 1.5 - 18)
    assert list(explorer.figure.data[3].y) == pytest.approx([3_000_000, 2_800_000])
    assert "cheaper <b>outsourced (3PL)</b> (saving 200,000)" in explorer.summary.value
    explorer.controls["per_order"].value = 30  # u = 33: v* = 1,200,000 / 15 = 80,000
    assert explorer.figure.data[2].x[0] == pytest.approx(80_000)
    assert "cheaper <b>in house</b>" in explorer.summary.value  # 3,000,000 < 3,300,000
    # service gap of the in-house side: sample on-time rate minus target
    in_house = ll.on_time_rate(ll.load_sample("order_lines"))
    explorer.controls["target"].value = 0.9
    assert f"in house <b>{in_house - 0.9:+.1%}</b>" in explorer.summary.value
    explorer.controls["provider"].value = "华通仓配"  # on-time rate 0.978
    assert f"华通仓配 <b>{0.978 - 0.9:+.1%}</b>" in explorer.summary.value
