"""Str runs and Paragraph sentences of a document, as textlint's character rules see them.

Used by the character and sentence rules (JA001-JA004, JA006, JA007, JA013-JA016,
JA021-JA025). Offsets are plain-text offsets of the block; ``block.source_span`` maps back.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...reading.sentences import SEPARATORS, split_block
from ._segments import text_segments

_NOT_STR = frozenset({"code", "math"})


def in_quote(block) -> bool:
    return block.kind == "quote" or "blockquote" in block.containers


def paragraphs(doc, quotes: bool = False) -> Iterator:
    """Blocks that textlint sees as ``Paragraph`` nodes (headings and table cells are not)."""
    for block in doc.prose_blocks():
        if block.kind in ("paragraph", "list_item", "quote") and (quotes or not in_quote(block)):
            yield block


def str_runs(block, skip: frozenset[str] | set[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the block's ``Str`` nodes: text between inline marks, code excluded.

    Runs inside a mark whose kind is in ``skip`` (``link``, ``em``, ``strong`` ...) are left out.
    """
    return list(text_segments(block, _NOT_STR | frozenset(skip), keep_blank=True))


def sentences(doc, block, separators=SEPARATORS) -> list[tuple[int, int]]:
    """Sentence spans of ``block``; several rules ask for the same ones, so the document keeps them."""
    key = ("sentences", frozenset(separators))
    spans = block.views.get(key)
    if spans is None:
        spans = block.views[key] = tuple(split_block(block, doc.text, separators))
    return list(spans)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript counts a string."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2
