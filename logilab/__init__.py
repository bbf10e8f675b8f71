"""logilab: a Jupyter workbook for the course 物流客户服务 (logistics customer service).

``import logilab as ll``. The core functions (pure pandas / numpy) are imported
at once; figure builders (plotly) and widget factories (ipywidgets) load on
first use, so ``import logilab`` stays fast and works without a browser.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from . import i18n
from ._validation import LogilabInputError, LogilabTypeError
from .ahp import *  # noqa: F403
from .ahp import __all__ as _ahp_all
from .clv_models import *  # noqa: F403
from .clv_models import __all__ as _clv_models_all
from .complaints import *  # noqa: F403
from .complaints import __all__ as _complaints_all
from .database import *  # noqa: F403
from .database import __all__ as _database_all
from .datasets import *  # noqa: F403
from .datasets import __all__ as _datasets_all
from .entropy import *  # noqa: F403
from .entropy import __all__ as _entropy_all
from .exercises import *  # noqa: F403
from .exercises import __all__ as _exercises_all
from .fuzzy import *  # noqa: F403
from .fuzzy import __all__ as _fuzzy_all
from .group_ahp import *  # noqa: F403
from .group_ahp import __all__ as _group_ahp_all
from .i18n import bilingual, get_language, label, language, set_language
from .indicators import *  # noqa: F403
from .indicators import __all__ as _indicators_all
from .inventory import *  # noqa: F403
from .inventory import __all__ as _inventory_all
from .io import *  # noqa: F403
from .io import __all__ as _io_all
from .kano import *  # noqa: F403
from .kano import __all__ as _kano_all
from .metrics import *  # noqa: F403
from .metrics import __all__ as _metrics_all
from .periods import *  # noqa: F403
from .periods import __all__ as _periods_all
from .satisfaction import *  # noqa: F403
from .satisfaction import __all__ as _satisfaction_all
from .scoring import *  # noqa: F403
from .scoring import __all__ as _scoring_all
from .segmentation import *  # noqa: F403
from .segmentation import __all__ as _segmentation_all
from .sensitivity import *  # noqa: F403
from .sensitivity import __all__ as _sensitivity_all
from .summary import *  # noqa: F403
from .summary import __all__ as _summary_all
from .survey_stats import *  # noqa: F403
from .survey_stats import __all__ as _survey_stats_all
from .topsis import *  # noqa: F403
from .topsis import __all__ as _topsis_all
from .value import *  # noqa: F403
from .value import __all__ as _value_all

__version__ = "0.1.0"

# Names of the lazily loaded layers: ll.<name> imports the layer on first use.
_LAZY_LAYERS = ("logilab.figures", "logilab.widgets")

__all__ = [
    # the errors every function raises on bad input (subclasses of ValueError and TypeError)
    "LogilabInputError",
    "LogilabTypeError",
    "i18n",
    "bilingual",
    "get_language",
    "label",
    "language",
    "set_language",
    *_datasets_all,
    *_database_all,
    *_complaints_all,
    *_exercises_all,
    *_inventory_all,
    *_io_all,
    *_kano_all,
    *_metrics_all,
    *_periods_all,
    *_satisfaction_all,
    *_survey_stats_all,
    *_segmentation_all,
    *_summary_all,
    *_indicators_all,
    *_ahp_all,
    *_group_ahp_all,
    *_entropy_all,
    *_fuzzy_all,
    *_topsis_all,
    *_sensitivity_all,
    *_scoring_all,
    *_value_all,
    *_clv_models_all,
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
    return sorted(set(globals()) | set(__all__))
