"""Edits that rules share: deleting whole blocks without leaving stray blank lines."""

from __future__ import annotations


def block_removal(text: str, start: int, end: int) -> tuple[int, int]:
    """The span that deletes the lines ``text[start:end]`` together with one blank line.

    The line break after the block and the blank line that separates it from the next
    block go with it; at the very end of the text, the blank lines before it go instead,
    so the text neither gains nor keeps an empty paragraph.
    """
    e = end
    if text.startswith("\n", e):
        e += 1
    if text.startswith("\n", e):
        return start, e + 1
    if e >= len(text):
        s = start
        while s > 0 and text[s - 1] == "\n" and (s < 2 or text[s - 2] == "\n"):
            s -= 1
        return s, e
    return start, e
