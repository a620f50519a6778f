"""``allow``-style options as textlint's regexp-string-matcher reads them.

An entry written ``/pattern/flags`` is a regular expression; any other string matches
literally. JavaScript and Python agree on the syntax these dictionaries use. The patterns are
the user's, so they are matched on a budget (``user_regex``): one that takes too long raises
``PatternTimeout``, which the engine reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...reading import user_regex

_REGEX_LIKE = re.compile(r"^/(.+)/([gimsuy]*)$", re.S)
_FLAGS = {"i": re.I, "m": re.M, "s": re.S}


def compile_pattern(pattern: str):
    """The compiled regex for one entry, or ``None`` when it is not a valid expression."""
    vetted = user_regex.is_vetted(pattern)
    m = _REGEX_LIKE.match(pattern)
    if not m:
        return user_regex.compile_pattern(re.escape(pattern), vetted=vetted)
    flags = 0
    for f in m.group(2):
        flags |= _FLAGS.get(f, 0)
    try:
        return user_regex.compile_pattern(m.group(1), flags, vetted=vetted)
    except user_regex.error:
        return None


def allow_patterns(patterns: Iterable[object], budget: float, option: str = "allow") -> list[user_regex.UserPattern]:
    """The usable entries of an ``allow`` option, each with ``budget`` CPU seconds for one document."""
    out = []
    for p in patterns:
        if not isinstance(p, str) or not p:
            continue
        rx = compile_pattern(p)
        if rx is not None:
            out.append(user_regex.UserPattern(rx, p, budget, option))
    return out


def matches_any(text: str, patterns: Iterable[user_regex.UserPattern]) -> bool:
    """True when any of ``patterns`` (from ``allow_patterns``) occurs in ``text``."""
    return any(p.search(text) is not None for p in patterns)
