"""Figures of probabilistic customer value: P(alive) over repeat purchases and recency."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .._validation import LogilabInputError, check_number
from ..clv_models import BGNBDResult, HoldoutComparison
from ..i18n import label
from ._common import PALETTE, style_figure

__all__ = ["p_alive_grid", "plot_p_alive_matrix", "plot_holdout_comparison"]


def p_alive_grid(bgnbd: BGNBDResult, *, T: float, max_frequency: int = 20, steps: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """P(alive) for x = 0 .. max_frequency repeat purchases and t_x from 0 to T (customer age T).

    Returns ``(x, t_x, p)`` with ``p[i, j]`` for ``x[i]`` and ``t_x[j]``; a
    customer without repeat purchases has only t_x = 0 (P = 1), the rest of
    that row is NaN. With x > 0, t_x = 0 is impossible and is NaN too.

    Parameters
    ----------
    bgnbd : BGNBDResult
        A fitted BG/NBD model (:func:`logilab.fit_bgnbd`).
    T : float
        The customer's age, in the model's time unit.
    max_frequency : int, default 20
        The largest number of repeat purchases on the grid.
    steps : int, default 40
        Points of t_x between 0 and T.

    Returns
    -------
    tuple of ndarray
        ``(x, t_x, p)``.

    Examples
    --------
    >>> m = BGNBDResult(None, 0.243, 4.414, 0.793, 2.426, 0.0, 0, "week")
    >>> x, t, p = p_alive_grid(m, T=39, max_frequency=2, steps=3)
    >>> t.tolist(), np.round(p, 3).tolist()
    ([0.0, 19.5, 39.0], [[1.0, nan, nan], [nan, 0.593, 0.754], [nan, 0.531, 0.812]])
    """
    if not isinstance(bgnbd, BGNBDResult):
        raise LogilabInputError(f"bgnbd: expected the result of ll.fit_bgnbd(...), found {type(bgnbd).__name__}. Fit the model first.")
    age = check_number(T, "T", low=0, low_inclusive=False)
    if not (isinstance(max_frequency, (int, np.integer)) and max_frequency >= 1):
        raise LogilabInputError(f"max_frequency: expected a whole number >= 1, found {max_frequency!r}. Use e.g. 20.")
    x = np.arange(int(max_frequency) + 1, dtype=float)
    t_x = np.linspace(0, age, int(steps))
    xx, tt = np.meshgrid(x, t_x, indexing="ij")
    p = 1 / (1 + bgnbd._odds(xx.ravel(), tt.ravel(), np.full(xx.size, age))).reshape(xx.shape)
    p[(xx == 0) & (tt > 0)] = np.nan
    p[(xx > 0) & (tt == 0)] = np.nan
    return x, t_x, p


def plot_p_alive_matrix(
    bgnbd: BGNBDResult, *, T: float, max_frequency: int = 20, steps: int = 40, lang: str | None = None, title: str | None = None
) -> go.Figure:
    """Heat map of P(alive) over the time of the last purchase (t_x) and the number of repeat purchases (x).

    A customer who bought often but not for a long time (top left) is probably
    gone; one who bought recently (right) is probably alive, the more so the
    more often it bought. Times are in the model's unit (``bgnbd.time_unit``).

    Parameters
    ----------
    bgnbd : BGNBDResult
        A fitted BG/NBD model (:func:`logilab.fit_bgnbd`).
    T : float
        The customer's age, in the model's time unit.
    max_frequency : int, default 20
        The largest number of repeat purchases shown.
    steps : int, default 40
        Points of t_x between 0 and T.
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> m = BGNBDResult(None, 0.243, 4.414, 0.793, 2.426, 0.0, 0, "week")
    >>> fig = plot_p_alive_matrix(m, T=39, max_frequency=10, lang="en")
    >>> fig.data[0].type, len(fig.data[0].y), fig.layout.xaxis.title.text
    ('heatmap', 11, 'time of the last purchase t_x (weeks)')
    """
    x, t_x, p = p_alive_grid(bgnbd, T=T, max_frequency=max_frequency, steps=steps)
    unit = label(f"unit_{bgnbd.time_unit}", lang)
    fig = go.Figure(
        go.Heatmap(
            x=t_x,
            y=x,
            z=p,
            zmin=0,
            zmax=1,
            colorscale="RdYlGn",
            colorbar={"title": {"text": "P(alive)"}},
            hovertemplate="t_x = %{x:.1f}<br>x = %{y}<br>P(alive) = %{z:.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=label("last_purchase_time", lang) + label("in_brackets", lang).format(unit))
    fig.update_yaxes(title_text=label("repeat_purchases", lang))
    age = label("in_brackets", lang).format(f"{label('customer_age', lang)} = {float(T):g} {unit}")
    heading = title if title is not None else label("p_alive_matrix", lang) + age
    return style_figure(fig, title=heading)


def plot_holdout_comparison(result: HoldoutComparison, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """Actual and predicted mean holdout purchases by calibration frequency (FHL 2005, Figure 4).

    Parameters
    ----------
    result : HoldoutComparison
        :func:`logilab.holdout_comparison` of a fitted model.
    lang : {"zh", "en"}, optional
        Language of the labels (default: the current language).
    title : str, optional
        The figure's title (default: the label of the chart).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"customers": [10, 5], "actual": [0.2, 1.0], "predicted": [0.25, 0.9]},
    ...                      index=pd.Index([0, 1], name="frequency"))
    >>> fig = plot_holdout_comparison(HoldoutComparison(table, 39.0, "week"), lang="en")
    >>> [trace.name for trace in fig.data], list(fig.data[1].y), list(fig.data[0].x)
    (['actual', 'BG/NBD prediction'], [0.25, 0.9], ['0', '1+'])
    """
    if not isinstance(result, HoldoutComparison):
        raise LogilabInputError(
            f"result: expected the result of ll.holdout_comparison(...), found {type(result).__name__}. Compare the fit first."
        )
    table = result.table
    groups = [str(int(x)) for x in table.index]
    groups[-1] += "+"
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=groups, y=table["actual"].tolist(), mode="lines+markers", name=label("actual", lang), line={"color": PALETTE[0]})
    )
    fig.add_trace(
        go.Scatter(
            x=groups,
            y=table["predicted"].tolist(),
            mode="lines+markers",
            name=label("predicted_bgnbd", lang),
            line={"color": PALETTE[1], "dash": "dash"},
        )
    )
    unit = label(f"unit_{result.time_unit}", lang)
    fig.update_xaxes(title_text=label("calibration_repeat_purchases", lang), type="category")
    fig.update_yaxes(title_text=label("holdout_purchases", lang) + label("in_brackets", lang).format(f"{result.duration:g} {unit}"))
    return style_figure(fig, title=title if title is not None else label("holdout_comparison", lang))
