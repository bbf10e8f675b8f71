"""Export the executed notebooks to static HTML handouts in ``build/html/``.

Usage::

    python tools/make_handouts.py                     # notebooks/*.ipynb -> build/html/*.html
    python tools/make_handouts.py --out /tmp/html notebooks/00_start_here.ipynb
    python tools/make_handouts.py --static            # widgets as snapshots only, no widget state

Each notebook runs top to bottom in a fresh kernel (an error stops the build),
then nbconvert's ``lab`` template writes one self-contained page:

* plotly.js is embedded **once per page**, in the page head, so every chart is
  interactive (hover, zoom, legend) without an internet connection;
* every plotly figure that a cell returns is drawn from its JSON output;
* every widget appears in its **initial state**: a static snapshot (the
  controls' starting values, the summary line and the interactive figure)
  drawn offline, plus the widget state saved during execution, which
  nbconvert's widget script (loaded from a CDN) renders as live widgets when
  the page is online; the snapshot hides itself once a live figure has drawn.
  In the saved state, each figure widget's front-end code (plotly's 5 MB
  widget bundle) is replaced by a few lines that draw its traces with the
  page's plotly.js: without a kernel the widget cannot update anyway, and the
  page stays about 5 MB however many explorers it has.

Widget snapshots are made in the kernel: a setup cell (not exported) registers
an HTML representation for widgets, and a closing cell (not exported) copies
each ``go.FigureWidget``'s current traces into its saved state, because
plotly syncs traces added after creation as messages, not as state.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import jinja2
import nbformat
import plotly.io as pio
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from plotly.offline import get_plotlyjs

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "html"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
# A static page has no kernel, so a live figure widget only needs to draw its saved
# traces; plotly.js is already on the page (window.Plotly).
FIGURE_WIDGET_ESM = """export default {
  render({ model, el }) {
    const div = document.createElement("div");
    el.appendChild(div);
    window.Plotly.newPlot(div, model.get("_widget_data"), model.get("_widget_layout"), { responsive: true });
  },
};
"""
SETUP_ID, FINISH_ID = "logilab-handout-setup", "logilab-handout-finish"

__all__ = ["execute", "slim_widget_state", "add_figure_html", "export_html", "make_handout", "make_handouts"]

SETUP_SOURCE = r"""
def _logilab_handout_setup():
    import html

    import ipywidgets as widgets
    import plotly.graph_objects as go
    import plotly.io as pio
    from IPython import get_ipython

    def parts(widget, out):
        if isinstance(widget, go.FigureWidget):
            out.append(pio.to_html(widget.to_dict(), include_plotlyjs=False, full_html=False, validate=False))
        elif isinstance(widget, widgets.Box):
            inner = []
            for child in widget.children:
                parts(child, inner)
            row = isinstance(widget, widgets.HBox)
            style = "display:flex;flex-wrap:wrap;gap:0.5em 2em;margin:0.25em 0" if row else ""
            out.append(f'<div style="{style}">' + "".join(inner) + "</div>")
        elif isinstance(widget, widgets.HTML | widgets.HTMLMath):
            out.append(f"<div>{widget.value}</div>")
        elif isinstance(widget, widgets.Label):
            out.append(f"<div>{html.escape(str(widget.value))}</div>")
        elif hasattr(widget, "value") and getattr(widget, "description", None) is not None:
            shown = getattr(widget, "label", None)
            shown = widget.value if shown is None else shown
            out.append(f"<div>{html.escape(widget.description)} <b>{html.escape(str(shown))}</b></div>")

    def snapshot(widget):
        out = []
        parts(widget, out)
        return "".join(out) or None

    get_ipython().display_formatter.formatters["text/html"].for_type(widgets.DOMWidget, snapshot)


_logilab_handout_setup()
del _logilab_handout_setup
"""

FINISH_SOURCE = r"""
def _logilab_handout_finish():
    import copy

    import plotly.graph_objects as go
    from ipywidgets.widgets import widget

    for instance in list(getattr(widget, "_instances", {}).values()):
        if isinstance(instance, go.FigureWidget):
            instance._widget_data = copy.deepcopy(instance._data)
            instance._widget_layout = copy.deepcopy(instance._layout)


