"""The instructor tools: student copies (``tools/make_student.py``) and HTML handouts (``tools/make_handouts.py``).

Fast by design: every notebook's student copy is checked without running it
(no solution text left, no outputs or widget state, no later cell needing a
name that only a solution cell defines); the start-here notebook's student
copy and handout are actually executed.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
START_HERE = ROOT / "notebooks" / "00_start_here.ipynb"
SOLUTION_MARKER = "# 参考答案 (solution)"


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(f"logilab_tools_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_student = _load_tool("make_student")
make_handouts = _load_tool("make_handouts")


def _solution_needles(notebook: nbformat.NotebookNode) -> list[str]:
    """Lines of the solution cells that appear nowhere else in the notebook (so they must not survive)."""
    elsewhere = "\n".join(cell.source for cell in notebook.cells if not make_student.is_solution(cell))
    lines = {line.strip() for cell in notebook.cells if make_student.is_solution(cell) for line in cell.source.splitlines()}
    return sorted(line for line in lines if line and line not in elsewhere)


def _names(source: str, context: type) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics; such a cell is not checked
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, context)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_copy_holds_no_solution_text(path):
    original = nbformat.read(path, as_version=4)
    copy = make_student.student_copy(original)
    text = "\n".join(cell.source for cell in copy.cells)
    needles = _solution_needles(original)
    if any(make_student.is_solution(cell) for cell in original.cells):
        assert needles, "the solution cells should have lines of their own to look for"
    assert SOLUTION_MARKER not in text
    survivors = [needle for needle in needles if needle in text]
    assert not survivors, f"solution text left in the student copy: {survivors}"
    assert not any(make_student.is_solution(cell) for cell in copy.cells)
    # the 学号/姓名 cell comes first, then everything that is not a solution, in order
    assert copy.cells[0].source == make_student.STUDENT_CELL and copy.cells[0].metadata["tags"] == ["student-info"]
    assert [c.source for c in copy.cells[1:]] == [c.source for c in original.cells if not make_student.is_solution(c)]
    assert len(copy.cells) == 1 + len(original.cells) - sum(make_student.is_solution(c) for c in original.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_copy_is_clean_and_leaves_the_original_alone(path):
    original = nbformat.read(path, as_version=4)
    before = json.dumps(original, sort_keys=True)
    original.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    copy = make_student.student_copy(original)
    assert "widgets" not in copy.metadata
    for cell in copy.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
        assert "execution" not in cell.metadata
    del original.metadata["widgets"]
    assert json.dumps(original, sort_keys=True) == before
    nbformat.validate(copy)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_copy_needs_nothing_only_a_solution_defines(path):
    """A name a later cell reads must be defined by a cell the students keep (``answer`` is theirs to set)."""
    only_in_solutions: set[str] = set()
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        stored = _names(cell.source, ast.Store)
        if make_student.is_solution(cell):
            only_in_solutions |= stored - {"answer"}
            continue
        used = (_names(cell.source, ast.Load) - stored) & only_in_solutions
        assert not used, f"{path.name}: {sorted(used)} defined only in a solution cell but used by: {cell.source[:80]!r}"
        only_in_solutions -= stored


def test_make_student_writes_every_notebook(tmp_path):
    out = tmp_path / "student"
    (out / "stale.ipynb").parent.mkdir(parents=True)
    (out / "stale.ipynb").write_text("{}", encoding="utf-8")
    assert make_student.main(["--out", str(out)]) == 0
    written = sorted(p.name for p in out.glob("*.ipynb"))
    assert written == [p.name for p in NOTEBOOKS]
    for path in out.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert not any(make_student.is_solution(c) for c in notebook.cells)


def test_student_copy_of_start_here_runs_top_to_bottom(tmp_path):
    [path] = make_student.make_student([START_HERE], tmp_path)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    checks = [c for c in notebook.cells if c.cell_type == "code" and "ll.check(" in c.source]
    assert len(checks) == 3
    for cell in checks:  # unanswered exercises say so, they do not fail
        assert "还没有作答" in "".join(o.get("text", "") for o in cell.outputs)
    # the empty 学号/姓名 cell asks for them instead of failing
    assert "请在引号里填上你的学号和姓名" in "".join(o.get("text", "") for o in notebook.cells[0].outputs)


@pytest.fixture(scope="module")
def start_here_handout(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    [page] = make_handouts.make_handouts([START_HERE], out)
    return page.read_text(encoding="utf-8")


def test_handout_embeds_plotly_once_and_draws_the_figures(start_here_handout):
    from plotly.offline import get_plotlyjs

    page = start_here_handout
    assert page.count(get_plotlyjs()[:2000]) == 1
    # two figures returned by cells plus the explorer's snapshot
    assert page.count('class="plotly-graph-div"') == 3
    assert page.count("window.PLOTLYENV=window.PLOTLYENV") == 3  # one drawing script per figure
    assert "<title>00_start_here</title>" in page
    assert "从这里开始 (Start here)" in page


def test_handout_shows_the_widget_in_its_initial_state(start_here_handout):
    page = start_here_handout
    match = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">\s*(.*?)\s*</script>', page, re.S)
    assert match, "widget state script missing"
    state = json.loads(match.group(1))["state"]
    figures = [m["state"] for m in state.values() if m["state"].get("_anywidget_id", "").endswith("FigureWidget")]
    assert len(figures) == 1 and len(figures[0]["_widget_data"]) == 1  # the traces are in the saved state
    assert len(figures[0]["_esm"]) < 1_000  # plotly's 5 MB widget bundle swapped for a small drawing shim
    assert len(page) < 8_000_000
    assert page.count('<script type="application/vnd.jupyter.widget-view+json">') == 1
    # the offline snapshot: control values as they start and the summary line
    snapshot = page.split('class="jp-OutputArea-output logilab-widget-snapshot"', 1)[1][:3000]
    assert "仓库 <b>全部</b>" in snapshot and "时间粒度 <b>月份</b>" in snapshot
    assert "订单数: <b>23,065</b>" in snapshot
    assert "Traceback" not in page
