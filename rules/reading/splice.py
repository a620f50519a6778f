"""Encoding edited text so that only the edited bytes change.

A file's bytes are not a function of its text: Shift_JIS has two codes for many characters
(NEC and IBM extensions: ``ⅰ`` is ``EEEF`` and ``FA40``), a file may mix LF, CRLF and lone CR
line endings, and a UTF-8 file may end inside a character. Re-encoding the whole text would
rewrite all of these. Instead, the new text is compared with the text the bytes were decoded
from, line by line and then inside each changed line, and every stretch the edit did not touch
is copied from the original bytes; only the edited characters are encoded anew.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .textio import SourceText

_CODEC = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be", "cp932": "cp932"}
_BOM = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
# Encodings in which the bytes CR and LF only ever stand for themselves, so lines can be
# cut in the bytes directly (not UTF-16, where they can be half of another character).
_BYTE_LINES = ("utf-8", "utf-8-sig", "cp932")
_WINDOW = 64  # lines looked ahead for the end of a block of changed lines
_SMALL = 2500  # old lines × new lines of a stretch aligned exactly
_GIVE_BACK = 8


@dataclass
class _Layout:
    bom: bytes
    contents: list[bytes]  # each line's bytes without its ending
    endings: list[bytes]  # each line's ending as it was ("" for the last line)
    tail: bytes  # bytes after the text: the start of a character cut off at the end


def plain_encode(source: SourceText, text: str) -> bytes:
    """``text`` in ``source``'s encoding with its usual line ending, with no original bytes to keep."""
    if source.newline != "\n":
        text = text.replace("\n", source.newline)
    return _BOM.get(source.encoding, b"") + text.encode(_CODEC.get(source.encoding, source.encoding))


def splice_encode(source: SourceText, text: str) -> bytes:
    """``text`` encoded like ``source``, with the original bytes of everything it did not change."""
    if source.raw is None or source.encoding not in _CODEC:
        return plain_encode(source, text)
    if text == source.text:
        return source.raw
    codec = _CODEC[source.encoding]
    old = source.text.split("\n")
    layout = _layout(source, codec)
    if layout is None or len(layout.contents) != len(old):
        return plain_encode(source, text)
    new = text.split("\n")
    pairs = _pair_lines(old, new)
    newline = source.newline.encode(codec)
    cr, lf = "\r".encode(codec), "\n".encode(codec)
    first_of: dict[str, int] | None = None
    out = [layout.bom]
    offset = 0  # of the current line in ``text``, for the position of an encoding error
    last = len(new) - 1
    for i, line in enumerate(new):
        j = pairs[i]
        if j >= 0 and old[j] == line:
            out.append(layout.contents[j])
        elif j >= 0:
            out.append(_splice_line(old[j], layout.contents[j], line, codec, text, offset))
        else:
            if first_of is None:  # a line the file already has keeps the bytes it has there
                first_of = {}
                for k, o in enumerate(old):
                    first_of.setdefault(o, k)
            k = first_of.get(line, -1)
            out.append(layout.contents[k] if k >= 0 else _encode(line, codec, text, offset))
        if i < last:
            end = layout.endings[j] if j >= 0 and layout.endings[j] else newline
            if end == lf and not line and out[-2] == cr:
                end = cr  # a lone CR, then this empty line's LF, would read as one CRLF
            out.append(end)
        offset += len(line) + 1
    # The cut character at the end stays unless the edit reached the end of the text.
    if layout.tail and new[-1].endswith(old[-1]) and (old[-1] or not new[-1]):
        out.append(layout.tail)
    return b"".join(out)


def _layout(source: SourceText, codec: str) -> _Layout | None:
    raw = source.raw
    assert raw is not None
    bom = _BOM.get(source.encoding, b"")
    if not raw.startswith(bom):
        return None
    body = raw[len(bom) :]
    tail = _cut_utf8_tail(body) if codec == "utf-8" else b""
    if tail:
        body = body[: -len(tail)]
    if source.encoding in _BYTE_LINES:
        parts = re.split(rb"(\r\n|\r|\n)", body)
        contents, endings = parts[0::2], parts[1::2]
    else:
        try:
            decoded = body.decode(codec)
        except UnicodeDecodeError:
            return None
        pieces = re.split(r"(\r\n|\r|\n)", decoded)
        contents = [p.encode(codec) for p in pieces[0::2]]
        endings = [p.encode(codec) for p in pieces[1::2]]
    endings.append(b"")
    return _Layout(bom, contents, endings, tail)


