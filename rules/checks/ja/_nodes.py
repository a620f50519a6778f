"""The pieces of a document that textlint's Japanese rules visit.

textlint rules read either ``Str`` nodes (runs of text between inline markup, code excluded)
or whole ``Paragraph`` nodes (their text with inline markup removed). Both are views of the
prose blocks' plain text, in plain-text offsets of the block.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._segments import text_segments

# textlint node types as the ``allowNodeTypes``-style options name them, and the inline mark
# kinds of ``rules.document`` they correspond to.
INLINE_NODE_MARKS = {
    "Link": "link",
    "Code": "code",
    "Emphasis": "em",
    "Strong": "strong",
    "Delete": "s",
    "Image": "image",
    "Html": "html",
}
_NOT_STR = frozenset({"code", "math"})


def str_nodes(doc) -> Iterator[tuple[object, int, int]]:
    """``(block, start, end)`` for every run of plain text that textlint sees as one ``Str``."""
    nodes = doc.views.get("str_nodes")
    if nodes is None:
        nodes = doc.views["str_nodes"] = tuple(_str_nodes(doc))
    return iter(nodes)


def _str_nodes(doc) -> Iterator[tuple[object, int, int]]:
    for block in doc.prose_blocks():
        for s, e in text_segments(block, _NOT_STR, keep_blank=False):
            yield block, s, e


def in_quote(block) -> bool:
    return block.kind == "quote" or "blockquote" in block.containers


def paragraphs(doc, ignore_types=()) -> Iterator[object]:
    """Blocks that are textlint ``Paragraph`` nodes, minus those inside ignored containers."""
    ignore = set(ignore_types or ())
    for block in doc.prose_blocks():
        if block.kind not in ("paragraph", "list_item", "quote"):
            continue
        if "BlockQuote" in ignore and in_quote(block):
            continue
        if "ListItem" in ignore and (block.kind == "list_item" or "list_item" in block.containers):
            continue
        yield block


def ignored_ranges(block, ignore_types=()) -> list[tuple[int, int]]:
    """Plain-text ranges of the inline nodes of ignored types inside ``block``."""
    kinds = {INLINE_NODE_MARKS[t] for t in (ignore_types or ()) if t in INLINE_NODE_MARKS}
    return [(m.start, m.end) for m in block.marks if m.kind in kinds]
