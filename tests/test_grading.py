"""The instructor's gradebook (logilab grade): fabricated submissions built on the fly, short limits.

Every notebook here is tiny (a few cells on exercise notebook 00) so a kernel
start dominates the time; the limits are short so a hanging notebook costs
only a few seconds.
"""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from logilab import cli
from logilab.grading import (
    GradeLimits,
    UnsafeArchiveError,
    grade_submissions,
    gradebook_csv_bytes,
    safe_extract,
    summary_html,
)

EXERCISES_00 = ["00.customers", "00.busiest_warehouse", "00.late_share"]
RIGHT = ["ll.check('00.customers', 3000)", "ll.check('00.busiest_warehouse', '上海')", "ll.check('00.late_share', 0.0675)"]
WRONG = ["ll.check('00.customers', 23065)", "ll.check('00.busiest_warehouse', 'WH-WH')", "ll.check('00.late_share', '6.7%')"]
LIMITS = GradeLimits(timeout=20, memory_mb=1536, file_size_mb=5, max_unpacked_mb=5, max_files=20)


def _notebook(cells: list[str]) -> str:
    notebook = new_notebook(cells=[new_code_cell(source) for source in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(notebook)


def _student(number: str, name: str) -> str:
    return f"import logilab as ll\nll.student(学号={number!r}, 姓名={name!r})"


def _write(path: Path, cells: list[str]) -> Path:
    path.write_text(_notebook(cells), encoding="utf-8")
    return path


def _zip(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, content in files.items():
            bundle.writestr(name, content)
    return path


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One class of six fabricated submissions, graded once for the tests below."""
    folder = tmp_path_factory.mktemp("submissions")
    _write(folder / "00_start_here-good.ipynb", [_student("2023001", "张三"), *RIGHT])
    _write(folder / "00_start_here-wrong.ipynb", [_student("2023002", '=HYPERLINK("http://x")'), *WRONG])
    _write(folder / "00_start_here-error.ipynb", [_student("2023003", "王五"), RIGHT[0], "1 / 0", RIGHT[2]])
    _write(folder / "00_start_here-loop.ipynb", [_student("2023004", "赵六"), RIGHT[0], "while True:\n    pass", RIGHT[1]])
    _write(folder / "00_start_here-deleted.ipynb", [_student("2023005", "<script>alert(1)</script>"), RIGHT[0]])
    _zip(folder / "2023006.zip", {"作业/00_start_here.ipynb": _notebook(["import logilab as ll", *RIGHT[:2], WRONG[2]])})
    _write(folder / "00_start_here-empty.ipynb", [_student("2023007", "孙八"), "ll.check('00.customers', ...)", RIGHT[1]])
    limits = GradeLimits(timeout=12, memory_mb=1536, file_size_mb=5, max_unpacked_mb=5, max_files=20)
    return grade_submissions(folder, limits=limits)


def test_every_submission_gets_a_row_with_its_marks(graded):
    table = graded.table.set_index("student_id")
    assert graded.exercises == EXERCISES_00
    assert list(table.index) == ["2023005", "2023007", "2023003", "2023001", "2023004", "2023002", "2023006"]  # by file name
    marks = table[EXERCISES_00 + ["total"]].astype(int)
    assert marks.loc["2023001"].tolist() == [1, 1, 1, 3]  # all correct
    assert marks.loc["2023002"].tolist() == [0, 0, 0, 0]  # all wrong
    assert marks.loc["2023003"].tolist() == [1, 0, 1, 2]  # the error cell does not stop the later exercises
    assert marks.loc["2023004"].tolist() == [1, 0, 0, 1]  # stopped by the time limit after the first check
    assert marks.loc["2023005"].tolist() == [1, 0, 0, 1]  # exercise cells deleted
    assert marks.loc["2023006"].tolist() == [1, 1, 0, 2]  # zipped, no name given: the archive's name is used
    assert marks.loc["2023007"].tolist() == [0, 1, 0, 1]  # left at ..., and one exercise cell deleted
    assert table.loc["2023001", "name"] == "张三" and table.loc["2023006", "name"] == ""
    assert (table["possible"] == 3).all()


def test_problems_are_listed_with_their_reason(graded):
    problems = graded.table.set_index("student_id")["problems"]
    assert problems.loc["2023001"] == "" and problems.loc["2023002"] == ""
    assert "a cell failed: ZeroDivisionError" in problems.loc["2023003"]
    assert "time limit: stopped after 12 s" in problems.loc["2023004"]
    assert "no check recorded for 00.busiest_warehouse, 00.late_share" in problems.loc["2023005"]


def test_recorded_answers_and_the_summary(graded):
    summary = graded.summary().set_index("exercise")
    # 00.customers: right in 5 of 7 rows; 00.late_share: right for 2023001 and 2023003
    assert summary.loc["00.customers", "passed"] == 5 and summary.loc["00.late_share", "passed"] == 2
    assert summary.loc["00.late_share", "pass_share"] == pytest.approx(2 / 7)
    assert summary.loc["00.late_share", "common_wrong_answers"] == '"6.7%" (2)'
    assert summary.loc["00.customers", "common_wrong_answers"] == "23065 (1)"  # the unanswered "..." is not a wrong answer


def test_gradebook_csv_is_excel_ready_and_formula_safe(graded):
    data = gradebook_csv_bytes(graded.table)
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"student_id": str})
    assert back.set_index("student_id").loc["2023002", "name"] == '\'=HYPERLINK("http://x")'
    assert back["total"].dtype.kind == "i"  # numbers stay numbers
    assert graded.table.set_index("student_id").loc["2023002", "name"].startswith("=")  # the table itself is unchanged


def test_the_gradebook_uses_the_one_formula_safe_writer():
    # OWASP's starts of a formula get a leading apostrophe; plain numbers, as text ("-1", "+1") or as numbers, stay
    answers = pd.DataFrame(
        {"answer": ["=1", "+1+1", "-2+3", "@x", "\tx", "\rx", "ok", "-1", "+1"], "score": [5, -3.5, 0, 0, 0, 0, 0, 0, 0]}
    )
    back = pd.read_csv(io.BytesIO(gradebook_csv_bytes(answers)), encoding="utf-8-sig", dtype={"answer": str}, keep_default_na=False)
    assert back["answer"].tolist() == ["'=1", "'+1+1", "'-2+3", "'@x", "'\tx", "'\rx", "ok", "-1", "+1"]
    assert back["score"].tolist() == [5.0, -3.5, 0, 0, 0, 0, 0, 0, 0]
    assert answers["answer"].iloc[0] == "=1", "the table itself is not changed"


def test_summary_page_escapes_what_students_wrote(graded):
    page = summary_html(graded)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "00.late_share" in page and "29%" in page


# --- archives and limits -----------------------------------------------------------------


def test_safe_extract_refuses_dangerous_archives(tmp_path):
    cases = {
        "dotdot.zip": ({"ok.ipynb": "{}", "../../evil.py": "x"}, "a '..' component"),
        "absolute.zip": ({"/etc/evil": "x"}, "an absolute path"),
        "many.zip": ({f"f{i}.txt": "x" for i in range(25)}, "at most 20 files"),
    }
    for name, (files, reason) in cases.items():
        archive = _zip(tmp_path / name, files)
        with pytest.raises(UnsafeArchiveError, match=reason):
            safe_extract(archive, tmp_path / f"out-{name}", max_bytes=2**20, max_files=20)
        assert not (tmp_path / f"out-{name}").exists()
    assert not (tmp_path.parent / "evil.py").exists()
    link = tmp_path / "link.zip"
    with zipfile.ZipFile(link, "w") as bundle:
        info = zipfile.ZipInfo("notebook.ipynb")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(info, "/etc/passwd")
    with pytest.raises(UnsafeArchiveError, match="link.zip: expected plain files, found a symbolic link"):
        safe_extract(link, tmp_path / "out-link", max_bytes=2**20, max_files=20)


def test_a_zip_bomb_is_refused_by_declared_and_by_actual_size(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        with bundle.open("zeros.bin", "w", force_zip64=True) as sink:
            block = bytes(2**20)
            for _ in range(1024):  # 1 GB of zeros, about 1 MB compressed
                sink.write(block)
    assert bomb.stat().st_size < 5 * 2**20
    with pytest.raises(UnsafeArchiveError, match=r"bomb.zip: expected at most 5 MB when unpacked, found 1024 MB declared"):
        safe_extract(bomb, tmp_path / "out", max_bytes=5 * 2**20, max_files=20)
    # an archive that lies about its size is stopped while unpacking
    liar = tmp_path / "liar.zip"
    data = bytearray(bomb.read_bytes())
    _shrink_declared_sizes(data)
    liar.write_bytes(bytes(data))
    with pytest.raises(UnsafeArchiveError, match="liar.zip: expected"):
        safe_extract(liar, tmp_path / "out2", max_bytes=5 * 2**20, max_files=20)
    assert not (tmp_path / "out2").exists()


def _shrink_declared_sizes(data: bytearray) -> None:
    """Rewrite the zip64 extra fields so the archive declares 1 kB for its 1 GB entry."""
    for signature in (b"\x01\x00\x10\x00", b"\x01\x00\x18\x00", b"\x01\x00\x1c\x00", b"\x01\x00\x08\x00"):
        start = 0
        while (found := data.find(signature, start)) >= 0:
            size_at = found + 4
            data[size_at : size_at + 8] = (1024).to_bytes(8, "little")
            start = found + 1


def test_unsafe_and_hungry_submissions_are_stopped_while_others_are_graded(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    _write(folder / "00_start_here-good.ipynb", [_student("s1", "甲"), *RIGHT])
    _write(
        folder / "00_start_here-memory.ipynb",
        [_student("s2", "乙"), RIGHT[0], "hoard = []\nwhile True:\n    hoard.append(bytearray(50 * 2**20))", RIGHT[1]],
    )
    _write(
        folder / "00_start_here-disk.ipynb",
        [_student("s3", "丙"), RIGHT[0], "with open('big.bin', 'wb') as f:\n    while True:\n        f.write(bytes(2**20))", RIGHT[1]],
    )
    _zip(folder / "s4.zip", {"../00_start_here.ipynb": _notebook(["import logilab as ll", *RIGHT])})
    _zip(folder / "s5.zip", {"/abs/00_start_here.ipynb": _notebook(["import logilab as ll", *RIGHT])})
    book = grade_submissions(folder, limits=LIMITS)
    table = book.table.set_index("student_id")
    assert table.loc["s1", "total"] == 3
    assert table.loc["s2", "total"] == 2 and "MemoryError" in table.loc["s2", "problems"]
    assert table.loc["s3", "total"] == 2 and "file-size limit" in table.loc["s3", "problems"]
    assert (
        table.loc["s4", "total"] == 0
        and "refused: s4.zip: expected archive entries inside the archive's folder, found a '..' component" in table.loc["s4", "problems"]
    )
    assert table.loc["s5", "total"] == 0 and "an absolute path" in table.loc["s5", "problems"]
    assert not (tmp_path / "00_start_here.ipynb").exists()


def test_each_notebook_runs_in_a_working_folder_of_its_own(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    probe = "import os, pathlib\npathlib.Path('mark.txt').write_text('x')\nprint(os.getcwd())"
    _write(folder / "00_a.ipynb", [_student("a", "A"), probe, RIGHT[0]])
    _write(folder / "00_b.ipynb", [_student("b", "B"), "import pathlib\nassert not pathlib.Path('mark.txt').exists()", RIGHT[0]])
    book = grade_submissions(folder, limits=LIMITS)
    assert (
        book.table.set_index("student_id")["problems"].tolist()
        == ["no check recorded for 00.busiest_warehouse, 00.late_share (exercise cell deleted, not run, or stopped before it)"] * 2
    )
    assert not (folder / "mark.txt").exists() and not list(folder.glob("*.txt"))


# --- the command line --------------------------------------------------------------------


def test_grade_command_writes_the_gradebook_and_the_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "00_start_here-x.ipynb", [_student("2023009", "李四"), *RIGHT[:2]])
    out = tmp_path / "grades.csv"
    err = io.StringIO()
    code = cli.main(["grade", str(folder), "--out", str(out), "--timeout", "20", "--quiet"], stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()
    table = pd.read_csv(out, encoding="utf-8-sig", dtype={"student_id": str})
    assert table.loc[0, ["student_id", "name", "00.customers", "00.late_share", "total"]].tolist() == ["2023009", "李四", 1, 0, 2]
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "00.customers" in page
    assert cli.main(["grade", str(folder), "--out", str(out), "--quiet"], stdout=io.StringIO(), stderr=err) == 1
    assert "found an existing file" in err.getvalue() and "--force" in err.getvalue()


def test_grade_command_on_a_missing_folder(tmp_path):
    err = io.StringIO()
    code = cli.main(["grade", str(tmp_path / "nope"), "--out", str(tmp_path / "g.csv")], stdout=io.StringIO(), stderr=err)
    assert code == 1 and "submissions: expected a folder of notebooks or .zip files, found nothing" in err.getvalue()


def test_check_log_lines_name_the_student(tmp_path, monkeypatch):
    import logilab as ll
    from logilab.exercises import CHECK_LOG_VARIABLE

    log = tmp_path / "log.jsonl"
    monkeypatch.setenv(CHECK_LOG_VARIABLE, str(log))
    ll.student(学号="2023001", 姓名="张三")
    assert json.loads(log.read_text(encoding="utf-8")) == {"student": "2023001", "name": "张三"}
    assert os.environ[CHECK_LOG_VARIABLE] == str(log)


def test_unpacking_refuses_a_folder_that_already_holds_files(tmp_path):
    from logilab.grading import UnsafeArchiveError, safe_extract

    archive = tmp_path / "s.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("nb.ipynb", "{}")
    keep = tmp_path / "out" / "mine.txt"
    keep.parent.mkdir()
    keep.write_text("instructor's file", encoding="utf-8")
    with pytest.raises(UnsafeArchiveError, match="expected a new or empty folder"):
        safe_extract(archive, tmp_path / "out", max_bytes=10**6, max_files=10)
    assert keep.read_text(encoding="utf-8") == "instructor's file"