def _cut_utf8_tail(body: bytes) -> bytes:
    """The bytes of a UTF-8 character cut off at the end of ``body`` (empty when there is none)."""
    for k in range(1, min(3, len(body)) + 1):
        b = body[-k]
        if b < 0x80:
            return b""
        if b >= 0xC0:
            need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
            return body[-k:] if need > k else b""
    return b""


def _pair_lines(old: list[str], new: list[str]) -> list[int]:
    """For each new line, the old line it is (or is an edit of), or -1 for an inserted line.

    Equal ends are matched first. A small stretch left in between is aligned exactly
    (``_align_small``: equal lines, and changed lines with the line they are an edit of). A
    large one is cut by the lines that occur once on both sides (patience diff: the longest
    run of them in the same order) and each piece is done the same way; a large piece with no
    such line is walked (``_walk``). Near-linear for the edits fixes and editors make.
    """
    pairs = [-1] * len(new)
    stack = [(0, len(old), 0, len(new))]
    while stack:
        o1, o2, n1, n2 = stack.pop()
        while o1 < o2 and n1 < n2 and old[o1] == new[n1]:
            pairs[n1] = o1
            o1, n1 = o1 + 1, n1 + 1
        s = 0
        while s < min(o2 - o1, n2 - n1) and old[o2 - 1 - s] == new[n2 - 1 - s]:
            s += 1
        # The last few equal lines stay in the stretch: of two like lines next to a removal
        # (blank lines around a removed block) the alignment keeps the earlier one.
        for _ in range(s - min(s, _GIVE_BACK)):
            pairs[n2 - 1] = o2 - 1
            o2, n2 = o2 - 1, n2 - 1
        if o1 == o2 or n1 == n2:
            continue
        if (o2 - o1) * (n2 - n1) <= _SMALL:
            _align_small(old, new, o1, o2, n1, n2, pairs)
            continue
        anchors = _unique_anchors(old, new, o1, o2, n1, n2)
        if not anchors:
            _walk(old, new, o1, o2, n1, n2, pairs)
            continue
        prev_o, prev_n = o1, n1
        for ao, an in anchors:
            pairs[an] = ao
            stack.append((prev_o, ao, prev_n, an))
            prev_o, prev_n = ao + 1, an + 1
        stack.append((prev_o, o2, prev_n, n2))
    return pairs


def _align_small(old: list[str], new: list[str], o1: int, o2: int, n1: int, n2: int, pairs: list[int]) -> None:
    """The cheapest alignment of two short stretches of lines (edit distance over lines): a
    line dropped or added costs 1, an equal pair 0, a changed pair less the more it shares
    at its ends with the other line (2 at most, as much as dropping one and adding the other).

    Of equally cheap alignments, the one that keeps the earlier of two like old lines: a fix
    that removes a block removes the blank line after it, and the one before keeps its bytes.
    """
    n, m = o2 - o1, n2 - n1
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[0] * (m + 1) for _ in range(n + 1)]  # 1: pair, 2: drop old, 3: add new
    for x in range(n + 1):
        for y in range(m + 1):
            if not x and not y:
                continue
            # Ties go to dropping the old line, then to pairing: read back from the end,
            # that leaves the earlier old lines paired.
            best, move = float("inf"), 0
            if x:
                best, move = cost[x - 1][y] + 1, 2
            if x and y:
                a, b = old[o1 + x - 1], new[n1 + y - 1]
                c = cost[x - 1][y - 1] + (0.0 if a == b else 2.0 - 2.0 * _likeness(a, b))
                if c < best:
                    best, move = c, 1
            if y and cost[x][y - 1] + 1 < best:
                best, move = cost[x][y - 1] + 1, 3
            cost[x][y], step[x][y] = best, move
    x, y = n, m
    while x or y:
        move = step[x][y]
        if move == 1:
            x, y = x - 1, y - 1
            pairs[n1 + y] = o1 + x
        elif move == 2:
            x -= 1
        else:
            y -= 1


def _likeness(a: str, b: str) -> float:
    """How much of the longer of two lines their shared start and end make up (0 to 1)."""
    longest = max(len(a), len(b))
    return _shared_ends(a, b) / longest if longest else 1.0


def _unique_anchors(old: list[str], new: list[str], o1: int, o2: int, n1: int, n2: int) -> list[tuple[int, int]]:
    """Lines found exactly once in ``old[o1:o2]`` and once in ``new[n1:n2]``: the longest
    sequence of them in the same order on both sides, as (old index, new index)."""
    old_part, new_part = old[o1:o2], new[n1:n2]
    once_old = {line for line, count in Counter(old_part).items() if count == 1}
    once = {line for line, count in Counter(new_part).items() if count == 1 and line in once_old}
    if not once:
        return []
    at_old = {line: k for k, line in enumerate(old_part, o1) if line in once}
    matches = [(at_old[line], k) for k, line in enumerate(new_part, n1) if line in once]
    return _longest_increasing(matches)


