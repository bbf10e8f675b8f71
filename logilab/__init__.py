"""logilab: a Jupyter workbook for the course 物流客户服务 (logistics customer service).

``import logilab as ll``. The core functions (pure pandas / numpy) are imported
at once; figure builders (plotly) and widget factories (ipywidgets) load on
first use, so ``import logilab`` stays fast and works without a browser.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from . import i18n
from .datasets import *  # noqa: F403
from .datasets import __all__ as _datasets_all
from .exercises import *  # noqa: F403
from .exercises import __all__ as _exercises_all
from .i18n import bilingual, get_language, label, set_language
from .io import *  # noqa: F403
from .io import __all__ as _io_all
from .summary import *  # noqa: F403
from .summary import __all__ as _summary_all

__version__ = "0.1.0"

# Names of the lazily loaded layers: ll.<name> imports the layer on first use.
_LAZY_LAYERS = ("logilab.figures", "logilab.widgets")

__all__ = [
    "i18n",
    "bilingual",
    "get_language",
    "label",
    "set_language",
    *_datasets_all,
    *_exercises_all,
    *_io_all,
    *_summary_all,
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
