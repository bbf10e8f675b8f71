"""ipywidgets factories: controls wired to the package's pure functions.

Each factory returns an :class:`Explorer` whose controls and figure are
attributes, so tests can set ``explorer.controls["k"].value`` and read
``explorer.figure.data``. One module per topic; every public name is
re-exported here and from ``logilab``.
"""

from ._base import *  # noqa: F403
from ._base import __all__ as _base_all
from .tour import *  # noqa: F403
from .tour import __all__ as _tour_all

__all__ = [*_base_all, *_tour_all]
