"""Text as the AI-writing rules of textlint see it: JavaScript's idea of white space, and
a paragraph's plain text as ``textlint-util-to-string``'s ``StringSource`` builds it.

The rules' regular expressions are written for JavaScript, where ``\\s`` and ``trim()``
know a fixed set of white-space characters and ``.`` stops at four line terminators;
Python's ``\\s``, ``strip()`` and ``.`` differ at the edges (``\\x1c``, ``\\x85``, ``\\ufeff``,
``\\r``), so the patterns are spelled with the sets below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# ECMAScript WhiteSpace and LineTerminator: what ``\s`` matches and ``trim()`` removes.
JS_SPACE_CHARS = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_SPACE = f"[{JS_SPACE_CHARS}]"
# ``.`` without the ``s`` flag.
JS_DOT = "[^\n\r\u2028\u2029]"
_TRIM = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"


def js_trim(text: str) -> str:
    """``String.prototype.trim``."""
    return text.strip(_TRIM)


@dataclass(frozen=True, slots=True)
class PlainText:
    """A paragraph's text with inline markup removed, and where each character is written.

    ``offsets[i]`` is the source offset of ``text[i]``; ``offsets[len(text)]`` is where the
    text ends. ``span(a, b)`` maps a match back as ``StringSource.originalIndexFromIndex``
    does: an end that falls between two inline nodes lands at the start of the next one.
    """

    text: str
    offsets: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets[start], self.offsets[end]


def plain_text(doc, block, *, drop_code: bool = False) -> PlainText:
    """``StringSource(paragraph).toString()`` of ``block``, with its offset map.

    A hard line break adds nothing (textlint's ``Break`` node has no value), a soft one is the
    line break itself; ``drop_code`` leaves inline code out, as the rules' ``replacer`` does.
    """
    key = ("aw_plain", drop_code)
    cached = block.views.get(key)
    if cached is not None:
        return cached
    text, offsets, src = block.text, block.offsets, doc.text
    hidden: list[tuple[int, int]] = []  # plain-text ranges left out
    if drop_code:
        hidden.extend((m.start, m.end) for m in block.marks if m.kind == "code" and m.end > m.start)
    i = text.find("\n")
    while i != -1:
        if _hard_break(src, offsets, i):
            hidden.append((i, i + 1))
        i = text.find("\n", i + 1)
    if not hidden:  # most paragraphs: the block's own text and map
        result = PlainText(text, offsets if offsets else (block.start,))
    else:
        parts: list[str] = []
        mapped: list[int] = []
        cursor = 0
        for a, b in sorted(hidden):
            if a > cursor:
                parts.append(text[cursor:a])
                mapped.extend(offsets[cursor:a])
            cursor = max(cursor, b)
        parts.append(text[cursor:])
        mapped.extend(offsets[cursor : len(text)])
        mapped.append(mapped[-1] + 1 if mapped else offsets[0])
        result = PlainText("".join(parts), mapped)
    block.views[key] = result
    return result


def _hard_break(src: str, offsets: list[int], i: int) -> bool:
    """True when the line break at plain index ``i`` is a hard break (``\\`` or two spaces)."""
    at = offsets[i]
    if at >= len(src) or src[at] != "\n":
        return False
    j = at - 1 if at > 0 and src[at - 1] == "\r" else at
    if j > 0 and src[j - 1] == "\\":
        return not (i > 0 and offsets[i - 1] == j - 1)  # an escaped backslash is text
    return src[max(0, j - 2) : j] == "  "
