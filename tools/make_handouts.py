"""Export the notebooks to static HTML handouts that work offline: an instructor and a student build.

Usage::

    python tools/make_handouts.py                          # both builds of notebooks/*.ipynb
    python tools/make_handouts.py --audience student       # only build/handouts/student/
    python tools/make_handouts.py --out /tmp/h notebooks/00_start_here.ipynb

Two builds, each a folder of pages that can be copied anywhere and opened
without an internet connection:

* ``build/handouts/instructor/<notebook>.html``: every cell, solutions included;
* ``build/handouts/student/<notebook>.html``: the cells tagged ``solution`` are
  left out before the notebook runs, so neither their code nor their output is
  on the page (the exercises read "no answer yet").

Each notebook runs top to bottom in a fresh kernel (an error stops its page),
then nbconvert's ``lab`` template writes the page:

* plotly.js is embedded **once per page**, in the page head, so every chart is
  interactive (hover, zoom, legend) offline;
* formulas are typeset by MathJax 2.7 from the ``mathjax/`` folder beside the
  pages (copied from the ``jupyter-server-mathjax`` package), not from a CDN;
* every widget appears in its **initial state** as a static snapshot laid out
  at the page's full width: sliders, check boxes, drop-downs and buttons drawn
  as disabled HTML controls with their starting values, the summary text, and
  the explorer's figure (interactive like the others). Moving a control needs
  a running kernel: open the notebook in JupyterLab for that;
* no script or style is fetched from the network (no require.js, no widget
  manager, no mermaid): the page and its ``mathjax/`` folder are all it needs.

Widget snapshots are made in the kernel: a setup cell (not exported) registers
an HTML representation for widgets.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import jinja2
import jupyter_server_mathjax
import nbformat
import plotly.io as pio
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from plotly.offline import get_plotlyjs

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "handouts"
AUDIENCES = ("instructor", "student")
SOLUTION_TAG = "solution"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
MATHJAX_SOURCE = Path(jupyter_server_mathjax.__file__).parent / "static"
MATHJAX_DIR = "mathjax"
MATHJAX_URL = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
SETUP_ID = "logilab-handout-setup"

__all__ = ["execute", "add_figure_html", "export_html", "copy_mathjax", "make_handout", "make_handouts", "AUDIENCES"]

SETUP_SOURCE = r"""
def _logilab_handout_setup():
    import html

    import ipywidgets as widgets
    import plotly.graph_objects as go
    import plotly.io as pio
    from IPython import get_ipython

    row_style = "display:flex;flex-wrap:wrap;align-items:center;gap:0.4em 1.5em;margin:0.25em 0;width:100%"
    control_style = "display:flex;align-items:center;gap:0.5em;min-width:16em;flex:1 1 16em"

    def figure(fig):
        spec = fig.to_dict()
        spec.get("layout", {}).pop("width", None)  # the snapshot takes the page's width
        return pio.to_html(spec, include_plotlyjs=False, full_html=False, validate=False, default_width="100%", config={"responsive": True})

    def text(value):
        return html.escape(str(value))

    def describe(widget):
        return f"<span>{text(widget.description)}</span>" if getattr(widget, "description", "") else ""

    def output_area(widget, out):
        for item in widget.outputs:
            data = item.get("data", {})
            if "application/vnd.plotly.v1+json" in data:
                out.append(pio.to_html(data["application/vnd.plotly.v1+json"], include_plotlyjs=False, full_html=False, validate=False, default_width="100%"))
            elif "text/html" in data:
                out.append(f"<div>{data['text/html']}</div>")
            elif "text/plain" in data:
                out.append(f"<pre>{text(data['text/plain'])}</pre>")
            elif item.get("output_type") == "stream":
                out.append(f"<pre>{text(item.get('text', ''))}</pre>")

    def parts(widget, out):
        if isinstance(widget, go.FigureWidget):
            out.append(figure(widget))
        elif isinstance(widget, widgets.Output):
            output_area(widget, out)
        elif isinstance(widget, widgets.Tab | widgets.Accordion):
            for i, child in enumerate(widget.children):
                title = widget.titles[i] if i < len(widget.titles) and widget.titles[i] else ""
                out.append(f"<h4 style='margin:0.5em 0 0.2em'>{text(title)}</h4>" if title else "")
                parts(child, out)
        elif isinstance(widget, widgets.Box):
            inner = []
            for child in widget.children:
                parts(child, inner)
            style = row_style if isinstance(widget, widgets.HBox) else "width:100%"
            out.append(f'<div style="{style}">' + "".join(inner) + "</div>")
        elif isinstance(widget, widgets.HTML | widgets.HTMLMath):
            out.append(f"<div>{widget.value}</div>")
        elif isinstance(widget, widgets.Label):
            out.append(f"<div>{text(widget.value)}</div>")
        elif isinstance(widget, widgets.Checkbox | widgets.ToggleButton):
            checked = " checked" if widget.value else ""
            out.append(f'<label style="{control_style}"><input type="checkbox" disabled{checked}> {text(widget.description)}</label>')
        elif isinstance(widget, widgets.Button):
            out.append(f"<button disabled>{text(widget.description)}</button>")
        elif isinstance(widget, widgets.ToggleButtons | widgets.RadioButtons):
            buttons = "".join(
                f"<span style='padding:0.1em 0.6em;border:1px solid #888;{'background:#333;color:#fff' if label == widget.label else ''}'>{text(label)}</span>"
                for label in widget._options_labels
            )
            out.append(f'<div style="{control_style};flex-wrap:wrap">{describe(widget)}{buttons}</div>')
        elif hasattr(widget, "_options_labels"):  # Dropdown, Select, ...
            out.append(f'<label style="{control_style}">{describe(widget)}<select disabled><option selected>{text(widget.label)}</option></select></label>')
        elif isinstance(widget, widgets.IntRangeSlider | widgets.FloatRangeSlider | widgets.SelectionRangeSlider):
            low, high = (widget.label if hasattr(widget, "label") else widget.value)
            out.append(f'<div style="{control_style}">{describe(widget)}<b>{text(low)} – {text(high)}</b></div>')
        elif isinstance(widget, widgets.SelectionSlider):
            out.append(f'<div style="{control_style}">{describe(widget)}<b>{text(widget.label)}</b></div>')
        elif hasattr(widget, "min") and hasattr(widget, "max") and isinstance(widget.value, int | float):
            shown = format(widget.value, widget.readout_format) if hasattr(widget, "readout_format") else widget.value
            step = getattr(widget, "step", None) or "any"
            out.append(
                f'<label style="{control_style}">{describe(widget)}'
                f'<input type="range" disabled min="{widget.min}" max="{widget.max}" step="{step}" value="{widget.value}" style="flex:1">'
                f"<b>{text(shown)}</b></label>"
            )
        elif hasattr(widget, "value") and getattr(widget, "description", None) is not None:
            out.append(f'<div style="{control_style}">{describe(widget)}<b>{text(widget.value)}</b></div>')

    def snapshot(widget):
        out = []
        parts(widget, out)
        return '<div class="logilab-widget-snapshot" style="width:100%">' + "".join(out) + "</div>" if out else None

    get_ipython().display_formatter.formatters["text/html"].for_type(widgets.DOMWidget, snapshot)


