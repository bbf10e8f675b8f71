"""Apply the workbook's notebook style to every notebook: full-width punctuation and formatted tables.

Usage::

    python tools/notebook_style.py            # rewrite notebooks/*.ipynb in place
    python tools/notebook_style.py --check    # change nothing; exit status 1 if a notebook would change

Two mechanical edits, safe to re-run after merging other people's notebook changes:

* Chinese prose in Markdown cells gets full-width punctuation (``tools/fix_punctuation.py``);
* the cell that runs ``import logilab as ll`` also calls ``ll.use_table_format()``,
  so every DataFrame the notebook shows has thousands separators, 2-4 decimals,
  no scientific notation and aligned Chinese text.

One check it reports but cannot fix by itself: a ``print("标签：", x)`` with several
arguments puts print's space after the full-width colon ("标签： 42"). Write an
f-string (``print(f"标签：{x}")``) or pass ``sep=""``. The script lists each such call
and exits with status 1, in both modes.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fix_punctuation  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
IMPORT_LINE = "import logilab as ll"
TABLE_LINE = "ll.use_table_format()  # 表格：千位分隔符，2-4 位小数，不用科学计数法"

# A full-width mark that print's separator space must not follow (Chinese text takes no space after them).
FULL_WIDTH_MARKS = "，：；、（）。！？"

__all__ = ["add_table_format", "spaced_prints", "notebook_spaced_prints", "style_notebook", "main"]


def _literal_end(node: ast.expr) -> str | None:
    """The text a string argument ends with: a plain string, or the last literal part of an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[-1], ast.Constant):
        return str(node.values[-1].value)
    return None


def spaced_prints(source: str) -> list[str]:
    """The ``print`` calls of ``source`` whose string argument ends in a full-width mark and is followed by another argument.

    Such a call prints "标签： 42": print's separator space lands after the full-width mark.
    A call that sets ``sep`` is left alone, and so is a cell Python cannot read (IPython magics).

    Examples
    --------
    >>> spaced_prints('print("标签：", x)\nprint(f"标签：{x}")\nprint("标签：", x, sep="")\nprint("a:", x)')
    ['print("标签：", x)']
    >>> spaced_prints('print(f"共 {n} 家，", "其中：", m)')
    ['print(f"共 {n} 家，", "其中：", m)']
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"):
            continue
        if any(keyword.arg == "sep" for keyword in node.keywords):
            continue
        ends = [_literal_end(argument) for argument in node.args[:-1]]
        if any(end and end.rstrip(" ")[-1:] in FULL_WIDTH_MARKS for end in ends):
            found.append(ast.get_source_segment(source, node) or ast.unparse(node))
    return found


def notebook_spaced_prints(notebook: dict) -> list[str]:
    """:func:`spaced_prints` over every code cell of a notebook."""
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    return [call for c in cells for call in spaced_prints("".join(c["source"]) if isinstance(c["source"], list) else c["source"])]


def add_table_format(notebook: dict) -> bool:
    """Add ``ll.use_table_format()`` after the first ``import logilab as ll``; return whether the notebook changed."""
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] != "code" or IMPORT_LINE not in source.splitlines():
            continue
        if "ll.use_table_format()" in source:
            return False
        lines = source.splitlines()
        at = lines.index(IMPORT_LINE) + 1
        cell["source"] = "\n".join([*lines[:at], "", TABLE_LINE, *lines[at:]]).splitlines(keepends=True)  # ruff: a blank line after imports
        return True
    return False


def style_notebook(path: Path, *, write: bool = True) -> dict[str, int]:
    """Apply both edits to one notebook; return what changed (punctuation marks fixed, table line added) and the spaced prints found."""
    before, _ = fix_punctuation.fix_notebook(path, write=write)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    added = add_table_format(notebook)
    if added and write:
        path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"punctuation": before, "table_format": int(added), "spaced_prints": len(notebook_spaced_prints(notebook))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook would change")
    args = parser.parse_args(argv)
    changed = spaced = 0
    for path in args.paths or sorted((ROOT / "notebooks").glob("*.ipynb")):
        found = style_notebook(path, write=not args.check)
        if found["punctuation"] or found["table_format"]:
            changed += 1
            print(
                f"{path.name}: {found['punctuation']} punctuation mark(s), table format line {'added' if found['table_format'] else 'present'}"
            )
        if found["spaced_prints"]:
            spaced += found["spaced_prints"]
            for call in notebook_spaced_prints(json.loads(path.read_text(encoding="utf-8"))):
                print(f"{path.name}: a space follows a full-width mark; write an f-string or sep='': {call}")
    print(f"{changed} notebook(s) {'would change' if args.check else 'changed'}")
    if spaced:
        print(f"{spaced} print call(s) to rewrite by hand")
    return 1 if (args.check and changed) or spaced else 0


if __name__ == "__main__":
    sys.exit(main())
