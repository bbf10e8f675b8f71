"""Figures of the satisfaction notebook: gap model diagram, SERVQUAL chart, gap heatmap, IPA and Kano plots."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ..datasets import describe_sample
from ..i18n import LABELS, get_language, label
from ..kano import KANO_CATEGORY_NAMES
from ..satisfaction import IPA_QUADRANTS, GapModel, IPAResult, ServqualResult
from ._common import PALETTE, style_figure

__all__ = ["dimension_label", "plot_gap_model", "plot_servqual", "plot_segment_gaps", "plot_ipa", "plot_kano"]

NEGATIVE, POSITIVE, NEUTRAL = "#d62728", "#2ca02c", "#7f7f7f"
QUADRANT_COLOURS = {"concentrate_here": "#d62728", "keep_up": "#2ca02c", "low_priority": "#7f7f7f", "possible_overkill": "#ff7f0e"}
KANO_COLOURS = {"A": "#2ca02c", "O": "#1f77b4", "M": "#d62728", "I": "#7f7f7f", "R": "#9467bd", "Q": "#8c564b"}


def _lang_index(lang: str | None) -> int:
    return 0 if (lang or get_language()) == "zh" else 1


def dimension_label(key: str, lang: str | None = None) -> str:
    """The label of a service-quality dimension key (``"reliability"`` -> ``"可靠性"``); other keys as they are.

    Parameters
    ----------
    key : str
        A dimension key such as ``"reliability"``.
    lang : {"zh", "en"}, optional
        Default: the current language.

    Returns
    -------
    str
        The label, or ``key`` itself when it is not a known dimension.

    Examples
    --------
    >>> dimension_label("reliability", "zh"), dimension_label("order_accuracy", "en"), dimension_label("速度", "en")
    ('可靠性', 'order accuracy', '速度')
    """
    return label(f"sq_{key}", lang) if f"sq_{key}" in LABELS else str(key)


def _sample_item_names(lang: str | None = None) -> dict[str, str]:
    """Short names of the sample survey's items, from its catalogue: ``{"rel4": "可靠性4", ...}``.

    Parameters
    ----------
    lang : {"zh", "en"}, optional
        Language of the names (default: the current language).

    Returns
    -------
    dict
        Item code -> name (the catalogue's name of the item's perception column, without "感知").

    Examples
    --------
    >>> _sample_item_names("zh")["rel4"], _sample_item_names("en")["tan1"]
    ('可靠性4', 'tangibles 1')
    """
    zh = _lang_index(lang) == 0
    catalogue = describe_sample("survey")
    return {
        str(column)[:-2]: (str(text_zh).split(" 感知")[0] if zh else str(text_en).split(" perception")[0])
        for column, text_zh, text_en in zip(catalogue["column"], catalogue["zh"], catalogue["en"])
        if str(column).endswith("_p")
    }


def _names(keys, names: Mapping[str, str] | None, lang: str | None) -> list[str]:
    """Given names first, then the dimension's name, then the sample item's name (可靠性4 for rel4), else the key."""
    out = []
    items = None
    for k in keys:
        if names and k in names:
            out.append(str(names[k]))
            continue
        text = dimension_label(k, lang)
        if text == str(k):
            items = _sample_item_names(lang) if items is None else items
            text = items.get(str(k), text)
        out.append(text)
    return out


# the plot area of an IPA or Kano figure in a notebook at the projector's width (1366 px: about 450 x 420 px);
# a wider screen only adds room
_PLOT_PX = (440.0, 340.0)
_SEARCH_BUDGET = 20000  # candidate labels the depth-first search of _place_labels tries before it settles for least overlap
_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right", "bottom left")


def _text_px(text: str, size: float = 13.0) -> tuple[float, float]:
    """Rough width and height in px of ``text`` (a CJK character is as wide as the font size; lines split at ``<br>``)."""
    lines = [re.sub(r"<[^>]+>", "", line) for line in re.split(r"<br\s*/?>", text)]
    # a Latin letter of the workbook's sans-serif font is about half the font size wide (measured in
    # the browser: "real-time shipment tracking" at 13 px is 169 px); 0.55 keeps a little in hand
    width = max(sum(size if ord(ch) > 0x2E80 else 0.55 * size for ch in line) for line in lines)
    # the box plotly draws around one line is about 1.5 font sizes high; each further line adds 1.3
    return width, size * (1.5 + 1.3 * (len(lines) - 1))


def _wrap_two(text: str) -> str | None:
    """``text`` on two lines of about equal width, broken at a space; None when no break leaves two words of 4+ characters.

    Examples
    --------
    >>> _wrap_two("real-time shipment tracking"), _wrap_two("reliability 1"), _wrap_two("可靠性1")
    ('real-time<br>shipment tracking', None, None)
    """
    words = text.split(" ")
    splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    splits = [(a, b) for a, b in splits if len(a) >= 4 and len(b) >= 4]
    if not splits:
        return None
    first, second = min(splits, key=lambda pair: max(_text_px(pair[0])[0], _text_px(pair[1])[0]))
    return f"{first}<br>{second}"


def _short(text: str) -> str | None:
    """A shorter label for a long item name (``"reliability 1"`` -> ``"reli. 1"``), None when there is none.

    Examples
    --------
    >>> _short("responsiveness 3"), _short("tangibles 1"), _short("速度 1"), _short("same-day delivery")
    ('resp. 3', 'tang. 1', None, None)
    """
    match = re.fullmatch(r"([A-Za-z]{6,}) (\d+)", text)
    return f"{match.group(1)[:4]}. {match.group(2)}" if match else None


def _place_labels(
    x: Sequence[float],
    y: Sequence[float],
    texts: Sequence[str],
    x_range: Sequence[float],
    y_range: Sequence[float],
    *,
    obstacles: Sequence[tuple[float, float, float, float]] = (),
    plot_px: tuple[float, float] = _PLOT_PX,
) -> tuple[list[str], list[str]]:
    """A plotly ``textposition`` per point, and its label, so that point labels clear each other, the markers and ``obstacles``.

    In pixels of a plot area of ``plot_px`` (a projected notebook's; wider screens only add
    room), each label takes one of eight positions around its marker, on one line or, where
    that is the only way to clear its neighbours, on two (a long English name:
    ``"24-hour service<br>hotline"``). A depth-first search, top point first and one line
    before two, looks for labels that overlap nothing and stay inside the plot area; when it
    finds none within its budget, each label takes the position that overlaps least, then
    every label that still overlaps moves to the position that overlaps least among all the
    labels placed, until no move helps. If the labels still overlap, every long item name is
    shortened alike (``"reli. 1"`` for ``"reliability 1"``) and kept if that overlaps less;
    the caller shows the whole names in the hover text. ``obstacles`` are boxes
    ``(x0, y0, x1, y1)`` in px (e.g. corner labels).

    Returns
    -------
    tuple of list
        The ``textposition`` and the label shown of every point.

    Examples
    --------
    >>> _place_labels([1.0, 1.0], [1.0, 1.05], ["甲乙丙", "丁戊己"], [0, 2], [0, 2])
    (['bottom center', 'top center'], ['甲乙丙', '丁戊己'])
    """
    width, height = plot_px
    sx = width / (float(x_range[1]) - float(x_range[0]))
    sy = height / (float(y_range[1]) - float(y_range[0]))
    centres = [((float(a) - float(x_range[0])) * sx, (float(b) - float(y_range[0])) * sy) for a, b in zip(x, y)]
    markers = [(cx - 6, cy - 6, cx + 6, cy + 6) for cx, cy in centres]

    def overlap(a, b, air: float) -> float:  # ``air`` px between two texts: the estimate of a text's size is rough
        w = min(a[2], b[2]) - max(a[0], b[0]) + air
        h = min(a[3], b[3]) - max(a[1], b[1]) + air
        return w * h if w > 0 and h > 0 else 0.0

    def arrange(base: Sequence[str]) -> tuple[list[str], list[str], float]:
        """Positions and labels for the names ``base``, and their total overlap (0: none)."""
        # every label's candidates: (text, position, box, cost against markers, obstacles and the plot's edges)
        candidates: list[list[tuple[str, str, tuple[float, float, float, float], float]]] = []
        for i, (cx, cy) in enumerate(centres):
            variants = [base[i]] + ([] if (wrapped := _wrap_two(base[i])) is None else [wrapped])  # one line, else two
            options = []
            for text in variants:
                w, h = _text_px(text)
                for position in _POSITIONS:
                    vertical, horizontal = position.split()
                    x0 = {"center": cx - w / 2, "right": cx + 8, "left": cx - 8 - w}[horizontal]
                    y0 = {"top": cy + 8, "bottom": cy - 8 - h, "middle": cy - h / 2}[vertical]
                    box = (x0, y0, x0 + w, y0 + h)
                    fixed = sum(overlap(box, other, 4) for other in obstacles)
                    fixed += sum(overlap(box, m, 0) for k, m in enumerate(markers) if k != i)
                    fixed += 1000 * (max(0, -box[0]) + max(0, box[2] - width) + max(0, -box[1]) + max(0, box[3] - height))
                    options.append((text, position, box, fixed))
            candidates.append(options)

        # 1. depth-first search, top point first, for labels that overlap nothing
        free = [[option for option in options if option[3] == 0] for options in candidates]
        chosen: dict[int, tuple[str, str, tuple[float, float, float, float], float]] = {}
        budget = [_SEARCH_BUDGET]

        def search(depth: int) -> bool:
            if depth == len(order):
                return True
            i = order[depth]
            for option in free[i]:
                budget[0] -= 1
                if budget[0] < 0:
                    return False
                if all(overlap(option[2], other[2], 4) == 0 for other in chosen.values()):
                    chosen[i] = option
                    if search(depth + 1):
                        return True
                    del chosen[i]
            return False

        if all(free) and search(0):
            return [chosen[i][1] for i in range(n)], [chosen[i][0] for i in range(n)], 0.0

        # 2. else greedy (one line before two), then moves while a move lowers a label's overlap
        def cost(i: int, option, others) -> float:
            return option[3] + sum(overlap(option[2], other[2], 4) for other in others) + (0.0 if option[0] == base[i] else 0.5)

        chosen = {}
        for i in order:
            chosen[i] = min(candidates[i], key=lambda option: cost(i, option, chosen.values()))
        for _ in range(20):
            moved = False
            for i in order:
                others = [option for k, option in chosen.items() if k != i]
                best = min(candidates[i], key=lambda option: cost(i, option, others))
                if cost(i, best, others) < cost(i, chosen[i], others) - 1e-9:
                    chosen[i], moved = best, True
            if not moved:
                break
        total = sum(cost(i, chosen[i], [o for k, o in chosen.items() if k > i]) for i in range(n))
        return [chosen[i][1] for i in range(n)], [chosen[i][0] for i in range(n)], total

    n = len(centres)
    order = sorted(range(n), key=lambda k: -centres[k][1])
    names = [str(text) for text in texts]
    positions, shown, total = arrange(names)
    shorts = [_short(name) or name for name in names]
    if total > 0 and shorts != names:  # every long item name shortened alike, not some of them
        short_positions, short_shown, short_total = arrange(shorts)
        if short_total < total:
            positions, shown = short_positions, short_shown
    return positions, shown


def _corner_boxes(corner_labels, centre, x_range, y_range, plot_px=_PLOT_PX) -> list[tuple[float, float, float, float]]:
    """The px boxes of ``_quadrants``' corner labels, as obstacles for :func:`_place_labels`."""
    sx = plot_px[0] / (float(x_range[1]) - float(x_range[0]))
    sy = plot_px[1] / (float(y_range[1]) - float(y_range[0]))
    boxes = []
    for x, y, text, _colour in corner_labels:
        w, h = _text_px(text)
        px, py = (x - float(x_range[0])) * sx, (y - float(y_range[0])) * sy
        x0 = px if x < centre[0] else px - w
        y0 = py - h if y > centre[1] else py
        boxes.append((x0 - 2, y0 - 2, x0 + w + 2, y0 + h + 2))
    return boxes


