"""The ``allows`` option of the AI-writing rules, read as textlint's regexp-string-matcher reads it.

An entry written ``/pattern/flags`` is a regular expression, any other string matches
literally; a node whose text contains a match of any entry is not reported. Patterns come
from the user's configuration, so they are compiled by the shared helper for user-supplied
patterns, in this one place, and matched on the budget every user pattern gets (a pattern
that backtracks without end stops the rule with a warning naming it, not the run).
"""

from __future__ import annotations

from collections.abc import Iterable

from ...reading.user_regex import BASE_SECONDS, UserPattern
from ..ja._patterns import compile_pattern


class AllowsError(ValueError):
    """An ``allows`` entry that is not a valid regular expression."""


def compile_allows(
    entries: Iterable[object] | None, rule: str, budget: float = BASE_SECONDS
) -> tuple[UserPattern, ...]:
    """The compiled entries of an ``allows`` option, with ``budget`` CPU seconds each for the
    document (``user_regex.budget_for``); an invalid entry is an error, as in textlint."""
    if entries is None:
        return ()
    if isinstance(entries, str) or not isinstance(entries, Iterable):
        raise AllowsError(f"{rule}: allows must be a list of strings, not {entries!r}")
    patterns = []
    for entry in entries:
        if not isinstance(entry, str) or not entry:
            raise AllowsError(f"{rule}: allows entries must be non-empty strings, not {entry!r}")
        pattern = compile_pattern(entry)
        if pattern is None:
            raise AllowsError(f"{rule}: allows entry {entry!r} is not a valid regular expression")
        patterns.append(UserPattern(pattern, entry, budget, "allows"))
    return tuple(patterns)


def allows_problem(entries: object) -> str | None:
    """Why ``entries`` cannot be an ``allows`` option (checked with the configuration), or None."""
    try:
        compile_allows(entries, "allows")  # type: ignore[arg-type]
    except AllowsError as exc:
        return str(exc).removeprefix("allows: ")
    return None


def allows_option(doc: str):
    """The ``allows`` option every AI-writing rule has."""
    from ...engine.options import Option

    return Option("allows", [], doc, validate=allows_problem)


def allowed(text: str, patterns: tuple[UserPattern, ...]) -> bool:
    """True when any of ``patterns`` occurs in ``text``."""
    return any(p.search(text) is not None for p in patterns)