_logilab_handout_setup()
del _logilab_handout_setup
"""

TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}
{#- plotly.js itself, once; nothing is loaded from the network -#}
<script type="text/javascript">{{ resources.logilab_plotlyjs }}</script>
{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
{#- MathJax 2.7 from the folder beside the page; the package ships the STIX-Web fonts only -#}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  TeX: { equationNumbers: { autoNumber: "AMS", useLabelIds: true } },
  tex2jax: { inlineMath: [["$", "$"], ["\\(", "\\)"]], displayMath: [["$$", "$$"], ["\\[", "\\]"]], processEscapes: true, processEnvironments: true },
  "HTML-CSS": { availableFonts: ["STIX-Web"], preferredFont: "STIX-Web", webFont: "STIX-Web", imageFont: null, linebreaks: { automatic: true } },
  displayAlign: "center",
  messageStyle: "none",
  menuSettings: { locale: "en" }
});
</script>
<script type="text/javascript" src="{{ resources.logilab_mathjax_url }}"></script>
{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style>
/* the page uses the whole window, as a projector needs */
body.jp-Notebook { max-width: none; }
.jp-OutputArea-output { max-width: 100%; overflow-x: auto; }
.logilab-widget-snapshot input[type=range] { accent-color: #4c78a8; }
</style>
{%- endblock extra_css -%}
{%- block data_widget_view scoped -%}
{%- if 'text/html' in output.data %}
<div class="jp-OutputArea-output jp-RenderedHTMLCommon">
{{ output.data['text/html'] }}
</div>
{%- endif %}
{%- endblock data_widget_view -%}
"""