def _quadrants(fig: go.Figure, centre: tuple[float, float], corner_labels: list[tuple[float, float, str, str]]) -> None:
    """Dashed lines through ``centre`` and a coloured label in each corner, anchored inwards.

    ``corner_labels`` holds ``(x, y, text, colour)``; a label left of the centre
    is anchored on its left edge, one above the centre on its top edge.
    """
    fig.add_vline(x=centre[0], line_dash="dash", line_color="#444")
    fig.add_hline(y=centre[1], line_dash="dash", line_color="#444")
    for x, y, text, colour in corner_labels:
        fig.add_annotation(
            x=x,
            y=y,
            text=text,
            showarrow=False,
            xanchor="left" if x < centre[0] else "right",
            yanchor="top" if y > centre[1] else "bottom",
            font={"color": colour},
        )


# --- gap model ---------------------------------------------------------------------------

# Box positions of the classic diagram (Parasuraman, Zeithaml & Berry 1985): customer above the line, provider below.
_BOXES = {
    "expected_service": (0.0, 4.0),
    "perceived_service": (0.0, 3.0),
    "service_delivered": (0.0, 1.8),
    "communicated_service": (2.95, 1.8),
    "service_standards": (0.0, 0.9),
    "management_perception": (0.0, 0.0),
}
_BOX_HALF = (1.0, 0.3)
# characters of a box's label on one line: a box is about 140 px wide at the projector's width and
# an 11 px Latin letter about 5.3 px ("external communications to custo", 33 letters, filled 175 px)
_BOX_CHARS = 24


