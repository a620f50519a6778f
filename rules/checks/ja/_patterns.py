"""``allow``-style options as textlint's regexp-string-matcher reads them.

An entry written ``/pattern/flags`` is a regular expression; any other string matches
literally. JavaScript and Python agree on the syntax these dictionaries use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_REGEX_LIKE = re.compile(r"^/(.+)/([gimsuy]*)$", re.S)
_FLAGS = {"i": re.I, "m": re.M, "s": re.S}


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> re.Pattern | None:
    """The regex for one entry, or ``None`` when it is not a valid expression."""
    m = _REGEX_LIKE.match(pattern)
    if not m:
        return re.compile(re.escape(pattern))
    flags = 0
    for f in m.group(2):
        flags |= _FLAGS.get(f, 0)
    try:
        return re.compile(m.group(1), flags)
    except re.error:
        return None


def matches_any(text: str, patterns: Iterable[str]) -> bool:
    """True when any entry of ``patterns`` occurs in ``text``."""
    for p in patterns:
        if not isinstance(p, str) or not p:
            continue
        rx = compile_pattern(p)
        if rx is not None and rx.search(text):
            return True
    return False
