"""How long every explorer takes to answer a control change (run with `make bench-micro`; nothing is asserted about time).

Each explorer is built as its notebook builds it, on the sample data; the benchmark then moves
one control back and forth, which runs the pure update function and syncs the ``FigureWidget``:
everything the kernel does before the browser redraws.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import logilab as ll


def _evaluation_inputs() -> dict[str, Any]:
    system = ll.sample_indicator_system()
    kpi = ll.load_sample("kpi_monthly")
    X = ll.indicator_means(kpi, system.indicators)
    weights = ll.entropy_weights(X, benefit=system.benefit).weights
    counts = ll.grade_counts(kpi, indicators=system.indicators, benefit=system.benefit, by="warehouse")
    memberships = {wh: ll.membership_from_counts(counts.loc[wh]) for wh in X.index}
    return {"system": system, "kpi": kpi, "X": X, "weights": weights, "memberships": memberships}


def _weights_explorer() -> Any:
    inputs = _evaluation_inputs()
    subjective = ll.ahp_hierarchy(
        ll.ahp(ll.reciprocal_matrix({}, labels=inputs["system"].criteria)),
        {c: ll.ahp(ll.reciprocal_matrix({}, labels=i)) for c, i in inputs["system"].groups().items()},
    ).weights
    return ll.weights_explorer(inputs["X"], subjective, benefit=inputs["system"].benefit)


def _fuzzy_explorer() -> Any:
    inputs = _evaluation_inputs()
    return ll.fuzzy_explorer(inputs["memberships"], inputs["weights"], grade_values=[95, 85, 75, 60])


# notebook -> factory, in the order the notebooks show them
EXPLORERS: dict[str, Callable[[], Any]] = {
    "00 order_volume_explorer": ll.order_volume_explorer,
    "01 fill_rate_explorer": ll.fill_rate_explorer,
    "01 service_level_explorer": ll.service_level_explorer,
    "01 kpi_trend_explorer": lambda: ll.kpi_trend_explorer(ll.load_sample("order_lines")),
    "02 delivered_value_explorer": ll.delivered_value_explorer,
    "02 clv_explorer": ll.clv_explorer,
    "02 value_matrix_explorer": ll.value_matrix_explorer,
    "03 gap_model_explorer": ll.gap_model_explorer,
    "03 servqual_explorer": ll.servqual_explorer,
    "03 ipa_explorer": ll.ipa_explorer,
    "03 kano_explorer": ll.kano_explorer,
    "04 segmentation_explorer": ll.segmentation_explorer,
    "05 ahp_builder": ll.ahp_builder,
    "05 weights_explorer": _weights_explorer,
    "05 fuzzy_explorer": _fuzzy_explorer,
    "05 topsis_explorer": ll.topsis_explorer,
    "05 kpi_dashboard": ll.kpi_dashboard,
    "06 make_or_buy_explorer": ll.make_or_buy_explorer,
    "07 complaint_explorer": ll.complaint_explorer,
}


def _other_value(control: Any) -> Any:
    """A different valid value for the control: the next option, or a step along a slider."""
    options = getattr(control, "options", None)
    if options:
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        return values[(values.index(control.value) + 1) % len(values)] if control.value in values else values[0]
    if isinstance(control.value, bool):
        return not control.value
    step = getattr(control, "step", None) or 1
    high = getattr(control, "max", control.value + step)
    return control.value + step if control.value + step <= high else control.value - step


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_bench_explorer_update(benchmark, name):
    explorer = EXPLORERS[name]()
    control = next(iter(explorer.controls.values()))
    first, second = control.value, _other_value(control)
    assert first != second

    def move():
        control.value = second if control.value == first else first

    benchmark(move)
    assert explorer.figure.data
