"""ipywidgets factories: controls wired to the package's pure functions.

Each factory returns an :class:`Explorer` whose controls and figure are
attributes, so tests can set ``explorer.controls["k"].value`` and read
``explorer.figure.data``. One module per topic; every public name is
re-exported here and from ``logilab``.
"""

from ._base import *  # noqa: F403
from ._base import __all__ as _base_all
from .clv_models import *  # noqa: F403
from .clv_models import __all__ as _clv_models_all
from .complaints import *  # noqa: F403
from .complaints import __all__ as _complaints_all
from .evaluation import *  # noqa: F403
from .evaluation import __all__ as _evaluation_all
from .group_ahp import *  # noqa: F403
from .group_ahp import __all__ as _group_ahp_all
from .outsourcing import *  # noqa: F403
from .outsourcing import __all__ as _outsourcing_all
from .satisfaction import *  # noqa: F403
from .satisfaction import __all__ as _satisfaction_all
from .segmentation import *  # noqa: F403
from .segmentation import __all__ as _segmentation_all
from .sensitivity import *  # noqa: F403
from .sensitivity import __all__ as _sensitivity_all
from .service import *  # noqa: F403
from .service import __all__ as _service_all
from .tour import *  # noqa: F403
from .tour import __all__ as _tour_all
from .value import *  # noqa: F403
from .value import __all__ as _value_all

__all__ = [
    *_base_all,
    *_complaints_all,
    *_outsourcing_all,
    *_clv_models_all,
    *_satisfaction_all,
    *_evaluation_all,
    *_group_ahp_all,
    *_service_all,
    *_segmentation_all,
    *_sensitivity_all,
    *_tour_all,
    *_value_all,
]