_logilab_handout_finish()
del _logilab_handout_finish
"""

TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}
{#- plotly.js before require.js, so it defines window.Plotly rather than an AMD module -#}
<script type="text/javascript">{{ resources.logilab_plotlyjs }}</script>
{{ super() }}
{%- endblock html_head_js -%}
{%- block data_widget_view scoped -%}
{{ super() }}
{%- if 'text/html' in output.data %}
<div class="jp-OutputArea-output logilab-widget-snapshot">
{{ output.data['text/html'] }}
</div>
{%- endif %}
{%- endblock data_widget_view -%}
{%- block footer -%}
<script type="text/javascript">
// Hide a widget's static snapshot once the live widget (online only) has drawn its figure.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('.logilab-widget-snapshot').forEach(function (snapshot) {
    var live = snapshot.previousElementSibling;
    if (!live) return;
    var observer = new MutationObserver(function () {
      if (live.querySelector('.js-plotly-plot .trace')) { snapshot.style.display = 'none'; observer.disconnect(); }
    });
    observer.observe(live, {childList: true, subtree: true});
  });
});
</script>
{{ super() }}
{%- endblock footer -%}
"""


def execute(path: Path, *, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel, with widget snapshots and widget state; return the executed copy."""
    notebook = nbformat.read(path, as_version=4)
    setup = nbformat.v4.new_code_cell(SETUP_SOURCE.strip(), id=SETUP_ID)
    finish = nbformat.v4.new_code_cell(FINISH_SOURCE.strip(), id=FINISH_ID)
    notebook.cells = [setup, *notebook.cells, finish]
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", store_widget_state=True, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    notebook.cells = [cell for cell in notebook.cells if cell.get("id") not in (SETUP_ID, FINISH_ID)]
    return notebook


def slim_widget_state(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Swap each figure widget's 5 MB front-end bundle in the saved state for a few lines that draw it with the page's plotly.js."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE_MIME, {}).get("state", {})
    for model in state.values():
        if str(model.get("state", {}).get("_anywidget_id", "")).endswith("FigureWidget"):
            model["state"]["_esm"] = FIGURE_WIDGET_ESM
    return notebook


def add_figure_html(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give every plotly figure output an HTML rendering (plotly.js itself comes once, in the page head)."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data and "text/html" not in data:
                data["text/html"] = pio.to_html(dict(data[PLOTLY_MIME]), include_plotlyjs=False, full_html=False, validate=False)
    return notebook


def export_html(notebook: nbformat.NotebookNode, *, title: str) -> str:
    """The handout page of an executed notebook."""
    exporter = HTMLExporter(template_name="lab", extra_loaders=[jinja2.DictLoader({"logilab_handout.html.j2": TEMPLATE})])
    exporter.template_file = "logilab_handout.html.j2"
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(notebook, resources={"logilab_plotlyjs": get_plotlyjs(), "metadata": {"name": title}})
    return body


def make_handout(path: Path, out: Path, *, live_widgets: bool = True) -> Path:
    """Execute one notebook and write its handout page ``out/<name>.html``; return the page.

    With ``live_widgets=False`` the widget state is left out: widgets appear
    only as their static snapshots.
    """
    notebook = add_figure_html(slim_widget_state(execute(path)))
    if not live_widgets:
        notebook.metadata.pop("widgets", None)
    target = out / f"{path.stem}.html"
    target.write_text(export_html(notebook, title=path.stem), encoding="utf-8")
    return target


def make_handouts(paths: list[Path], out: Path, *, live_widgets: bool = True) -> list[Path]:
    """Execute and export each notebook in ``paths`` into ``out`` (emptied first); return the pages.

    A notebook that fails to run does not stop the others; the error is raised
    at the end, naming every notebook that failed.
    """
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written, failed = [], {}
    for path in paths:
        try:
            written.append(make_handout(path, out, live_widgets=live_widgets))
        except CellExecutionError as error:
            failed[path.name] = str(error).strip().splitlines()[-1]
    if failed:
        details = "; ".join(f"{name}: {message}" for name, message in failed.items())
        raise RuntimeError(f"{len(failed)} notebook(s) failed to run, no handout for them ({details}); the other pages are in {out}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all in notebooks/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--static", action="store_true", help="leave the widget state out: widgets as snapshots only")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    status = 0
    for path in paths:
        try:
            target = make_handout(path, args.out, live_widgets=not args.static)
        except CellExecutionError as error:
            print(f"FAILED {path.name}: {str(error).strip().splitlines()[-1]}", file=sys.stderr)
            status = 1
            continue
        print(f"{target}  ({target.stat().st_size / 1e6:.1f} MB)")
    return status


if __name__ == "__main__":
    sys.exit(main())
