"""The one pattern every widget follows: controls -> pure function -> figure.

An :class:`Explorer` is an ``ipywidgets.VBox`` holding its controls, a
``go.FigureWidget`` and an HTML summary line. Its update logic is a plain
function ``build(values) -> (figure, summary_html)`` of the control values,
so it can be tested without a browser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

__all__ = ["Explorer", "sync_figure"]

Build = Callable[[dict[str, Any]], "tuple[go.Figure, str] | go.Figure"]


def sync_figure(target: go.FigureWidget, source: go.Figure) -> None:
    """Make ``target`` show ``source``: traces updated in place when they match, else replaced.

    Updating in place keeps the browser from redrawing the whole chart, so a
    slider feels instant.

    Parameters
    ----------
    target : plotly.graph_objects.FigureWidget
        The figure on screen (changed in place).
    source : plotly.graph_objects.Figure
        The figure to show.

    Returns
    -------
    None
        ``target`` now shows the traces and layout of ``source``.

    Examples
    --------
    >>> target = go.FigureWidget(go.Figure(go.Bar(y=[1, 2])))
    >>> sync_figure(target, go.Figure(go.Bar(y=[3, 4])))
    >>> list(target.data[0].y)
    [3, 4]
    >>> sync_figure(target, go.Figure(go.Scatter(y=[5])))
    >>> target.data[0].type, list(target.data[0].y)
    ('scatter', [5])
    """
    same_shape = len(target.data) == len(source.data) and all(t.type == s.type for t, s in zip(target.data, source.data))
    if not same_shape:
        target.data = []
        target.add_traces(list(source.data))
    with target.batch_update():
        if same_shape:
            for trace, new in zip(target.data, source.data):
                trace.update(new.to_plotly_json(), overwrite=True)
        target.layout.update(source.layout.to_plotly_json(), overwrite=True)


def _rows(controls: list[widgets.Widget], columns: int) -> list[widgets.HBox]:
    """Controls in rows of ``columns``, each row at most a projector's output width; a row of toggle buttons gets a row of its own, so its buttons never wrap.

    Examples
    --------
    >>> mode = widgets.ToggleButtons(options=["a", "b"])
    >>> sliders = [widgets.IntSlider() for _ in range(3)]
    >>> [len(row.children) for row in _rows([sliders[0], mode, *sliders[1:]], 2)]
    [1, 1, 2]
    >>> wide = [widgets.IntSlider(layout={"width": "400px"}) for _ in range(3)]
    >>> [len(row.children) for row in _rows(wide, 3)]
    [2, 1]
    """
    rows, current = [], []

    def close_row() -> None:
        if current:
            rows.append(widgets.HBox(list(current)))
            current.clear()

    for control in controls:
        if isinstance(control, widgets.ToggleButtons):
            close_row()
            rows.append(widgets.HBox([control]))
            continue
        if current and sum(map(_width_px, current)) + _width_px(control) > _ROW_PX:
            close_row()
        current.append(control)
        if len(current) == columns:
            close_row()
    close_row()
    for row in rows:
        row.layout.flex_flow = "row wrap"  # a control too wide for one line goes on to the next, never past the page's edge
    return rows


_ROW_PX = 920  # a JupyterLab output area on a 1366 px projector is about 930 px wide


def _width_px(control: widgets.Widget) -> int:
    width = str(control.layout.width or "")
    return int(float(width[:-2])) if width.endswith("px") else _DEFAULT_SLIDER_PX


def _fit_labels(control: widgets.Widget) -> None:
    """Give a control room for its whole Chinese label on a projector: no description or button cut off."""
    style = getattr(control, "style", None)
    if style is None:
        return
    if hasattr(style, "description_width") and not style.description_width and getattr(control, "description", ""):
        style.description_width = "initial"  # the default 80 px cuts a longer description with an ellipsis
    if isinstance(control, widgets.ToggleButtons) and not style.button_width:
        style.button_width = "auto"  # as wide as each button's label
    if isinstance(control, _SLIDERS) and control.layout.width is None and getattr(control, "description", ""):
        # the slider keeps its track when a long (English) description takes the room of the default 300 px
        width = _text_width(control.description) + _SLIDER_TRACK_AND_READOUT_PX
        if width > _DEFAULT_SLIDER_PX:
            control.layout.width = f"{width}px"


_SLIDERS = (widgets.IntSlider, widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntRangeSlider, widgets.FloatRangeSlider)
_DEFAULT_SLIDER_PX = 300  # ipywidgets' --jp-widgets-inline-width
_SLIDER_TRACK_AND_READOUT_PX = 190


def _text_width(text: str) -> int:
    """The width of a widget label in px at 13 px type: about 7 px a Latin letter, 13 px a Chinese character.

    Examples
    --------
    >>> _text_width("damage rate"), _text_width("货损率")
    (77, 39)
    """
    return sum(13 if unicodedata.east_asian_width(char) in "WF" else 7 for char in text)


class Explorer(widgets.VBox):
    """Controls, a live figure and a summary line, kept in step by one pure function.

    Parameters
    ----------
    controls : mapping of name -> ipywidgets control
        Each control's ``value`` is passed to ``build`` under its name.
    build : callable
        ``build(values)`` returns a ``go.Figure`` or ``(go.Figure, summary_html)``.
    columns : int, default 2
        How many controls per row.
    inactive : callable, optional
        ``inactive(values)`` returns the names of the controls that have no effect
        with the current values (e.g. a share that only the linear combination uses);
        they are disabled until it stops naming them.
    panel : ipywidgets widget, optional
        The controls already laid out (e.g. a grid with one column per provider),
        shown instead of the rows of ``columns``; it must hold every control.

    Attributes
    ----------
    controls : dict
        The controls by name (also reachable as attributes, ``explorer.k``).
    figure : go.FigureWidget
        The chart; tests read ``explorer.figure.data``.
    summary : ipywidgets.HTML
        Key numbers of the current state.
    values : dict
        The current control values.

    Examples
    --------
    >>> slider = widgets.IntSlider(value=2, min=1, max=5)
    >>> explorer = Explorer({"n": slider}, lambda values: (go.Figure(go.Bar(y=[1] * values["n"])), f"n = {values['n']}"))
    >>> explorer.n.value = 4
    >>> len(explorer.figure.data[0].y), explorer.summary.value, explorer.values
    (4, 'n = 4', {'n': 4})
    >>> buttons = widgets.ToggleButtons(options=["每个客户各自的保留率", "全体"], description="保留率估计")
    >>> explorer = Explorer({"b": buttons}, lambda values: go.Figure())
    >>> buttons.style.button_width, buttons.style.description_width
    ('auto', 'initial')

    A control without effect in the current mode is disabled:

    >>> mode = widgets.ToggleButtons(options=["product", "linear"])
    >>> share = widgets.FloatSlider(value=0.5)
    >>> explorer = Explorer({"mode": mode, "share": share}, lambda v: go.Figure(),
    ...                     inactive=lambda v: ["share"] if v["mode"] == "product" else [])
    >>> share.disabled, mode.disabled
    (True, False)
    >>> mode.value = "linear"
    >>> share.disabled
    False
    """

    def __init__(
        self,
        controls: Mapping[str, widgets.Widget],
        build: Build,
        *,
        columns: int = 2,
        inactive: Callable[[dict[str, Any]], Iterable[str]] | None = None,
        panel: widgets.Widget | None = None,
    ) -> None:
        self.controls = dict(controls)
        for control in self.controls.values():
            _fit_labels(control)
        self._build = build
        self._inactive = inactive
        self.figure = go.FigureWidget()
        self.summary = widgets.HTML()
        top = [panel] if panel is not None else _rows(list(self.controls.values()), columns)
        super().__init__(children=[*top, self.summary, self.figure])
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    def __getattr__(self, name: str) -> Any:
        controls = self.__dict__.get("controls", {})
        if name in controls:
            return controls[name]
        raise AttributeError(name)

    @property
    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, _change: Any) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute from the current control values and update figure and summary."""
        values = self.values
        if self._inactive is not None:
            idle = set(self._inactive(values))
            for name, control in self.controls.items():
                if hasattr(control, "disabled"):
                    control.disabled = name in idle
        result = self._build(values)
        figure, summary = result if isinstance(result, tuple) else (result, "")
        sync_figure(self.figure, figure)
        self.summary.value = summary
