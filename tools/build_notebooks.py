"""Execute the notebooks and save them small: text outputs kept, heavy outputs and widget state dropped.

Usage::

    python tools/build_notebooks.py                 # every notebook in notebooks/
    python tools/build_notebooks.py notebooks/01_service_level.ipynb

Each notebook runs top to bottom in a fresh kernel (an error stops the build).
Then, so that the committed files stay small and diff well:

* plotly figures, widget views and HTML outputs over 20 kB are dropped (they
  are redrawn when the notebook is opened and run);
* widget state in the notebook metadata is removed;
* cells tagged ``nbval-check-output`` keep their outputs, which nbval compares
  on every ``make test``, so a changed number fails the tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
HEAVY_MIMETYPES = {
    "application/vnd.plotly.v1+json",
    "application/vnd.jupyter.widget-view+json",
    "application/javascript",
}
MAX_HTML_CHARS = 20_000
CHECK_TAG = "nbval-check-output"


def _keep(output: nbformat.NotebookNode) -> bool:
    data = output.get("data", {})
    if any(mimetype in data for mimetype in HEAVY_MIMETYPES):
        return False
    html = data.get("text/html", "")
    if isinstance(html, list):
        html = "".join(html)
    return not ("plotly" in html or len(html) > MAX_HTML_CHARS)


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop heavy outputs and widget state; keep text and checked outputs."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        if CHECK_TAG in cell.metadata.get("tags", []):
            continue
        cell.outputs = [output for output in cell.outputs if _keep(output)]
    return notebook


def build(path: Path, *, timeout: int = 600) -> int:
    """Execute one notebook in place and clean it; return its size in bytes."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(clean(notebook), path)
    return path.stat().st_size


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
