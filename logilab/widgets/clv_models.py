"""Explorers of probabilistic customer value: P(alive) as a customer ages."""

from __future__ import annotations

import ipywidgets as widgets

from .._validation import LogilabInputError
from ..clv_models import BGNBDResult
from ..figures.clv_models import plot_p_alive_matrix
from ..i18n import label
from ._base import Explorer

__all__ = ["p_alive_explorer"]

_WIDE = {"description_width": "initial"}


def p_alive_explorer(bgnbd: BGNBDResult, *, T: float = 39.0, max_T: float = 104.0, lang: str | None = None) -> Explorer:
    """Move the customer age T and the largest number of repeat purchases; the P(alive) heat map follows.

    Parameters
    ----------
    bgnbd : BGNBDResult
        A fitted model (:func:`logilab.fit_bgnbd`).
    T : float, default 39
        Starting age, in the model's time unit.
    max_T : float, default 104
        End of the age slider.
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).

    Returns
    -------
    Explorer
        The controls, the heat map and the summary line.

    Examples
    --------
    >>> m = BGNBDResult(None, 0.243, 4.414, 0.793, 2.426, 0.0, 0, "week")
    >>> explorer = p_alive_explorer(m, lang="en")
    >>> explorer.controls["T"].value = 78
    >>> float(explorer.figure.data[0].x[-1])
    78.0
    """
    if not isinstance(bgnbd, BGNBDResult):
        raise LogilabInputError(f"bgnbd: expected the result of ll.fit_bgnbd(...), found {type(bgnbd).__name__}. Fit the model first.")
    unit = label(f"unit_{bgnbd.time_unit}", lang)
    controls = {
        "T": widgets.FloatSlider(
            value=float(T),
            min=1.0,
            max=float(max(max_T, T)),
            step=1.0,
            description=label("customer_age", lang) + label("in_brackets", lang).format(unit),
            style=_WIDE,
        ),
        "max_frequency": widgets.IntSlider(value=20, min=2, max=60, description=label("repeat_purchases", lang), style=_WIDE),
    }

    def build(values: dict) -> tuple:
        fig = plot_p_alive_matrix(bgnbd, T=values["T"], max_frequency=values["max_frequency"], lang=lang)
        text = (
            f"r = {bgnbd.r:.3f}, α = {bgnbd.alpha:.3f}, a = {bgnbd.a:.3f}, b = {bgnbd.b:.3f}{label('semicolon', lang)}"
            f"{label('customer_age', lang)} = {values['T']:g} {unit}"
        )
        return fig, text

    return Explorer(controls, build)
