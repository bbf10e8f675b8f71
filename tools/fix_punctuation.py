"""Full-width punctuation in Chinese prose: find and fix half-width ``, : ; ( ) ? !`` next to Chinese text.

Usage::

    python tools/fix_punctuation.py            # rewrite every notebook and logilab/ module in place
    python tools/fix_punctuation.py --check    # list what would change; exit status 1 if anything would
    python tools/fix_punctuation.py notebooks/01_service_level.ipynb logilab/i18n.py

Chinese text uses the full-width marks ，：；（）？！. A half-width mark counts
as a mistake when the character right before or after it is Chinese (a CJK
ideograph or a full-width mark) and the paragraph it sits in is Chinese prose
(it has at least one Chinese character for every three ASCII letters
outside brackets, so a heading with a long English gloss still counts), so
English sentences that quote a Chinese term keep their English punctuation.
A pair of round brackets is converted as a pair when either bracket touches
Chinese, and the spaces around a converted mark are dropped (``原则 (sunset
rule)，`` becomes ``原则（sunset rule），``).

Never touched: code spans and fenced code, maths (``$...$``, ``$$...$$``),
URLs, HTML tags, Markdown link targets and images, and in Python files the
``{...}`` fields of format strings. In notebooks the Markdown cells are read
as prose and, in code cells, the string literals (the Chinese text a
``print(...)`` shows), never the code around them; in Python modules only
string literals that are not docstrings or raw strings (regular expressions).
A code cell Python cannot tokenize (an IPython ``%magic`` or ``!command``) is
left as it is.

The rewrite is idempotent: running it twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
HALF = ",:;()?!"
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019\u2014\u2026"
CHINESE = re.compile(f"[{_IDEOGRAPH}{_CJK_PUNCT}]")
IDEOGRAPH = re.compile(f"[{_IDEOGRAPH}]")
ASCII_LETTER = re.compile("[A-Za-z]")
# Spans left alone, in the order they are tried.
_PROTECT_MARKDOWN = [
    r"```.*?```",  # fenced code
    r"~~~.*?~~~",
    r"`[^`\n]*`",  # code span
    r"\$\$.*?\$\$",  # display maths
    r"(?<![\\$])\$[^$\n]+?\$",  # inline maths
    r"<[A-Za-z/!][^<>]*>",  # HTML tags
    r"!\[",  # image marker
    r"\]\([^)\s]*\)",  # link target
    r"https?://[^\s<>)\]]+",  # URLs
]
_PROTECT_PYTHON = [*_PROTECT_MARKDOWN, r"\{[^{}\n]*\}"]
PROTECT_MARKDOWN = re.compile("|".join(_PROTECT_MARKDOWN), re.S)
PROTECT_PYTHON = re.compile("|".join(_PROTECT_PYTHON), re.S)

__all__ = ["problems", "fix_text", "fix_python_source", "fix_notebook", "fix_python", "main"]


def _is_chinese(char: str) -> bool:
    return bool(char) and CHINESE.match(char) is not None


def _masked(text: str, protect: re.Pattern[str]) -> str:
    """``text`` with protected spans replaced by NUL characters (same length)."""
    return protect.sub(lambda m: "\0" * len(m.group(0)), text)


def _chinese_prose(paragraph: str) -> bool:
    """Chinese prose: one Chinese character for every three ASCII letters, bracketed glosses not counted."""
    outside = re.sub(r"[(（][^()（）]*[)）]", "", paragraph)
    return IDEOGRAPH.search(paragraph) is not None and len(IDEOGRAPH.findall(outside)) * 3 >= len(ASCII_LETTER.findall(outside))


def _paragraphs(masked: str) -> list[tuple[int, int]]:
    """Start and end of each paragraph (blank-line separated) of the masked text."""
    spans, start = [], 0
    for match in re.finditer(r"\n[ \t]*\n", masked):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(masked)))
    return spans


_SEE_THROUGH = " \t*_"


def _touches(masked: str, i: int) -> bool:
    """Whether the nearest character on either side, past spaces and Markdown emphasis, is Chinese."""
    j = i - 1
    while j >= 0 and masked[j] in _SEE_THROUGH:
        j -= 1
    k = i + 1
    while k < len(masked) and masked[k] in _SEE_THROUGH:
        k += 1
    return (j >= 0 and _is_chinese(masked[j])) or (k < len(masked) and _is_chinese(masked[k]))


def _bracket_pairs(masked: str) -> dict[int, int]:
    pairs, stack = {}, []
    for i, char in enumerate(masked):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            opening = stack.pop()
            pairs[opening], pairs[i] = i, opening
    return pairs


_NOT_PROSE = re.compile(r"[=<>^*/+\\`\"\[\]{}]")


def _prose_brackets(masked: str, opening: int, closing: int) -> bool:
    """Brackets of prose, not of code or maths: ``G(k)``, ``f(x)``, ``(1 + i)^t`` stay half-width."""
    if opening > 0 and re.match(r"[A-Za-z0-9_.\]]", masked[opening - 1]):
        return False  # a call or a function of a variable
    inside = masked[opening + 1 : closing]
    after = masked[closing + 1 : closing + 2]
    return CHINESE.search(inside) is not None or (_NOT_PROSE.search(inside) is None and after not in ("^", "_"))


def _candidates(masked: str) -> set[int]:
    """Positions of half-width marks that belong to Chinese prose and touch Chinese (brackets in pairs)."""
    found: set[int] = set()
    for start, end in _paragraphs(masked):
        if not _chinese_prose(masked[start:end]):
            continue
        for i in range(start, end):
            if masked[i] in HALF and _touches(masked, i):
                found.add(i)
    pairs = _bracket_pairs(masked)
    brackets = {i for i in found if masked[i] in "()"}
    found -= brackets
    for i in brackets:
        if i in pairs:
            opening, closing = sorted((i, pairs[i]))
            if _prose_brackets(masked, opening, closing):
                found |= {opening, closing}
    return found


def problems(text: str, *, python: bool = False) -> list[str]:
    """The half-width marks in Chinese prose of ``text``, each with a little context.

    Parameters
    ----------
    text : str
        Markdown (or the contents of a Python string literal with ``python=True``).
    python : bool, default False
        Also leave ``{...}`` format fields alone.

    Returns
    -------
    list of str
        One entry per mark, e.g. ``'…服务水平[:]95%…'``; empty when the text is clean.

    Examples
    --------
    >>> problems("服务水平:95%,见 `a:b` 和 $f(x)$。")
    ['服务水平[:]95%,见', ':95%[,]见 `a:']
    >>> problems("Use the sum-product method (和积法), then check CR.")
    []
    """
    masked = _masked(text, PROTECT_PYTHON if python else PROTECT_MARKDOWN)
    return [f"{text[max(0, i - 4) : i]}[{text[i]}]{text[i + 1 : i + 6]}" for i in sorted(_candidates(masked))]


def _fix_once(text: str, protect: re.Pattern[str]) -> str:
    masked = _masked(text, protect)
    marks = _candidates(masked)
    if not marks:
        return text
    out, chars = [], list(text)
    drop: set[int] = set()

    def _field(k: int) -> bool:
        return protect is PROTECT_PYTHON and chars[k] == "{" and masked[k] == "\0"

    for i in sorted(marks):
        char = masked[i]
        # a full-width mark carries its own space: drop the spaces around it (not inside brackets,
        # not indentation, not the space before a code span or maths)
        j = i - 1
        while char != ")" and j > 0 and chars[j] in " \t" and masked[j - 1] not in "\n\0 \t":
            drop.add(j)
            j -= 1
        j = i + 1
        # (in Python strings also the space before a format field: "合计: {n}" -> "合计：{n}")
        while char != "(" and j + 1 < len(chars) and chars[j] in " \t" and (masked[j + 1] not in "\n\0 \t" or _field(j + 1)):
            drop.add(j)
            j += 1
    for i, char in enumerate(chars):
        if i in drop and i not in marks:
            continue
        out.append(FULL[char] if i in marks else char)
    return "".join(out)


def fix_text(text: str, *, python: bool = False) -> str:
    """``text`` with half-width marks in Chinese prose made full-width (see the module docstring).

    Parameters
    ----------
    text : str
        Markdown, or the contents of a Python string literal with ``python=True``.
    python : bool, default False
        Also leave ``{...}`` format fields alone.

    Returns
    -------
    str
        The fixed text; ``fix_text(fix_text(t)) == fix_text(t)``.

    Examples
    --------
    >>> fix_text("日落原则 (sunset rule), 当天响应:见 $a(b)$。")
    '日落原则（sunset rule），当天响应：见 $a(b)$。'
    >>> fix_text("{label}:对", python=True)
    '{label}：对'
    """
    protect = PROTECT_PYTHON if python else PROTECT_MARKDOWN
    for _ in range(10):
        fixed = _fix_once(text, protect)
        if fixed == text:
            return text
        text = fixed
    return text


def fix_notebook(path: Path, *, write: bool = True) -> tuple[int, int]:
    """Fix the Markdown cells and the code cells' string literals of one notebook; return (marks before, marks after)."""
    raw = path.read_text(encoding="utf-8")
    notebook = json.loads(raw)
    before = after = 0
    changed = False
    for cell in notebook["cells"]:
        if cell["cell_type"] not in ("markdown", "code"):
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            found, fixed = len(problems(source)), fix_text(source)
            left = len(problems(fixed))
        else:
            try:
                fixed, found, left = fix_python_source(source)
            except (SyntaxError, tokenize.TokenError):  # IPython syntax: not plain Python, left alone
                continue
        before += found
        after += left
        if fixed != source:
            changed = True
            cell["source"] = fixed.splitlines(keepends=True)
    if changed and write:  # the layout nbformat writes, so the diff shows only the changed text
        path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return before, after


