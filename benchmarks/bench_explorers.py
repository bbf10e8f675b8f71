"""How long every explorer takes to answer a control change (run with `make bench-micro`; nothing is asserted about time).

The explorers are those of ``tests/explorer_cases.py`` (every public factory of ``logilab.widgets``,
built on the sample data as the notebooks build them, the same list the label and punctuation tests
use); the benchmark moves one control back and forth, which runs the pure update function and syncs
the ``FigureWidget``: everything the kernel does before the browser redraws.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from explorer_cases import EXPLORERS  # noqa: E402  (tests/ is not a package)


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
