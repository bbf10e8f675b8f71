"""One vocabulary: every function that takes order lines calls the frame ``lines`` and its columns by their roles."""

from __future__ import annotations

import inspect

import logilab as ll
from logilab.periods import PERIODS

# the roles a column of order lines can play, and the names the package must not use for them
ROLE_KEYWORDS = {"customer", "order", "date", "amount", "ordered_qty", "shipped_qty", "damaged_qty", "promised_date", "delivered_date"}
RETIRED = {"order_id", "order_date", "revenue", "customer_id", "transactions", "df", "data"}

# public functions whose first argument is a frame of order lines (or orders)
TAKES_LINES = [
    "rfm_table",
    "segment_customers",
    "customer_clv",
    "count_by_period",
    "service_kpis",
    "order_table",
    "unit_fill_rate",
    "line_fill_rate",
    "stockout_frequency",
    "order_fill_rate",
    "on_time_rate",
    "otif",
    "order_completion_rate",
    "perfect_order_rate",
    "perfect_order_breakdown",
    "cycle_time",
    "damage_rate",
    "complaint_rate",
    "claim_rate",
    "detect_columns",
    "customer_aggregate",
]


def test_functions_that_take_order_lines_use_the_one_vocabulary():
    for name in TAKES_LINES:
        parameters = inspect.signature(getattr(ll, name)).parameters
        first = next(iter(parameters))
        assert first == "lines", f"{name}: the frame of order lines is called {first!r}, not 'lines'"
        retired = RETIRED & set(parameters)
        assert not retired, f"{name} still takes {sorted(retired)}; use {sorted(ROLE_KEYWORDS)}"


def test_the_same_role_has_the_same_default_column_everywhere():
    # one default mapping: the sample's column names
    defaults = {"customer": "customer_id", "order": "order_id", "date": "order_date", "amount": "revenue"}
    for name in TAKES_LINES:
        for role, column in defaults.items():
            parameter = inspect.signature(getattr(ll, name)).parameters.get(role)
            if parameter is not None and parameter.default not in (None, inspect.Parameter.empty):
                assert parameter.default == column, f"{name}({role}=...) defaults to {parameter.default!r}, not {column!r}"


def test_one_period_vocabulary():
    assert PERIODS == ("day", "week", "month", "quarter", "year")
    lines = ll.load_sample("orders").head(50)
    for period in PERIODS:
        assert len(ll.count_by_period(lines, period=period)) > 0
    assert set(ll.value.PERIODS_PER_YEAR) == set(PERIODS)