def _docstring_positions(source: str) -> set[tuple[int, int]]:
    positions = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                positions.add((first.lineno, first.col_offset))
    return positions


_STRING_PREFIX = re.compile(r"^([A-Za-z]*)('''|\"\"\"|'|\")", re.S)


def _python_strings(source: str):
    """(start, end) offsets of the contents of every non-docstring string literal holding Chinese."""
    docstrings = _docstring_positions(source)
    line_starts = [0]
    for line in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING or token.start in docstrings or not IDEOGRAPH.search(token.string):
            continue
        prefix = _STRING_PREFIX.match(token.string)
        if prefix is None or set(prefix.group(1).lower()) & {"b", "r"}:  # bytes; raw strings are patterns
            continue
        start = line_starts[token.start[0] - 1] + token.start[1] + len(prefix.group(0))
        end = line_starts[token.end[0] - 1] + token.end[1] - len(prefix.group(2))
        yield start, end


def fix_python_source(source: str) -> tuple[str, int, int]:
    """Python source with its Chinese string literals fixed, and the marks before and after.

    Only the contents of string literals change (docstrings and raw strings
    excepted), never the code around them.

    Examples
    --------
    >>> fix_python_source('print("月份的写法:", x, "行")  # a:b')
    ('print("月份的写法：", x, "行")  # a:b', 1, 0)
    """
    before = after = 0
    pieces, last = [], 0
    for start, end in _python_strings(source):
        literal = source[start:end]
        before += len(problems(literal, python=True))
        fixed = fix_text(literal, python=True)
        after += len(problems(fixed, python=True))
        pieces += [source[last:start], fixed]
        last = end
    pieces.append(source[last:])
    return "".join(pieces), before, after