def _wrap_words(text: str, width: int = _BOX_CHARS) -> str:
    """``text`` broken at spaces into lines of at most ``width`` characters (a longer word keeps a line of its own).

    Examples
    --------
    >>> _wrap_words("external communications to customers"), _wrap_words("服务质量标准")
    ('external communications<br>to customers', '服务质量标准')
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


def plot_gap_model(model: GapModel, *, lang: str | None = None, title: str | None = None) -> go.Figure:
    """The five-gap diagram with the current level of every box and the size of every gap, plus a bar chart of the gaps.

    Trace 0 holds the box labels, trace 1 the gap bars (gap 5 negative when
    customers get less than they expect).

    Parameters
    ----------
    model : GapModel
        ``gap_model(...)``.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the boxes of the diagram, trace 1 the gap bars.

    Examples
    --------
    >>> from logilab.satisfaction import gap_model
    >>> fig = plot_gap_model(gap_model(knowledge=0.4, delivery=0.6), lang="en")
    >>> [round(y, 2) for y in fig.data[1].y]
    [0.4, 0.0, 0.6, 0.0, -1.0]
    """
    fig = go.Figure()
    shapes, annotations = [], []
    # a box label on two lines (English) makes its box three lines high: smaller type, a taller figure,
    # the bar chart moved right and "customer" / "service provider" moved left, clear of the wider labels
    wrapped = any("<br>" in _wrap_words(label(k, lang)) for k in _BOXES)
    for key, (x, y) in _BOXES.items():
        customer = key in ("expected_service", "perceived_service")
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": x - _BOX_HALF[0],
                "x1": x + _BOX_HALF[0],
                "y0": y - _BOX_HALF[1],
                "y1": y + _BOX_HALF[1],
                "line": {"color": PALETTE[0] if customer else NEUTRAL},
                "fillcolor": "#e8f1fa" if customer else "#f2f2f2",
                "layer": "below",
            }
        )
    fig.add_trace(
        go.Scatter(
            x=[x for x, _ in _BOXES.values()],
            y=[y for _, y in _BOXES.values()],
            mode="text",
            text=[f"{_wrap_words(label(k, lang))}<br><b>{model.levels[k]:.2f}</b>" for k in _BOXES],
            textfont={"size": 10 if wrapped else 11},
            hoverinfo="skip",
            showlegend=False,
            xaxis="x",
            yaxis="y",
        )
    )
    # the line between customer and provider
    shapes.append(
        {
            "type": "line",
            "xref": "x",
            "yref": "y",
            "x0": -1.05,
            "x1": 3.95,
            "y0": 2.4,
            "y1": 2.4,
            "line": {"dash": "dash", "color": NEUTRAL},
        }
    )
    # "customer" above and "service provider" below the line, in the free column between the boxes
    # (at the left edge they sat on the border of the 服务交付 box)
    middle = (_BOXES["service_delivered"][0] + _BOX_HALF[0] + _BOXES["communicated_service"][0] - _BOX_HALF[0]) / 2
    side = (
        {"x": _BOXES["communicated_service"][0] - _BOX_HALF[0] - 0.05, "xanchor": "right"}
        if wrapped
        else {"x": middle, "xanchor": "center"}
    )
    annotations += [
        {
            **side,
            "y": 2.45,
            "xref": "x",
            "yref": "y",
            "text": label("customer", lang),
            "showarrow": False,
            "yanchor": "bottom",
        },
        {
            **side,
            "y": 2.35,
            "xref": "x",
            "yref": "y",
            "text": label("service_provider", lang),
            "showarrow": False,
            "yanchor": "top",
        },
    ]
    sizes = model.table["size"].to_list()
    names = model.table["name"].to_list()

    def colour(size: float) -> str:
        return NEGATIVE if abs(size) > 1e-9 else POSITIVE

    # gap markers: (gap number, x, y) where the gap label sits, and the line it marks
    links = {
        1: ((1.35, 4.0), (1.35, 0.0)),
        2: ((0.0, 0.3), (0.0, 0.6)),
        3: ((0.0, 1.2), (0.0, 1.5)),
        4: ((1.0, 1.8), (1.95, 1.8)),
        5: ((0.0, 3.3), (0.0, 3.7)),
    }
    for number, ((x0, y0), (x1, y1)) in links.items():
        size = sizes[number - 1]
        shapes.append(
            {"type": "line", "xref": "x", "yref": "y", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "line": {"color": colour(size), "width": 3}}
        )
        annotations.append(
            {
                "x": x0 + 0.1 if number != 4 else 1.42,
                "y": 3.2 if number == 1 else (y0 + y1) / 2 - (0.16 if number == 4 else 0),
                "xref": "x",
                "yref": "y",
                "text": f"{number}: {size:+.2f}" if number == 5 else f"{number}: {size:.2f}",
                "showarrow": False,
                "xanchor": "left",
                "font": {"color": colour(size)},
            }
        )
    shapes.append(
        {
            "type": "line",
            "xref": "x",
            "yref": "y",
            "x0": 1.35,
            "x1": 1.0,
            "y0": 4.0,
            "y1": 4.0,
            "line": {"color": colour(sizes[0]), "width": 3},
        }
    )
    shapes.append(
        {
            "type": "line",
            "xref": "x",
            "yref": "y",
            "x0": 1.35,
            "x1": 1.0,
            "y0": 0.0,
            "y1": 0.0,
            "line": {"color": colour(sizes[0]), "width": 3},
        }
    )
    fig.add_trace(
        go.Bar(
            x=[f"{i}. {n}" for i, n in zip(model.table.index, names)],
            y=sizes,
            marker_color=[colour(s) for s in sizes],
            text=[f"{s:+.2f}" for s in sizes],
            textposition="outside",
            showlegend=False,
            xaxis="x2",
            yaxis="y2",
        )
    )
    fig.update_layout(
        shapes=shapes,
        annotations=annotations,
        xaxis={"domain": [0, 0.62], "range": [-1.1, 4.0], "visible": False},
        yaxis={"range": [-0.5, 4.5], "visible": False},
        xaxis2={"domain": [0.76 if wrapped else 0.72, 1], "anchor": "y2", "tickangle": -30},
        yaxis2={"anchor": "x2", "title": {"text": label("gap_size", lang)}, "zeroline": True},
    )
    bottom = min(min(sizes), -0.5) * 1.3
    top = max(max(sizes), 0.5) * 1.3
    fig.update_layout(yaxis2_range=[bottom, top])
    return style_figure(fig, title=title if title is not None else label("gap_model", lang), height=560 if wrapped else 480)


# --- SERVQUAL ------------------------------------------------------------------------------


def plot_servqual(
    result: ServqualResult, *, names: Mapping[str, str] | None = None, lang: str | None = None, title: str | None = None
) -> go.Figure:
    """Expectation and perception per dimension (a dumbbell), with the gap of each dimension as a bar beside it.

    Traces: 0 expectation, 1 perception, 2 the gap bars (red where perception falls short).

    Parameters
    ----------
    result : ServqualResult
        ``servqual(...)``.
    names : mapping, optional
        ``{dimension: readable name}``.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces 0 expectation, 1 perception, 2 the gap bars.

    Examples
    --------
    >>> import pandas as pd
    >>> from logilab.satisfaction import servqual
    >>> survey = pd.DataFrame({"a1_e": [7, 6], "a1_p": [5, 6], "b1_e": [5, 5], "b1_p": [6, 6]})
    >>> fig = plot_servqual(servqual(survey, dimensions={"A": ["a1"], "B": ["b1"]}, suffixes=("_e", "_p", None)), lang="en")
    >>> fig.data[2].y, fig.data[0].x, fig.data[1].x, fig.data[2].x  # first dimension on top
    (('B', 'A'), (5.0, 6.5), (6.0, 5.5), (1.0, -1.0))
    """
    table = result.dimensions.iloc[::-1]  # first dimension on top
    ys = _names(table.index, names, lang)
    gaps = table["gap"].to_list()
    fig = go.Figure()
    segment_x, segment_y = [], []
    for y, e, p in zip(ys, table["expectation"], table["perception"]):
        segment_x += [e, p, None]
        segment_y += [y, y, None]
    fig.add_trace(
        go.Scatter(
            x=table["expectation"].to_list(),
            y=ys,
            mode="markers",
            name=label("expectation", lang),
            marker={"size": 12, "color": NEUTRAL, "symbol": "line-ns-open", "line": {"width": 3}},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=table["perception"].to_list(), y=ys, mode="markers", name=label("perception", lang), marker={"size": 12, "color": PALETTE[0]}
        )
    )
    fig.add_trace(
        go.Bar(
            x=gaps,
            y=ys,
            orientation="h",
            name=label("gap", lang),
            marker_color=[NEGATIVE if g < 0 else POSITIVE for g in gaps],
            text=[f"{g:+.2f}" for g in gaps],
            textposition="outside",
            xaxis="x2",
            yaxis="y",
        )
    )
    fig.add_trace(
        go.Scatter(x=segment_x, y=segment_y, mode="lines", line={"color": "#c7c7c7", "width": 4}, hoverinfo="skip", showlegend=False)
    )
    low = min(table["expectation"].min(), table["perception"].min())
    high = max(table["expectation"].max(), table["perception"].max())
    span = max(abs(min(gaps)), abs(max(gaps)), 0.5) * 1.4
    fig.update_layout(
        xaxis={
            "domain": [0, 0.6],
            "range": [max(low - 0.5, 0), high + 0.5],
            "title": {"text": f"{label('expectation', lang)} / {label('perception', lang)}"},
        },
        xaxis2={
            "domain": [0.68, 1],
            "anchor": "y",
            "range": [-span, span],
            "title": {"text": label("gap", lang)},
            "zeroline": True,
            "zerolinecolor": "#444",
        },
    )
    subtitle = (
        f"{label('unweighted_score', lang)} {result.unweighted_score:+.2f} · {label('weighted_score', lang)} {result.weighted_score:+.2f}"
    )
    heading = title if title is not None else label("servqual_chart", lang)
    style_figure(fig, title=f"{heading}<br><sup>{subtitle}</sup>", height=max(340, 55 * len(ys) + 190))
    return fig.update_layout(margin={"t": 80})


def plot_segment_gaps(
    result: ServqualResult, *, names: Mapping[str, str] | None = None, lang: str | None = None, title: str | None = None
) -> go.Figure:
    """Heatmap of the mean gap of every dimension in every segment (rows: segments, widest overall gap on top).

    Parameters
    ----------
    result : ServqualResult
        ``servqual(..., segment=...)``.
    names : mapping, optional
        ``{dimension: readable name}``.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap trace, segments in rows and dimensions in columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from logilab.satisfaction import servqual
    >>> survey = pd.DataFrame({"a1_e": [7, 6, 6], "a1_p": [5, 6, 6], "g": ["x", "y", "y"]})
    >>> fig = plot_segment_gaps(servqual(survey, dimensions={"A": ["a1"]}, suffixes=("_e", "_p", None), segment="g"))
    >>> fig.data[0].y, fig.data[0].z.tolist()
    (('x', 'y'), [[-2.0], [0.0]])
    """
    if result.segments is None:
        from .._validation import LogilabInputError

        raise LogilabInputError(
            "result: expected a SERVQUAL result computed with segment=<column>, found none. Call servqual(..., segment='region')."
        )
    dims = list(result.dimensions.index)
    table = result.segments.sort_values("unweighted")
    z = table[dims].to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=_names(dims, names, lang),
            y=[str(s) for s in table.index],
            colorscale="RdYlGn",
            zmid=0,
            text=[[f"{v:+.2f}" for v in row] for row in z],
            texttemplate="%{text}",
            colorbar={"title": {"text": label("gap", lang)}},
            customdata=[[int(n)] * len(dims) for n in table["n"]],
            hovertemplate="%{y} · %{x}: %{z:.2f} (n=%{customdata})<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return style_figure(fig, title=title if title is not None else label("segment_gaps", lang), height=max(320, 38 * len(table) + 160))


# --- IPA -------------------------------------------------------------------------------------


def plot_ipa(result: IPAResult, *, names: Mapping[str, str] | None = None, lang: str | None = None, title: str | None = None) -> go.Figure:
    """The IPA grid: performance across, importance up, the crosshair and every attribute labelled.

    One trace per quadrant (in the order of ``IPA_QUADRANTS``, empty ones left out).

    Parameters
    ----------
    result : IPAResult
        ``ipa(...)``.
    names : mapping, optional
        ``{attribute: readable name}`` for the point labels.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace per non-empty quadrant and the crosshair as shapes.

    Examples
    --------
    >>> import pandas as pd
    >>> from logilab.satisfaction import ipa
    >>> result = ipa(pd.Series({"a": 6.5, "b": 4.0}), pd.Series({"a": 4.0, "b": 6.0}))
    >>> fig = plot_ipa(result, lang="en")
    >>> [(t.name, list(t.text)) for t in fig.data]
    [('concentrate here', ['a']), ('possible overkill', ['b'])]
    """
    idx = _lang_index(lang)
    table = result.table
    pad = 0.3
    x_range = [table["performance"].min() - pad, table["performance"].max() + pad]
    y_range = [table["importance"].min() - pad, table["importance"].max() + pad]
    corners = {
        "concentrate_here": (x_range[0], y_range[1]),
        "keep_up": (x_range[1], y_range[1]),
        "low_priority": (x_range[0], y_range[0]),
        "possible_overkill": (x_range[1], y_range[0]),
    }
    centre = (result.performance_center, result.importance_center)
    corner_labels = [(x, y, f"<b>{IPA_QUADRANTS[q][idx]}</b>", QUADRANT_COLOURS[q]) for q, (x, y) in corners.items()]
    # every point label placed where it clears the other labels, the markers and the corner labels
    texts = _names(table.index, names, lang)
    positions, shown = _place_labels(
        table["performance"],
        table["importance"],
        texts,
        x_range,
        y_range,
        obstacles=_corner_boxes(corner_labels, centre, x_range, y_range),
    )
    placed, shown, full = (pd.Series(values, index=table.index) for values in (positions, shown, texts))
    fig = go.Figure()
    for quadrant, pair in IPA_QUADRANTS.items():
        part = table[table["quadrant"] == quadrant]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["performance"].to_list(),
                y=part["importance"].to_list(),
                mode="markers+text",
                text=shown[part.index].to_list(),
                textposition=placed[part.index].to_list(),
                hovertext=full[part.index].to_list(),
                name=pair[idx],
                marker={"size": 11, "color": QUADRANT_COLOURS[quadrant]},
            )
        )
    _quadrants(fig, centre, corner_labels)
    fig.update_xaxes(title_text=label("performance", lang), range=x_range)
    fig.update_yaxes(title_text=label("importance", lang), range=y_range)
    return style_figure(fig, title=title if title is not None else label("ipa_chart", lang), height=560)


# --- Kano --------------------------------------------------------------------------------------


def plot_kano(
    table: pd.DataFrame, *, names: Mapping[str, str] | None = None, lang: str | None = None, title: str | None = None
) -> go.Figure:
    """Better-Worse diagram of a :func:`~logilab.kano.kano_table`: |Worse| across, Better up, split at 0.5.

    Top left attractive, top right one-dimensional, bottom right must-be,
    bottom left indifferent. One trace per resulting category.

    Parameters
    ----------
    table : DataFrame
        ``kano_table(...)``: ``better``, ``worse`` and ``category`` per feature.
    names : mapping, optional
        ``{feature: readable name}`` for the point labels.
    lang : {"zh", "en"}, optional
        Language of titles, axis labels and legends (default: the current language).
    title : str, optional
        Figure title (default: a title in ``lang``).

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace per category.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"better": [0.8, 0.1], "worse": [-0.2, -0.9], "category": ["A", "M"]}, index=["k2", "k3"])
    >>> fig = plot_kano(table, names={"k2": "time window"}, lang="en")
    >>> [(t.name, list(t.x), list(t.text)) for t in fig.data]
    [('A attractive', [0.2], ['time window']), ('M must-be', [0.9], ['k3'])]
    """
    idx = _lang_index(lang)
    # a little room below 0 on both axes: the two "0" tick labels no longer meet in the corner
    x_range, y_range = [-0.06, 1.04], [-0.08, 1.08]
    corners = {"A": (-0.04, 1.06), "O": (1.02, 1.06), "M": (1.02, -0.06), "I": (-0.04, -0.06)}
    brackets = label("in_brackets", lang)
    corner_labels = [(x, y, f"<b>{KANO_CATEGORY_NAMES[c][idx]}{brackets.format(c)}</b>", KANO_COLOURS[c]) for c, (x, y) in corners.items()]
    texts = [str(names[k]) if names and k in names else str(k) for k in table.index]
    positions, shown = _place_labels(
        -table["worse"], table["better"], texts, x_range, y_range, obstacles=_corner_boxes(corner_labels, (0.5, 0.5), x_range, y_range)
    )
    placed, shown, full = (pd.Series(values, index=table.index) for values in (positions, shown, texts))
    fig = go.Figure()
    for category, pair in KANO_CATEGORY_NAMES.items():
        part = table[table["category"] == category]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=(-part["worse"]).to_list(),
                y=part["better"].to_list(),
                mode="markers+text",
                text=shown[part.index].to_list(),
                textposition=placed[part.index].to_list(),
                hovertext=full[part.index].to_list(),
                name=f"{category} {pair[idx]}",
                marker={"size": 12, "color": KANO_COLOURS[category]},
            )
        )
    _quadrants(fig, (0.5, 0.5), corner_labels)
    fig.update_xaxes(title_text=label("kano_worse", lang), range=x_range)
    fig.update_yaxes(title_text=label("kano_better", lang), range=y_range)
    return style_figure(fig, title=title if title is not None else label("kano_chart", lang), height=560)
