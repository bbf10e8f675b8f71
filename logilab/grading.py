"""The instructor's gradebook: run every submitted notebook and record its ``ll.check`` results.

``logilab grade SUBMISSIONS --out grades.csv`` (see :mod:`logilab.cli`) calls
:func:`grade_submissions`, which

1. collects the submissions in a folder: a notebook, a folder of notebooks or a
   ``.zip`` per student. Archives are unpacked into a fresh temporary folder;
   entries with absolute paths, ``..`` components or symlinks are refused, as
   are archives over the size or file-count cap, and the gradebook says which
   submission was refused and why;
2. runs every notebook top to bottom in a kernel of its own, started with the
   Python that runs the grader (so the workbook's own installed package is
   used), in a working folder of its own, with a wall-clock limit per notebook
   and resource limits on the kernel process (address space ``RLIMIT_AS`` and
   file size ``RLIMIT_FSIZE``, set by a small launch wrapper before the kernel
   starts);
3. reads what every ``ll.check`` call recorded (exercise, answer) and judges
   the recorded answers again in the grader's own process, so a notebook cannot
   simply claim to be right;
4. writes the gradebook (one row per student, one column per exercise, totals;
   UTF-8 with BOM for Excel, text cells that begin with ``=``, ``+``, ``-``,
   ``@``, a tab or a carriage return prefixed with ``'`` so a spreadsheet
   never runs them as formulas) and an HTML summary (share of students
   passing each exercise, the most common wrong answers, the submissions that
   failed and why; every student-provided text escaped).

A notebook that fails, hangs, runs out of memory or has had its exercise cells
deleted scores zero on the exercises it did not answer and is listed with the
reason; one bad submission never stops the grader.

Grading runs students' code. The limits above contain mistakes, not attacks:
grade in a separate account or container that holds nothing else of value.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from ._validation import LogilabInputError
from .io import csv_bytes, escape_html

__all__ = [
    "GradeLimits",
    "NotebookRun",
    "Submission",
    "UnsafeArchiveError",
    "Gradebook",
    "safe_extract",
    "collect_submissions",
    "run_notebook",
    "grade_submissions",
    "gradebook_csv_bytes",
    "summary_html",
]

STUDENT_FIELDS = ("student_id", "name")
NO_ANSWER = "(no answer)"


class UnsafeArchiveError(LogilabInputError):
    """A submitted archive that is not unpacked (unsafe entry, too large, too many files, not a zip).

    A :class:`logilab.LogilabInputError` (hence a ``ValueError``) whose message
    names the archive and the reason.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "s.zip").write_bytes(b"not a zip")
    >>> try:
    ...     safe_extract(folder / "s.zip", folder / "out", max_bytes=10**6, max_files=10)
    ... except UnsafeArchiveError as error:
    ...     print(str(error).split(" (")[0])
    s.zip: expected a zip archive, found a file that cannot be opened as one
    """


@dataclass(frozen=True)
class GradeLimits:
    """The limits every submission runs under.

    Attributes
    ----------
    timeout : float
        Wall-clock seconds per notebook (all cells together).
    memory_mb : int
        Address-space limit of the kernel process (``RLIMIT_AS``), in MB.
    file_size_mb : int
        Largest file the kernel may write (``RLIMIT_FSIZE``), in MB.
    max_unpacked_mb : int
        Largest total size of one unpacked archive, in MB.
    max_files : int
        Most entries in one archive.
    startup_timeout : float
        Seconds a kernel may take to start.

    The defaults are those of ``logilab grade``: 300 s, 2048 MB, 50 MB,
    200 MB, 500 files and 60 s.

    Examples
    --------
    >>> GradeLimits(timeout=60)
    GradeLimits(timeout=60, memory_mb=2048, file_size_mb=50, max_unpacked_mb=200, max_files=500, startup_timeout=60.0)
    """

    timeout: float = 300.0
    memory_mb: int = 2048
    file_size_mb: int = 50
    max_unpacked_mb: int = 200
    max_files: int = 500
    startup_timeout: float = 60.0


# --- archives ----------------------------------------------------------------------------


def _unsafe_name(name: str) -> str | None:
    """Why an archive entry's name is unsafe, or None."""
    if not name or "\x00" in name:
        return "an empty name or a NUL character"
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return f"an absolute path ({name!r})"
    if ".." in PurePosixPath(normal).parts:
        return f"a '..' component ({name!r})"
    return None


