"""Execute the notebooks and save them small: text outputs kept, heavy outputs and widget state dropped.

Usage::

    python tools/build_notebooks.py                 # every notebook in notebooks/
    python tools/build_notebooks.py notebooks/01_service_level.ipynb

Each notebook runs top to bottom in a fresh kernel (an error stops the build).
Then, so that the committed files stay small and diff well:

* plotly figures keep their ``application/vnd.plotly.v1+json`` output, which
  JupyterLab draws without a kernel, so an opened notebook shows its charts
  before it is run; their numbers are rounded to 6 significant digits and the
  ``text/html`` copy that embeds plotly.js (3-5 MB) is dropped;
* widget views (they need a running kernel) and other HTML outputs over 20 kB
  are dropped; widgets are drawn again when the notebook is run;
* widget state in the notebook metadata is removed;
* cells tagged ``nbval-check-output`` keep their outputs, which nbval compares
  on every ``make test``, so a changed number fails the tests.

Every saved notebook must stay under ``MAX_BYTES`` (1 MB); a bigger one stops
the build with its size and the largest figure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
HEAVY_MIMETYPES = {
    "application/vnd.jupyter.widget-view+json",
    "application/javascript",
}
MAX_HTML_CHARS = 20_000
MAX_BYTES = 1_000_000
SIGNIFICANT_DIGITS = 6
CHECK_TAG = "nbval-check-output"
# a warning names the kernel's temporary file of the cell (/tmp/ipykernel_123/456.py:3:); the saved notebook does not
KERNEL_FILE = re.compile(r"^\S*ipykernel_\d+[\\/]\d+\.py:\d+: ", re.MULTILINE)

__all__ = ["compact", "clean", "build", "MAX_BYTES"]


def compact(value):
    """A plotly figure's JSON with every float rounded to 6 significant digits (the chart looks the same, the file is smaller)."""
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, dict):
        return {key: compact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [compact(item) for item in value]
    return value


def _keep(output: nbformat.NotebookNode) -> bool:
    data = output.get("data", {})
    if PLOTLY_MIME in data:
        return True
    if any(mimetype in data for mimetype in HEAVY_MIMETYPES):
        return False
    html = data.get("text/html", "")
    if isinstance(html, list):
        html = "".join(html)
    return not ("plotly" in html or len(html) > MAX_HTML_CHARS)


def _slim(output: nbformat.NotebookNode) -> nbformat.NotebookNode:
    if output.get("output_type") == "stream":
        output["text"] = KERNEL_FILE.sub("", "".join(output.get("text", "")))
    data = output.get("data", {})
    if PLOTLY_MIME in data:
        # JupyterLab renders the figure from its JSON; the HTML copy only embeds plotly.js again
        for mimetype in [m for m in data if m not in (PLOTLY_MIME, "text/plain")]:
            del data[mimetype]
        data[PLOTLY_MIME] = compact(data[PLOTLY_MIME])
    return output


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop heavy outputs and widget state; keep text, plotly figures (as JSON) and checked outputs."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        if CHECK_TAG in cell.metadata.get("tags", []):
            cell.outputs = [_slim(output) for output in cell.outputs]
            continue
        cell.outputs = [_slim(output) for output in cell.outputs if _keep(output)]
    return notebook


def build(path: Path, *, timeout: int = 600) -> int:
    """Execute one notebook in place and clean it; return its size in bytes.

    A notebook that would be over ``MAX_BYTES`` is not written: the error names
    its size and its largest figure.
    """
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    text = nbformat.writes(clean(notebook)) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        sizes = [
            (len(json.dumps(o.get("data", {}).get(PLOTLY_MIME, ""))), cell.source.splitlines()[0] if cell.source else "")
            for cell in notebook.cells
            if cell.cell_type == "code"
            for o in cell.outputs
        ]
        largest = max(sizes, default=(0, ""))
        raise RuntimeError(
            f"{path.name} would be {size:,} bytes, over the {MAX_BYTES:,}-byte limit; the largest figure "
            f"({largest[0]:,} bytes) comes from the cell starting {largest[1]!r}: plot fewer points (a sample) there"
        )
    path.write_text(text, encoding="utf-8")
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks to build (default: all in notebooks/)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        size = build(path)
        print(f"built {path.name} ({size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