def _drop_solutions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    notebook.cells = [cell for cell in notebook.cells if SOLUTION_TAG not in cell.get("metadata", {}).get("tags", [])]
    return notebook


def execute(path: Path, *, audience: str = "instructor", timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel with widget snapshots; the student build leaves the solution cells out first."""
    notebook = nbformat.read(path, as_version=4)
    if audience == "student":
        notebook = _drop_solutions(notebook)
    setup = nbformat.v4.new_code_cell(SETUP_SOURCE.strip(), id=SETUP_ID)
    notebook.cells = [setup, *notebook.cells]
    for attempt in range(2):
        client = NotebookClient(
            notebook, timeout=timeout, startup_timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        try:
            client.execute()
            break
        except RuntimeError as error:  # a kernel that dies while starting (a busy machine): one more try
            if attempt or "Kernel died before replying" not in str(error):
                raise
    notebook.cells = [cell for cell in notebook.cells if cell.get("id") != SETUP_ID]
    notebook.metadata.pop("widgets", None)
    return notebook


def add_figure_html(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give every plotly figure output an HTML rendering at the page's width (plotly.js itself comes once, in the page head)."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                spec = dict(data[PLOTLY_MIME])
                spec["layout"] = {k: v for k, v in dict(spec.get("layout", {})).items() if k != "width"}
                data["text/html"] = pio.to_html(
                    spec, include_plotlyjs=False, full_html=False, validate=False, default_width="100%", config={"responsive": True}
                )
                del data[PLOTLY_MIME]
    return notebook


def export_html(notebook: nbformat.NotebookNode, *, title: str) -> str:
    """The handout page of an executed notebook (MathJax from ``mathjax/`` beside it)."""
    exporter = HTMLExporter(template_name="lab", extra_loaders=[jinja2.DictLoader({"logilab_handout.html.j2": TEMPLATE})])
    exporter.template_file = "logilab_handout.html.j2"
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(
        notebook, resources={"logilab_plotlyjs": get_plotlyjs(), "logilab_mathjax_url": MATHJAX_URL, "metadata": {"name": title}}
    )
    return body


def copy_mathjax(out: Path) -> Path:
    """Copy MathJax 2.7 (HTML-CSS output, its web fonts) into ``out/mathjax``; return that folder."""
    target = out / MATHJAX_DIR
    if not target.exists():
        shutil.copytree(MATHJAX_SOURCE, target, ignore=shutil.ignore_patterns("SVG", "*.py", "__pycache__"))
    return target


def make_handout(path: Path, out: Path, *, audience: str = "instructor") -> Path:
    """Execute one notebook and write its page ``out/<name>.html`` (and ``out/mathjax/``); return the page."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience: expected one of {AUDIENCES}, found {audience!r}")
    notebook = add_figure_html(execute(path, audience=audience))
    out.mkdir(parents=True, exist_ok=True)
    copy_mathjax(out)
    target = out / f"{path.stem}.html"
    target.write_text(export_html(notebook, title=path.stem), encoding="utf-8")
    return target


def make_handouts(paths: list[Path], out: Path, *, audiences: tuple[str, ...] = AUDIENCES) -> list[Path]:
    """Write ``out/<audience>/<notebook>.html`` for each notebook and audience (folders emptied first); return the pages.

    A notebook that fails to run does not stop the others; the error is raised
    at the end, naming every notebook that failed.
    """
    written, failed = [], {}
    for audience in audiences:
        folder = out / audience
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for path in paths:
            try:
                written.append(make_handout(path, folder, audience=audience))
            except CellExecutionError as error:
                failed[f"{audience}/{path.name}"] = str(error).strip().splitlines()[-1]
    if failed:
        details = "; ".join(f"{name}: {message}" for name, message in failed.items())
        raise RuntimeError(f"{len(failed)} page(s) failed to build ({details}); the other pages are in {out}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all in notebooks/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--audience", choices=[*AUDIENCES, "both"], default="both", help="which build (default: both)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    audiences = AUDIENCES if args.audience == "both" else (args.audience,)
    try:
        pages = make_handouts(paths, args.out, audiences=audiences)
    except RuntimeError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    for page in pages:
        print(f"{page}  ({page.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
