"""Apply the workbook's notebook style to every notebook: full-width punctuation and formatted tables.

Usage::

    python tools/notebook_style.py            # rewrite notebooks/*.ipynb in place
    python tools/notebook_style.py --check    # change nothing; exit status 1 if a notebook would change

Two mechanical edits, safe to re-run after merging other people's notebook changes:

* Chinese prose in Markdown cells gets full-width punctuation (``tools/fix_punctuation.py``);
* the cell that runs ``import logilab as ll`` also calls ``ll.use_table_format()``,
  so every DataFrame the notebook shows has thousands separators, 2-4 decimals,
  no scientific notation and aligned Chinese text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fix_punctuation  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
IMPORT_LINE = "import logilab as ll"
TABLE_LINE = "ll.use_table_format()  # 表格：千位分隔符，2-4 位小数，不用科学计数法"

__all__ = ["add_table_format", "style_notebook", "main"]


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
    """Apply both edits to one notebook; return what changed (punctuation marks fixed, table line added)."""
    before, _ = fix_punctuation.fix_notebook(path, write=write)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    added = add_table_format(notebook)
    if added and write:
        path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"punctuation": before, "table_format": int(added)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook would change")
    args = parser.parse_args(argv)
    changed = 0
    for path in args.paths or sorted((ROOT / "notebooks").glob("*.ipynb")):
        found = style_notebook(path, write=not args.check)
        if any(found.values()):
            changed += 1
            print(
                f"{path.name}: {found['punctuation']} punctuation mark(s), table format line {'added' if found['table_format'] else 'present'}"
            )
    print(f"{changed} notebook(s) {'would change' if args.check else 'changed'}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
