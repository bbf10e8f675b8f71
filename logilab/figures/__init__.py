"""Plotly figure builders: data in, ``go.Figure`` out, labels from ``logilab.i18n``.

One module per topic; every public name is re-exported here and from ``logilab``.
"""

from ._common import *  # noqa: F403
from ._common import __all__ as _common_all

__all__ = [*_common_all]