def fix_python(path: Path, *, write: bool = True) -> tuple[int, int]:
    """Fix the Chinese string literals of one module; return (marks before, marks after)."""
    source = path.read_text(encoding="utf-8")
    fixed_source, before, after = fix_python_source(source)
    if fixed_source != source and write:
        path.write_text(fixed_source, encoding="utf-8")
    return before, after


def default_paths() -> list[Path]:
    """Every notebook, and every logilab module except the sample-data generator (its strings are data)."""
    modules = [p for p in sorted((ROOT / "logilab").rglob("*.py")) if "data" not in p.relative_to(ROOT / "logilab").parts]
    return sorted((ROOT / "notebooks").glob("*.ipynb")) + modules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks and .py files (default: notebooks/ and logilab/)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    args = parser.parse_args(argv)
    total_before = total_after = 0
    for path in args.paths or default_paths():
        fix = fix_notebook if path.suffix == ".ipynb" else fix_python
        before, after = fix(path, write=not args.check)
        total_before, total_after = total_before + before, total_after + after
        if before:
            print(
                f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {before} half-width mark(s){'' if args.check else f', {after} left'}"
            )
    print(f"total: {total_before} half-width mark(s) in Chinese prose{'' if args.check else f', {total_after} left after fixing'}")
    return 1 if args.check and total_before else 0


if __name__ == "__main__":
    sys.exit(main())