def safe_extract(archive: Path, destination: Path, *, max_bytes: int, max_files: int) -> list[Path]:
    """Unpack a zip archive into ``destination`` (which must be new or empty), refusing anything unsafe.

    Every entry is checked before anything is written: no absolute paths, no
    ``..`` components, no symlinks, at most ``max_files`` entries and at most
    ``max_bytes`` in all by the sizes the archive declares. While unpacking,
    the bytes actually written are counted too (a declared size can lie), and
    unpacking stops at the cap. Nothing is left behind when an archive is
    refused.

    Parameters
    ----------
    archive : Path
        The ``.zip`` file.
    destination : Path
        The folder to unpack into; created if missing. Give a new folder: when
        an archive is refused during unpacking the whole folder is removed.
    max_bytes : int
        The most bytes all entries may hold together (declared and written).
    max_files : int
        The most entries the archive may have.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    UnsafeArchiveError
        Naming the archive and the reason.

    Examples
    --------
    >>> import io, zipfile, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "s.zip", "w") as z:
    ...     z.writestr("../escape.txt", "x")
    >>> safe_extract(folder / "s.zip", folder / "out", max_bytes=10**6, max_files=10)
    Traceback (most recent call last):
    ...
    logilab.grading.UnsafeArchiveError: s.zip: expected archive entries inside the archive's folder, found a '..' component ('../escape.txt'). Ask the student to zip the notebook folder itself.

    >>> with zipfile.ZipFile(folder / "ok.zip", "w") as z:
    ...     z.writestr("work/00_intro.ipynb", "{}")
    >>> [p.relative_to(folder / "ok").as_posix() for p in safe_extract(folder / "ok.zip", folder / "ok", max_bytes=10**6, max_files=10)]
    ['work/00_intro.ipynb']
    """
    label = archive.name
    if destination.exists() and any(destination.iterdir()):
        # a refused archive is cleaned up by removing the destination, so it must hold nothing else
        raise UnsafeArchiveError(
            f"{label}: expected a new or empty folder to unpack into, found files in {destination.name}. Unpack into a fresh folder."
        )
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise UnsafeArchiveError(
            f"{label}: expected a zip archive, found a file that cannot be opened as one ({error}). Ask for a new .zip."
        ) from None
    with bundle:
        entries = bundle.infolist()
        if len(entries) > max_files:
            raise UnsafeArchiveError(
                f"{label}: expected at most {max_files} files in an archive, found {len(entries)}. Ask the student to submit only the notebooks."
            )
        declared = 0
        for entry in entries:
            reason = _unsafe_name(entry.filename)
            if reason:
                raise UnsafeArchiveError(
                    f"{label}: expected archive entries inside the archive's folder, found {reason}. Ask the student to zip the notebook folder itself."
                )
            mode = entry.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise UnsafeArchiveError(
                    f"{label}: expected plain files, found a symbolic link ({entry.filename!r}). Ask the student to zip the files, not links to them."
                )
            declared += entry.file_size
        if declared > max_bytes:
            raise UnsafeArchiveError(
                f"{label}: expected at most {max_bytes / 2**20:.0f} MB when unpacked, found {declared / 2**20:.0f} MB declared. "
                "Ask the student to submit only the notebooks."
            )
        destination.mkdir(parents=True, exist_ok=True)
        root = destination.resolve()
        written: list[Path] = []
        total = 0
        try:
            for entry in entries:
                target = (destination / entry.filename.replace("\\", "/")).resolve()
                if root not in target.parents:
                    raise UnsafeArchiveError(
                        f"{label}: expected entries inside the archive's folder, found {entry.filename!r}. Ask for a new .zip."
                    )
                if entry.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with bundle.open(entry) as source, open(target, "wb") as sink:
                    while chunk := source.read(1 << 16):
                        total += len(chunk)
                        if total > max_bytes:
                            raise UnsafeArchiveError(
                                f"{label}: expected at most {max_bytes / 2**20:.0f} MB when unpacked, found more while unpacking "
                                f"{entry.filename!r}. Ask the student to submit only the notebooks."
                            )
                        sink.write(chunk)
                written.append(target)
        except UnsafeArchiveError:
            shutil.rmtree(destination, ignore_errors=True)
            raise
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as error:  # corrupt data, encrypted entries
            shutil.rmtree(destination, ignore_errors=True)
            raise UnsafeArchiveError(f"{label}: expected a readable zip archive, found {error}. Ask for a new .zip.") from None
    return written


