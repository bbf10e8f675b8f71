"""The shape every notebook follows (nbval runs them; these tests check their structure).

Each themed notebook has learning goals, a summary, bilingual headings,
exercises checked by ``ll.check`` with solutions in ``solution``-tagged cells,
stored outputs for the checked cells, no widget state, and stays small.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from logilab.exercise_bank import all_exercises

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
CHECK_CALL = re.compile(r"""ll\.check\(\s*["']([\w.]+)["']""")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _cells(path: Path):
    return nbformat.read(path, as_version=4).cells


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_small_and_holds_no_widget_state(path):
    assert path.stat().st_size < 1_000_000
    notebook = nbformat.read(path, as_version=4)
    assert "widgets" not in notebook.metadata
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_headings_are_bilingual_and_goals_and_summary_exist(path):
    headings = [line for c in _cells(path) if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("#")]
    for heading in headings:
        assert CJK.search(heading) and re.search(r"[(（][A-Za-z][^)）]*[)）]", heading), f"not bilingual: {heading}"
    text = " ".join(headings)
    assert "学习目标（Learning goals）" in text and "小结（Summary）" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exercises_are_checked_and_solved_in_tagged_cells(path):
    number = path.stem[:2]
    expected_ids = {e.id for e in all_exercises() if e.id.startswith(f"{number}.")}
    asked, solved = set(), set()
    for cell in _cells(path):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        ids = set(CHECK_CALL.findall(cell.source))
        if not ids:
            continue
        assert "nbval-check-output" in tags, f"a cell calling ll.check is not output-checked: {cell.source[:60]}"
        assert cell.outputs, f"checked cell without stored output (run make notebooks): {cell.source[:60]}"
        (solved if "solution" in tags else asked).update(ids)
        if "solution" in tags:
            assert "[对] 正确" in "".join(o.get("text", "") for o in cell.outputs), f"solution does not pass: {cell.source[:60]}"
    assert asked == expected_ids == solved
    if number != "00":
        assert 3 <= len(expected_ids) <= 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_checked_cells_hold_their_outputs(path):
    for cell in _cells(path):
        if "nbval-check-output" in cell.metadata.get("tags", []):
            assert cell.outputs, f"checked cell without stored output (run make notebooks): {cell.source[:60]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_own_data_demos_write_their_file_with_the_one_helper(path):
    # the "your own data" sections make their demo export with ll.demo_file, not with a copied tempfile recipe
    for cell in _cells(path):
        if cell.cell_type == "code":
            assert "tempfile" not in cell.source, f"{path.name}: use ll.demo_file(...) to write a demo export"
