"""The exercises of every notebook, one module per notebook.

A module here defines ``EXERCISES``, a list of :class:`logilab.exercises.Exercise`
whose ids start with the notebook's number (``"01.fill_rate"``). Add the
module's name to ``NOTEBOOK_MODULES`` so ``ll.check`` finds it.
"""

from __future__ import annotations

from importlib import import_module

from .types import Exercise

__all__ = ["NOTEBOOK_MODULES", "all_exercises"]

NOTEBOOK_MODULES = (
    "nb00_start",
    "nb01_service",
    "nb02_value",
    "nb03_satisfaction",
    "nb04_segmentation",
    "nb05_evaluation",
    "nb06_concepts",
    "nb07_database",
)


def all_exercises() -> list[Exercise]:
    """Every exercise of every notebook, in notebook order."""
    exercises: list[Exercise] = []
    for module in NOTEBOOK_MODULES:
        exercises.extend(import_module(f"{__name__}.{module}").EXERCISES)
    return exercises
