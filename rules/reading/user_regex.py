"""Regular expressions that users write (prh dictionaries, rule options), matched on a budget.

A pattern such as ``(a|a)+$`` backtracks exponentially: on a line of thirty letters it runs
for minutes, and the linter with it. These patterns are compiled with the ``regex`` package,
whose matching takes a timeout, and each gets a budget of CPU time per document it checks;
past it, ``PatternTimeout`` names the pattern, and the rule reports it instead of hanging.
``regex`` in its default (version 0) mode reads the syntax and flags of Python's ``re``.
"""

from __future__ import annotations

import re
import time
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

# CPU seconds a pattern may spend on one document: a base, and more for a long document.
BASE_SECONDS = 1.0
SECONDS_PER_CHARACTER = 1e-6


class PatternError(ValueError):
    """A pattern that does not compile, whichever engine compiled it (``regex``, or ``re`` for
    a vetted one): callers catch one class without importing either."""


error = PatternError  # the name callers catch, as they would ``re.error``


class PatternTimeout(Exception):
    """A user's pattern ran out of its time on a document."""

    def __init__(self, pattern: str, where: str = "") -> None:
        super().__init__(pattern, where)
        self.pattern = pattern  # as the user wrote it
        self.where = where  # where it comes from: an option, a dictionary file


def budget_for(text: str) -> float:
    """CPU seconds a pattern may spend on ``text`` (and the document it is part of)."""
    return BASE_SECONDS + len(text) * SECONDS_PER_CHARACTER


# Patterns the rules ship as their defaults, as a user would write them: read, not typed in,
# so they need no budget and are compiled with ``re``. Most runs compile only these, and do
# not import ``regex`` at all (8 ms in each process of a one-article run).
_VETTED: set[str] = set()


def vetted(*patterns: str) -> tuple[str, ...]:
    """Mark ``patterns`` (written as in an option: a string or ``/source/flags``) as the rules'
    own; ``is_vetted`` then says so of the same text, whoever passes it."""
    _VETTED.update(patterns)
    return patterns


def is_vetted(written: str) -> bool:
    return written in _VETTED


@lru_cache(maxsize=512)
def compile_pattern(source: str, flags: int = 0, *, vetted: bool = False) -> regex.Pattern | re.Pattern:
    """``source`` compiled with ``regex`` (with ``re`` when ``vetted``); raises ``PatternError``
    (a ``ValueError``) with the engine's message when it does not compile."""
    if vetted:
        try:
            return re.compile(source, flags)
        except re.error as exc:
            raise PatternError(str(exc)) from None
    import regex  # imported on first use: a run without user patterns never pays its 8 ms

    try:
        return regex.compile(source, flags | regex.VERSION0)
    except regex.error as exc:
        raise PatternError(str(exc)) from None


class UserPattern:
    """One pattern a user wrote, with what is left of its budget on the current document.

    Make one per document: the budget is spent across all the searches it does there.
    """

    __slots__ = ("compiled", "written", "where", "left", "timed")

    def __init__(self, compiled: regex.Pattern | re.Pattern, written: str, budget: float, where: str = "") -> None:
        self.compiled = compiled
        self.written = written
        self.where = where
        self.left = budget
        self.timed = not isinstance(compiled, re.Pattern)  # a vetted pattern runs untimed

    def _timed(self, call, *args, **kwargs):
        """``call(*args, timeout=..., **kwargs)`` on what is left of the budget."""
        if not self.timed:
            return call(*args, **kwargs)
        if self.left <= 0:
            raise PatternTimeout(self.written, self.where)
        started = time.process_time()
        try:
            return call(*args, timeout=self.left, **kwargs)
        except TimeoutError:
            self.left = 0.0
            raise PatternTimeout(self.written, self.where) from None
        finally:
            self.left -= time.process_time() - started

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        return self._timed(self.compiled.search, text, pos, len(text) if endpos is None else endpos)

    def sub(self, replacement: str, text: str) -> str:
        return self._timed(self.compiled.sub, replacement, text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match]:
        """The matches, all found before this returns (so the budget counts only the matching)."""
        endpos = len(text) if endpos is None else endpos
        if not self.timed:
            return list(self.compiled.finditer(text, pos, endpos))
        return self._timed(_all_matches, self.compiled, text, pos, endpos)


def _all_matches(compiled: regex.Pattern, text: str, pos: int, endpos: int, timeout: float) -> list[regex.Match]:
    return list(compiled.finditer(text, pos, endpos, timeout=timeout))
