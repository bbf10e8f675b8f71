"""Segmentation widgets: an explorer of k-means and the RFM classes, and a bring-your-own-data uploader.

The uploader's logic lives in plain functions (:func:`read_upload`,
:func:`guess_columns`, :func:`download_link`) so it is tested without a
browser; the widget only wires them to a ``FileUpload``, column dropdowns,
result tables, charts and a download link. An uploaded file goes through the
same reader as the command line (:func:`logilab.read_orders`), so the same file
gives the same customers, and the cleaning report is shown with the results.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Mapping
from datetime import UTC
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from .._results import table_of
from .._validation import LogilabInputError, LogilabTypeError
from ..datasets import load_sample
from ..figures.segmentation import plot_clusters, plot_pareto, plot_segment_scatter, plot_segment_sizes
from ..i18n import error_message, get_language, label
from ..io import COLUMN_SYNONYMS, ENCODING_MENU, OrderExport, csv_bytes, escape_html, import_table, match_columns, read_orders
from ..report import cleaning_lines, segment_export, segment_table
from ..segmentation import RFM_SEGMENTS, SCALINGS, RFMTable, kmeans_segments, rfm_segments, rfm_table
from ._base import Explorer, sync_figure

__all__ = [
    "segmentation_explorer",
    "upload_value",
    "read_upload",
    "guess_columns",
    "download_link",
    "SegmentUploader",
    "segment_upload_widget",
]

_FEATURE_SETS = (("recency", "frequency", "monetary"), ("frequency", "monetary"), ("recency", "monetary"), ("recency", "frequency"))
_SHORT = {"recency": "R", "frequency": "F", "monetary": "M"}


def segmentation_explorer(rfm: RFMTable | pd.DataFrame | None = None, *, lang: str | None = None) -> Explorer:
    """Compare k-means clusters with the eight RFM classes on the same customers.

    Controls: the features k-means uses, their scaling, k (or automatic by
    silhouette), the high/low threshold of the RFM classes, and whether the
    points are coloured by cluster or by RFM class. Clusterings are cached, so
    going back to a setting is instant.

    Parameters
    ----------
    rfm : RFMTable or DataFrame, optional
        Output of :func:`logilab.rfm_table` (or its ``table``, or a frame with
        ``recency``, ``frequency``, ``monetary`` built by hand); by default the sample order lines.
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    Explorer
        The explorer: its controls, a scatter of the customers by cluster or RFM class and a summary
        line.

    Examples
    --------
    >>> explorer = segmentation_explorer(lang="en")
    >>> explorer.controls["k"].value = 3
    >>> len(explorer.figure.data)  # three clusters and their means
    4
    >>> explorer.controls["colour_by"].value = "segment"
    >>> len(explorer.figure.data)
    8
    """
    rfm = table_of(rfm_table(load_sample("order_lines"), order="order_id") if rfm is None else rfm)
    cache: dict[tuple[Any, ...], Any] = {}
    controls = {
        "features": widgets.Dropdown(
            options=[("+".join(_SHORT[f] for f in fs), fs) for fs in _FEATURE_SETS],
            value=_FEATURE_SETS[0],
            description=label("features", lang),
        ),
        "scale": widgets.Dropdown(
            options=[(label(f"scale_{s.replace('-', '_')}", lang), s) for s in SCALINGS],
            value="log-standard",
            description=label("scaling", lang),
        ),
        "k": widgets.Dropdown(options=[(label("k_auto", lang), 0)] + [(str(k), k) for k in range(2, 9)], value=0, description="k"),
        "threshold": widgets.ToggleButtons(
            options=[(label("mean", lang), "mean"), (label("median", lang), "median")],
            value="mean",
            description=label("threshold", lang),
        ),
        "colour_by": widgets.ToggleButtons(
            options=[(label("cluster", lang), "cluster"), (label("segment", lang), "segment")],
            value="cluster",
            description=label("colour_by", lang),
        ),
    }

    def clustering(features: tuple[str, ...], scale: str, k: int):
        key = (features, scale, k)
        if key not in cache:
            k_range = range(2, 9) if k == 0 else (k,)
            cache[key] = kmeans_segments(rfm[list(features)], k=k or None, k_range=k_range, scale=scale)
        return cache[key]

    def build(values: dict[str, Any]):
        features = values["features"]
        x, y = ("frequency", "monetary") if len(features) == 3 else features
        result = clustering(features, values["scale"], values["k"])
        segments = rfm_segments(rfm, threshold=values["threshold"])
        lang_ = lang or get_language()
        if values["colour_by"] == "cluster":
            figure = plot_clusters(result, rfm, x=x, y=y, lang=lang)
        else:
            names = segments.table["segment"].map(RFM_SEGMENTS[lang_])
            figure = plot_segment_scatter(
                rfm, names, x=x, y=y, order=RFM_SEGMENTS[lang_].tolist(), lang=lang, title=label("segment_scatter", lang)
            )
        silhouette = result.selection["silhouette"].get(result.k)
        top = segments.by_segment.sort_values("customers", ascending=False).head(3)
        parts = [f"k = <b>{result.k}</b>"]
        if silhouette is not None:
            parts.append(f"{label('silhouette', lang)} {silhouette:.3f}")
        parts += [f"{row[lang_]} {int(row['customers']):,}" for _, row in top.iterrows()]
        return figure, " · ".join(parts)

    return Explorer(controls, build, columns=3)


# --- bring your own data ----------------------------------------------------------


def upload_value(name: str, content: bytes) -> tuple[dict[str, Any], ...]:
    """A ``FileUpload`` value holding one file, as ipywidgets 8 makes it when a user uploads.

    Setting ``widget.upload.value = upload_value(...)`` feeds a file to the
    upload widget from code (in tests, or to demonstrate it in class).

    Parameters
    ----------
    name : str
        The file name, e.g. ``"orders.csv"``.
    content : bytes
        The file's bytes.

    Returns
    -------
    tuple of dict
        One dict with ``name``, ``type``, ``size``, ``content`` and ``last_modified``.

    Examples
    --------
    >>> value = upload_value("订单.csv", b"a,b\\n1,2\\n")
    >>> value[0]["name"], value[0]["size"], bytes(value[0]["content"])
    ('订单.csv', 8, b'a,b\\n1,2\\n')
    """
    from datetime import datetime

    return (
        {
            "name": name,
            "type": "text/csv" if name.lower().endswith(".csv") else "application/octet-stream",
            "size": len(content),
            "last_modified": datetime.now(UTC),
            "content": memoryview(content),
        },
    )


def _uploaded(value: Any) -> tuple[str, bytes]:
    if not value:
        raise LogilabInputError("upload: expected one uploaded file, found none. Choose a CSV or XLSX file.", reason="no_upload")
    if not isinstance(value, (tuple, list)) or not isinstance(value[0], Mapping) or "content" not in value[0]:
        raise LogilabTypeError(
            f"upload: expected the value of an ipywidgets 8 FileUpload (a tuple of dicts with 'name' and 'content'), found {type(value).__name__}."
            " Upgrade ipywidgets to version 8."
        )
    item = value[0]
    return Path(str(item.get("name", "upload.csv"))).name, bytes(item["content"])


def _with_file(name: str, content: bytes, read: Any) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return read(path)


def read_upload(value: Any, **options: Any) -> OrderExport:
    """Read the order export of an ``ipywidgets.FileUpload`` value (ipywidgets 8: a tuple of dicts).

    Each dict holds ``name`` and ``content`` (a memoryview of the bytes). The
    file goes through :func:`logilab.read_orders`, the reader of the command
    line: encodings, title rows, total rows, ``¥`` amounts and refunds are
    handled and reported the same way. ``options`` are those of
    :func:`logilab.read_orders` (``customer=``, ``date_format=`` ...).
    Rows are numbered as in the spreadsheet.

    Parameters
    ----------
    value : tuple of dict
        ``FileUpload.value``.
    **options
        Keyword options of :func:`logilab.read_orders`.

    Returns
    -------
    OrderExport
        The lines read and the cleaning report.

    Examples
    --------
    >>> value = ({"name": "订单.csv", "content": memoryview("客户编号,日期,金额\\n007,2025-03-01,￥100\\n".encode("gbk"))},)
    >>> export = read_upload(value)
    >>> export.source, export.encoding, export.table.loc[2, "客户编号"], float(export.table.loc[2, "金额"])
    ('订单.csv', 'gb18030', '007', 100.0)
    """
    name, content = _uploaded(value)
    return _with_file(name, content, lambda path: read_orders(path, **options))


def guess_columns(table: pd.DataFrame) -> tuple[dict[str, str | None], list[str]]:
    """Propose a column for each role; where none or several fit, leave it open and say why.

    Parameters
    ----------
    table : DataFrame
        The uploaded table.

    Returns
    -------
    (dict, list of str)
        ``{role: column or None}`` and one message per role left open.

    Examples
    --------
    >>> guess_columns(pd.DataFrame(columns=["客户编号", "下单日期", "金额", "销售额"]))[0]
    {'customer': '客户编号', 'date': '下单日期', 'amount': None, 'order': None}
    """
    mapping, errors = _guess_columns(table)
    return mapping, [str(error) for error in errors]


def _guess_columns(table: pd.DataFrame) -> tuple[dict[str, str | None], list[LogilabInputError]]:
    """:func:`guess_columns` with the errors themselves, so that a widget can word them in its language."""
    mapping: dict[str, str | None] = {}
    errors: list[LogilabInputError] = []
    for role, words in COLUMN_SYNONYMS.items():
        try:
            found = match_columns(table, {role: words}, {}, required=[role] if role != "order" else [], name="columns")
        except LogilabInputError as error:
            errors.append(error)
            found = {role: None}
        mapping[role] = found[role]
    return mapping, errors


def download_link(data: bytes, filename: str, *, text: str, mime: str = "text/csv") -> str:
    """An HTML link that downloads ``data`` as ``filename`` (a data URI: no server needed).

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        The name the browser saves it under.
    text : str
        The link text.
    mime : str, default "text/csv"
        The media type.

    Returns
    -------
    str
        An ``<a download>`` element with a base64 data URI.

    Examples
    --------
    >>> download_link(b"a,b\\n", "x.csv", text="download")
    '<a download="x.csv" href="data:text/csv;base64,YSxiCg==" target="_blank">download</a>'
    """
    encoded = base64.b64encode(data).decode("ascii")
    return f'<a download="{escape_html(filename)}" href="data:{mime};base64,{encoded}" target="_blank">{escape_html(text)}</a>'


class SegmentUploader(widgets.VBox):
    """Upload an order export, map its columns, and get segments, charts and a CSV download.

    Attributes
    ----------
    upload : ipywidgets.FileUpload
    controls : dict
        ``customer``, ``date``, ``amount``, ``order`` (column dropdowns) and ``k``.
    options : dict
        How the file is read, as on the command line: ``encoding``, ``header_row``,
        ``date_format``, ``refunds``, ``incomplete`` and ``allow_future``.
    status : ipywidgets.HTML
        What was read, or what to fix.
    table : ipywidgets.HTML
        The eight segments with their service strategy.
    figure, pareto : go.FigureWidget
        Segment sizes and the Pareto curve.
    download : ipywidgets.HTML
        The link to the per-customer CSV.
    result : Segmentation or None
        The latest result.
    data : DataFrame or None
        The uploaded table.

    Examples
    --------
    >>> uploader = segment_upload_widget(lang="en")
    >>> uploader.result is None, sorted(uploader.controls)
    (True, ['amount', 'customer', 'date', 'k', 'order'])
    """

    def __init__(self, *, lang: str | None = None) -> None:
        self.lang = lang
        self.data: pd.DataFrame | None = None
        self.export: OrderExport | None = None
        self._content = b""
        self.source = ""
        self.result = None
        self._updating = False
        self.upload = widgets.FileUpload(accept=".csv,.txt,.xlsx", multiple=False, description=label("upload_file", lang))
        self.upload.layout.width = "auto"
        none = label("no_column", lang)
        # the default 80 px description cuts "customer column" (about 113 px) with an ellipsis
        self.controls = {
            role: widgets.Dropdown(
                options=[(none, None)], value=None, description=label(f"{role}_column", lang), style={"description_width": "initial"}
            )
            for role in ("customer", "date", "amount", "order")
        }
        self.controls["k"] = widgets.Dropdown(
            options=[(label("k_auto", lang), 0)] + [(str(k), k) for k in range(2, 9)], value=0, description="k"
        )
        automatic = label("automatic", lang)
        self.options = {
            "encoding": widgets.Dropdown(
                options=[(automatic, None)] + [(name, codec) for codec, name in ENCODING_MENU.items()],
                value=None,
                description=label("encoding", lang),
            ),
            "header_row": widgets.Dropdown(
                options=[(automatic, None)] + [(str(n), n) for n in range(1, 11)], value=None, description=label("header_row", lang)
            ),
            "date_format": widgets.Dropdown(
                options=[(automatic, None), (label("day_first", lang), "dmy"), (label("month_first", lang), "mdy")],
                value=None,
                description=label("date_order", lang),
            ),
            "refunds": widgets.Dropdown(
                options=[(label(f"refunds_{p}", lang), p) for p in ("net", "drop", "refuse")],
                value="net",
                description=label("refunds", lang),
            ),
            "incomplete": widgets.Dropdown(
                options=[(label("incomplete_error", lang), "error"), (label("incomplete_drop", lang), "drop")],
                value="error",
                description=label("incomplete_rows", lang),
            ),
            "allow_future": widgets.Checkbox(value=False, description=label("allow_future", lang), indent=False),
        }
        for option in self.options.values():
            option.style.description_width = "initial"
        self.status = widgets.HTML(label("upload_prompt", lang))
        self.table = widgets.HTML()
        self.figure = go.FigureWidget()
        self.pareto = go.FigureWidget()
        self.download = widgets.HTML()
        controls = list(self.controls.values())
        options = list(self.options.values())
        # how the file is read matters only for unusual exports: folded away until needed
        self.reading = widgets.Accordion(children=[widgets.VBox([widgets.HBox(options[:3]), widgets.HBox(options[3:])])])
        self.reading.set_title(0, label("reading_options", lang))
        self.reading.selected_index = None
        super().__init__(
            children=[
                self.upload,
                widgets.HBox(controls[:3]),
                widgets.HBox(controls[3:]),
                self.reading,
                self.status,
                self.download,
                self.table,
                self.figure,
                self.pareto,
            ]
        )
        self.upload.observe(self._on_upload, names="value")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        for name in ("encoding", "header_row"):  # these change the columns: read the file again
            self.options[name].observe(self._on_reading_change, names="value")
        for name in ("date_format", "refunds", "incomplete", "allow_future"):
            self.options[name].observe(self._on_change, names="value")

    def _on_upload(self, change: Any) -> None:
        if change["new"]:
            self.load(change["new"])

    def _on_reading_change(self, _change: Any) -> None:
        if self._content and not self._updating:
            self._read_columns()

    def _on_change(self, _change: Any) -> None:
        if not self._updating:
            self.refresh()

    def _error(self, *errors: Exception) -> None:
        zh = (self.lang or get_language()) == "zh"
        message = escape_html(("；" if zh else " ").join(error_message(error, self.lang) for error in errors))
        self.status.value = f"<span style='color:#c0392b'>[{label('caution', self.lang)}] {label('upload_error', self.lang)}{'：' if zh else ': '}{message}</span>"
        self.download.value = ""

    def load(self, value: Any) -> None:
        """Read an upload value, propose the columns, and segment if they are clear."""
        try:
            self.source, self._content = _uploaded(value)
        except (LogilabInputError, LogilabTypeError) as error:
            self.data, self.result = None, None
            self._error(error)
            return
        self._read_columns()

    def _reading(self) -> dict[str, Any]:
        return {"encoding": self.options["encoding"].value, "header_row": self.options["header_row"].value}

    def _read_columns(self) -> None:
        """Read the header of the upload with the chosen encoding and header row, and propose the columns."""
        try:
            self.data = _with_file(self.source, self._content, lambda path: import_table(path, **self._reading()).table)
        except (LogilabInputError, LogilabTypeError, ValueError) as error:
            self.data, self.result = None, None
            self._error(error)
            return
        mapping, errors = _guess_columns(self.data)
        none = label("no_column", self.lang)
        options = [(none, None)] + [(str(c), str(c)) for c in self.data.columns]
        self._updating = True
        try:
            for role in ("customer", "date", "amount", "order"):
                self.controls[role].options = options
                self.controls[role].value = mapping[role]
        finally:
            self._updating = False
        if errors:
            self.result = None
            self._error(*errors)
            return
        self.refresh()

    def refresh(self) -> None:
        """Read the upload with the chosen columns, segment it and show the results with the cleaning report."""
        if self.data is None:
            return
        roles = {role: self.controls[role].value for role in ("customer", "date", "amount", "order")}
        if any(roles[r] is None for r in ("customer", "date", "amount")):
            self.result = None
            self._error(
                LogilabInputError(
                    f"columns: expected a column for customer, date and amount, found {roles}. Choose them above.",
                    reason="columns_not_chosen",
                )
            )
            return
        try:
            reading = {**self._reading(), **{n: self.options[n].value for n in ("date_format", "refunds", "incomplete")}}
            self.export = _with_file(self.source, self._content, lambda path: read_orders(path, **roles, **reading))
            k = self.controls["k"].value or None
            customers = self.export.table[roles["customer"]].nunique()
            # k-means needs at least three customers
            self.result = self.export.segment(k=k, clusters=customers > 2, allow_future=self.options["allow_future"].value)
        except (LogilabInputError, LogilabTypeError) as error:
            self.result = None
            self._error(error)
            return
        lang = self.lang or get_language()
        rows = len(self.export.table)
        customers = len(self.result.table)
        steps = "".join(f"<li>{escape_html(line)}</li>" for line in cleaning_lines(self.result, lang=lang))
        self.status.value = (
            f"<b>{escape_html(self.source)}</b>{label('colon', lang)}{rows:,} {label('order_lines', lang)} · {customers:,} {label('customers', lang)}"
            f" · {label('as_of_date', lang)} {self.result.parameters['as_of']} · k = {self.result.parameters['k'] or '—'}"
            f"<details open><summary>{label('data_cleaning', lang)}</summary><ul>{steps}</ul></details>"
        )
        # a table wider than the notebook scrolls sideways instead of losing its first column
        table_html = segment_table(self.result, lang=lang).to_html(index=False, border=0, justify="left")
        self.table.value = f'<div style="overflow-x: auto; max-width: 100%">{table_html}</div>'
        sync_figure(self.figure, plot_segment_sizes(self.result.segments.by_segment, lang=lang))
        sync_figure(self.pareto, plot_pareto(self.result.abc, lang=lang))
        export = segment_export(self.result, lang=lang)
        filename = f"{Path(self.source).stem}_segments.csv"
        self.download.value = download_link(csv_bytes(export), filename, text=label("download_csv", lang))


def segment_upload_widget(*, lang: str | None = None) -> SegmentUploader:
    """The bring-your-own-data widget: upload a CSV/XLSX, map columns, get segments and a CSV.

    Parameters
    ----------
    lang : {"zh", "en"}, optional
        Language of the controls, the summary and the figure (default: the current language).

    Returns
    -------
    SegmentUploader
        The upload control, the column dropdowns, the status line, the segment table, two charts and
        the download link.

    Examples
    --------
    >>> widget = segment_upload_widget(lang="en")
    >>> widget.upload.value = upload_value("o.csv", b"customer_id,date,amount\\nA,2025-12-01,10\\nB,2025-06-01,30\\n")
    >>> widget.controls["customer"].value, widget.result.table["segment"].tolist()
    ('customer_id', ['general_development', 'important_winback'])
    """
    return SegmentUploader(lang=lang)
