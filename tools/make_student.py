"""Make the student copies of the notebooks: solutions removed, outputs cleared.

Usage::

    python tools/make_student.py                      # notebooks/*.ipynb -> build/student/
    python tools/make_student.py --out /tmp/handout notebooks/00_start_here.ipynb

For every notebook:

* cells tagged ``solution`` (the ``# 参考答案 (solution)`` cells) are removed;
* every output and execution count is cleared, as is the execution timing metadata;
* widget state in the notebook metadata is removed;
* a cell asking for the student's 学号 (student number) and 姓名 (name) is
  put first, so the instructor's ``logilab grade`` can name every row of the
  gradebook (the file name is the fallback when it is left empty);
* everything else (text, exercise prompts, ``answer = ...`` cells, tags) stays,
  so ``ll.check`` still marks the students' answers.

Other files in ``notebooks/`` (pictures, small data files) are copied alongside.
The output folder is emptied first, so it holds exactly the current notebooks.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "student"
SOLUTION_TAG = "solution"
STUDENT_TAG = "student-info"
STUDENT_CELL = """# 学号与姓名（Student number and name）：填好后运行这个单元格，成绩表用它来识别你的作业。
import logilab as ll

ll.student(学号="", 姓名="")"""

__all__ = ["is_solution", "student_cell", "student_copy", "make_student"]


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """Whether a cell is tagged ``solution``."""
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_cell() -> nbformat.NotebookNode:
    """The first cell of a student copy: 学号 and 姓名 for the gradebook."""
    cell = nbformat.v4.new_code_cell(STUDENT_CELL)
    cell.id = "student-info"
    cell.metadata["tags"] = [STUDENT_TAG]
    return cell


def student_copy(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A new notebook: ``notebook`` without solution cells, outputs and widget state, starting with the 学号/姓名 cell."""
    copy = nbformat.from_dict(notebook)
    copy.metadata.pop("widgets", None)
    cells = []
    for cell in copy.cells:
        if is_solution(cell):
            continue
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    copy.cells = [student_cell(), *cells]
    return copy


def make_student(paths: list[Path], out: Path) -> list[Path]:
    """Write the student copy of each notebook in ``paths`` into ``out`` (emptied first); return the written notebooks."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    sources = {path.parent for path in paths}
    for folder in sources:
        for extra in sorted(folder.iterdir()):
            if extra.suffix == ".ipynb" or extra.name.startswith("."):
                continue
            if extra.is_file():
                shutil.copy2(extra, out / extra.name)
            elif extra.is_dir():
                shutil.copytree(extra, out / extra.name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        copy = student_copy(notebook)
        nbformat.validate(copy)
        target = out / path.name
        nbformat.write(copy, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all in notebooks/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    for original, target in zip(paths, make_student(paths, args.out)):
        removed = sum(is_solution(c) for c in nbformat.read(original, as_version=4).cells)
        print(f"{target}  ({removed} solution cell(s) removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
