"""The values every part of the linter passes around: edits, fixes and diagnostics.

Offsets are Python ``str`` indices (code points) into the whole file text, front matter
included. Conversion to lines, columns or UTF-16 units happens at the edges.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Literal, TypeVar

Severity = Literal["error", "warning", "info"]
Applicability = Literal["safe", "unsafe", "display"]

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

_T = TypeVar("_T")


def _pickled_by_constructor(cls: type[_T]) -> type[_T]:
    """Pickle ``cls`` (a frozen dataclass of several fields) as a call of its constructor.

    A frozen dataclass with slots is otherwise unpickled by a loop in Python over its fields for
    each object: the editor receives a long article's thousand-odd findings from the lint process
    after each pause in typing, and that took twice as long, with the window waiting for it.
    """
    values = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: _T) -> tuple[type[_T], tuple]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign, assignment]
    return cls


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``text``."""

    start: int
    end: int
    text: str


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that together fix one diagnostic.

    ``safe`` fixes are applied by ``--fix``; ``unsafe`` ones only with ``--unsafe-fixes``;
    ``display`` ones are only offered (the editor shows them as quick fixes).
    """

    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"
    description: str = ""


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of one rule at ``text[start:end]``.

    ``line``/``column`` (1-based, column in code points) and their ``end_`` counterparts
    are filled in by the engine; rules leave them at 0.
    """

    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None
    suggestions: tuple[Fix, ...] = ()
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def with_position(self, line: int, column: int, end_line: int, end_column: int) -> Diagnostic:
        return replace(self, line=line, column=column, end_line=end_line, end_column=end_column)

    def all_fixes(self) -> tuple[Fix, ...]:
        return ((self.fix,) if self.fix else ()) + tuple(self.suggestions)


class LineIndex:
    """Maps code-point offsets to 1-based (line, column), and to and from UTF-16 offsets."""

    __slots__ = ("text", "starts", "_astral", "_units")

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts
        self._astral: list[int] | None = None
        self._units: list[int] | None = None

    def line_of(self, offset: int) -> int:
        """0-based line index of ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column (code points) of ``offset``."""
        line = self.line_of(offset)
        return line + 1, offset - self.starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end (without the newline) of 0-based ``line``."""
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return start, end

    def utf16(self, offset: int) -> int:
        """The UTF-16 code-unit offset of code-point ``offset``.

        Characters outside the BMP (🦀, 𠮷) take two units; their positions are found once
        with a regular expression and counted with a binary search.
        """
        if self.has_astral():
            return offset + bisect_left(self._astral, offset)  # type: ignore[arg-type]
        return offset

    def has_astral(self) -> bool:
        """Whether the text has characters outside the BMP (found once)."""
        if self._astral is None:
            text = self.text
            # The UTF-16 length equals the length only without them: a test in C over the text.
            if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
                self._astral = []
            else:
                self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        return bool(self._astral)

    def code_point(self, utf16: int) -> int:
        """The code-point offset of UTF-16 offset ``utf16`` (the inverse of ``utf16``).

        An offset between the two units of a surrogate pair maps to the start of its character.
        """
        if self._astral is None:
            self._astral = [m.start() for m in _ASTRAL.finditer(self.text)]
        if not self._astral:
            return utf16
        if self._units is None:  # the k-th astral character starts at UTF-16 offset astral[k] + k
            self._units = [a + k for k, a in enumerate(self._astral)]
        return utf16 - bisect_left(self._units, utf16)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
