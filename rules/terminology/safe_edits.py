"""Whether a terminology fix may be applied: it must never damage a word.

TM001 and TM002 propose replacements found by patterns and majorities. A replacement is
turned into a fix only when it

- neither starts nor ends inside a Latin word (「JGD2000から」 is not 「JGD200ゼロから」, and
  「Immutable」 does not contain the word 「table」), and does not glue new letters onto a
  word beside it;
- does not re-case an all-capitals token: an acronym, a constant or an environment variable
  (``TODO``, ``PORT``, ``LICENSE``, ``IT``) is written that way on purpose;
- does not touch text that is not prose: addresses, paths, file names, identifiers,
  ``KEY=value`` settings, literal strings in double quotes and quoted error messages.

The edit is first narrowed to what actually changes (「SRID無し」 → 「SRIDなし」 edits 「無し」
only), so a replacement that keeps a word intact is not refused for how its pattern was
written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_WORD_CHARS = "A-Za-z0-9_\u00c0-\u024fＡ-Ｚａ-ｚ０-９"
_WORD_CHAR = re.compile(f"[{_WORD_CHARS}]")
_WORD = re.compile(f"[{_WORD_CHARS}]+")
# Capital letters (and digits or underscores) only, with at least two capitals: IT, TODO, H2O_MAX.
_ALL_CAPS = re.compile(r"(?=(?:[A-Z0-9_]*[A-Z]){2})[A-Z0-9_]+")

# A run of characters that can make up an address, a path or an identifier; the whole run is
# judged, so the words of ``numpy.org/doc/stable`` or ``PORT=8080`` are not prose.
_RUN = re.compile(r"[A-Za-z0-9_.\-/@:#+~%=?&\\$]+")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_CODE_LIKE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.)"  # URL
    r"|_|/|\\|::|#|=|\?|&|%|~|\$"  # identifier, path, setting, variable
    r"|[A-Za-z0-9]\.[A-Za-z]",  # file.ext, example.com (and e-mail addresses), obj.attr, App.js
    re.I,
)
# CPU/GPU, TPU/Tpu: names side by side, not a path (usr/bin, and/or).
_NAMES_WITH_SLASH = re.compile(r"(?=.*[A-Z])[A-Za-z][A-Za-z0-9]*(?:/[A-Za-z][A-Za-z0-9]*){1,2}")
# "a literal in double quotes", an error message quoted after its type (SyntaxError: ...), and
# a line of log output (a time stamp or a [LEVEL] first).
_QUOTED = re.compile(
    r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”"
    r"|(?<![A-Za-z])[A-Za-z]*(?:Error|Exception|Warning|ERROR|WARN(?:ING)?|FATAL|error|warning):[ \t]*[^。\n]*"
    r"|^[ \t]*(?:\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{1,2}:\d{2}"
    r"|\[(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL)\])[^\n]*",
    re.M,
)


def is_word_char(ch: str) -> bool:
    return bool(ch) and _WORD_CHAR.match(ch) is not None


def is_all_caps(word: str) -> bool:
    """An acronym, constant or environment variable: ``IT``, ``TODO``, ``MAX_SIZE``, ``ＴＰＵ``."""
    return _ALL_CAPS.fullmatch(unicodedata.normalize("NFKC", word)) is not None


def inside_word(text: str, pos: int) -> bool:
    """True when ``pos`` falls between two characters of one Latin word."""
    return 0 < pos < len(text) and is_word_char(text[pos - 1]) and is_word_char(text[pos])


def not_prose_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (a block's plain text) that are not prose and are never rewritten:
    addresses, paths, file names, identifiers, settings, double-quoted literals and quoted
    error messages."""
    spans = []
    for run in _RUN.finditer(text):
        chunk = run.group().strip(".-:'+")
        if _ALNUM.search(chunk) and _CODE_LIKE.search(chunk) and not _NAMES_WITH_SLASH.fullmatch(chunk):
            spans.append((run.start(), run.end()))
    spans.extend((m.start(), m.end()) for m in _QUOTED.finditer(text))
    return spans


def narrow(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """The same replacement without the characters it leaves as they are."""
    old = text[start:end]
    p = 0
    while p < len(old) and p < len(new) and old[p] == new[p]:
        p += 1
    s = 0
    while s < len(old) - p and s < len(new) - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return start + p, end - s, new[p : len(new) - s]


def _recases_caps(old: str, new: str) -> bool:
    """True when an all-capitals word of ``old`` comes out of the edit in other letter case."""
    old_n, new_n = unicodedata.normalize("NFKC", old), unicodedata.normalize("NFKC", new)
    new_words = {w.casefold(): w for w in _WORD.findall(new_n)}
    for word in _WORD.findall(old_n):
        if is_all_caps(word):
            counterpart = new_words.get(word.casefold())
            if counterpart is not None and counterpart != word:
                return True
            if new_n.casefold() == old_n.casefold() and new_n != old_n:
                return True
    return False


def word_safe_edit(text: str, start: int, end: int, new: str) -> tuple[int, int, str] | None:
    """The edit to make for replacing ``text[start:end]`` by ``new``, or None when it would
    damage a word (see the module's docstring). Where the replacement begins or ends inside
    a word, the edit is narrowed to what changes, and allowed only if that is clear of words."""
    if start >= end and not new:
        return None
    if inside_word(text, start) or inside_word(text, end):
        start, end, new = narrow(text, start, end, new)
        if start == end and not new:
            return None
        if inside_word(text, start) or inside_word(text, end):
            return None
    # New letters must not run into the word beside the edit (「X」+「Unicode」 is a new word).
    if new and start > 0 and is_word_char(text[start - 1]) and is_word_char(new[0]):
        return None
    if new and end < len(text) and is_word_char(text[end]) and is_word_char(new[-1]):
        return None
    if _recases_caps(text[start:end], new):
        return None
    return start, end, new


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
