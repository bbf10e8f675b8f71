"""logilab: a Jupyter workbook for the course 物流客户服务 (logistics customer service).

``import logilab as ll``. The core functions (pure pandas / numpy) are imported
at once; figure builders (plotly) and widget factories (ipywidgets) load on
first use, so ``import logilab`` stays fast and works without a browser.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from . import i18n

# the errors every function raises on bad input (subclasses of ValueError and TypeError)
from ._validation import LogilabInputError, LogilabTypeError

# the language of labels, figures and widgets
from .i18n import get_language, set_language, language, label, bilingual, error_message

# the sample company: its data and their catalogue, and the same as a DuckDB database
from .datasets import (
    list_samples,
    describe_sample,
    load_sample,
    sample_catalog,
    demo_file,
    sample_expert_panel,
    sample_indicator_system,
    sample_directions,
)
from .database import database_path, connect, customer_profile, mask_phone, mask_name, mask_email, data_quality

# your own files: read and clean with a report
from .io import detect_columns, import_table, read_table, read_orders
from .duckdb_reader import read_orders_on_duckdb

# periods in any spelling, counts per period
from .periods import period_label, select_rows
from .summary import count_by_period

# tables as they read in a notebook: separators, percentages, Chinese headers
from .tables import show_table, use_table_format, format_number

# service KPIs, fill rate and service-level economics (notebook 01)
from .metrics import (
    KPI_TARGETS,
    order_table,
    service_kpis,
    unit_fill_rate,
    line_fill_rate,
    stockout_frequency,
    order_fill_rate,
    on_time_rate,
    otif,
    order_completion_rate,
    perfect_order_rate,
    perfect_order_breakdown,
    cycle_time,
    damage_rate,
    complaint_rate,
    claim_rate,
)
from .inventory import (
    normal_loss,
    expected_shortage,
    fill_rate,
    safety_factor,
    cycle_service_level,
    stockout_probability,
    safety_factor_for_csl,
    safety_stock,
    service_table,
    service_cost,
    service_revenue,
    optimal_service_level,
)

# customer value and CLV (notebook 02), and probabilistic CLV (BG/NBD, Gamma-Gamma)
from .clv_models import rfm_summary, fit_bgnbd, fit_gamma_gamma, predicted_clv, holdout_comparison
from .value import (
    EXAMPLE_VALUES,
    EXAMPLE_COSTS,
    delivered_value,
    margin_multiple,
    clv,
    clv_schedule,
    convert_rate,
    customer_clv,
    value_matrix,
)

# satisfaction gaps, reliability, IPA, Kano and survey statistics (notebook 03)
from .survey_stats import cronbach_alpha_ci, nps, nps_compare
from .satisfaction import SERVQUAL_DIMENSIONS, gap_model, servqual, cronbach_alpha, item_analysis, reliability, ipa, satisfaction_index
from .kano import kano_answer_codes, kano_category, kano_table

# customer segmentation (notebook 04)
from .segmentation import RFM_SEGMENTS, rfm_table, rfm_scores, rfm_segments, abc_classify, abc_summary, kmeans_segments, segment_customers
from .engines import customer_aggregate

# KPI evaluation: indicators, AHP, entropy weights, fuzzy evaluation, TOPSIS, scores (notebook 05)
from .indicators import indicator_system, normalize, indicator_means, target_attainment
from .ahp import RANDOM_INDEX, saaty_label, reciprocal_matrix, ahp, ahp_hierarchy, inconsistency_table
from .entropy import entropy_weights, combine_weights
from .fuzzy import fuzzy_evaluate, fuzzy_evaluate_two_level, membership_from_counts, grade_counts
from .topsis import topsis
from .group_ahp import group_ahp, kendall_w, geometric_consistency_index
from .sensitivity import weight_sensitivity, rank_reversal
from .scoring import weighted_score, grade, incentive_plan

# service concepts, the 7R standards, third-party logistics and make or buy (notebook 06)
from .service_concepts import SEVEN_R, SERVICE_CONTENT, SERVICE_VARIABLES, seven_r, service_variable_ranking
from .outsourcing import PL_TYPES, THREE_PL_MODELS, THREE_PL_VS_IN_HOUSE, break_even_volume, classify_providers, in_house_cost
from .outsourcing import make_or_buy, outsourced_cost, three_pl_model

# complaint handling (notebook 07)
from .complaints import complaint_rates, complaint_pareto, response_times, wilson_interval, recovery_comparison

# exercises and the gradebook's record of a student
from .exercises import check, list_exercises, student

__version__ = "0.1.0"

# Names of the lazily loaded layers: ll.<name> imports the layer on first use.
_LAZY_LAYERS = ("logilab.figures", "logilab.widgets")

# What a student or an analyst calls; plumbing (writers, escaping, result classes, tables of constants) stays in
# its module, e.g. logilab.io.write_outputs or logilab.segmentation.Segmentation.
__all__ = [
    "i18n",
    "LogilabInputError",
    "LogilabTypeError",
    "get_language",
    "set_language",
    "language",
    "label",
    "bilingual",
    "error_message",
    "list_samples",
    "describe_sample",
    "load_sample",
    "sample_catalog",
    "demo_file",
    "sample_expert_panel",
    "database_path",
    "connect",
    "customer_profile",
    "mask_phone",
    "mask_name",
    "mask_email",
    "data_quality",
    "detect_columns",
    "import_table",
    "read_table",
    "read_orders",
    "read_orders_on_duckdb",
    "period_label",
    "select_rows",
    "count_by_period",
    "show_table",
    "use_table_format",
    "format_number",
    "KPI_TARGETS",
    "order_table",
    "service_kpis",
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
    "normal_loss",
    "expected_shortage",
    "fill_rate",
    "safety_factor",
    "cycle_service_level",
    "stockout_probability",
    "safety_factor_for_csl",
    "safety_stock",
    "service_table",
    "service_cost",
    "service_revenue",
    "optimal_service_level",
    "EXAMPLE_VALUES",
    "EXAMPLE_COSTS",
    "delivered_value",
    "margin_multiple",
    "clv",
    "clv_schedule",
    "convert_rate",
    "customer_clv",
    "value_matrix",
    "SERVQUAL_DIMENSIONS",
    "gap_model",
    "servqual",
    "cronbach_alpha",
    "item_analysis",
    "reliability",
    "ipa",
    "satisfaction_index",
    "kano_answer_codes",
    "kano_category",
    "kano_table",
    "RFM_SEGMENTS",
    "rfm_table",
    "rfm_scores",
    "rfm_segments",
    "abc_classify",
    "abc_summary",
    "kmeans_segments",
    "segment_customers",
    "customer_aggregate",
    "indicator_system",
    "sample_indicator_system",
    "normalize",
    "indicator_means",
    "target_attainment",
    "sample_directions",
    "RANDOM_INDEX",
    "saaty_label",
    "reciprocal_matrix",
    "ahp",
    "ahp_hierarchy",
    "inconsistency_table",
    "entropy_weights",
    "combine_weights",
    "fuzzy_evaluate",
    "fuzzy_evaluate_two_level",
    "membership_from_counts",
    "grade_counts",
    "topsis",
    "weighted_score",
    "grade",
    "incentive_plan",
    "SEVEN_R",
    "SERVICE_CONTENT",
    "SERVICE_VARIABLES",
    "PL_TYPES",
    "THREE_PL_MODELS",
    "THREE_PL_VS_IN_HOUSE",
    "seven_r",
    "service_variable_ranking",
    "break_even_volume",
    "classify_providers",
    "in_house_cost",
    "make_or_buy",
    "outsourced_cost",
    "three_pl_model",
    "rfm_summary",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "predicted_clv",
    "holdout_comparison",
    "cronbach_alpha_ci",
    "nps",
    "nps_compare",
    "group_ahp",
    "kendall_w",
    "geometric_consistency_index",
    "weight_sensitivity",
    "rank_reversal",
    "complaint_rates",
    "complaint_pareto",
    "response_times",
    "wilson_interval",
    "recovery_comparison",
    "check",
    "list_exercises",
    "student",
]


def __getattr__(name: str) -> Any:
    if name in ("figures", "widgets"):
        return import_module(f"logilab.{name}")
    for layer in _LAZY_LAYERS:
        module = import_module(layer)
        if name in module.__all__:
            return getattr(module, name)
    raise AttributeError(f"module 'logilab' has no attribute {name!r}")


def __dir__() -> list[str]:
    # the lazy layers' names (ll.plot_..., ll...._explorer) resolve on use without being listed here, so that
    # dir() and tab completion do not load plotly and ipywidgets
    return sorted({*__all__, "figures", "widgets", "__version__"})