def _longest_increasing(matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``matches`` (sorted by new index) increasing in old index."""
    tails: list[int] = []  # old index ending the best run of each length
    tail_at: list[int] = []  # its position in ``matches``
    back = [-1] * len(matches)
    for pos, (o, _) in enumerate(matches):
        k = bisect_left(tails, o)
        if k == len(tails):
            tails.append(o)
            tail_at.append(pos)
        else:
            tails[k], tail_at[k] = o, pos
        back[pos] = tail_at[k - 1] if k else -1
    out = []
    pos = tail_at[-1] if tail_at else -1
    while pos >= 0:
        out.append(matches[pos])
        pos = back[pos]
    return out[::-1]


def _walk(old: list[str], new: list[str], o1: int, o2: int, n1: int, n2: int, pairs: list[int]) -> None:
    """Match two long stretches with no line unique to both, front to back: equal lines pair;
    at a difference, the nearest equal pair within a window ends a block of changed lines,
    paired by likeness (a window's worth when there is none)."""
    positions: dict[str, list[int]] = {}
    for k in range(n1, n2):
        positions.setdefault(new[k], []).append(k)
    i, j = o1, n1
    while i < o2 and j < n2:
        if old[i] == new[j]:
            pairs[j] = i
            i, j = i + 1, j + 1
            continue
        best: tuple[int, int] | None = None
        for a in range(min(_WINDOW, o2 - i)):
            if best is not None and a >= best[0] + best[1]:
                break
            found = positions.get(old[i + a])
            if not found:
                continue
            k = bisect_left(found, j)
            if k < len(found) and found[k] - j < _WINDOW and (best is None or a + found[k] - j < sum(best)):
                best = (a, found[k] - j)
        a, b = best if best is not None else (min(_WINDOW, o2 - i), min(_WINDOW, n2 - j))
        for jn, jo in _pair_changed(old[i : i + a], new[j : j + b]):
            pairs[j + jn] = i + jo
        i, j = i + a, j + b


def _pair_changed(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pairs (new index, old index), in order, of changed lines that are edits of each other."""
    if len(old) == len(new):
        return list(enumerate(range(len(old))))
    out = []
    start = 0
    for jn, line in enumerate(new):
        best, best_score = -1, 0
        for jo in range(start, min(len(old), start + _WINDOW)):
            score = _shared_ends(old[jo], line)
            if score > best_score:
                best, best_score = jo, score
        if best >= 0:
            out.append((jn, best))
            start = best + 1
    return out


def _shared_ends(a: str, b: str) -> int:
    p = _common_prefix(a, b)
    return p + _common_suffix(a, b, min(len(a), len(b)) - p)


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    lo, hi = 0, n  # binary search on slices: C-speed comparisons for long lines
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _splice_line(old: str, raw: bytes, new: str, codec: str, text: str, offset: int) -> bytes:
    """``new`` encoded with the original bytes of the start and end it shares with ``old``."""
    p = _common_prefix(old, new)
    s = _common_suffix(old, new, min(len(old), len(new)) - p)
    head = _original_bytes(raw, old[:p], codec, at_start=True)
    if head is None:
        head, p = b"", 0
    back = _original_bytes(raw, old[len(old) - s :], codec, at_start=False) if s else b""
    if back is None:
        back, s = b"", 0
    return head + _encode(new[p : len(new) - s], codec, text, offset + p) + back


def _original_bytes(raw: bytes, part: str, codec: str, at_start: bool) -> bytes | None:
    """The bytes ``part`` was decoded from at the start (or end) of ``raw``; None when unsure."""
    if not part:
        return b""
    try:
        size = len(part.encode(codec))  # each character keeps its length in its other codes
    except UnicodeEncodeError:
        return None
    if size > len(raw):
        return None
    candidate = raw[:size] if at_start else raw[len(raw) - size :]
    try:
        return candidate if candidate.decode(codec) == part else None
    except UnicodeDecodeError:
        return None


def _encode(piece: str, codec: str, text: str, offset: int) -> bytes:
    try:
        return piece.encode(codec)
    except UnicodeEncodeError as exc:  # positioned in the whole text, for the caller's message
        raise UnicodeEncodeError(exc.encoding, text, offset + exc.start, offset + exc.end, exc.reason) from None