# --- submissions -------------------------------------------------------------------------


@dataclass
class Submission:
    """One student's submission: where it came from and the notebooks it holds (or why it was refused).

    Attributes
    ----------
    source : str
        The submitted file or folder name.
    notebooks : list of Path
        The notebooks found (unpacked ones lie in the grader's workspace).
    problem : str or None
        Why the submission cannot be graded (refused archive, no notebook), or None.

    Examples
    --------
    >>> Submission("2023001.zip", problem="no notebook (.ipynb) in the archive").fallback_id
    '2023001'
    """

    source: str
    notebooks: list[Path] = field(default_factory=list)
    problem: str | None = None

    @property
    def fallback_id(self) -> str:
        """The student id used when the notebooks do not name the student: the file name without its suffix."""
        return Path(self.source).stem


def collect_submissions(folder: Path, workspace: Path, limits: GradeLimits = GradeLimits()) -> list[Submission]:
    """The submissions in ``folder``: each ``.ipynb``, each ``.zip`` and each sub-folder is one student.

    Archives are unpacked with :func:`safe_extract` into a new folder inside
    ``workspace``; a refused archive becomes a submission with a ``problem``
    and no notebooks. Hidden files and ``.ipynb_checkpoints`` are skipped.

    Parameters
    ----------
    folder : Path
        The folder of submissions (or a single ``.ipynb`` or ``.zip`` file).
    workspace : Path
        An existing folder to unpack archives into (the grader uses a temporary one).
    limits : GradeLimits, default GradeLimits()
        ``max_unpacked_mb`` and ``max_files`` cap each archive.

    Returns
    -------
    list of Submission
        One per entry of ``folder``, sorted by name.

    Examples
    --------
    >>> import tempfile
    >>> folder, workspace = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = (folder / "2023001.ipynb").write_text("{}")
    >>> _ = (folder / "2023002.zip").write_bytes(b"not a zip")
    >>> (folder / "2023003").mkdir()
    >>> [(s.source, len(s.notebooks), (s.problem or "")[:30]) for s in collect_submissions(folder, workspace)]
    [('2023001.ipynb', 1, ''), ('2023002.zip', 0, 'refused: 2023002.zip: expected'), ('2023003', 0, 'no notebook (.ipynb) in the fo')]
    """
    folder = Path(folder)
    if not folder.is_dir():
        if folder.is_file() and folder.suffix.lower() in (".zip", ".ipynb"):
            entries = [folder]
        else:
            raise LogilabInputError(
                f"submissions: expected a folder of notebooks or .zip files, found {'nothing' if not folder.exists() else 'a file'} at {folder}. "
                "Collect the students' files in one folder."
            )
    else:
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    submissions = []
    for number, entry in enumerate(entries):
        if entry.is_symlink():
            submissions.append(Submission(entry.name, problem="refused: a symbolic link, not a submitted file"))
        elif entry.is_dir():
            notebooks = sorted(p for p in entry.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts and not p.is_symlink())
            submission = Submission(entry.name, notebooks)
            if not notebooks:
                submission.problem = "no notebook (.ipynb) in the folder"
            submissions.append(submission)
        elif entry.suffix.lower() == ".ipynb":
            submissions.append(Submission(entry.name, [entry]))
        elif entry.suffix.lower() == ".zip":
            target = workspace / f"unpacked-{number:04d}"
            try:
                files = safe_extract(entry, target, max_bytes=limits.max_unpacked_mb * 2**20, max_files=limits.max_files)
            except UnsafeArchiveError as error:
                submissions.append(Submission(entry.name, problem=f"refused: {error}"))
                continue
            notebooks = sorted(
                p for p in files if p.suffix.lower() == ".ipynb" and ".ipynb_checkpoints" not in p.parts and "__MACOSX" not in p.parts
            )
            submissions.append(Submission(entry.name, notebooks, None if notebooks else "no notebook (.ipynb) in the archive"))
    return submissions


