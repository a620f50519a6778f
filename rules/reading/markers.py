"""Chunk markers (``---END---`` and the like), wherever a generator left them in a line.

A generator that writes a post in chunks ends each one with a marker. Usually the marker
stands on a line of its own, but it also ends up after the last sentence of a chunk
(「…しましょう。 ---END---」), inside a heading (``## 見出し ---END---``), or before the next
chunk on the same line (``---END--- ### 次の節``). The marker is a block boundary in every case:
``masked`` gives the text the Markdown parser reads, with each marker turned into a blank line
(same length, so offsets do not move), and ``removal`` the edit that takes one out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---END---, --- END ---, ===END===, ---END OF ARTICLE---, and the dash forms a rendered page
# turns them into (—END—); [END], <END>, 【END】 only in capitals.
MARKER_RE = re.compile(
    r"(?:(?:-{3,}|={3,}|[—―]{1,3})[ \t]*(?i:END)(?:[ \t]+(?i:OF)[ \t]+[A-Za-z]+)?[ \t]*(?:-{3,}|={3,}|[—―]{1,3})"
    r"|\[END\]|<END>|【END】|＜END＞|<<END>>)"
)
# What a line may hold before a marker and still count as holding nothing: quote and list prefixes.
_PREFIX_ONLY = re.compile(r"[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*")
# A marker written between quotes is mentioned, not left behind (「---END---」を付ける).
_OPEN_QUOTES = "「『“\"'‘（(`"
_CLOSE_QUOTES = "」』”\"'’）)`"


@dataclass(slots=True)
class Marker:
    """A chunk marker: ``start``/``end`` its characters, ``line`` its 0-based line.

    ``alone`` when nothing but white space (or a quote or list prefix) shares its line;
    ``before``/``after`` whether text stands before or after it on the line.
    """

    start: int
    end: int
    line: int
    alone: bool = True
    before: bool = False
    after: bool = False


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end (newline excluded) of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def is_mention(text: str, start: int, end: int) -> bool:
    """The marker is quoted (「---END---」, "---END---"): the text talks about it."""
    before = text[start - 1 : start] if start > 0 else ""
    after = text[end : end + 1]
    return bool(before) and before in _OPEN_QUOTES and bool(after) and after in _CLOSE_QUOTES


def classify(text: str, start: int, end: int, line: int) -> Marker:
    """The marker at ``text[start:end]`` with what shares its line."""
    ls, le = line_bounds(text, start)
    before = not _PREFIX_ONLY.fullmatch(text[ls:start])
    after = bool(text[end:le].strip())
    return Marker(start, end, line, not before and not after, before, after)


def _spaces_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1] in " \t\u3000":
        start -= 1
    while end < len(text) and text[end] in " \t\u3000":
        end += 1
    return start, end


def masked(text: str, markers: list[Marker]) -> str:
    """``text`` with every marker turned into a blank line, offsets unchanged.

    A marker with text on both sides becomes a line break, a line of spaces and a line break,
    so the text before and after it are two blocks, as they were two chunks.
    """
    out: list[str] = []
    pos = 0
    for m in markers:
        if m.alone:
            start, end = line_bounds(text, m.start)
            piece = " " * (end - start)
        else:
            start, end = _spaces_around(text, m.start, m.end)
            if not m.before:
                start = line_bounds(text, m.start)[0]  # a list or quote prefix goes with it
            n = end - start
            if m.before and m.after:
                piece = "\n" + " " * (n - 2) + "\n"
            elif m.before:
                piece = "\n" + " " * (n - 1)
            else:
                piece = " " * (n - 1) + "\n"
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(piece)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _blank_line_at(text: str, pos: int) -> bool:
    """The line starting at ``pos`` is empty or missing."""
    return pos >= len(text) or not text[pos : line_bounds(text, pos)[1]].strip()


def removal(text: str, m: Marker) -> tuple[int, int, str]:
    """The edit that removes a marker sharing its line with text, keeping that text.

    ``…しましょう。 ---END---`` loses the marker; ``---END--- ### 次の節`` becomes the heading
    on its own line; a marker between two chunks on one line becomes a blank line between
    them. (A marker alone on its line is a block of its own; callers delete its line.)
    """
    start, end = _spaces_around(text, m.start, m.end)
    if not m.before:
        start = line_bounds(text, m.start)[0]
    if m.before and m.after:
        return start, end, "\n\n"
    if m.before:
        # The next line was a separate block (the marker ended its chunk): keep it one.
        next_start = end + 1
        return start, end, "" if _blank_line_at(text, next_start) else "\n"
    # Text after it only: it starts a new line already; keep a blank line before it if the
    # line above holds text, as the marker's line did.
    prev_end = start - 1
    prev_blank = start == 0 or not text[line_bounds(text, max(0, prev_end))[0] : prev_end].strip()
    return start, end, "" if prev_blank else "\n"
