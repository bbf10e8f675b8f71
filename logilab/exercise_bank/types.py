"""What an exercise is: its parts, expected answers, kinds, tolerances and typical mistakes.

The notebooks' exercise modules build these records; :mod:`logilab.exercises`
judges answers against them. Keeping the records here lets the bank be
imported by the checker without importing it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "Mistake", "Part", "Exercise"]

KINDS = ("number", "table", "text", "yesno")


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the hint that answers it.

    ``answer`` computes the wrong value (like ``Exercise.expected``); ``part``
    names the part it belongs to in a several-part exercise.

    Attributes
    ----------
    answer : callable
        Called without arguments, returns the wrong answer to recognise.
    hint_zh, hint_en : str
        The hint shown instead of the exercise's own hint when the answer matches.
    part : str, default ""
        The part the mistake belongs to; ``""`` for the first (or only) part.

    Examples
    --------
    >>> mistake = Mistake(lambda: 0.95, "这是准时率,不是 OTIF。", "That is the on-time rate, not OTIF.")
    >>> mistake.answer(), mistake.part
    (0.95, '')
    """

    answer: Callable[[], Any]
    hint_zh: str
    hint_en: str
    part: str = ""


@dataclass(frozen=True)
class Part:
    """One question of a several-part exercise: its name, expected answer, kind and tolerance.

    Attributes
    ----------
    name : str
        The part's name, the keyword a student answers it with (``value=...``).
    label_zh, label_en : str
        How the part is named in the messages.
    expected : callable
        Called without arguments, returns the right answer (a tuple or list
        of numbers accepts any of them).
    kind : {"number", "table", "text", "yesno"}, default "number"
        How the answer is compared: numbers within the tolerance, tables entry
        by entry (labels must match), text ignoring spaces and case, yes/no
        from ``True``/``False`` or words such as 是 / 否.
    rtol, atol : float, default 1e-3, 1e-9
        Relative and absolute tolerance of a number (and of the numbers of a
        table), as in :func:`math.isclose`.
    hint_zh, hint_en : str, default ""
        The hint shown under a wrong answer.
    accept : tuple of str, default ()
        More spellings accepted for a text answer.
    key : tuple of str, default ()
        For a table answer given as a DataFrame: the columns that identify a
        row (as a SQL result has them), compared instead of the index.

    Examples
    --------
    >>> part = Part("passes", "能否通过", "passes", lambda: True, kind="yesno")
    >>> part.kind, part.expected(), part.rtol
    ('yesno', True, 0.001)
    """

    name: str
    label_zh: str
    label_en: str
    expected: Callable[[], Any]
    kind: str = "number"
    rtol: float = 1e-3
    atol: float = 1e-9
    hint_zh: str = ""
    hint_en: str = ""
    accept: tuple[str, ...] = field(default_factory=tuple)
    key: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Exercise:
    """One exercise: id, expected answer (computed on demand), kind, tolerance, hint, parts and typical mistakes.

    Attributes
    ----------
    id : str
        ``"<notebook>.<name>"``, e.g. ``"00.customers"``; the id a student passes to :func:`check`.
    title_zh, title_en : str
        The exercise's title in :func:`list_exercises`.
    expected : callable, optional
        Called without arguments, returns the right answer (computed from the
        sample data when checked, never stored). Required unless ``parts`` is given.
    kind : {"number", "table", "text", "yesno"}, default "number"
        How the answer is compared: numbers within the tolerance, tables entry
        by entry (labels must match), text ignoring spaces and case, yes/no
        from ``True``/``False`` or words such as 是 / 否.
    rtol, atol : float, default 1e-3, 1e-9
        Relative and absolute tolerance of a number (and of the numbers of a
        table), as in :func:`math.isclose`.
    hint_zh, hint_en : str, default ""
        The hint shown under a wrong answer.
    accept : tuple of str, default ()
        More spellings accepted for a text answer.
    key : tuple of str, default ()
        For a table answer given as a DataFrame: the columns that identify a
        row (as a SQL result has them), compared instead of the index.
    parts : tuple of Part, default ()
        The questions of a several-part exercise (then ``expected`` and the
        settings above are those of each part).
    mistakes : tuple of Mistake, default ()
        Typical wrong answers with their own hints.

    Examples
    --------
    >>> exercise = Exercise("t.rate", "比率", "rate", lambda: 0.9234, atol=5e-4, rtol=0)
    >>> [(part.name, part.kind) for part in exercise.all_parts()]
    [('answer', 'number')]
    """

    id: str
    title_zh: str
    title_en: str
    expected: Callable[[], Any] | None = None
    kind: str = "number"
    rtol: float = 1e-3
    atol: float = 1e-9
    hint_zh: str = ""
    hint_en: str = ""
    accept: tuple[str, ...] = field(default_factory=tuple)
    key: tuple[str, ...] = field(default_factory=tuple)
    parts: tuple[Part, ...] = field(default_factory=tuple)
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)

    def all_parts(self) -> tuple[Part, ...]:
        """The parts; an exercise without ``parts`` is one part named ``answer``."""
        if self.parts:
            return self.parts
        if self.expected is None:
            raise ValueError(f"exercise {self.id}: expected an expected= function or parts=, found neither. Give one of them.")
        return (Part("answer", "", "", self.expected, self.kind, self.rtol, self.atol, self.hint_zh, self.hint_en, self.accept, self.key),)