# --- running one notebook ----------------------------------------------------------------


@dataclass
class NotebookRun:
    """What running one notebook gave: the checks it recorded, the student it named, and any problem.

    Attributes
    ----------
    notebook : str
        The notebook's file name.
    checks : list of dict
        One record per ``ll.check`` call, in order: ``exercise``, ``correct``
        (as the notebook saw it), ``answer`` and ``named``.
    student_id, name : str or None
        What the notebook's ``ll.student(...)`` cell gave, if it ran.
    problem : str or None
        The first error, a timeout or a dead kernel, or None.
    seconds : float
        Wall-clock time of the run.

    Examples
    --------
    >>> NotebookRun("00_intro.ipynb", problem="timed out after 300 s")
    NotebookRun(notebook='00_intro.ipynb', checks=[], student_id=None, name=None, problem='timed out after 300 s', seconds=0.0)
    """

    notebook: str
    checks: list[dict[str, Any]] = field(default_factory=list)
    student_id: str | None = None
    name: str | None = None
    problem: str | None = None
    seconds: float = 0.0


def _kernel_manager(limits: GradeLimits):
    from jupyter_client.manager import AsyncKernelManager

    class LimitedKernelManager(AsyncKernelManager):
        """Starts the kernel through ``logilab._kernel_limits``, which sets the resource limits first."""

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            command = super().format_kernel_cmd(extra_arguments)
            if command and Path(command[0]).name.startswith("python"):
                command[0] = sys.executable  # the grader's own Python, with the workbook installed
            return [
                sys.executable,
                "-m",
                "logilab._kernel_limits",
                str(limits.memory_mb * 2**20),
                str(limits.file_size_mb * 2**20),
                "--",
                *command,
            ]

    return LimitedKernelManager(kernel_name="python3")


def _error_summary(error: BaseException) -> str:
    text = " ".join(str(error).split())
    names = re.findall(r"\b(\w+(?:Error|Exception|Interrupt|Exit))\b", text)
    if "MemoryError" in names:
        return "MemoryError: the notebook ran out of its memory limit"
    if "File too large" in text or "EFBIG" in text:
        return "OSError: the notebook wrote a file over the file-size limit"
    last = next((n for n in reversed(names) if n not in ("CellExecutionError",)), type(error).__name__)
    message = re.search(rf"{last}: ([^\n]*?)(?:\s{{2,}}|$)", text)
    return f"{last}: {message.group(1)[:160]}" if message else last


