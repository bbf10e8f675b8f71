"""Plotly figure builders: data in, ``go.Figure`` out, labels from ``logilab.i18n``.

One module per topic; every public name is re-exported here and from ``logilab``.
"""

from ._common import *  # noqa: F403
from ._common import __all__ as _common_all
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
from .survey_stats import *  # noqa: F403
from .survey_stats import __all__ as _survey_stats_all
from .value import *  # noqa: F403
from .value import __all__ as _value_all

__all__ = [
    *_common_all,
    *_complaints_all,
    *_evaluation_all,
    *_group_ahp_all,
    *_outsourcing_all,
    *_satisfaction_all,
    *_segmentation_all,
    *_clv_models_all,
    *_sensitivity_all,
    *_service_all,
    *_survey_stats_all,
    *_value_all,
]
