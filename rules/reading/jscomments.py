"""Find the comments of JavaScript-like code (``//`` and ``/* */``), skipping strings.

A lexer, not a parser: code that a JavaScript parser would reject is still scanned.
Regular-expression literals are recognised after an operator or at the start of a
statement, so ``/"/`` does not open a string.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Comment:
    """``code[start:end]`` is the comment's text, without ``//``, ``/*`` or ``*/``."""

    start: int
    end: int
    block: bool


_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^") | {""}


def comments(code: str) -> list[Comment]:
    out: list[Comment] = []
    i, n = 0, len(code)
    last = ""  # last significant character, to tell a regex literal from a division
    while i < n:
        c = code[i]
        if c == "/" and code.startswith("//", i):
            end = code.find("\n", i)
            end = n if end == -1 else end
            out.append(Comment(i + 2, end, False))
            i = end
            continue
        if c == "/" and code.startswith("/*", i):
            end = code.find("*/", i + 2)
            out.append(Comment(i + 2, n if end == -1 else end, True))
            i = n if end == -1 else end + 2
            continue
        if c in "'\"`":
            i = _skip_string(code, i, c)
            last = c
            continue
        if c == "/" and last in _REGEX_BEFORE:
            i = _skip_regex(code, i)
            last = "/"
            continue
        if not c.isspace():
            last = c
        i += 1
    return out


def _skip_string(code: str, i: int, quote: str) -> int:
    j = i + 1
    while j < len(code):
        ch = code[j]
        if ch == "\\":
            j += 2
            continue
        if ch == quote or (ch == "\n" and quote != "`"):
            return j + 1
        j += 1
    return j


def _skip_regex(code: str, i: int) -> int:
    j, in_class = i + 1, False
    while j < len(code):
        ch = code[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "\n":
            return i + 1  # not a regex after all
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "/" and not in_class:
            return j + 1
        j += 1
    return i + 1
