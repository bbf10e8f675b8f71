"""The instructor tools: student copies (``tools/make_student.py``); the HTML handouts are tested in test_handouts.py.

Fast by design: every notebook's student copy is checked without running it
(no solution text left, no outputs or widget state, no later cell needing a
name that only a solution cell defines); the start-here notebook's student
copy is actually executed.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from tools_loader import load_tool

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
START_HERE = ROOT / "notebooks" / "00_start_here.ipynb"
SOLUTION_MARKER = "# 参考答案 (solution)"


make_student = load_tool("make_student")


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
