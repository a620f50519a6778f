"""Counting characters the Japanese way, and reading time.

Japanese editors count characters (字), not words: the body's prose without Markdown
syntax, front matter, code, chunk markers or white space.
"""

from __future__ import annotations

import math

from .document import Document


def character_count(doc: Document | str) -> int:
    """Characters of prose in the body (markup, front matter, code and spaces excluded)."""
    if isinstance(doc, str):
        doc = Document(doc)
    total = 0
    for block in doc.prose_blocks():
        text = block.text
        code_chars = sum(m.end - m.start for m in block.marks if m.kind == "code")
        total += len(text) - code_chars - sum(text.count(ch) for ch in " \t\n\u3000")
    return total


def reading_minutes(characters: int, speed: int = 500) -> int:
    """Whole minutes to read ``characters`` at ``speed`` 字/分 (at least 1 for any text)."""
    if characters <= 0:
        return 0
    return max(1, math.ceil(characters / max(1, speed)))