def run_notebook(path: Path, limits: GradeLimits = GradeLimits()) -> NotebookRun:
    """Run one notebook in a fresh kernel under ``limits`` and return the checks it recorded.

    The notebook is copied into a new temporary working folder, which is also
    the kernel's current folder and home; the folder is removed afterwards.
    Execution continues past failing cells (``allow_errors``) so later
    exercises are still graded; the first error is reported as the problem.

    Parameters
    ----------
    path : Path
        The notebook (``.ipynb``).
    limits : GradeLimits, default GradeLimits()
        ``timeout``, ``memory_mb``, ``file_size_mb`` and ``startup_timeout`` apply.

    Returns
    -------
    NotebookRun
        The recorded checks, the student named and any problem (an unreadable
        file, a failing cell, a timeout, a dead kernel).

    Examples
    --------
    A file that is not a notebook is reported without starting a kernel:

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "00_intro.ipynb"
    >>> _ = path.write_text("not a notebook")
    >>> run_notebook(path).problem
    'not a readable notebook (NotJSONError)'
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .exercises import CHECK_LOG_VARIABLE

    run = NotebookRun(path.name)
    started = time.monotonic()
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # noqa: BLE001 - any unreadable file is a problem of this submission only
        run.problem = f"not a readable notebook ({type(error).__name__})"
        return run
    with tempfile.TemporaryDirectory(prefix="logilab-grade-") as scratch:
        workdir = Path(scratch) / "work"
        workdir.mkdir()
        log = Path(scratch) / "checks.jsonl"
        shutil.copy2(path, workdir / path.name)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(workdir),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "MPLBACKEND": "Agg",
            "MALLOC_ARENA_MAX": "2",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "PYTHONHASHSEED": "0",
            CHECK_LOG_VARIABLE: str(log),
        }
        km = _kernel_manager(limits)
        client = NotebookClient(
            notebook,
            km=km,
            timeout=max(1, int(limits.timeout)),
            startup_timeout=int(limits.startup_timeout),
            allow_errors=True,
            record_timing=False,
            resources={"metadata": {"path": str(workdir)}},
        )
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            provisioner = getattr(km, "provisioner", None)
            process = getattr(provisioner, "process", None)
            if process is not None and process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # the kernel runs in a session of its own
                except OSError:
                    process.kill()

        watchdog = threading.Timer(limits.timeout, stop)
        watchdog.daemon = True
        watchdog.start()
        try:
            client.execute(env=env)
        except CellTimeoutError:
            run.problem = f"time limit: stopped after {limits.timeout:g} s"
        except DeadKernelError:
            run.problem = (
                f"time limit: stopped after {limits.timeout:g} s"
                if timed_out.is_set()
                else "the kernel died (memory or file-size limit, or a crash)"
            )
        except Exception as error:  # noqa: BLE001 - one bad notebook must not stop the grader
            run.problem = f"time limit: stopped after {limits.timeout:g} s" if timed_out.is_set() else _error_summary(error)
        finally:
            watchdog.cancel()
            try:
                from jupyter_core.utils import run_sync

                if km.has_kernel:
                    run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001, S110 - the kernel may already be gone
                pass
        if run.problem is None:
            for cell in notebook.cells:
                errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                if errors:
                    first = errors[0]
                    name, value = first.get("ename", "Error"), " ".join(str(first.get("evalue", "")).split())[:160]
                    if name == "MemoryError":
                        run.problem = "MemoryError: the notebook ran out of its memory limit"
                    elif name == "OSError" and ("File too large" in value or "27" in value):
                        run.problem = "OSError: the notebook wrote a file over the file-size limit"
                    else:
                        run.problem = f"a cell failed: {name}: {value}"
                    break
        run.checks, run.student_id, run.name = _read_log(log)
    run.seconds = time.monotonic() - started
    return run


def _read_log(log: Path) -> tuple[list[dict[str, Any]], str | None, str | None]:
    checks: list[dict[str, Any]] = []
    student_id = name = None
    if not log.exists():
        return checks, None, None
    with open(log, encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines):
            if number > 10_000:
                break
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict):
                continue
            if "student" in record:
                student_id = str(record.get("student") or "").strip()[:80] or student_id
                name = str(record.get("name") or "").strip()[:80] or name
            elif isinstance(record.get("exercise"), str):
                checks.append(record)
    return checks, student_id, name


# --- judging -----------------------------------------------------------------------------


def _restore(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return tuple(_restore(v) for v in value["__tuple__"])
        if set(value) == {"__table__"}:
            from io import StringIO

            return pd.read_json(StringIO(value["__table__"]))
        return {k: _restore(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore(v) for v in value]
    return value


def _shown(answer: Any, named: Mapping[str, Any]) -> str:
    """The answer as text for the gradebook (short); ``NO_ANSWER`` when the cell was left at ``...`` / ``None``."""
    if answer is None and all(v is None for v in named.values()):
        return NO_ANSWER
    if named:
        text = ", ".join(f"{k}={json.dumps(v, ensure_ascii=False, default=str)}" for k, v in named.items())
    else:
        text = json.dumps(answer, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def judge(record: Mapping[str, Any]) -> tuple[bool, str]:
    """Judge one recorded check again in this process; return (correct, the answer as text)."""
    from .exercises import evaluate

    answer, named = record.get("answer"), record.get("named") or {}
    shown = _shown(answer, named)
    try:
        restored_named = {str(k): _restore(v) for k, v in dict(named).items()}
        result = evaluate(record["exercise"], _restore(answer), lang="en", **restored_named)
    except Exception:  # noqa: BLE001 - an answer that cannot be judged is not correct
        return False, shown
    return result.correct, shown


# --- the gradebook -----------------------------------------------------------------------


@dataclass
class Gradebook:
    """The graded class: ``table`` (one row per student) and ``answers`` (one row per recorded check).

    Attributes
    ----------
    table : DataFrame
        One row per submission: ``student_id``, ``name``, ``source``, one
        column per exercise (1 correct, 0 not), ``total``, ``possible``,
        ``problems`` (``" | "``-joined, empty when none).
    answers : DataFrame
        One row per exercise a student checked (the last check counts):
        ``student_id``, ``exercise``, ``correct`` (judged by the grader) and
        ``answer`` (as text).
    exercises : list of str
        The exercise ids that make the columns.

    Examples
    --------
    >>> table = pd.DataFrame({"student_id": ["s1", "s2"], "name": ["", ""], "source": ["s1.ipynb", "s2.ipynb"],
    ...                       "00.customers": [1, 0], "total": [1, 0], "possible": [1, 1], "problems": ["", ""]})
    >>> answers = pd.DataFrame({"student_id": ["s1", "s2"], "exercise": ["00.customers"] * 2,
    ...                         "correct": [True, False], "answer": ["3000", "2999"]})
    >>> Gradebook(table, answers, ["00.customers"]).summary()
           exercise  students  passed  pass_share common_wrong_answers
    0  00.customers         2       1         0.5             2999 (1)
    """

    table: pd.DataFrame
    answers: pd.DataFrame
    exercises: list[str]

    def summary(self) -> pd.DataFrame:
        """Per exercise: students, passed, pass share and the three most common wrong answers."""
        rows = []
        students = len(self.table)
        for exercise in self.exercises:
            passed = int(self.table[exercise].sum()) if students else 0
            wrong = self.answers[(self.answers["exercise"] == exercise) & ~self.answers["correct"]]["answer"]
            wrong = wrong[wrong != NO_ANSWER]
            common = Counter(wrong).most_common(3)
            rows.append(
                {
                    "exercise": exercise,
                    "students": students,
                    "passed": passed,
                    "pass_share": passed / students if students else float("nan"),
                    "common_wrong_answers": "; ".join(f"{answer} ({count})" for answer, count in common),
                }
            )
        return pd.DataFrame(rows, columns=["exercise", "students", "passed", "pass_share", "common_wrong_answers"])


def _exercise_ids(notebook_numbers: Iterable[str]) -> list[str]:
    from .exercise_bank import all_exercises

    numbers = set(notebook_numbers)
    return [e.id for e in all_exercises() if e.id.split(".")[0] in numbers]


def grade_submissions(
    folder: Path,
    *,
    limits: GradeLimits = GradeLimits(),
    notebooks: Sequence[str] | None = None,
    progress: Any = None,
) -> Gradebook:
    """Grade every submission in ``folder`` (see the module docstring).

    Parameters
    ----------
    folder : Path
        The submissions: notebooks, folders of notebooks, or one ``.zip`` per student.
    limits : GradeLimits
        Time, memory, file-size and archive limits.
    notebooks : sequence of str, optional
        The notebook numbers whose exercises make the columns (``["02", "05"]``);
        by default those of the notebooks submitted (the two digits their names start with).
    progress : callable, optional
        Called with a line of text for each notebook graded.

    Returns
    -------
    Gradebook
        One row per submission (the last check of each exercise counts, judged
        again by the grader) and one row per recorded answer.

    Examples
    --------
    Submissions that cannot run score zero and say why (no kernel is started here):

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "2023002.zip").write_bytes(b"not a zip")
    >>> (folder / "2023003").mkdir()
    >>> book = grade_submissions(folder, notebooks=["00"])
    >>> book.exercises
    ['00.customers', '00.busiest_warehouse', '00.late_share']
    >>> book.table[["student_id", "total", "possible"]]
      student_id  total  possible
    0    2023002      0         3
    1    2023003      0         3
    >>> book.table.loc[1, "problems"]
    'no notebook (.ipynb) in the folder'
    """
    with tempfile.TemporaryDirectory(prefix="logilab-submissions-") as workspace:
        submissions = collect_submissions(Path(folder), Path(workspace), limits)
        runs: list[tuple[Submission, list[NotebookRun]]] = []
        for submission in submissions:
            results = []
            for path in submission.notebooks:
                run = run_notebook(path, limits)
                results.append(run)
                if progress:
                    progress(
                        f"{submission.source} / {path.name}: {len(run.checks)} checks, {run.seconds:.1f} s"
                        + (f" ({run.problem})" if run.problem else "")
                    )
            if progress and submission.problem:
                progress(f"{submission.source}: {submission.problem}")
            runs.append((submission, results))
    numbers = (
        list(notebooks) if notebooks else sorted({m.group(1) for s, rs in runs for r in rs if (m := re.match(r"^(\d{2})", r.notebook))})
    )
    if not numbers:
        numbers = sorted({c["exercise"].split(".")[0] for _, rs in runs for r in rs for c in r.checks})
    exercises = _exercise_ids(numbers)
    rows, answer_rows = [], []
    for submission, results in runs:
        student_id = next((r.student_id for r in results if r.student_id), None) or submission.fallback_id
        name = next((r.name for r in results if r.name), None) or ""
        marks = dict.fromkeys(exercises, 0)
        answered: set[str] = set()
        problems = [submission.problem] if submission.problem else []
        for run in results:
            latest: dict[str, Mapping[str, Any]] = {}
            for record in run.checks:
                latest[record["exercise"]] = record  # the last check of an exercise counts
            for exercise, record in latest.items():
                correct, shown = judge(record)
                answer_rows.append({"student_id": student_id, "exercise": exercise, "correct": correct, "answer": shown})
                if exercise in marks:
                    marks[exercise] = max(marks[exercise], int(correct))
                    answered.add(exercise)
            if run.problem:
                problems.append(f"{run.notebook}: {run.problem}")
        submitted_numbers = {r.notebook[:2] for r in results}
        unanswered = [e for e in exercises if e not in answered and e.split(".")[0] in submitted_numbers]
        if unanswered and results:
            problems.append(f"no check recorded for {', '.join(unanswered)} (exercise cell deleted, not run, or stopped before it)")
        rows.append(
            {
                "student_id": student_id,
                "name": name,
                "source": submission.source,
                **marks,
                "total": sum(marks.values()),
                "possible": len(exercises),
                "problems": " | ".join(problems),
            }
        )
    table = pd.DataFrame(rows, columns=["student_id", "name", "source", *exercises, "total", "possible", "problems"])
    answers = pd.DataFrame(answer_rows, columns=["student_id", "exercise", "correct", "answer"])
    return Gradebook(table=table, answers=answers, exercises=exercises)


# --- output ------------------------------------------------------------------------------


def gradebook_csv_bytes(table: pd.DataFrame) -> bytes:
    """The gradebook as CSV bytes: UTF-8 with BOM (Excel opens it), text cells made formula-safe, the table unchanged.

    Written by :func:`logilab.io.csv_bytes`, the one CSV writer of the workbook.

    Parameters
    ----------
    table : DataFrame
        ``Gradebook.table`` (any table is accepted).

    Returns
    -------
    bytes
        UTF-8 with a byte-order mark, CRLF line ends (RFC 4180), no index.

    References
    ----------
    .. [1] Shafranovich, Y. (2005). *Common Format and MIME Type for Comma-Separated Values
       (CSV) Files*. RFC 4180, Internet Engineering Task Force.
    .. [2] OWASP Foundation. *CSV Injection*. https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> gradebook_csv_bytes(pd.DataFrame({"student_id": ["=1+1", "2023001"], "total": [2, 3]}))
    b"\\xef\\xbb\\xbfstudent_id,total\\r\\n'=1+1,2\\r\\n2023001,3\\r\\n"
    """
    return csv_bytes(table)


def summary_html(book: Gradebook, *, title: str = "Gradebook summary / 成绩汇总") -> str:
    """A self-contained HTML page: pass share per exercise, common wrong answers, submissions with problems.

    Every text that comes from a submission (ids, names, answers, file names,
    error messages) is escaped with :func:`logilab.io.escape_html`.

    Parameters
    ----------
    book : Gradebook
        The output of :func:`grade_submissions`.
    title : str, default "Gradebook summary / 成绩汇总"
        The page title.

    Returns
    -------
    str
        A complete HTML document (no scripts, no external resources).

    Examples
    --------
    >>> table = pd.DataFrame({"student_id": ["<b>s1</b>"], "name": [""], "source": ["s1.ipynb"], "00.customers": [1],
    ...                       "total": [1], "possible": [1], "problems": [""]})
    >>> answers = pd.DataFrame(columns=["student_id", "exercise", "correct", "answer"])
    >>> page = summary_html(Gradebook(table, answers, ["00.customers"]))
    >>> page.startswith("<!DOCTYPE html>"), "&lt;b&gt;s1&lt;/b&gt;" in page, "<b>s1</b>" in page
    (True, True, False)
    """
    e = escape_html
    summary = book.summary()
    parts = [
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.bar{background:#4c9a2a;height:10px}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{len(book.table)} students / 学生, {len(book.exercises)} exercises / 练习.</p>",
        "<h2>Exercises / 练习</h2><table><tr><th>exercise</th><th>passed / 通过</th><th>share / 比例</th><th>most common wrong answers / 常见错误答案</th></tr>",
    ]
    for row in summary.itertuples():
        share = 0.0 if pd.isna(row.pass_share) else float(row.pass_share)
        parts.append(
            f"<tr><td>{e(row.exercise)}</td><td>{row.passed} / {row.students}</td>"
            f"<td><div class='bar' style='width:{100 * share:.0f}px'></div>{share:.0%}</td><td>{e(row.common_wrong_answers)}</td></tr>"
        )
    parts.append("</table>")
    problems = book.table[book.table["problems"].astype(str).str.len() > 0]
    parts.append(f"<h2>Submissions with problems / 有问题的提交 ({len(problems)})</h2>")
    if len(problems):
        parts.append("<table><tr><th>student</th><th>source</th><th>total</th><th>problems / 问题</th></tr>")
        for row in problems.itertuples():
            parts.append(
                f"<tr><td>{e(str(row.student_id))}</td><td>{e(str(row.source))}</td><td>{row.total}</td><td>{e(str(row.problems))}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p>None / 无</p>")
    parts.append("<h2>Students / 学生</h2><table><tr><th>student</th><th>name</th><th>total</th></tr>")
    for row in book.table.itertuples():
        parts.append(f"<tr><td>{e(str(row.student_id))}</td><td>{e(str(row.name))}</td><td>{row.total} / {row.possible}</td></tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts)
